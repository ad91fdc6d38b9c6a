#include "Cli.h"

#include "ExportHtml.h"
#include "Source.h"
#include "pytrace/PythonSearch.h"
#include "pytrace/ScriptRun.h"
#include "samples/Samples.h"
#include "trace/AtomicFile.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"
#include "trace/TraceSummary.h"

#ifdef COROSCOPE_CLI_RENDER
#include "Render.h"
#endif

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <sys/stat.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope::cli {

namespace {

constexpr std::string_view kUsage = R"(Usage: coroscope-cli COMMAND [ARGS]

Runs the Coroscope samples and Python scripts headless and inspects trace files.
A SCRIPT.py runs on CPython under Coroscope's tracer, on the virtual clock unless --clock real.

Commands:
  list              one line per sample: id <TAB> title, in gallery order
  run ID|SCRIPT.py  run a sample or a script and print what it prints (exactly what CPython prints)
  events ID|SCRIPT.py|FILE
                    one line per recorded event: seq, time, lane, kind, detail, file:line
  trace ID|SCRIPT.py -o FILE [--format native|chrome]
                    run a sample or a script and write its trace: the native file (default), or
                    Chrome Trace Event JSON that Perfetto and chrome://tracing open
  show FILE         check a trace file (native or Chrome JSON) and print a summary
  render ID|SCRIPT.py|FILE -o OUT.png|OUT.svg|OUT.pdf [--step N] [--size WxH] [--slides outputs|steps]
         [--axis steps|time] [--density auto|compact|roomy] [--group auto|function|spawner|none]
         [--fold auto|all|none]
                    draw the timeline as the window shows it, with the cursor at step N
                    (default: the last); --slides writes a PDF with one page per printed line
                    or per step; --axis, --density, --group and --fold choose the x axis, the
                    lanes' height, their grouping and which groups fold (only in builds with
                    the GUI)
  export-html ID|SCRIPT.py|FILE -o FILE.html [--step N] [--lang en|zh_CN]
                    one self-contained web page that any browser opens (nothing fetched from
                    the network) and steps through: the timeline, the source, the console and
                    the loop, opening at step N, in English or Chinese (default: the browser's)
  pythons           the Python interpreters found (python3 and python3.X on PATH, pyenv's,
                    $COROSCOPE_PYTHON), each with its version and whether scripts can run on
                    it (CPython 3.10 to 3.13); * marks the one a script runs on
  help              this text

Options:
  --budget N        stop a run after N recorded events (default 1000000)
  --clock virtual|real
                    run, events, trace, render: the clock the sample runs on (default: its own);
                    a virtual-clock sample also runs in real time, its sleeps then taking
                    wall-clock time; a real-time sample (sockets, threads) only in real time;
                    a script: virtual (default) or real
  --time-limit S    stop a script after S seconds of wall time (default 60; 0: no limit)
  --python PATH     run a script on this interpreter (default: $COROSCOPE_PYTHON, else python3
                    on PATH); CPython 3.10 to 3.13, older and newer ones are refused
)";

// What the commands' options hold once parsed: the values as typed, checked after the parse so
// that each problem gets its own message.
struct Arguments {
    std::vector<std::string> operands;
    std::optional<std::string> output, format, budget, clock, timeLimit, step, size, slides, axis, density, group,
        fold, lang, python;
    bool help = false;
};

// Every option, the commands that take it, and what it says when its value is missing.
struct OptionSpec {
    std::string_view names; // CLI11's "-o,--output"
    std::vector<std::string_view> commands;
    std::string_view needsValue;
    std::optional<std::string> Arguments::*value;
};

const std::vector<OptionSpec> &optionSpecs()
{
    static const std::vector<OptionSpec> specs {
        {"-o,--output", {"trace", "render", "export-html"}, "-o needs a file name", &Arguments::output},
        {"--format", {"trace"}, "--format needs native or chrome", &Arguments::format},
        {"--budget", {"run", "events", "trace", "render", "export-html"}, "--budget needs a number", &Arguments::budget},
        {"--clock", {"run", "events", "trace", "render", "export-html"}, "--clock needs virtual or real",
         &Arguments::clock},
        {"--time-limit", {"run", "events", "trace", "render", "export-html"}, "--time-limit needs a number of seconds",
         &Arguments::timeLimit},
        {"--python", {"run", "events", "trace", "render", "export-html", "pythons"},
         "--python needs the path of a Python interpreter", &Arguments::python},
        {"--step", {"render", "export-html"}, "--step needs a value", &Arguments::step},
        {"--lang", {"export-html"}, "--lang needs en or zh_CN", &Arguments::lang},
        {"--size", {"render"}, "--size needs a value", &Arguments::size},
        {"--slides", {"render"}, "--slides needs a value", &Arguments::slides},
        {"--axis", {"render"}, "--axis needs steps or time", &Arguments::axis},
        {"--density", {"render"}, "--density needs auto, compact or roomy", &Arguments::density},
        {"--group", {"render"}, "--group needs auto, function, spawner or none", &Arguments::group},
        {"--fold", {"render"}, "--fold needs auto, all or none", &Arguments::fold},
    };
    return specs;
}

constexpr std::string_view kCommands[] = {"list",   "run",         "events",  "trace", "show",
                                          "render", "export-html", "pythons", "help"};

int usageError(const std::string &message)
{
    fmt::print(stderr, "coroscope-cli: {}\n\n{}", message, kUsage);
    return 2;
}

bool isOption(std::string_view token)
{
    return token.size() > 1 && token[0] == '-';
}

// The option a command-line token names: "--format=x" is --format, "-ofile" is -o.
const OptionSpec *findOption(std::string_view token)
{
    std::string_view name = token;
    if (token.starts_with("--"))
        name = token.substr(0, token.find('='));
    else if (token.size() > 2)
        name = token.substr(0, 2);
    for (const auto &spec : optionSpecs()) {
        for (std::string_view names = spec.names; !names.empty();) {
            const auto comma = names.find(',');
            if (names.substr(0, comma) == name)
                return &spec;
            names = comma == std::string_view::npos ? std::string_view() : names.substr(comma + 1);
        }
    }
    return nullptr;
}

// "--format belongs to the trace command", "-o belongs to the trace and render commands".
std::string belongsTo(std::string_view token, const OptionSpec &spec)
{
    const std::string_view name
        = token.starts_with("--") ? token.substr(0, token.find('=')) : token.substr(0, 2);
    const auto &commands = spec.commands;
    std::string list(commands.front());
    for (std::size_t i = 1; i < commands.size(); ++i)
        list += fmt::format("{}{}", i + 1 == commands.size() ? " and " : ", ", commands[i]);
    return fmt::format("{} belongs to the {} command{}", name, list, commands.size() > 1 ? "s" : "");
}

void printEvents(const Trace &trace)
{
    EventClock time(trace);
    for (std::uint32_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        fmt::print("{:>5}  {:>10.6f}  {:<24}  {:<12}  {:<44}  {}\n", i, double(time(i)) / 1e9,
                   trace.laneName(e.lane), eventKindName(e.eventKind()), trace.detailLine(e),
                   trace.locationText(e));
    }
}

// The parsed values turned into what the run needs; a usage error's message otherwise.
std::optional<std::string> checkValues(const Arguments &args, SourceRequest *request)
{
    if (args.budget) {
        const std::string &text = *args.budget;
        std::uint64_t budget = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), budget);
        if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size())
            return fmt::format("--budget needs a number, not '{}'", text);
        request->options.eventBudget = budget;
    }
    if (args.clock) {
        if (*args.clock == "virtual")
            request->clock = ClockMode::Virtual;
        else if (*args.clock == "real")
            request->clock = ClockMode::Real;
        else
            return fmt::format("--clock must be virtual or real, not '{}'", *args.clock);
    }
    if (args.timeLimit) {
        double seconds = -1;
        const auto &t = *args.timeLimit;
        const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), seconds);
        if (ec != std::errc() || p != t.data() + t.size() || seconds < 0)
            return fmt::format("--time-limit must be a number of seconds, not '{}'", t);
        request->timeLimitSeconds = seconds;
    }
    if (args.format && *args.format != "native" && *args.format != "chrome")
        return fmt::format("--format must be native or chrome, not '{}'", *args.format);
    if (args.python) {
        if (args.python->empty())
            return std::string("--python needs the path of a Python interpreter");
        request->python = *args.python;
    }
    return std::nullopt;
}

