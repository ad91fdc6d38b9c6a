// Timeline cost on a big run: building the spans, and replotting at 1600x900 zoomed out to the
// whole run and zoomed in to ~1000 events. Prints `key: value` lines (figures, never pass/fail).
//
//   QT_QPA_PLATFORM=offscreen bench_timeline [--10m] [--tasks N] [--png DIR]
//
// The trace is recorded by the runtime itself: N tasks (default 2000) gathered by main, each
// sleeping round after round for a few milliseconds and printing now and then, so the trace has
// what real ones have: timers, callbacks, clock jumps, wake-ups and printed lines on thousands of lanes.
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineWidget.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

using namespace coroscope;

namespace {

int g_rounds = 0;

Task<> worker(int id)
{
    for (int r = 0; r < g_rounds; ++r) {
        co_await sleep(0.001 * (1 + (id * 7 + r * 13) % 10));
        if (r % 16 == 0)
            print(f("w{} r{}", id, r));
    }
}

Task<> stress(int tasks)
{
    std::vector<Task<>> all;
    all.reserve(std::size_t(tasks));
    for (int i = 0; i < tasks; ++i)
        all.push_back(worker(i));
    co_await gather(std::move(all));
}

// About `events` events on `tasks` + 3 lanes.
Trace record(std::size_t events, int tasks)
{
    // Per round a task records about 6 events (arm, suspend, fire, callback, schedule, resume).
    g_rounds = std::max(1, int(events / (6.2 * tasks)));
    RunOptions options;
    options.eventBudget = events * 2 + 100000;
    auto result = runProgram([tasks] { run(stress(tasks)); }, options, {{"sample", "bench-timeline"}});
    if (!result.ok())
        std::fprintf(stderr, "run stopped: %s\n", result.error.c_str());
    return std::move(result.trace);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

template<class F> double timeMs(F &&f)
{
    QElapsedTimer t;
    t.start();
    f();
    return double(t.nsecsElapsed()) / 1e6;
}

double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

void print(const char *key, double value)
{
    std::printf("%s: %.2f\n", key, value);
    std::fflush(stdout);
}

// Median of `n` immediate replots (all layers: spans, labels, markers, cursor), wall clock; also
// prints the median CPU time of this thread as `<key>_cpu` (steadier on a busy machine).
double replotMs(TimelineWidget &w, const std::string &key, int n = 21)
{
    w.plot()->replot(QCustomPlot::rpImmediateRefresh); // warm
    std::vector<double> wall, cpu;
    for (int i = 0; i < n; ++i) {
        const double c0 = threadCpuMs();
        wall.push_back(timeMs([&] { w.plot()->replot(QCustomPlot::rpImmediateRefresh); }));
        cpu.push_back(threadCpuMs() - c0);
    }
    print(key.c_str(), median(wall));
    print((key + "_cpu").c_str(), median(cpu));
    return median(wall);
}

void benchSize(const char *tag, std::size_t events, int tasks, const QString &pngDir)
{
    QElapsedTimer total;
    total.start();
    Trace trace = record(events, tasks);
    const std::size_t n = trace.events.size();
    std::printf("events_%s: %zu\nlanes_%s: %zu\n", tag, n, tag, trace.lanes.size());
    print((std::string("record_ms_") + tag).c_str(), double(total.elapsed()));

    // Layout alone: from the trace to the span arrays.
    std::vector<double> layoutTimes;
    std::size_t spans = 0, bytes = 0;
    for (int i = 0; i < 3; ++i) {
        TimelineLayout layout;
        layoutTimes.push_back(timeMs([&] { layout.build(trace); }));
        spans = 0;
        for (const auto &row : layout.rows())
            spans += row.spans.size();
        bytes = layout.memoryUsage();
    }
    print((std::string("layout_ms_") + tag).c_str(), median(layoutTimes));
    std::printf("spans_%s: %zu\n", tag, spans);
    print((std::string("layout_bytes_per_event_") + tag).c_str(),
          double(bytes) / double(std::max<std::size_t>(n, 1)));

    TraceDocument document;
    CursorController cursor;
    TimelineWidget widget(&document, &cursor);
    widget.resize(1600, 900);
    widget.show();
    QApplication::processEvents();
    const double load = timeMs([&] { document.setTrace(std::move(trace), QStringLiteral("bench")); });
    print((std::string("load_ms_") + tag).c_str(), load); // layout + the widget's own setup
    cursor.setCursor(qint64(n / 2));
    QApplication::processEvents();

    auto shot = [&](const char *name) {
        if (!pngDir.isEmpty())
            widget.grab().save(
                pngDir + QStringLiteral("/bench-%1-%2.png").arg(QLatin1String(tag), QLatin1String(name)));
    };
    const std::string s(tag);
    for (auto mode : {CursorController::AxisMode::Steps, CursorController::AxisMode::Time}) {
        cursor.setAxisMode(mode);
        const std::string axis = mode == CursorController::AxisMode::Steps ? "" : "_time";
        widget.fitAll();
        replotMs(widget, "replot_ms_" + s + "_out" + axis);
        shot(("out" + axis).c_str());
        // ~1000 events around the middle of the run.
        const auto &events = document.trace().events;
        const std::size_t mid = n / 2;
        if (mode == CursorController::AxisMode::Steps) {
            widget.setVisibleRange(double(mid) - 500, double(mid) + 500);
        } else {
            // Events come in bursts at one virtual instant: widen to at least a millisecond.
            const double t0 = double(events[mid - 500].time) * 1e-9,
                         t1 = double(events[mid + 500].time) * 1e-9;
            const double c = 0.5 * (t0 + t1), w = std::max(t1 - t0, 1e-3);
            widget.setVisibleRange(c - w / 2, c + w / 2);
        }
        replotMs(widget, "replot_ms_" + s + "_in" + axis);
        shot(("in" + axis).c_str());
    }

    // Moving the cursor redraws only its own layer.
    cursor.setAxisMode(CursorController::AxisMode::Steps);
    widget.setVisibleRange(double(n / 2) - 500, double(n / 2) + 500);
    widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
    std::vector<double> steps;
    for (int i = 0; i < 30; ++i)
        steps.push_back(timeMs([&] {
            cursor.stepForward();
            widget.plot()->repaint();
        }));
    print(("cursor_step_ms_" + s).c_str(), median(steps));

    // Profiling aid: COROSCOPE_BENCH_LOOP=N replots the zoomed-in view N more times.
    if (const int loops = qEnvironmentVariableIntValue("COROSCOPE_BENCH_LOOP"); loops > 0) {
        for (int i = 0; i < loops; ++i)
            widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    bool tenMillion = false;
    int tasks = 2000;
    QString pngDir;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--10m"))
            tenMillion = true;
        else if (!std::strcmp(argv[i], "--tasks") && i + 1 < argc)
            tasks = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--png") && i + 1 < argc)
            pngDir = QString::fromLocal8Bit(argv[++i]);
    }
    benchSize("1m", 1'000'000, tasks, pngDir);
    if (tenMillion)
        benchSize("10m", 10'000'000, tasks, pngDir);
    return 0;
}
