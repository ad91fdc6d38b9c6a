#pragma once

#include "TimelineCoordinates.h"
#include "TimelineLayout.h"
#include "TimelineStyle.h"

#include <QRect>
#include <QRectF>

#include <cstdint>
#include <optional>
#include <vector>

class QCPAxis;

namespace coroscope {

// What the timeline's layers share: the layout, the style, the view state (axis, scroll, cursor,
// hover) and, filled by each full replot, where markers and labels were placed (hit tests, tests).
struct TimelineScene {
    TimelineLayout layout;
    TimelineStyle style;
    TimelineAxis axis = TimelineAxis::Steps;
    double rowScroll = 0; // pixels of rows scrolled out above the plot's top
    std::int64_t cursor = -1;
    std::int64_t hover = -1;
    int labelColumnWidth = 200; // the lane names' column, left of the plot area
    // Predict mode: printed lines from this seq on are not drawn (-1: all are); the first of them
    // shows as a "?" box when `askOutput` is set.
    std::int64_t hiddenOutputsFrom = -1;
    bool askOutput = false;
    bool showCursor = true; // false: no cursor line, nothing dimmed (the compare view shows whole runs)
    std::vector<std::uint32_t> bookmarks; // annotated steps, sorted: a flag each
    bool outputHidden(std::uint32_t seq) const { return hiddenOutputsFrom >= 0 && seq >= hiddenOutputsFrom; }

    // Limits of detail per frame (labels, markers and arrows only when zoomed in enough).
    double mergePixels = 2.5; // spans narrower than this merge with their neighbours
    double markerSpacing
        = 9; // a row draws markers when its visible events are at least this far apart on average
    int maxLabels = 400;
    int maxArrows = 300;
    int maxOutputsPerRow = 300;

    struct Hit {
        QRectF rect;
        std::uint32_t seq = 0;
    };
    std::vector<Hit> hits; // markers then labels, in drawing order (later ones on top)

    struct FrameStats {
        std::size_t rows = 0, spans = 0, merged = 0, rects = 0, markers = 0, labels = 0, arrows = 0;
    };
    FrameStats stats;

    RowGeometry rowGeometry(const QRect &plotArea) const
    {
        return RowGeometry {double(plotArea.top()), double(style.rowHeight()), rowScroll};
    }
    static TimelineCoordinates coordinates(const QCPAxis *axis, const QRect &plotArea);
    // Where event `seq` was drawn in the last replot (its marker's or label's centre), if it was.
    std::optional<QPointF> placed(std::uint32_t seq) const;
    // The rectangle it was drawn in, if it was.
    std::optional<QRectF> placedRect(std::uint32_t seq) const;
};

} // namespace coroscope
