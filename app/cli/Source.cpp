#include "Source.h"

#include "samples/Samples.h"
#include "trace/ChromeTrace.h"

#include <fmt/format.h>

#include <cstdio>

namespace coroscope::cli {

namespace {

bool accepts(const SourceRequest &request, SourceKind kind)
{
    return (request.accepted & unsigned(kind)) != 0;
}

// "gather-ordr" is a mistyped id; "gather.coroscope" or "out/g" is a file that could not be read.
bool looksLikeId(const std::string &operand)
{
    return operand.find('/') == std::string::npos && operand.find('.') == std::string::npos;
}

} // namespace

int unknownSample(const std::string &id)
{
    std::string ids;
    for (const auto &s : sampleList())
        ids += fmt::format("  {}\n", s.id);
    fmt::print(stderr, "coroscope-cli: unknown sample '{}'. Valid ids:\n{}", id, ids);
    return 2;
}

std::optional<RunResult> resolveSource(const SourceRequest &request)
{
    const std::string &what = request.operand;

    if (accepts(request, SourceKind::Sample)) {
        if (const Sample *sample = findSample(what)) {
            const ClockMode mode = request.clock.value_or(sample->clock);
            if (!sample->runsOn(mode)) {
                fmt::print(stderr,
                           "coroscope-cli: sample '{}' runs on the real clock (it waits for sockets or "
                           "threads): it cannot run with --clock virtual\n",
                           what);
                return std::nullopt;
            }
            return runSample(*sample, mode, request.options);
        }
    }

    // A Python script (FILE.py) is the next kind: core/pytrace runs it on CPython and returns its run
    // here, on request.clock.value_or(ClockMode::Virtual), with request.options.echo seeing each
    // printed line.

    if (!accepts(request, SourceKind::TraceFile)) {
        unknownSample(what);
        return std::nullopt;
    }
    TraceFileError error;
    auto trace = readAnyTraceFile(what, &error);
    if (!trace) {
        if (accepts(request, SourceKind::Sample) && looksLikeId(what))
            unknownSample(what);
        else
            fmt::print(stderr, "coroscope-cli: {}: {} (at byte {})\n", what, error.message, error.offset);
        return std::nullopt;
    }
    if (request.clock) {
        fmt::print(stderr,
                   "coroscope-cli: {} is a trace file: it keeps the clock it was recorded with (leave "
                   "out --clock)\n",
                   what);
        return std::nullopt;
    }
    RunResult read;
    read.trace = std::move(*trace);
    return read;
}

} // namespace coroscope::cli
