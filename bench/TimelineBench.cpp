// Timeline: replotting at 1600x900 zoomed out to the whole run and zoomed in to ~1000 events, on a
// 1M-event and a 10M-event run recorded by the runtime.
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "timeline/TimelineWidget.h"

#include <qcustomplot.h>

#include <QApplication>

#include <algorithm>
#include <cstdio>

namespace coroscope::bench {

namespace {

// Best thread CPU time of `n` immediate replots (every layer: spans, labels, markers, cursor).
double replotMs(TimelineWidget &w, int n = 15)
{
    w.plot()->replot(QCustomPlot::rpImmediateRefresh); // warm
    return bestOf(n, [&] { return cpuNs([&] { w.plot()->replot(QCustomPlot::rpImmediateRefresh); }); }) / 1e6;
}

void benchSize(const char *tag, std::size_t events)
{
    auto &s = summary();
    const std::string t(tag);
    const double r0 = wallNs();
    Trace trace = recordWorkers(events);
    const std::size_t n = trace.events.size();
    std::printf("  (%s: %zu events on %zu lanes, recorded in %.0f ms)\n", tag, n, trace.lanes.size(),
                (wallNs() - r0) / 1e6);

    TraceDocument document;
    CursorController cursor;
    TimelineWidget widget(&document, &cursor);
    widget.resize(1600, 900);
    widget.show();
    QApplication::processEvents();
    const double setMs = cpuNs([&] { document.setTrace(std::move(trace), QStringLiteral("bench")); }) / 1e6;
    s.add("timeline_set_trace_ms_" + t, setMs);
    cursor.setEventCount(qint64(n));
    cursor.setCursor(qint64(n / 2));
    QApplication::processEvents();

    for (auto mode : {CursorController::AxisMode::Steps, CursorController::AxisMode::Time}) {
        cursor.setAxisMode(mode);
        const std::string axis = mode == CursorController::AxisMode::Steps ? "" : "_time";
        widget.fitAll();
        s.add("replot_ms_" + t + "_out" + axis, replotMs(widget));
        if (mode == CursorController::AxisMode::Steps) {
            widget.setVisibleRange(double(n / 2) - 500, double(n / 2) + 500);
        } else {
            // ~1000 events around the middle; they come in bursts at one instant: at least 1 ms.
            const double t0 = double(document.trace().time(std::uint32_t(n / 2 - 500))) * 1e-9,
                         t1 = double(document.trace().time(std::uint32_t(n / 2 + 500))) * 1e-9;
            const double c = 0.5 * (t0 + t1), w = std::max(t1 - t0, 1e-3);
            widget.setVisibleRange(c - w / 2, c + w / 2);
        }
        s.add("replot_ms_" + t + "_in" + axis, replotMs(widget));
    }

    // Moving the cursor repaints only its own layer.
    cursor.setAxisMode(CursorController::AxisMode::Steps);
    widget.setVisibleRange(double(n / 2) - 500, double(n / 2) + 500);
    widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
    s.add("cursor_step_ms_" + t,
          bestOf(15, [&] {
              return cpuNs([&] {
                  cursor.stepForward();
                  widget.plot()->repaint();
              });
          }) / 1e6);
}

} // namespace

void runTimelineBench(const Options &options)
{
    std::printf("timeline (1600x900)\n");
    benchSize("1m", 1'000'000);
    if (options.tenMillion)
        benchSize("10m", 10'000'000);
}

} // namespace coroscope::bench
