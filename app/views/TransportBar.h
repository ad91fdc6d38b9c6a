#pragma once

#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QSlider;

namespace coroscope {

class CursorController;
class PlaybackController;
class TraceDocument;

// The transport strip: buttons for the window's transport actions (to start, step back, play/pause,
// step forward, to end, next output), the position ("step 24 / 44 · 1.000 s"), a scrub slider over
// every event, and the playback speed. Nothing here holds state: it shows and moves the cursor.
class TransportBar : public QWidget
{
    Q_OBJECT
public:
    TransportBar(TraceDocument *document, CursorController *cursor, PlaybackController *playback,
                 QWidget *parent = nullptr);

    // A button for `action`, appended to the button row (left of the position label).
    void addAction(QAction *action);
    void addSeparator();
    // Buttons appended at the right end (the axis mode).
    void addTrailingAction(QAction *action);

    QSlider *scrubber() const { return m_scrub; }
    QSlider *speedSlider() const { return m_speed; }
    QLabel *positionLabel() const { return m_position; }
    void retranslate();

protected:
    void changeEvent(QEvent *event) override;

private:
    void sync();
    void syncSpeed(int stepsPerSecond);

    TraceDocument *m_document;
    CursorController *m_cursor;
    PlaybackController *m_playback;
    QHBoxLayout *m_buttons;
    QHBoxLayout *m_trailing;
    QLabel *m_position;
    QSlider *m_scrub;
    QLabel *m_speedTitle;
    QSlider *m_speed;
    QLabel *m_speedValue;
    bool m_syncing = false;
};

} // namespace coroscope
