#include "Source.h"

#include "pytrace/ScriptRun.h"
#include "samples/Samples.h"
#include "trace/ChromeTrace.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

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

// --python names an interpreter that exists and can run (a bare name: on PATH); its version is the
// tracer's to judge. Prints why not.
bool checkInterpreter(const std::string &python)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (python.find('/') == std::string::npos) {
        const char *path = std::getenv("PATH");
        std::string folders = path ? path : "";
        for (std::size_t start = 0; start <= folders.size();) {
            auto colon = folders.find(':', start);
            if (colon == std::string::npos)
                colon = folders.size();
            const auto candidate = fs::path(folders.substr(start, colon - start)) / python;
            if (colon > start && fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
                return true;
            start = colon + 1;
        }
        fmt::print(stderr, "coroscope-cli: --python {}: no such command on PATH ('coroscope-cli pythons' lists the "
                           "interpreters found)\n",
                   python);
        return false;
    }
    if (!fs::exists(python, ec)) {
        fmt::print(stderr, "coroscope-cli: --python {}: no such file ('coroscope-cli pythons' lists the "
                           "interpreters found)\n",
                   python);
        return false;
    }
    if (fs::is_directory(python, ec) || ::access(python.c_str(), X_OK) != 0) {
        fmt::print(stderr, "coroscope-cli: --python {}: not an executable file\n", python);
        return false;
    }
    return true;
}

namespace {

// FILE.py on CPython. A script that cannot start (not found, no python3, a SyntaxError, an import
// that fails) gives its message and no run: the command exits with 2. Its printed lines are echoed
// as they arrive.
std::optional<RunResult> runPythonScript(const SourceRequest &request)
{
    if (!request.python.empty() && !checkInterpreter(request.python))
        return std::nullopt;
    ScriptOptions options;
    options.python = request.python;
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
            if (!request.python.empty()) {
                fmt::print(stderr,
                           "coroscope-cli: sample '{}' runs as its C++ port, not on Python: --python applies to "
                           "a SCRIPT.py\n",
                           what);
                return std::nullopt;
            }
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
    if (!request.python.empty()) {
        const std::string ranOn = trace->metaValue("python");
        fmt::print(stderr, "coroscope-cli: {} is a trace file: it was recorded{} (leave out --python)\n", what,
                   ranOn.empty() ? std::string() : " on CPython " + ranOn);
        return std::nullopt;
    }
    RunResult read;
    read.trace = std::move(*trace);
    return read;
}

} // namespace coroscope::cli
