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

    // Hidden, it takes no room (small panes).
    void setShown(bool shown);
    bool isShown() const { return m_shown; }
    // Redraw the cached legend next time (language or colours changed).
    void invalidate() { m_cache = QPixmap(); }

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
    QFont m_cacheFont; // the font the cache was drawn with
    bool m_shown = true;
};

} // namespace coroscope