// Ends this process as the script's ended: by the same signal (a shell then shows what it shows for
// python3, 130 or "Terminated"), without a core file; 128 + n if the signal does not end it.
int dieBy(int sig)
{
    std::fflush(nullptr);
    const rlimit noCore {0, 0};
    ::setrlimit(RLIMIT_CORE, &noCore);
    std::signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(sig);
    return 128 + sig;
}

// Whether two descriptors are the same file (a terminal, or `> out.txt 2>&1`).
bool sameFile(int a, int b)
{
    struct stat x {}, y {};
    return ::fstat(a, &x) == 0 && ::fstat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

// `run SCRIPT.py`: what python3 prints, byte for byte and as it comes (the tracer writes what the
// script writes as python3 -u would; each chunk is passed through on the same stream), then the
// script's exit code. Coroscope adds a word only when it stopped the run itself (a deadlock, the
// event budget, the time limit), or when the tracer could not run.
int runScriptCommand(const SourceRequest &request)
{
    ScriptOptions options;
    options.clock = request.clock.value_or(ClockMode::Virtual);
    options.eventBudget = request.options.eventBudget;
    options.timeLimitSeconds = request.timeLimitSeconds;
    if (!request.python.empty() && !checkInterpreter(request.python))
        return 2;
    options.python = request.python;
    // Where stdout and stderr are one (a terminal), they reach it in the order they were written.
    options.stderrIntoStdout = sameFile(1, 2);
    options.passthrough = [](int fd, std::string_view chunk) {
        std::FILE *stream = fd == 1 ? stdout : stderr;
        std::fwrite(chunk.data(), 1, chunk.size(), stream);
        std::fflush(stream);
    };
    const ScriptRun run = runScript(request.operand, options);
    if (!run.started) {
        for (const auto &report : run.result.errorOutput)
            fmt::print(stderr, "coroscope-cli: {}\n", report);
        return run.exitCode;
    }
    if (run.stopped) {
        fmt::print(stderr, "{}\n", run.result.error);
        return 1;
    }
    if (run.signal)
        return dieBy(run.signal);
    if (run.cutShort)
        fmt::print(stderr, "coroscope-cli: {}\n", run.result.error);
    return run.exitCode;
}

int runCommand(SourceRequest request)
{
    if (isScript(request.operand))
        return runScriptCommand(request);
    request.options.echo = [](std::string_view line) {
        fmt::print("{}\n", line);
        std::fflush(stdout);
    };
    const auto result = resolveSource(request);
    if (!result)
        return 2;
    // What Python would print on stderr: the loop's logged exceptions, then what stopped the run.
    for (const auto &report : result->errorOutput)
        fmt::print(stderr, "{}\n", report);
    return result->ok() ? 0 : 1;
}

int eventsCommand(const SourceRequest &request)
{
    const auto result = resolveSource(request);
    if (!result)
        return 2;
    printEvents(result->trace);
    if (!result->ok())
        fmt::print(stderr, "{}\n", result->error);
    return result->ok() ? 0 : 1;
}

int traceCommand(const SourceRequest &request, const std::string &output, bool chrome)
{
    const auto result = resolveSource(request);
    if (!result)
        return 2;
    std::string error;
    const bool ok = chrome ? writeFileAtomically(serializeChromeTrace(result->trace), output, &error)
                           : writeTraceFile(result->trace, output, &error);
    if (!ok) {
        fmt::print(stderr, "coroscope-cli: cannot write {}: {}\n", output, error);
        return 1;
    }
    fmt::print(stderr, "wrote {} events to {}{}\n", result->trace.events.size(), output,
               chrome ? " (Chrome Trace Event JSON)" : "");
    return 0;
}

// Every interpreter found, one a line: "* CPython 3.11.7  /usr/bin/python3  supported  (python3 on PATH)".
int pythonsCommand(const std::optional<std::string> &given)
{
    auto search = PythonSearch::fromEnvironment();
    if (given)
        search.given.push_back(*given);
    const auto pythons = findPythons(search);
    // The one a script runs on: --python, else $COROSCOPE_PYTHON, else python3 on PATH.
    const PythonOrigin::Kind runsOn = given                          ? PythonOrigin::Kind::Given
                                      : !search.environment.empty() ? PythonOrigin::Kind::Environment
                                                                     : PythonOrigin::Kind::Python3;
    std::size_t labelWidth = 0, pathWidth = 0;
    for (const auto &p : pythons) {
        labelWidth = std::max(labelWidth, p.label().size());
        pathWidth = std::max(pathWidth, p.path.size());
    }
    bool anySupported = false;
    for (const auto &p : pythons) {
        const bool marked = std::any_of(p.origins.begin(), p.origins.end(),
                                        [&](const PythonOrigin &o) { return o.kind == runsOn; });
        std::string origins;
        for (const auto &o : p.origins)
            origins += (origins.empty() ? "" : ", ") + describeOrigin(o);
        fmt::print("{} {:<{}}  {:<{}}  {}  ({})\n", marked ? '*' : ' ', p.label(), labelWidth, p.path, pathWidth,
                   p.supported() ? std::string("supported") : "unsupported: " + p.reason(), origins);
        anySupported = anySupported || p.supported();
    }
    if (!anySupported) {
        fmt::print(stderr, "coroscope-cli: no Python that Coroscope runs scripts on (CPython 3.{} to 3.{}) was "
                           "found; looked in {}\n",
                   kOldestPythonMinor, kNewestPythonMinor, search.places());
        return 1;
    }
    return 0;
}

int showCommand(const SourceRequest &request)
{
    const auto result = resolveSource(request);
    if (!result)
        return 2;
    fmt::print("{}", summarizeTrace(result->trace));
    return 0;
}

} // namespace

