#include "CursorController.h"

#include <algorithm>

namespace coroscope {

CursorController::CursorController(QObject *parent)
    : QObject(parent)
{
}

void CursorController::setEventCount(qint64 count)
{
    count = std::max<qint64>(count, 0);
    if (count != m_eventCount) {
        m_eventCount = count;
        emit eventCountChanged(count);
    }
    setCursor(m_cursor);
}

void CursorController::setCursor(qint64 seq)
{
    const qint64 wanted = std::clamp<qint64>(seq, -1, m_eventCount - 1);
    seq = m_limit == NoLimit ? wanted : std::min(wanted, m_limit);
    if (seq != m_cursor) {
        m_cursor = seq;
        emit cursorChanged(seq);
    }
    if (wanted > seq)
        emit blocked(wanted);
}

void CursorController::setLimit(qint64 seq)
{
    m_limit = seq == NoLimit ? NoLimit : std::max<qint64>(seq, -1);
    if (m_limit != NoLimit && m_cursor > m_limit) {
        m_cursor = m_limit;
        emit cursorChanged(m_cursor);
    }
}

void CursorController::setAxisMode(AxisMode mode)
{
    if (mode == m_axisMode)
        return;
    m_axisMode = mode;
    emit axisModeChanged(mode);
}

void CursorController::setRange(double start, double end)
{
    if (start == m_rangeStart && end == m_rangeEnd)
        return;
    m_rangeStart = start;
    m_rangeEnd = end;
    emit rangeChanged(start, end);
}

} // namespace coroscope
