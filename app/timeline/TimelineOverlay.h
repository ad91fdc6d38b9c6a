#pragma once

#include <qcustomplot.h>

#include <cstdint>

namespace coroscope {

struct TimelineScene;

// On its own buffered layer, so moving the cursor or hovering never redraws the spans: the cursor
// line and its label, everything after the cursor dimmed, rings on the cursor's and the hovered event.
class TimelineOverlay : public QCPLayerable
{
    Q_OBJECT
public:
    TimelineOverlay(TimelineScene *scene, QCPAxisRect *axisRect, QCPAxis *keyAxis);

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;
    QRect clipRect() const override;

private:
    QPointF eventPoint(std::int64_t seq) const;

    TimelineScene *m_scene;
    QCPAxisRect *m_axisRect;
    QCPAxis *m_keyAxis;
};

} // namespace coroscope
