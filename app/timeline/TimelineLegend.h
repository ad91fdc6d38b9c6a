#pragma once

#include <qcustomplot.h>

namespace coroscope {

struct TimelineScene;

// The legend under the plot: span styles, printed lines, arrows and marker shapes. Folded (the
// default) it is one strip, the most needed entries first and "more…" at the end when the rest do
// not fit; a click on it unfolds the whole legend, wrapped to the plot's width, and folds it again.
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
    bool isUnfolded() const { return m_unfolded; }
    void setUnfolded(bool unfolded);
    // Whether the folded strip leaves entries out (it then ends with "more…").
    bool hasMore() const;

    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override;
    void draw(QCPPainter *painter) override;

private:
    // Places the entries (and the more/less toggle, index -1 in `which`) in `width`; the height.
    int layoutItems(int width, QVector<QRectF> *rects, QVector<int> *which) const;
    void drawItems(QPainter *painter, const QRect &rect);

    TimelineScene *m_scene;
    QPixmap m_cache;
    QFont m_cacheFont; // the font the cache was drawn with
    bool m_shown = true;
    bool m_unfolded = false;
};

} // namespace coroscope
