#pragma once

#include "TimelineCoordinates.h"

#include <QRect>
#include <QString>

class QPainter;

namespace coroscope {

struct TimelineScene;

// How groups of lanes are drawn: a collapsed group's summary lane (how many of its lanes wait or
// run, how many are done, column by column: a mountain of work in flight, not 100 bars on top of
// each other), an open group's title line, and their names in the lane column.
class TimelineGroupPainter
{
public:
    // "download() × 100", "from Task-1 main() × 50", "download() × 12 / 100" while filtered.
    static QString title(const TimelineScene &scene, int group);
    // "3 running · 80 waiting · 17 done" just after event `seq`.
    static QString countsText(const TimelineScene &scene, int group, qint64 seq);

    // The plot-area part of drawn row `row`.
    static void drawSummary(QPainter *painter, const TimelineScene &scene, int row, const QRect &area,
                            const TimelineCoordinates &coords);
    static void drawHeader(QPainter *painter, const TimelineScene &scene, int row, const QRect &area,
                           const TimelineCoordinates &coords);
    // The name column part: a fold arrow and the title (`left` to `right` pixels).
    static void drawName(QPainter *painter, const TimelineScene &scene, int row, const QRect &area, int left,
                         int right);
    // An open group's title pinned at the top of the name column while its lanes scroll under it.
    static void drawPinnedName(QPainter *painter, const TimelineScene &scene, int group, const QRect &area, int left,
                               int right);
    // The counts at the cursor under a summary's title (the cursor's layer: they change as it moves).
    static void drawCounts(QPainter *painter, const TimelineScene &scene, int row, const QRect &area, int left,
                           int right);

private:
    static void drawTitle(QPainter *painter, const TimelineScene &scene, int group, bool folded, double top, int left,
                          int right);
};

} // namespace coroscope
