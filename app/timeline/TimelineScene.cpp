#include "TimelineScene.h"

#include <qcustomplot.h>

namespace coroscope {

TimelineCoordinates TimelineScene::coordinates(const QCPAxis *axis, const QRect &plotArea)
{
    const QCPRange r = axis->range();
    return TimelineCoordinates {XRange {r.lower, r.upper}, double(plotArea.left()), double(plotArea.width())};
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
