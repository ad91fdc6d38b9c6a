// Loading: a 1M-event native trace from its file to the window's first frame; the same trace as
// Chrome Trace Event JSON, imported.
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include "gui/MainWindow.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"

#include <QApplication>
#include <QPixmap>

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace coroscope::bench {

namespace {

// Every thread of the process: the app may hand work to others.
double processCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

} // namespace

void runLoadBench(const Options &)
{
    std::printf("load\n");
    auto &s = summary();
    const std::string &path = nativeTrace1m();

    // The window as the app opens a file: TraceLoader's read, showTrace (document, index, every
    // pane, the timeline's layout), then the first frame painted.
    MainWindow window(/*persistent=*/false);
    window.resize(1600, 900);
    window.show();
    QApplication::processEvents();
    double bestCpu = 1e300, bestWall = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        const double c0 = processCpuNs(), w0 = wallNs();
        auto result = TraceLoader::readFile(QString::fromStdString(path), [](int) { return true; });
        if (result.status != TraceLoadResult::Status::Loaded) {
            std::fprintf(stderr, "cannot load %s: %s\n", path.c_str(), qPrintable(result.error));
            return;
        }
        window.showTrace(std::move(*result.trace), QString::fromStdString(path));
        QApplication::processEvents();
        doNotOptimize(window.grab());
        bestCpu = std::min(bestCpu, processCpuNs() - c0);
        bestWall = std::min(bestWall, wallNs() - w0);
    }
    s.add("events_1m", double(window.document()->eventCount()), 0);
    s.add("load_ms_1m", bestCpu / 1e6);
    s.add("load_ms_1m_wall", bestWall / 1e6);
    reportTraceBytes(window.document()->trace());

    const std::string json = "/tmp/coroscope-bench-1m-" + std::to_string(getpid()) + ".json";
    std::ofstream(json, std::ios::binary) << serializeChromeTrace(window.document()->trace());
    bestCpu = 1e300;
    for (int rep = 0; rep < 3; ++rep) {
        TraceFileError error;
        const double c0 = processCpuNs();
        auto back = readAnyTraceFile(json, &error);
        bestCpu = std::min(bestCpu, processCpuNs() - c0);
        if (!back) {
            std::fprintf(stderr, "chrome import failed: %s\n", error.message.c_str());
            break;
        }
    }
    s.add("chrome_import_ms_1m", bestCpu / 1e6);
    unlink(json.c_str());
}

} // namespace coroscope::bench
