// Memory: the app's window holding a 1M-event trace, measured in a child process so that nothing
// else this benchmark allocated is counted.
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include "gui/MainWindow.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"

#include <QApplication>
#include <QPixmap>

#include <cstdio>

namespace coroscope::bench {

int memoryChild(int argc, char **argv, const std::string &path)
{
    QApplication app(argc, argv);
    MainWindow window(/*persistent=*/false);
    window.resize(1600, 900);
    window.show();
    QApplication::processEvents();
    const long empty = procStatusKb("VmRSS");
    auto result = TraceLoader::readFile(QString::fromStdString(path), [](int) { return true; });
    if (result.status != TraceLoadResult::Status::Loaded)
        return 1;
    window.showTrace(std::move(*result.trace), QString::fromStdString(path));
    QApplication::processEvents();
    doNotOptimize(window.grab());
    QApplication::processEvents();
    std::printf("%ld %ld %ld\n", empty, procStatusKb("VmRSS"), procStatusKb("VmHWM"));
    return 0;
}

void runMemoryBench(const Options &options)
{
    std::printf("memory\n");
    auto &s = summary();
    const std::string cmd = "'" + options.self + "' --rss-child '" + nativeTrace1m() + "'";
    FILE *p = popen(cmd.c_str(), "r");
    long empty = 0, rss = 0, hwm = 0;
    const bool ok = p && std::fscanf(p, "%ld %ld %ld", &empty, &rss, &hwm) == 3;
    if (p)
        pclose(p);
    if (!ok) {
        s.add("app_rss_mb_1m", std::string("failed (the child process did not report)"));
        return;
    }
    s.add("app_rss_mb_1m", double(rss) / 1024);
    s.add("app_peak_rss_mb_1m", double(hwm) / 1024);
    s.add("app_rss_mb_empty", double(empty) / 1024);
}

} // namespace coroscope::bench
