#include "TimelineCoordinates.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace coroscope {

int RowGeometry::rowAt(double y) const
{
    if (rowHeight <= 0)
        return -1;
    return int(std::floor((y - top + scroll) / rowHeight));
}

void RowGeometry::visibleRows(double height, int rowCount, int &first, int &last) const
{
    if (rowHeight <= 0 || rowCount <= 0 || height <= 0) {
        first = last = 0;
        return;
    }
    first = std::clamp(int(std::floor(scroll / rowHeight)), 0, rowCount);
    last = std::clamp(int(std::ceil((scroll + height) / rowHeight)), first, rowCount);
}

double RowGeometry::maxScroll(int rowCount, double height) const
{
    return std::max(0.0, rowCount * rowHeight - height);
}

XRange clampRange(XRange range, XRange limits)
{
    const double w = range.width();
    if (w >= limits.width())
        return {limits.center() - w / 2, limits.center() + w / 2};
    if (range.start < limits.start)
        return {limits.start, limits.start + w};
    if (range.end > limits.end)
        return {limits.end - w, limits.end};
    return range;
}

XRange zoomRange(XRange range, double anchor, double factor, XRange limits, double minWidth)
{
    if (!(factor > 0) || range.width() <= 0)
        return range;
    double w = range.width() * factor;
    if (w < minWidth)
        w = minWidth;
    const double fraction = (anchor - range.start) / range.width(); // where the anchor sits, kept
    XRange out {anchor - fraction * w, anchor - fraction * w + w};
    if (limits.width() > 0 && out.width() > limits.width())
        return limits;
    return limits.width() > 0 ? clampRange(out, limits) : out;
}

XRange panRange(XRange range, double dx, XRange limits)
{
    XRange out {range.start + dx, range.end + dx};
    return limits.width() > 0 && out.width() <= limits.width() ? clampRange(out, limits) : out;
}

XRange fitRange(double dataStart, double dataEnd, double margin, double minWidth)
{
    if (dataEnd < dataStart)
        std::swap(dataStart, dataEnd);
    double w = dataEnd - dataStart;
    if (w < minWidth) {
        const double c = 0.5 * (dataStart + dataEnd);
        dataStart = c - minWidth / 2;
        dataEnd = c + minWidth / 2;
        w = minWidth;
    }
    return {dataStart - margin * w, dataEnd + margin * w};
}

XRange ensureVisible(XRange range, double x, double margin)
{
    const double w = range.width();
    const double m = margin * w;
    if (x < range.start + m)
        return {x - m, x - m + w};
    if (x > range.end - m)
        return {x + m - w, x + m};
    return range;
}

double secondsUnit(double resolution)
{
    resolution = std::fabs(resolution);
    if (resolution >= 0.1 || resolution == 0)
        return 1;
    if (resolution >= 1e-4)
        return 1e-3;
    if (resolution >= 1e-7)
        return 1e-6;
    return 1e-9;
}

std::string formatSeconds(double seconds, double resolution, double unit)
{
    // The unit suits the value (1 s, not 1000 ms), the decimals suit the resolution (1.002 s).
    if (unit != 1 && unit != 1e-3 && unit != 1e-6 && unit != 1e-9)
        unit = secondsUnit(std::max(std::fabs(seconds), std::fabs(resolution)));
    const char *suffix = unit == 1 ? "s" : unit == 1e-3 ? "ms" : unit == 1e-6 ? "µs" : "ns";
    const double value = seconds / unit;
    const double step = std::fabs(resolution) / unit; // resolution in the chosen unit
    int decimals = 0;
    if (step > 0)
        decimals = std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string text = buf;
    if (text.find('.') != std::string::npos) {
        while (text.back() == '0')
            text.pop_back();
        if (text.back() == '.')
            text.pop_back();
    }
    if (text == "-0")
        text = "0";
    return text + " " + suffix;
}

} // namespace coroscope