int run(int argc, char **argv)
{
    Arguments args;
    CLI::App app("Runs the Coroscope samples headless and inspects trace files.", "coroscope-cli");
    app.set_help_flag(); // our usage text, for -h after a command too
    app.allow_extras(); // unknown options and commands get our messages, not CLI11's
    app.prefix_command(); // an unknown command ends the parse there
    app.require_subcommand(0, 1); // one command: a later "list" or "run" is an operand
    app.add_flag("-h,--help", args.help);
    for (std::string_view name : kCommands) {
        CLI::App *command = app.add_subcommand(std::string(name));
        command->allow_extras();
        command->add_flag("-h,--help", args.help);
        command->add_option("operands", args.operands);
        for (const auto &spec : optionSpecs()) {
            if (std::find(spec.commands.begin(), spec.commands.end(), name) == spec.commands.end())
                continue;
            auto *value = &(args.*spec.value);
            command
                ->add_option_function<std::string>(std::string(spec.names),
                                                   [value](const std::string &v) { *value = v; })
                ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
        }
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ArgumentMismatch &e) {
        // Values are taken whatever they look like, so a value is missing only after the last token.
        const OptionSpec *spec = argc > 1 ? findOption(argv[argc - 1]) : nullptr;
        return usageError(spec ? std::string(spec->needsValue) : std::string(e.what()));
    } catch (const CLI::ParseError &e) {
        return usageError(e.what());
    }

    const auto parsed = app.get_subcommands();
    CLI::App *command = parsed.empty() ? nullptr : parsed.front();
    // Before the command: only -h. After it: its options; another command's is pointed there.
    std::vector<std::string> unknownCommands;
    struct Misplaced {
        std::string token;
        const OptionSpec *spec;
        bool beforeCommand;
    };
    std::vector<Misplaced> misplaced;
    auto sortOut = [&](const std::vector<std::string> &tokens, bool beforeCommand) -> std::optional<int> {
        for (const auto &token : tokens) {
            if (!isOption(token)) {
                if (command)
                    args.operands.push_back(token); // after "--", past the command's own operands
                else
                    unknownCommands.push_back(token);
                continue;
            }
            if (!beforeCommand && token == "--")
                continue;
            const OptionSpec *spec = findOption(token);
            if (!spec)
                return usageError(fmt::format("unknown option '{}'", token));
            misplaced.push_back({token, spec, beforeCommand});
        }
        return std::nullopt;
    };
    if (auto code = sortOut(app.remaining(), true))
        return *code;
    if (command) {
        if (auto code = sortOut(command->remaining(), false))
            return *code;
    }
    if (args.help) {
        fmt::print("{}", kUsage);
        return 0;
    }
    if (!misplaced.empty()) {
        const auto &[token, spec, beforeCommand] = misplaced.front();
        return usageError(belongsTo(token, *spec) + (beforeCommand ? ": write it after the command" : ""));
    }
    if (!command) {
        if (!unknownCommands.empty())
            return usageError(fmt::format("unknown command '{}'", unknownCommands.front()));
        return usageError("no command given");
    }

    const std::string name = command->get_name();
    const auto &operands = args.operands;
    SourceRequest request;
    if (auto message = checkValues(args, &request))
        return usageError(*message);
    if (operands.size() == 1)
        request.operand = operands[0];

    if (name == "help") {
        fmt::print("{}", kUsage);
        return 0;
    }
    if (name == "pythons") {
        if (!operands.empty())
            return usageError("pythons takes no arguments");
        return pythonsCommand(args.python);
    }
    if (name == "list") {
        if (!operands.empty())
            return usageError("list takes no arguments");
        for (const auto &s : sampleList())
            fmt::print("{}\t{}\n", s.id, s.title);
        return 0;
    }
    if (name == "run") {
        if (operands.size() != 1)
            return usageError("run needs exactly one sample id or SCRIPT.py");
        request.accepted = SourceKind::Sample | SourceKind::Script;
        return runCommand(std::move(request));
    }
    if (name == "events") {
        if (operands.size() != 1)
            return usageError("events needs a sample id, a SCRIPT.py or a trace file");
        request.accepted = SourceKind::Sample | SourceKind::TraceFile | SourceKind::Script;
        return eventsCommand(request);
    }
    if (name == "trace") {
        if (operands.size() != 1 || !args.output)
            return usageError("trace needs a sample id or SCRIPT.py, and -o FILE");
        request.accepted = SourceKind::Sample | SourceKind::Script;
        return traceCommand(request, *args.output, args.format == "chrome");
    }
    if (name == "show") {
        if (operands.size() != 1)
            return usageError("show needs a trace file");
        request.accepted = unsigned(SourceKind::TraceFile);
        return showCommand(request);
    }
    if (name == "export-html") {
        if (operands.size() != 1 || !args.output)
            return usageError("export-html needs a sample id, a SCRIPT.py or a trace file, and -o FILE.html");
        request.accepted = SourceKind::Sample | SourceKind::TraceFile | SourceKind::Script;
        return exportHtmlCommand(request, {*args.output, args.step, args.lang});
    }
    // render
#ifdef COROSCOPE_CLI_RENDER
    if (operands.size() != 1 || !args.output)
        return usageError("render needs a sample id, a SCRIPT.py or a trace file, and -o OUT.png|OUT.svg|OUT.pdf");
    request.accepted = SourceKind::Sample | SourceKind::TraceFile | SourceKind::Script;
    const RenderOptions render {request.operand, *args.output, args.step, args.size, args.slides,
                                args.axis, args.density, args.group, args.fold};
    return renderCommand(render, [&]() -> std::optional<Trace> {
        auto result = resolveSource(request);
        if (!result)
            return std::nullopt;
        if (!result->ok())
            fmt::print(stderr, "coroscope-cli: the run stopped: {}\n", result->error);
        return std::move(result->trace);
    });
#else
    return usageError("render is not available: this coroscope-cli was built without the GUI");
#endif
}

} // namespace coroscope::cli
