#include "Cli.h"

#include "samples/Samples.h"
#include "trace/AtomicFile.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"

#ifdef COROSCOPE_CLI_RENDER
#include "Render.h"
#endif
#include "trace/TraceSummary.h"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope::cli {

namespace {

constexpr std::string_view kUsage = R"(Usage: coroscope-cli COMMAND [ARGS]

Runs the Coroscope samples headless and inspects trace files.

Commands:
  list              one line per sample: id <TAB> title, in gallery order
  run ID            run a sample and print what it prints (exactly what CPython prints)
  events ID|FILE    one line per recorded event: seq, time, lane, kind, detail, file:line
  trace ID -o FILE [--format native|chrome]
                    run a sample and write its trace: the native file (default), or Chrome
                    Trace Event JSON that Perfetto and chrome://tracing open
  show FILE         check a trace file (native or Chrome JSON) and print a summary
  render ID|FILE -o OUT.png|OUT.svg|OUT.pdf [--step N] [--size WxH] [--slides outputs|steps]
                    draw the timeline as the window shows it, with the cursor at step N
                    (default: the last); --slides writes a PDF with one page per printed line
                    or per step (only in builds with the GUI)
  help              this text

Options:
  --budget N        stop a run after N recorded events (default 1000000)
)";

int usageError(const std::string &message)
{
    fmt::print(stderr, "coroscope-cli: {}\n\n{}", message, kUsage);
    return 2;
}

int unknownSample(std::string_view id)
{
    std::string ids;
    for (const auto &s : sampleList())
        ids += fmt::format("  {}\n", s.id);
    fmt::print(stderr, "coroscope-cli: unknown sample '{}'. Valid ids:\n{}", id, ids);
    return 2;
}

void printEvents(const Trace &trace)
{
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        fmt::print("{:>5}  {:>10.6f}  {:<24}  {:<12}  {:<44}  {}\n", i, double(e.time) / 1e9,
                   trace.lanes[e.lane].name, eventKindName(e.eventKind()), trace.detailLine(e),
                   trace.locationText(e));
    }
}

struct Args {
    std::vector<std::string> positional;
    std::string output;
    std::string format;
    RunOptions options;
    std::vector<std::string> renderOptions; // --step/--size/--slides and their values, for render
};

} // namespace

int run(int argc, char **argv)
{
    Args args;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if (a == "-o" || a == "--output") {
            if (++i >= argc)
                return usageError("-o needs a file name");
            args.output = argv[i];
        } else if (a == "--budget") {
            if (++i >= argc)
                return usageError("--budget needs a number");
            try {
                args.options.eventBudget = std::stoull(argv[i]);
            } catch (...) {
                return usageError(fmt::format("--budget needs a number, not '{}'", argv[i]));
            }
        } else if (a == "--format") {
            if (++i >= argc)
                return usageError("--format needs native or chrome");
            args.format = argv[i];
            if (args.format != "native" && args.format != "chrome")
                return usageError(fmt::format("--format must be native or chrome, not '{}'", args.format));
        } else if (a == "--step" || a == "--size" || a == "--slides") {
            if (++i >= argc)
                return usageError(fmt::format("{} needs a value", a));
            args.renderOptions.emplace_back(a);
            args.renderOptions.emplace_back(argv[i]);
        } else if (a == "-h" || a == "--help") {
            args.positional.insert(args.positional.begin(), "help");
        } else if (a.starts_with("-") && a.size() > 1) {
            return usageError(fmt::format("unknown option '{}'", a));
        } else {
            args.positional.emplace_back(a);
        }
    }
    if (args.positional.empty())
        return usageError("no command given");

    const std::string command = args.positional[0];
    if (!args.format.empty() && command != "trace")
        return usageError("--format belongs to the trace command");
    if (!args.renderOptions.empty() && command != "render")
        return usageError(fmt::format("{} belongs to the render command", args.renderOptions[0]));
    const std::size_t operands = args.positional.size() - 1;
    auto needOperands = [&](std::size_t n) { return operands == n; };
    if (command == "render") {
#ifdef COROSCOPE_CLI_RENDER
        if (!needOperands(1) || args.output.empty())
            return usageError("render needs a sample id or a trace file, and -o OUT.png|OUT.svg|OUT.pdf");
        return renderCommand(args.positional[1], args.output, args.renderOptions, args.options);
#else
        return usageError("render is not available: this coroscope-cli was built without the GUI");
#endif
    }

    if (command == "help") {
        fmt::print("{}", kUsage);
        return 0;
    }
    if (command == "list") {
        if (!needOperands(0))
            return usageError("list takes no arguments");
        for (const auto &s : sampleList())
            fmt::print("{}\t{}\n", s.id, s.title);
        return 0;
    }
    if (command == "run") {
        if (!needOperands(1))
            return usageError("run needs exactly one sample id");
        const auto *sample = findSample(args.positional[1]);
        if (!sample)
            return unknownSample(args.positional[1]);
        args.options.echo = [](std::string_view line) {
            fmt::print("{}\n", line);
            std::fflush(stdout);
        };
        const auto result = runSample(*sample, args.options);
        // What Python would print on stderr: the loop's logged exceptions, then what stopped the run.
        for (const auto &report : result.errorOutput)
            fmt::print(stderr, "{}\n", report);
        return result.ok() ? 0 : 1;
    }
    if (command == "events") {
        if (!needOperands(1))
            return usageError("events needs a sample id or a trace file");
        const std::string &what = args.positional[1];
        if (const auto *sample = findSample(what)) {
            const auto result = runSample(*sample, args.options);
            printEvents(result.trace);
            if (!result.ok())
                fmt::print(stderr, "{}\n", result.error);
            return result.ok() ? 0 : 1;
        }
        TraceFileError error;
        auto trace = readAnyTraceFile(what, &error);
        if (!trace) {
            if (what.find('/') == std::string::npos && what.find('.') == std::string::npos)
                return unknownSample(what);
            fmt::print(stderr, "coroscope-cli: {}: {} (at byte {})\n", what, error.message, error.offset);
            return 2;
        }
        printEvents(*trace);
        return 0;
    }
    if (command == "trace") {
        if (!needOperands(1) || args.output.empty())
            return usageError("trace needs a sample id and -o FILE");
        const auto *sample = findSample(args.positional[1]);
        if (!sample)
            return unknownSample(args.positional[1]);
        const auto result = runSample(*sample, args.options);
        std::string error;
        const bool ok = args.format == "chrome"
            ? writeFileAtomically(serializeChromeTrace(result.trace), args.output, &error)
            : writeTraceFile(result.trace, args.output, &error);
        if (!ok) {
            fmt::print(stderr, "coroscope-cli: cannot write {}: {}\n", args.output, error);
            return 1;
        }
        fmt::print(stderr, "wrote {} events to {}{}\n", result.trace.events.size(), args.output,
                   args.format == "chrome" ? " (Chrome Trace Event JSON)" : "");
        return 0;
    }
    if (command == "show") {
        if (!needOperands(1))
            return usageError("show needs a trace file");
        TraceFileError error;
        auto trace = readAnyTraceFile(args.positional[1], &error);
        if (!trace) {
            fmt::print(stderr, "coroscope-cli: {}: {} (at byte {})\n", args.positional[1], error.message,
                       error.offset);
            return 2;
        }
        fmt::print("{}", summarizeTrace(*trace));
        return 0;
    }
    return usageError(fmt::format("unknown command '{}'", command));
}

} // namespace coroscope::cli
