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

// Steps: integer ticks, plain numbers.
class StepsTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange &range) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;
};

// Time: seconds in the unit that suits the zoom ("0 s", "250 ms", "12 µs").
class TimeTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange &range) override;
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar, int precision) override;

private:
    double m_step = 1;
    double m_unit = 1;
};

} // namespace coroscope
