// coroscope-bench: every figure of docs/performance.md in one run, ending with a block of
// `key: value` lines. Figures only: nothing here passes or fails on timing.
//
//   coroscope-bench [--no-10m] [--only scheduler|switch|spawn|recorder|load|timeline|lanes|memory|pytrace]
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include <QApplication>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <unistd.h>

using namespace coroscope::bench;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // the same pixels with or without a display
    if (argc == 3 && !std::strcmp(argv[1], "--rss-child"))
        return memoryChild(argc, argv, argv[2]);

    Options options;
    char self[4096] = {};
    if (readlink("/proc/self/exe", self, sizeof self - 1) > 0)
        options.self = self;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--no-10m")) {
            options.tenMillion = false;
        } else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) {
            options.only = argv[++i];
        } else {
            std::fprintf(stderr, "usage: %s [--no-10m] [--only scheduler|recorder|load|timeline|lanes|memory|pytrace]\n",
                         argv[0]);
            return 2;
        }
    }
    static const char *const sections[]
        = {"scheduler", "switch", "spawn", "recorder", "load", "timeline", "lanes", "memory", "pytrace"};
    if (!options.only.empty()
        && std::find(std::begin(sections), std::end(sections), options.only) == std::end(sections)) {
        std::fprintf(stderr, "unknown section %s\n", options.only.c_str());
        return 2;
    }
    const auto wanted = [&](const char *section) { return options.only.empty() || options.only == section; };

    std::printf("coroscope-bench on %s\n", machineDescription().c_str());
    std::printf("times are CPU time (thread, or process for loading), best of several runs\n\n");
    summary().add("machine", machineDescription());
    const double w0 = wallNs();
    if (wanted("scheduler"))
        runSchedulerBench();
    else if (options.only == "switch" || options.only == "spawn")
        runSchedulerBench(options.only);
    if (wanted("recorder"))
        runRecorderBench();
    if (wanted("load") || wanted("timeline") || wanted("lanes") || wanted("memory") || wanted("pytrace")) {
        QApplication app(argc, argv);
        if (wanted("load"))
            runLoadBench(options);
        if (wanted("timeline"))
            runTimelineBench(options);
        if (wanted("lanes"))
            runLanesBench(options);
        if (wanted("memory"))
            runMemoryBench(options);
        if (wanted("pytrace"))
            runPyTraceBench(options);
        unlink(nativeTrace1m().c_str());
    }
    summary().add("bench_wall_s", (wallNs() - w0) / 1e9);
    summary().print();
    return 0;
}
