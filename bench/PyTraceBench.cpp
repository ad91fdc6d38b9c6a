// The Python tracer: the switch workload under the tracer against the same script under plain
// CPython, in the same run (pytrace_overhead), and a traced script's 1M-event stream to the window's
// first frame (pytrace_load_ms).
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include "gui/MainWindow.h"
#include "model/TraceDocument.h"
#include "pytrace/ScriptRun.h"
#include "pytrace/TraceStream.h"

#include <QApplication>
#include <QPixmap>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace coroscope::bench {

namespace {

const std::string kScript = COROSCOPE_BENCH_DIR "/pytrace_switch.py";

// Plain CPython: the ns per switch the script itself measures (thread CPU time), or 0.
double plainSwitchNs(int n, int m)
{
    const std::string cmd = "python3 " + kScript + " " + std::to_string(n) + " " + std::to_string(m) + " 2>/dev/null";
    FILE *p = popen(cmd.c_str(), "r");
    if (!p)
        return 0;
    double ns = 0;
    if (std::fscanf(p, "%lf", &ns) != 1)
        ns = 0;
    return pclose(p) == 0 ? ns : 0;
}

// The same under the tracer: the script's own measurement (it prints it), and the whole run's wall
// time (start-up, the tracer, and core reading the stream into a Trace).
struct Traced {
    double switchNs = 0;
    double wallNs = 0;
    std::size_t events = 0;
};
Traced tracedSwitch(int n, int m, bool thread = false)
{
    ScriptOptions options;
    options.args = {std::to_string(n), std::to_string(m)};
    if (thread)
        options.args.push_back("thread");
    options.eventBudget = 10'000'000;
    Traced t;
    const double w0 = wallNs();
    const auto run = runScript(kScript, options);
    t.wallNs = wallNs() - w0;
    if (!run.ok() || run.result.output.empty())
        return t;
    t.switchNs = std::atof(run.result.output.back().c_str());
    t.events = run.result.trace.events.size();
    return t;
}

double plainWallNs(int n, int m)
{
    const double w0 = wallNs();
    plainSwitchNs(n, m);
    return wallNs() - w0;
}

} // namespace

void runPyTraceBench(const Options &)
{
    std::printf("pytrace\n");
    auto &s = summary();
    if (access(kScript.c_str(), R_OK) != 0 || plainSwitchNs(10, 1) <= 0) {
        s.add("pytrace_overhead", std::string("skipped (python3 or bench/pytrace_switch.py not found)"));
        return;
    }
    constexpr int n = 1000, m = 100;
    double plain = 1e300, traced = 1e300, plainWall = 1e300, tracedWall = 1e300, locked = 1e300;
    std::size_t events = 0;
    for (int rep = 0; rep < 3; ++rep) {
        plain = std::min(plain, plainSwitchNs(n, m));
        const auto t = tracedSwitch(n, m);
        if (t.switchNs > 0)
            traced = std::min(traced, t.switchNs);
        // The same while another thread is alive: the recorder's locked path.
        if (const auto l = tracedSwitch(n, m, true); l.switchNs > 0)
            locked = std::min(locked, l.switchNs);
        tracedWall = std::min(tracedWall, t.wallNs);
        events = t.events;
        plainWall = std::min(plainWall, plainWallNs(n, m));
    }
    std::printf("  switch workload %d tasks x %d sleep(0): CPython %.0f ns/switch, traced %.0f ns/switch "
                "(%zu events)\n",
                n, m, plain, traced, events);
    s.add("pytrace_cpython_switch_ns", plain);
    s.add("pytrace_traced_switch_ns", traced);
    s.add("pytrace_overhead", traced / plain, 2);
    s.add("pytrace_overhead_wall", tracedWall / plainWall, 2);
    std::printf("  the same while another thread is alive (the recorder's lock): %.0f ns/switch\n", locked);
    s.add("pytrace_locked_switch_ns", locked);
    s.add("pytrace_locked_overhead", locked / traced, 2);

    // A traced script of about 1M events: its stream, read into a Trace and shown.
    ScriptOptions options;
    options.args = {"1000", "333"};
    options.eventBudget = 10'000'000;
    const std::string streamFile = "/tmp/coroscope-bench-pytrace-" + std::to_string(getpid()) + ".stream";
    {
        // The tracer writes the stream to a file here, so that only reading it is timed below.
        const std::string cmd = "python3 -B -c \"import sys; sys.path[0] = sys.argv.pop(1); "
                                "from coroscope_tracer.__main__ import main; sys.exit(main(sys.argv[1:]))\" "
            + findTracerDir() + " --budget 10000000 --out " + streamFile + " " + kScript + " 1000 333 >/dev/null";
        if (std::system(cmd.c_str()) != 0) {
            s.add("pytrace_load_ms", std::string("skipped (the tracer failed)"));
            return;
        }
    }
    std::ifstream in(streamFile, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = buffer.str();
    unlink(streamFile.c_str());

    MainWindow window(/*persistent=*/false);
    window.resize(1600, 900);
    window.show();
    QApplication::processEvents();
    double best = 1e300, bestParse = 1e300;
    std::size_t loaded = 0;
    for (int rep = 0; rep < 3; ++rep) {
        const double w0 = wallNs();
        TraceStream stream;
        for (std::size_t at = 0; at < bytes.size(); at += 65536) // as it comes off the pipe
            stream.feed(std::string_view(bytes).substr(at, 65536));
        stream.finish();
        const double parsed = wallNs() - w0;
        if (!stream.ok()) {
            std::fprintf(stderr, "stream: %s\n", stream.error().c_str());
            return;
        }
        loaded = stream.trace().events.size();
        window.showTrace(stream.takeTrace(), QStringLiteral("pytrace_switch.py"));
        QApplication::processEvents();
        doNotOptimize(window.grab());
        best = std::min(best, wallNs() - w0);
        bestParse = std::min(bestParse, parsed);
    }
    std::printf("  traced script of %zu events (%.1f MB of stream): parsed in %.0f ms, first frame at %.0f ms\n",
                loaded, double(bytes.size()) / 1e6, bestParse / 1e6, best / 1e6);
    s.add("pytrace_events", double(loaded), 0);
    s.add("pytrace_stream_bytes_per_event", double(bytes.size()) / double(std::max<std::size_t>(loaded, 1)), 1);
    s.add("pytrace_parse_ms", bestParse / 1e6);
    s.add("pytrace_load_ms", best / 1e6);
}

} // namespace coroscope::bench
