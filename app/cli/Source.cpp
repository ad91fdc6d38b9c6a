#include "Source.h"

#include "pytrace/ScriptRun.h"
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

// FILE.py on CPython. A script that cannot start (not found, no python3, a SyntaxError, an import
// that fails) gives its message and no run: the command exits with 2. Its printed lines are echoed
// as they arrive.
std::optional<RunResult> runPythonScript(const SourceRequest &request)
{
    ScriptOptions options;
    options.clock = request.clock.value_or(ClockMode::Virtual);
    options.eventBudget = request.options.eventBudget;
    options.timeLimitSeconds = request.timeLimitSeconds;
    std::size_t echoed = 0; // events looked at so far
    const auto echo = [&](const Trace &trace) {
        for (; echoed < trace.events.size(); ++echoed)
            if (trace.events[echoed].eventKind() == EventKind::Output)
                request.options.echo(trace.detail(trace.events[echoed]));
    };
    if (request.options.echo)
        options.progress = echo;
    auto run = runScript(request.operand, options);
    const bool cannotStart = run.syntaxError || run.result.trace.events.empty()
                             || run.result.error.starts_with("ModuleNotFoundError")
                             || run.result.error.starts_with("ImportError");
    if (cannotStart) {
        if (run.result.errorOutput.empty())
            fmt::print(stderr, "coroscope-cli: {}\n", run.result.error);
        for (const auto &report : run.result.errorOutput)
            fmt::print(stderr, "{}\n", report);
        return std::nullopt;
    }
    if (request.options.echo) {
        echo(run.result.trace);
        // What reached the process's stdout below print() (a subprocess) comes last.
        std::size_t printed = 0;
        for (const auto &e : run.result.trace.events)
            printed += e.eventKind() == EventKind::Output;
        for (std::size_t i = printed; i < run.result.output.size(); ++i)
            request.options.echo(run.result.output[i]);
    }
    return std::move(run.result);
}

} // namespace

bool isScript(const std::string &operand)
{
    return operand.size() > 3 && operand.ends_with(".py");
}

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

    if (accepts(request, SourceKind::Script) && isScript(what))
        return runPythonScript(request);

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
