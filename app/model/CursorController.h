#pragma once

#include <QObject>

namespace coroscope {

// The one cursor, axis mode and visible range that every view follows (after Qt Creator's
// TimelineZoomControl). Setters emit only on a real change, so views can call them freely.
class CursorController : public QObject
{
    Q_OBJECT
public:
    enum class AxisMode { Steps, Time };
    Q_ENUM(AxisMode)

    explicit CursorController(QObject *parent = nullptr);

    // The current event: -1 before the first event, else a seq in [0, eventCount).
    qint64 cursor() const { return m_cursor; }
    qint64 eventCount() const { return m_eventCount; }
    AxisMode axisMode() const { return m_axisMode; }
    // The timeline's visible x range, in the current axis mode's units (steps or seconds).
    double rangeStart() const { return m_rangeStart; }
    double rangeEnd() const { return m_rangeEnd; }
    // The furthest seq the cursor may reach (predict mode holds it before a line not yet revealed);
    // -2 (NoLimit): the last event.
    static constexpr qint64 NoLimit = -2;
    qint64 limit() const { return m_limit; }

public slots:
    void setEventCount(qint64 count); // clamps the cursor
    void setCursor(qint64 seq);       // clamped to [-1, eventCount - 1]
    void stepForward() { setCursor(m_cursor + 1); }
    void stepBack() { setCursor(m_cursor - 1); }
    void toStart() { setCursor(-1); }
    void toEnd() { setCursor(m_eventCount - 1); }
    void setAxisMode(coroscope::CursorController::AxisMode mode);
    void setRange(double start, double end);
    // Clamps the cursor too; NoLimit lifts it.
    void setLimit(qint64 seq);

signals:
    // A move to `wanted` stopped at the limit (the cursor is at the limit now).
    void blocked(qint64 wanted);
    void cursorChanged(qint64 seq);
    void eventCountChanged(qint64 count);
    void axisModeChanged(coroscope::CursorController::AxisMode mode);
    void rangeChanged(double start, double end);

private:
    qint64 m_cursor = -1;
    qint64 m_eventCount = 0;
    AxisMode m_axisMode = AxisMode::Steps;
    double m_rangeStart = 0;
    double m_rangeEnd = 1;
    qint64 m_limit = NoLimit;
};

} // namespace coroscope
