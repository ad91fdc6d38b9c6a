// coroscope-difftest N SEED [--save DIR] [--no-shrink] [--show]: N random asyncio programs from SEED,
// each run on the C++ runtime and on CPython under the tracer and compared step for step. Each
// divergence is reported, shrunk to a minimal program and, with --save, written to DIR as a
// regression case. Ends with "N programs, K divergences" (exit 1 when K > 0).
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
#include <string>

using namespace coroscope::difftest;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    long long n = -1;
    unsigned long long seed = 0;
    bool haveSeed = false, shrinkThem = true, show = false;
    std::string saveDir;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--case" && i + 1 < argc) {
            const QFileInfo file(QString::fromLocal8Bit(argv[i + 1]));
            std::string error;
            for (auto &c : loadRegressions(file.absolutePath().toStdString(), &error)) {
                if (c.name + ".json" != file.fileName().toStdString())
                    continue;
                auto v = runPrograms({c.program});
                std::printf("=== %s\n%s\n%s", c.name.c_str(), c.note.c_str(), report(v[0]).c_str());
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
        else if (n < 0)
            n = std::atoll(a.c_str());
        else if (!haveSeed) {
            seed = std::strtoull(a.c_str(), nullptr, 10);
            haveSeed = true;
        }
    }
    if (n < 0 || !haveSeed) {
        std::fprintf(stderr, "usage: coroscope-difftest N SEED [--save DIR] [--no-shrink] [--show]\n"
                             "       coroscope-difftest --case FILE.json\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    ProgramGenerator generator(seed);
    long long divergences = 0, done = 0, shrunk = 0;
    constexpr long long kChunk = 250;
    while (done < n) {
        const long long count = std::min(kChunk, n - done);
        std::vector<Program> programs;
        for (long long i = 0; i < count; ++i)
            programs.push_back(generator.next());
        auto verdicts = runPrograms(std::move(programs));
        for (long long i = 0; i < count; ++i) {
            auto &v = verdicts[std::size_t(i)];
            if (show)
                std::printf("=== program %lld\n%s", done + i, report(v).c_str());
            if (v.same())
                continue;
            ++divergences;
            std::printf("=== divergence in program %lld (seed %llu)\n%s", done + i, seed, report(v).c_str());
            if (shrinkThem && shrunk < 8) {
                ++shrunk;
                auto small = shrink(v, {}, [](const std::string &line) { std::fprintf(stderr, "%s\n", line.c_str()); });
                std::printf("=== shrunk to %zu statements\n%s", small.program.size(), report(small).c_str());
                if (!saveDir.empty()) {
                    QDir().mkpath(QString::fromStdString(saveDir));
                    const auto name = fmt::format("seed{}-program{}", seed, done + i);
                    const auto path = fmt::format("{}/{}.json", saveDir, name);
                    std::string note;
                    for (const auto &d : small.differences)
                        note += d + "\n";
                    if (saveRegression(path, {name, note, small.program}))
                        std::printf("saved %s\n", path.c_str());
                }
            }
        }
        done += count;
        std::fprintf(stderr, "%lld of %lld programs, %lld divergences, %.1f s\n", done, n, divergences,
                     std::chrono::duration<double>(Clock::now() - started).count());
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::printf("time: %.1f s\n", seconds);
    std::printf("%lld programs, %lld divergences\n", n, divergences);
    return divergences == 0 ? 0 : 1;
}
