#pragma once

#include "TimelineCoordinates.h"

#include <QImage>
#include <QWidget>

namespace coroscope {

class TimelineWidget;
struct TimelineScene;

// The overview strip over the timeline: the whole run (every drawn row squeezed into a few dozen
// pixels, the whole x range) with the visible window framed on it. Drag the frame, or press
// anywhere, to move the view there in both directions. Its picture is made once per change of the
// rows, axis or width, from a few sampled rows per pixel line, so 100,000 lanes cost the same as 100.
class TimelineMinimap : public QWidget
{
    Q_OBJECT
public:
    TimelineMinimap(TimelineScene *scene, TimelineWidget *timeline, QWidget *parent = nullptr);

    // Make the picture again (rows, axis, trace or theme changed).
    void invalidate();
    // The strip's x range (the whole run) and where it is drawn, in this widget's coordinates.
    XRange wholeRange() const;
    QRect overviewRect() const;
    // The visible window's frame, in this widget's coordinates.
    QRectF windowFrame() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void render();
    void moveTo(QPointF pos);

    TimelineScene *m_scene;
    TimelineWidget *m_timeline;
    QImage m_image;
    bool m_dirty = true;
    bool m_dragging = false;
    QPointF m_grab; // where in the frame it was grabbed (relative to its centre)
};

} // namespace coroscope
