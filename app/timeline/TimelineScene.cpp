#include "TimelineScene.h"

#include <qcustomplot.h>

namespace coroscope {

TimelineCoordinates TimelineScene::coordinates(const QCPAxis *axis, const QRect &plotArea)
{
    const QCPRange r = axis->range();
    return TimelineCoordinates {XRange {r.lower, r.upper}, double(plotArea.left()), double(plotArea.width())};
}

LaneHeights TimelineScene::laneHeights() const
{
    return LaneHeights {style.rowHeight(), style.lineHeight(), 4, style.summaryHeight()};
}

RowBox TimelineScene::rowBox(int row, const QRect &plotArea) const
{
    const LaneRow &r = lanes.at(row);
    RowBox box;
    box.top = std::round(rowTop(row, plotArea));
    box.height = r.height;
    const int top = int(box.top);
    if (r.kind == LaneRow::Lane && r.height >= style.rowHeight()) {
        box.barTop = top + style.barTop();
        box.barHeight = style.barHeight();
        box.outputTop = top + style.outputTop();
        box.outputHeight = style.outputHeight();
        box.markerSize = style.markerSize();
        box.font = &style.font();
        box.metrics = &style.metrics();
        return box;
    }
    // Compact: the bar fills the row but for a gap that keeps neighbours apart.
    box.roomy = false;
    const int pad = r.height >= 14 ? 2 : r.height >= 6 ? 1 : 0;
    box.barTop = top + pad;
    box.barHeight = std::max(2, r.height - 2 * pad - 1);
    box.markerSize = box.barHeight >= 10 ? std::min(style.markerSize(), int(std::lround(box.barHeight * 0.8))) : 0;
    box.font = &style.smallFont();
    box.metrics = &style.smallMetrics();
    box.labels = box.barHeight >= style.smallMetrics().height() - 1;
    return box;
}

int TimelineScene::laneRowOfEvent(std::uint32_t seq) const
{
    if (!layout.trace() || seq >= layout.eventCount())
        return -1;
    const int row = rowOfLane(layout.trace()->events[seq].lane);
    return row >= 0 && lanes.at(row).kind == LaneRow::Lane ? row : -1;
}

const LaneGroupActivity &TimelineScene::activity(int group) const
{
    if (m_activity.size() != lanes.groups().size()) {
        m_activity.clear();
        m_activity.resize(lanes.groups().size());
    }
    auto &a = m_activity[std::size_t(group)];
    if (!a)
        a = std::make_unique<LaneGroupActivity>(layout, lanes.group(group).rows);
    return *a;
}

std::optional<QPointF> TimelineScene::placed(std::uint32_t seq) const
{
    if (auto r = placedRect(seq))
        return r->center();
    return std::nullopt;
}

std::optional<QRectF> TimelineScene::placedRect(std::uint32_t seq) const
{
    for (const Hit &hit : hits) {
        if (hit.seq == seq)
            return hit.rect;
    }
    return std::nullopt;
}

} // namespace coroscope
