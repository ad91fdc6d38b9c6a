// Lanes at the scale of real programs: runs of 10,000 and 100,000 tasks recorded by the runtime.
// The lane layout (rows, groups, folds, heights), replots at 1600x900 with the group folded to its
// summary, opened (compact lanes) and ungrouped, zoomed out and in, and a step of the cursor.
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "timeline/LaneGroupActivity.h"
#include "timeline/TimelineLanes.h"
#include "timeline/TimelineWidget.h"

#include <qcustomplot.h>

#include <QApplication>

#include <cstdio>

namespace coroscope::bench::lanes {

// Each task sleeps a while (so that the time axis has something to show), then yields `switches`
// times; main gathers them all.
Task<> worker(int i, int switches)
{
    co_await sleep(0.001 * (1 + i % 50));
    for (int k = 0; k < switches; ++k)
        co_await sleep(0);
}

Task<> main(int tasks, int switches)
{
    std::vector<Task<>> all;
    all.reserve(std::size_t(tasks));
    for (int i = 0; i < tasks; ++i)
        all.push_back(worker(i, switches));
    co_await gather(std::move(all));
}

} // namespace coroscope::bench::lanes

namespace coroscope::bench {

namespace {

Trace recordLanes(int tasks, int switches)
{
    RunOptions options;
    options.eventBudget = 50'000'000;
    auto result = runProgram([=] { run(lanes::main(tasks, switches)); }, options, {{"sample", "lanes"}});
    if (!result.ok())
        std::fprintf(stderr, "  the lanes run stopped: %s\n", result.error.c_str());
    return std::move(result.trace);
}

double replotMs(TimelineWidget &w)
{
    w.plot()->replot(QCustomPlot::rpImmediateRefresh); // warm (a summary's counts are made on first use)
    return bestOf(15, [&] { return cpuNs([&] { w.plot()->replot(QCustomPlot::rpImmediateRefresh); }); }) / 1e6;
}

void benchLanes(const char *tag, int tasks, int switches)
{
    auto &s = summary();
    const std::string t(tag);
    const double r0 = wallNs();
    Trace trace = recordLanes(tasks, switches);
    const std::size_t n = trace.events.size();
    std::printf("  (%s: %zu events on %zu lanes, recorded in %.0f ms)\n", tag, n, trace.lanes.size(),
                (wallNs() - r0) / 1e6);

    // The lane layout alone: the timeline's rows from the trace, then groups, folds and heights.
    const LaneHeights heights {60, 22, 4, 48};
    TimelineLayout layout;
    TimelineLanes lanes;
    const double full = bestOf(5, [&] {
        return cpuNs([&] {
            layout.build(trace);
            lanes.build(layout, LaneGrouping::Auto);
            lanes.collapseToFit(heights, 780);
            lanes.arrange(heights, 780, -1);
        });
    });
    s.add("layout_ms_" + t + "_lanes", full / 1e6);
    s.add("lanes_group_fold_arrange_ms_" + t, bestOf(5, [&] {
              return cpuNs([&] {
                  lanes.build(layout, LaneGrouping::Auto);
                  lanes.collapseToFit(heights, 780);
                  lanes.arrange(heights, 780, -1);
              });
          }) / 1e6);
    lanes.setAllCollapsed(false);
    s.add("lanes_arrange_open_ms_" + t,
          bestOf(5, [&] { return cpuNs([&] { lanes.arrange(heights, 780, -1); }); }) / 1e6);
    if (!lanes.groups().empty())
        s.add("group_counts_ms_" + t, bestOf(3, [&] {
                  return cpuNs([&] {
                      LaneGroupActivity a(layout, lanes.group(0).rows);
                      doNotOptimize(a.memoryUsage());
                  });
              }) / 1e6);

    // The widget at 1600x900.
    TraceDocument document;
    CursorController cursor;
    TimelineWidget widget(&document, &cursor);
    widget.resize(1600, 900);
    widget.show();
    QApplication::processEvents();
    s.add("timeline_set_trace_ms_" + t + "_lanes",
          cpuNs([&] { document.setTrace(std::move(trace), QStringLiteral("lanes")); }) / 1e6);
    cursor.setEventCount(qint64(n));
    cursor.setCursor(qint64(n / 2));
    QApplication::processEvents();
    const bool folded = !widget.lanes().groups().empty() && widget.lanes().group(0).collapsed;
    std::printf("  (opens with %zu group(s), %s, %d rows drawn)\n", widget.lanes().groups().size(),
                folded ? "folded" : "open", widget.lanes().count());

    struct View {
        const char *name;
        LaneGrouping grouping;
        bool fold;
    };
    for (const View &v : {View {"folded", LaneGrouping::Auto, true}, View {"open", LaneGrouping::Auto, false},
                          View {"flat", LaneGrouping::None, false}}) {
        widget.setGrouping(v.grouping);
        widget.setAllGroupsCollapsed(v.fold);
        cursor.setAxisMode(CursorController::AxisMode::Steps);
        widget.fitAll();
        QApplication::processEvents();
        const std::string key = "replot_ms_" + t + "_lanes_" + v.name;
        s.add(key + "_out", replotMs(widget));
        widget.setVisibleRange(double(n / 2) - 500, double(n / 2) + 500);
        s.add(key + "_in", replotMs(widget));
        cursor.setAxisMode(CursorController::AxisMode::Time);
        widget.fitAll();
        QApplication::processEvents();
        s.add(key + "_out_time", replotMs(widget));
    }

    // A step of the cursor: folded, only the cursor's layer repaints; open, the cursor's lane
    // changes at nearly every step of this run and the lanes scroll to it (a full replot).
    cursor.setAxisMode(CursorController::AxisMode::Steps);
    for (const View &v : {View {"folded", LaneGrouping::Auto, true}, View {"open", LaneGrouping::Auto, false}}) {
        widget.setGrouping(v.grouping);
        widget.setAllGroupsCollapsed(v.fold);
        widget.setVisibleRange(double(n / 2) - 500, double(n / 2) + 500);
        cursor.setCursor(qint64(n / 2));
        QApplication::processEvents();
        widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
        s.add(std::string("cursor_step_ms_") + t + "_lanes_" + v.name, bestOf(15, [&] {
                  return cpuNs([&] {
                      cursor.stepForward();
                      QApplication::processEvents(); // a queued full replot, when the lanes scrolled
                      widget.plot()->repaint();
                  });
              }) / 1e6);
    }
}

} // namespace

void runLanesBench(const Options &options)
{
    std::printf("lanes (1600x900)\n");
    benchLanes("10k", 10'000, 10);
    if (options.tenMillion)
        benchLanes("100k", 100'000, 2);
}

} // namespace coroscope::bench
