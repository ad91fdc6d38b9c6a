#pragma once

#include <QWidget>

namespace coroscope {

class CursorController;
class TraceDocument;

// The timeline: one lane per task / coroutine / generator / worker plus the event loop's lane,
// drawn with QCustomPlot from the document's trace; follows and moves the shared cursor.
// (Interface agreed with the main window; the timeline owner extends it.)
class TimelineWidget : public QWidget
{
    Q_OBJECT
public:
    TimelineWidget(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);
    ~TimelineWidget() override;

public slots:
    void fitAll(); // zoom to show the whole run
};

} // namespace coroscope
