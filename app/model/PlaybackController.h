#pragma once

#include <QObject>
#include <QTimer>

#include <QString>

#include <set>
#include <vector>

namespace coroscope {

class CursorController;
class TraceDocument;

// Moves the shared cursor on its own: play / pause at a speed in steps per second, run to the next
// printed line, and breakpoints on lines of the sample's C++ source (play stops at an event that
// enters such a line, see TraceIndex::entersLine). Owns no view state: every pane follows the cursor.
class PlaybackController : public QObject
{
    Q_OBJECT
public:
    PlaybackController(TraceDocument *document, CursorController *cursor, QObject *parent = nullptr);

    bool isPlaying() const { return m_timer.isActive(); }
    // Events per second while playing.
    int speed() const { return m_speed; }
    static const std::vector<int> &speedSteps(); // the values the speed control offers

    const std::set<int> &breakpoints() const { return m_breakpoints; }
    bool hasBreakpoint(int line) const { return m_breakpoints.count(line) != 0; }

public slots:
    void play();
    void pause();
    void togglePlay();
    void setSpeed(int stepsPerSecond);
    // Moves the cursor to the next Output event; false (and no move) when there is none.
    bool runToNextOutput();
    // Moves the cursor to the next breakpoint hit; false (and no move) when there is none.
    bool runToNextBreakpoint();
    void setBreakpoint(int line, bool on);
    void toggleBreakpoint(int line);
    void clearBreakpoints();

signals:
    void playingChanged(bool playing);
    void speedChanged(int stepsPerSecond);
    void breakpointsChanged();
    // Play stopped at `seq` because it enters breakpoint `line`.
    void breakpointHit(qint64 seq, int line);
    // Play stopped at the last event.
    void reachedEnd();

private:
    void tick();
    void documentChanged();

    TraceDocument *m_document;
    CursorController *m_cursor;
    QTimer m_timer;
    int m_speed = 4;
    std::set<int> m_breakpoints;
    QString m_breakpointsSample; // the sample the breakpoints belong to
};

} // namespace coroscope
