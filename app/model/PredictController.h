#pragma once

#include <QObject>

namespace coroscope {

class CursorController;
class PlaybackController;
class TraceDocument;

// Predict mode: the class guesses each printed line before it is shown. Lines not yet revealed stay
// hidden; the cursor is held on the event just before the first of them (CursorController::setLimit),
// so playing, stepping or jumping stops there and the controller asks "what prints next?" until
// reveal() shows the line and lets the cursor on. Lines already printed when the mode starts, and any
// line revealed once, stay revealed when stepping back and forth.
class PredictController : public QObject
{
    Q_OBJECT
public:
    PredictController(TraceDocument *document, CursorController *cursor, PlaybackController *playback,
                      QObject *parent = nullptr);

    bool isEnabled() const { return m_enabled; }
    // The seq of the first Output event not yet revealed: it and every later line are hidden.
    // -1 when nothing is hidden (mode off, or every line revealed).
    qint64 hiddenFrom() const;
    // A move tried to go onto the hidden line: the class is asked what it prints.
    bool isAsking() const { return m_asking; }
    int revealedCount() const { return m_revealed; }
    int outputCount() const;

public slots:
    void setEnabled(bool on);
    // Shows the next hidden line and moves the cursor onto it (when the cursor waits right before it).
    bool reveal();

signals:
    // Any of: enabled, hiddenFrom, asking.
    void changed();

private:
    void apply();
    void onTraceChanged();
    void onBlocked(qint64 wanted);
    void onCursorChanged(qint64 seq);

    TraceDocument *m_document;
    CursorController *m_cursor;
    PlaybackController *m_playback;
    bool m_enabled = false;
    bool m_asking = false;
    int m_revealed = 0; // lines revealed, from the first
};

} // namespace coroscope
