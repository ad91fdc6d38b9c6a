#pragma once

#include <cstdint>
#include <string>

namespace coroscope {

// The timeline's two x axes: one column per event, or the run's clock in seconds.
enum class TimelineAxis : std::uint8_t { Steps, Time };

// A visible x interval in the current axis' units (steps or seconds).
struct XRange {
    double start = 0;
    double end = 1;
    double width() const { return end - start; }
    double center() const { return 0.5 * (start + end); }
    bool contains(double x) const { return x >= start && x <= end; }
    bool operator==(const XRange &) const = default;
};

// x <-> pixel for the plot area (after hotspot's TimeLineData and Qt Creator's timelinecoordinates):
// `start` maps to `left`, `end` to `left + width`.
struct TimelineCoordinates {
    XRange range;
    double left = 0; // pixel of range.start
    double width = 1; // pixels covered by the range

    double pixelsPerUnit() const { return range.width() > 0 ? width / range.width() : 0; }
    double unitsPerPixel() const { return width > 0 ? range.width() / width : 0; }
    double toPixel(double x) const { return left + (x - range.start) * pixelsPerUnit(); }
    double toX(double pixel) const { return range.start + (pixel - left) * unitsPerPixel(); }
};

// Rows are laid out top-down with a fixed pixel height; `scroll` pixels of content are above `top`.
struct RowGeometry {
    double top = 0; // pixel of the plot area's top edge
    double rowHeight = 40; // pixels per row
    double scroll = 0; // content pixels scrolled out above the top edge

    double rowTop(int row) const { return top + row * rowHeight - scroll; }
    // The row under pixel `y` (may be < 0 or >= rowCount: the caller checks).
    int rowAt(double y) const;
    // Rows [first, last) that intersect the pixel band [top, top + height).
    void visibleRows(double height, int rowCount, int &first, int &last) const;
    // The largest useful scroll for `rowCount` rows in a band `height` pixels high.
    double maxScroll(int rowCount, double height) const;
};

// Zoom by `factor` (< 1 zooms in) keeping `anchor` at the same pixel; the result is at least
// `minWidth` wide and, when `limits` is wider than the result, lies inside `limits`.
XRange zoomRange(XRange range, double anchor, double factor, XRange limits, double minWidth);
// Shift by `dx` units, kept inside `limits` when it fits.
XRange panRange(XRange range, double dx, XRange limits);
// Keep `range` inside `limits` (shifting, not shrinking) when it fits; else centre it on them.
XRange clampRange(XRange range, XRange limits);
// The range showing [dataStart, dataEnd] with `margin` (a fraction of the width) on each side and
// at least `minWidth` wide.
XRange fitRange(double dataStart, double dataEnd, double margin, double minWidth);
// The smallest shift of `range` that brings `x` inside it, `margin` (fraction of the width) from
// its edges; `range` itself when `x` is already well inside.
XRange ensureVisible(XRange range, double x, double margin);

// "1.5 s", "250 ms", "12 µs", "0 s", "1.002 s": seconds in the unit that suits the value (or the
// resolution, when larger), with the decimals `resolution` (the smallest difference that matters,
// e.g. the tick step) needs and no trailing zeros. `unit` (1, 1e-3, 1e-6, 1e-9) forces a unit, so
// that all ticks of an axis share one.
std::string formatSeconds(double seconds, double resolution, double unit = 0);
// The unit for a magnitude: 1 (>= 0.1 s, or 0), 1e-3, 1e-6 or 1e-9.
double secondsUnit(double magnitude);

} // namespace coroscope
