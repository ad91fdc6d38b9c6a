#include "PlaybackController.h"

#include "CursorController.h"
#include "TraceDocument.h"

#include <algorithm>

namespace coroscope {

PlaybackController::PlaybackController(TraceDocument *document, CursorController *cursor, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_cursor(cursor)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1000 / m_speed);
    connect(&m_timer, &QTimer::timeout, this, &PlaybackController::tick);
    connect(document, &TraceDocument::traceChanged, this, &PlaybackController::documentChanged);
    m_breakpointsSample = document->sampleId();
}

const std::vector<int> &PlaybackController::speedSteps()
{
    static const std::vector<int> steps{1, 2, 3, 4, 6, 8, 12, 16, 25, 40, 60, 100};
    return steps;
}

void PlaybackController::play()
{
    if (isPlaying() || m_cursor->eventCount() == 0)
        return;
    if (m_cursor->cursor() >= m_cursor->eventCount() - 1) // at the end: play again from the start
        m_cursor->toStart();
    m_timer.start();
    emit playingChanged(true);
}

void PlaybackController::pause()
{
    if (!isPlaying())
        return;
    m_timer.stop();
    emit playingChanged(false);
}

void PlaybackController::togglePlay()
{
    isPlaying() ? pause() : play();
}

void PlaybackController::setSpeed(int stepsPerSecond)
{
    stepsPerSecond = std::clamp(stepsPerSecond, 1, 1000);
    if (stepsPerSecond == m_speed)
        return;
    m_speed = stepsPerSecond;
    m_timer.setInterval(1000 / m_speed);
    emit speedChanged(m_speed);
}

void PlaybackController::tick()
{
    const qint64 next = m_cursor->cursor() + 1;
    if (next >= m_cursor->eventCount()) {
        pause();
        emit reachedEnd();
        return;
    }
    m_cursor->setCursor(next);
    if (m_cursor->cursor() != next) { // held back (predict mode): whoever holds it has paused us
        pause();
        return;
    }
    const TraceIndex &index = m_document->index();
    if (index.entersLine(next) && hasBreakpoint(index.ownLine(next))) {
        pause();
        emit breakpointHit(next, index.ownLine(next));
    } else if (next == m_cursor->eventCount() - 1) {
        pause();
        emit reachedEnd();
    }
}

bool PlaybackController::runToNextOutput()
{
    const qint64 next = m_document->index().nextOutputAfter(m_cursor->cursor());
    if (next < 0)
        return false;
    pause();
    m_cursor->setCursor(next);
    return true;
}

bool PlaybackController::runToNextBreakpoint()
{
    const qint64 next = m_document->index().nextHitAfter(m_cursor->cursor(), m_breakpoints);
    if (next < 0)
        return false;
    pause();
    m_cursor->setCursor(next);
    emit breakpointHit(next, m_document->index().ownLine(next));
    return true;
}

void PlaybackController::setBreakpoint(int line, bool on)
{
    if (line <= 0 || hasBreakpoint(line) == on)
        return;
    if (on)
        m_breakpoints.insert(line);
    else
        m_breakpoints.erase(line);
    emit breakpointsChanged();
}

void PlaybackController::toggleBreakpoint(int line)
{
    setBreakpoint(line, !hasBreakpoint(line));
}

void PlaybackController::clearBreakpoints()
{
    if (m_breakpoints.empty())
        return;
    m_breakpoints.clear();
    emit breakpointsChanged();
}

void PlaybackController::documentChanged()
{
    pause();
    // Breakpoints are lines of one sample's source: they survive a re-run, not a change of sample.
    const QString sample = m_document->sampleId();
    if (sample != m_breakpointsSample) {
        m_breakpointsSample = sample;
        clearBreakpoints();
    }
}

} // namespace coroscope
