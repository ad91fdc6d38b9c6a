#include "PredictController.h"

#include "CursorController.h"
#include "PlaybackController.h"
#include "TraceDocument.h"

namespace coroscope {

PredictController::PredictController(TraceDocument *document, CursorController *cursor,
                                     PlaybackController *playback, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_cursor(cursor)
    , m_playback(playback)
{
    connect(document, &TraceDocument::traceChanged, this, &PredictController::onTraceChanged);
    connect(cursor, &CursorController::blocked, this, &PredictController::onBlocked);
    connect(cursor, &CursorController::cursorChanged, this, &PredictController::onCursorChanged);
}

int PredictController::outputCount() const
{
    return int(m_document->index().outputs().size());
}

qint64 PredictController::hiddenFrom() const
{
    const auto &outputs = m_document->index().outputs();
    return m_enabled && std::size_t(m_revealed) < outputs.size() ? qint64(outputs[std::size_t(m_revealed)])
                                                                 : -1;
}

void PredictController::setEnabled(bool on)
{
    if (on == m_enabled)
        return;
    m_enabled = on;
    m_asking = false;
    // What is on screen already has been seen.
    m_revealed = on ? m_document->index().outputCountAt(m_cursor->cursor()) : 0;
    apply();
    emit changed();
}

void PredictController::apply()
{
    const qint64 hidden = hiddenFrom();
    m_cursor->setLimit(hidden >= 0 ? hidden - 1 : CursorController::NoLimit);
}

bool PredictController::reveal()
{
    const qint64 hidden = hiddenFrom();
    if (hidden < 0 || m_cursor->cursor() != hidden - 1)
        return false;
    ++m_revealed;
    m_asking = false;
    apply();
    emit changed();
    m_cursor->setCursor(hidden); // the console shows it as just printed
    return true;
}

void PredictController::onTraceChanged()
{
    if (!m_enabled)
        return;
    m_asking = false;
    m_revealed = m_document->index().outputCountAt(m_cursor->cursor());
    apply();
    emit changed();
}

void PredictController::onBlocked(qint64 wanted)
{
    const qint64 hidden = hiddenFrom();
    if (hidden < 0 || wanted < hidden)
        return;
    m_playback->pause();
    if (!m_asking) {
        m_asking = true;
        emit changed();
    }
}

void PredictController::onCursorChanged(qint64 seq)
{
    // Stepping back takes the question away; it comes again at the next attempt to pass.
    if (m_asking && seq != hiddenFrom() - 1) {
        m_asking = false;
        emit changed();
    }
}

} // namespace coroscope
