#pragma once

#include "TimelineLayout.h"

#include <qcustomplot.h>

#include <vector>

namespace coroscope {

struct TimelineScene;

// The timeline's bulk: every visible row's spans (merged below a few pixels), then, when zoomed in
// enough, span labels, event markers, printed lines and wake-up arrows. One QCustomPlot plottable
// that paints only the visible range from the layout's flat arrays (never one QCPItem per event).
class TimelineSpansPlottable : public QCPAbstractPlottable
{
    Q_OBJECT
public:
    TimelineSpansPlottable(TimelineScene *scene, QCPAxis *keyAxis, QCPAxis *valueAxis);

    double selectTest(const QPointF &pos, bool onlySelectable, QVariant *details = nullptr) const override;
    QCPRange getKeyRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth) const override;
    QCPRange getValueRange(bool &foundRange, QCP::SignDomain inSignDomain = QCP::sdBoth,
                           const QCPRange &inKeyRange = QCPRange()) const override;

protected:
    void draw(QCPPainter *painter) override;
    void drawLegendIcon(QCPPainter *painter, const QRectF &rect) const override;

private:
    struct Frame;
    // `row`: a drawn row holding one lane.
    void drawRow(QCPPainter *painter, Frame &frame, int row);
    void drawArrows(QCPPainter *painter, Frame &frame);

    TimelineScene *m_scene;
    std::vector<LodSpan> m_lod; // scratch, reused across frames
};

} // namespace coroscope
