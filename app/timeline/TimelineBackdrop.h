#pragma once

#include <qcustomplot.h>

namespace coroscope {

struct TimelineScene;

// Behind the spans: alternate row shading, row separators and, in the column left of the plot,
// each lane's name (as Python names it), its kind and a swatch of its colour and hatch.
class TimelineBackdrop : public QCPLayerable
{
    Q_OBJECT
public:
    TimelineBackdrop(TimelineScene *scene, QCPAxisRect *axisRect);

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;
    QRect clipRect() const override;

private:
    TimelineScene *m_scene;
    QCPAxisRect *m_axisRect;
};

} // namespace coroscope
