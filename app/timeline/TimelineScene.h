#pragma once

#include "LaneGroupActivity.h"
#include "TimelineCoordinates.h"
#include "TimelineLanes.h"
#include "TimelineLayout.h"
#include "TimelineStyle.h"

#include <QRect>
#include <QRectF>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QCPAxis;

namespace coroscope {

// Where things go inside one drawn row, in pixels: roomy rows have a bar and a line for printed
// text under it; compact ones a bar only, with markers and labels when they fit.
struct RowBox {
    double top = 0; // the row's top edge
    int height = 0;
    int barTop = 0; // absolute
    int barHeight = 0;
    bool roomy = true;
    int outputTop = 0; // roomy: the printed lines' line
    int outputHeight = 0;
    int markerSize = 0; // 0: too thin for markers
    bool labels = true; // span labels fit in the bar
    const QFont *font = nullptr; // of labels and printed lines
    const QFontMetricsF *metrics = nullptr;
    double barCenter() const { return barTop + barHeight / 2.0; }
};

// What the timeline's layers share: the layout, the lanes drawn (groups, filter, heights), the
// style, the view state (axis, scroll, cursor, hover) and, filled by each full replot, where
// markers and labels were placed (hit tests, tests).
struct TimelineScene {
    TimelineLayout layout;
    TimelineLanes lanes;
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

    // The heights the lanes are made of, at the style's type size.
    LaneHeights laneHeights() const;
    // Drawn row `row` (an index into lanes.rows()) in the plot area.
    RowBox rowBox(int row, const QRect &plotArea) const;
    double rowTop(int row, const QRect &plotArea) const
    {
        return plotArea.top() + lanes.at(row).top - rowScroll;
    }
    // The drawn row under pixel `y`, or -1.
    int rowAt(double y, const QRect &plotArea) const { return lanes.rowAt(y - plotArea.top() + rowScroll); }
    // The drawn row of a trace lane (its own, or its group's summary), or -1 when it is not shown.
    int rowOfLane(std::uint32_t lane) const { return lanes.rowOfLayoutRow(layout.rowOfLane(lane)); }
    // The drawn row of the lane of event `seq`, but only when it is drawn on its own (-1 otherwise).
    int laneRowOfEvent(std::uint32_t seq) const;
    // A group's counts over the run (made on first use, kept until the groups change).
    const LaneGroupActivity &activity(int group) const;
    void clearActivity() { m_activity.clear(); }
    static TimelineCoordinates coordinates(const QCPAxis *axis, const QRect &plotArea);
    // Where event `seq` was drawn in the last replot (its marker's or label's centre), if it was.
    std::optional<QPointF> placed(std::uint32_t seq) const;
    // The rectangle it was drawn in, if it was.
    std::optional<QRectF> placedRect(std::uint32_t seq) const;

private:
    mutable std::vector<std::unique_ptr<LaneGroupActivity>> m_activity;
};

} // namespace coroscope
