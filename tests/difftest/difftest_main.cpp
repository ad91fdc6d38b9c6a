// coroscope-difftest N SEED [--save DIR] [--no-shrink] [--show] [--real-clock | --real-clock-every K]
// [--unit SECONDS] [--admit-set-orders]: N random asyncio programs from SEED, each run on the C++ runtime and on CPython
// under the tracer and compared step for step; one in K (default 10; --real-clock: every one) also
// runs plainly under python3 on the real clock, delays scaled (0.1 s -> UNIT, default 0.05 s), and
// must print what the traced run printed (--admit-set-orders: also programs whose order a set decides
// under python3, which the filter leaves out). Each divergence is reported, shrunk to a minimal program
// and, with --save, written to DIR as a regression case. Ends with "N programs, K divergences"
// (exit 1 when K > 0).
// coroscope-difftest --case FILE.json: runs one saved case and shows its program, both outputs and
// the differences.
#include "DiffTester.h"
#include "ProgramGenerator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

using namespace coroscope::difftest;

namespace {

// The filter's reason without its particulars (which timers, which instant), to count them.
std::string skipReason(const std::string &why)
{
    if (why.find("only sleeps may tie") != std::string::npos)
        return "a timeout fires together with another timer";
    if (why.find(" armed at ") != std::string::npos)
        return "timers armed at different instants fire together";
    if (why.find("cancelled at its due instant") != std::string::npos)
        return "a timer cancelled at its due instant";
    if (why.find("TaskGroup of") != std::string::npos)
        return "a TaskGroup that cancels two tasks at once";
    if (why.find("tasks left when main() ends") != std::string::npos)
        return "two tasks or more left when main() ends";
    if (why.rfind("it lasts", 0) == 0)
        return "longer than the limit";
    if (why.rfind("the traced run did not end by itself", 0) == 0)
        return why.substr(0, why.find(':', 37));
    return why;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    long long n = -1;
    unsigned long long seed = 0;
    bool haveSeed = false, shrinkThem = true, show = false;
    std::string saveDir;
    DiffOptions options;
    options.realClockEvery = 10;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--case" && i + 1 < argc) {
            const QFileInfo file(QString::fromLocal8Bit(argv[i + 1]));
            std::string error;
            for (auto &c : loadRegressions(file.absolutePath().toStdString(), &error)) {
                if (c.name + ".json" != file.fileName().toStdString())
                    continue;
                DiffOptions one;
                one.realClockEvery = c.realClock ? 1 : 0;
                auto v = runPrograms({c.program}, one);
                std::printf("=== %s\n%s\n%s", c.name.c_str(), c.note.c_str(), report(v[0]).c_str());
                if (c.realClock) {
                    static const char *states[] = {"not run", "skipped", "agrees", "diverges", "unstable"};
                    std::printf("real clock: %s%s%s\n", states[int(v[0].real.state)], v[0].real.why.empty() ? "" : ": ",
                                v[0].real.why.c_str());
                    if (v[0].real.state == RealClockRun::State::Skipped)
                        return 1;
                }
                return v[0].same() ? 0 : 1;
            }
            std::fprintf(stderr, "coroscope-difftest: no case %s %s\n", argv[i + 1], error.c_str());
            return 2;
        }
        if (a == "--save" && i + 1 < argc)
            saveDir = argv[++i];
        else if (a == "--no-shrink")
            shrinkThem = false;
        else if (a == "--show")
            show = true;
        else if (a == "--real-clock")
            options.realClockEvery = 1;
        else if (a == "--real-clock-every" && i + 1 < argc)
            options.realClockEvery = std::max(0, std::atoi(argv[++i]));
        else if (a == "--admit-set-orders")
            options.limits.admitSetOrders = true;
        else if (a == "--unit" && i + 1 < argc)
            options.unit = std::atof(argv[++i]);
        else if (n < 0)
            n = std::atoll(a.c_str());
        else if (!haveSeed) {
            seed = std::strtoull(a.c_str(), nullptr, 10);
            haveSeed = true;
        }
    }
    if (n < 0 || !haveSeed) {
        std::fprintf(stderr, "usage: coroscope-difftest N SEED [--save DIR] [--no-shrink] [--show]\n"
                             "                          [--real-clock | --real-clock-every K] [--unit SECONDS] [--admit-set-orders]\n"
                             "       coroscope-difftest --case FILE.json\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    ProgramGenerator generator(seed);
    long long divergences = 0, done = 0, shrunk = 0;
    long long realDrawn = 0, realRun = 0, realDiverged = 0, realUnstable = 0;
    std::map<std::string, long long> skippedBecause;
    constexpr long long kChunk = 250;
    while (done < n) {
        const long long count = std::min(kChunk, n - done);
        std::vector<Program> programs;
        for (long long i = 0; i < count; ++i)
            programs.push_back(generator.next());
        auto verdicts = runPrograms(std::move(programs), options);
        for (long long i = 0; i < count; ++i) {
            auto &v = verdicts[std::size_t(i)];
            using State = RealClockRun::State;
            realDrawn += v.real.state != State::NotRun;
            realRun += v.real.state == State::Agrees || v.real.state == State::Diverges
                || v.real.state == State::Unstable;
            realDiverged += v.real.state == State::Diverges;
            if (v.real.state == State::Skipped)
                ++skippedBecause[skipReason(v.real.why)];
            if (v.real.state == State::Unstable) {
                ++realUnstable;
                std::printf("=== real clock: program %lld (seed %llu) unstable under python3, not counted\n%s",
                            done + i, seed, report(v).c_str());
            }
            if (show)
                std::printf("=== program %lld\n%s", done + i, report(v).c_str());
            if (v.same())
                continue;
            ++divergences;
            std::printf("=== divergence in program %lld (seed %llu)\n%s", done + i, seed, report(v).c_str());
            if (shrinkThem && shrunk < 8) {
                ++shrunk;
                auto small = shrink(v, options, [](const std::string &line) { std::fprintf(stderr, "%s\n", line.c_str()); });
                std::printf("=== shrunk to %zu statements\n%s", small.program.size(), report(small).c_str());
                if (!saveDir.empty()) {
                    QDir().mkpath(QString::fromStdString(saveDir));
                    const auto name = fmt::format("seed{}-program{}", seed, done + i);
                    const auto path = fmt::format("{}/{}.json", saveDir, name);
                    std::string note;
                    for (const auto &d : small.differences)
                        note += d + "\n";
                    const bool real = small.real.state == RealClockRun::State::Diverges;
                    if (saveRegression(path, {name, note, small.program, real}))
                        std::printf("saved %s\n", path.c_str());
                }
            }
        }
        done += count;
        std::fprintf(stderr, "%lld of %lld programs, %lld divergences (real clock: %lld run), %.1f s\n", done, n,
                     divergences, realRun, std::chrono::duration<double>(Clock::now() - started).count());
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("time: %.1f s\n", seconds);
    if (options.realClockEvery > 0) {
        std::printf("real clock (UNIT = %g s): %lld programs drawn, %lld run plainly under python3, %lld "
                    "divergences, %lld unstable (not counted)\n",
                    options.unit, realDrawn, realRun, realDiverged, realUnstable);
        for (const auto &[why, count] : skippedBecause)
            std::printf("  skipped %lld: %s\n", count, why.c_str());
    }
    std::printf("%lld programs, %lld divergences\n", n, divergences);
    return divergences == 0 ? 0 : 1;
}
