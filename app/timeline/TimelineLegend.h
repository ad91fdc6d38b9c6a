#pragma once

#include <qcustomplot.h>

namespace coroscope {

struct TimelineScene;

// The legend under the plot: marker shapes, span styles, printed lines and arrows, in a row that
// wraps to the plot's width.
class TimelineLegend : public QCPLayoutElement
{
    Q_OBJECT
public:
    explicit TimelineLegend(TimelineScene *scene, QCustomPlot *plot);

    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    int layoutItems(int width, QVector<QRectF> *rects) const;
    void drawItems(QPainter *painter, const QRect &rect);

    TimelineScene *m_scene;
    QPixmap m_cache;
    qreal m_cachePointSize = 0;
};

} // namespace coroscope
