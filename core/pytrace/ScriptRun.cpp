#include "ScriptRun.h"

#include "TraceStream.h"
#include "TracerProcess.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace coroscope {

namespace {

namespace fs = std::filesystem;

// Ending a run: SIGTERM to what it started, then SIGKILL after this grace.
constexpr auto kEndGrace = std::chrono::milliseconds(300);
// The tracer stops a script at the time limit itself; core ends what is left this much later,
// counted from the tracer's first bytes (its start-up, seconds on a busy machine, is its own), and
// at the latest this much after the process started.
constexpr auto kTimeLimitBackstop = std::chrono::milliseconds(500);
constexpr auto kTimeLimitLastResort = std::chrono::seconds(3);

bool hasTracer(const fs::path &dir)
{
    std::error_code ec;
    return !dir.empty() && fs::exists(dir / "coroscope_tracer" / "__main__.py", ec);
}

// The tracer takes its folder as argv[1], puts it first on sys.path (where python3 script.py puts
// the script's folder, which the tracer then does), and runs.

struct Pipe {
    int read = -1;
    int write = -1;
    bool open() { int fds[2]; if (pipe2(fds, O_CLOEXEC) != 0) return false; read = fds[0]; write = fds[1]; return true; }
    void closeRead() { if (read >= 0) ::close(read); read = -1; }
    void closeWrite() { if (write >= 0) ::close(write); write = -1; }
};

std::string signalName(int sig)
{
    switch (sig) {
    case SIGKILL: return "SIGKILL";
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGTERM: return "SIGTERM";
    default: return fmt::format("signal {}", sig);
    }
}

// The Fault that ends a trace the tracer did not finish itself.
void endCutShort(Trace &trace, const std::string &message)
{
    if (trace.lanes.empty())
        return;
    Event e;
    e.lane = 0;
    e.detail = trace.strings.intern(message);
    e.kind = std::uint32_t(EventKind::Fault);
    trace.append(e, trace.endTime());
}

} // namespace

std::string findTracerDir()
{
    if (const char *env = std::getenv("COROSCOPE_TRACER_DIR"); env && hasTracer(env))
        return env;
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share" / "coroscope" / "tracer";
        if (hasTracer(installed))
            return installed.string();
    }
#ifdef COROSCOPE_TRACER_SOURCE_DIR
    if (hasTracer(COROSCOPE_TRACER_SOURCE_DIR))
        return COROSCOPE_TRACER_SOURCE_DIR;
#endif
    return {};
}

namespace detail {

// The first lines run on any Python, 2.7 included: one too old to even read the tracer's code is
// told so in the tracer's words (the tracer itself refuses a Python it cannot follow: 3.14 and newer).
const char *const kTracerBootstrap
    = "import sys\n"
      "if sys.version_info[:2] < (3, 10):\n"
      "    sys.stderr.write('coroscope-tracer: Python %s (%s) is too old: Coroscope traces CPython 3.10 to 3.13. "
      "Name another interpreter with --python PATH (coroscope-cli), Run > Python Interpreter... (the app) "
      "or COROSCOPE_PYTHON.\\n' % (sys.version.split()[0], sys.executable))\n"
      "    sys.exit(2)\n"
      "sys.path[0] = sys.argv.pop(1)\n"
      "from coroscope_tracer.__main__ import main; sys.exit(main(sys.argv[1:]))";

std::string pythonInterpreter(const std::string &configured)
{
    if (!configured.empty())
        return configured;
    const char *env = std::getenv("COROSCOPE_PYTHON");
    return env && *env ? env : "python3";
}

void readRunReports(ScriptRun &run)
{
    auto &result = run.result;
    for (const auto &[key, value] : result.trace.metadata) {
        if (key == kStderrKey)
            result.errorOutput.push_back(value);
        else if (key == "error")
            result.error = value;
        else if (key == "error-line")
            run.errorLine = std::atoi(value.c_str());
        else if (key == "error-column")
            run.errorColumn = std::atoi(value.c_str());
        else if (key == "status")
            run.stopped = value == "stopped";
    }
    run.syntaxError = run.errorLine > 0;
}

} // namespace detail

ScriptRun runScript(const std::string &script, const ScriptOptions &options)
{
    ScriptRun run;
    auto &result = run.result;
    const auto failEarly = [&](std::string message) {
        result.error = message;
        result.errorOutput.push_back(std::move(message));
        run.exitCode = 2;
        return run;
    };

    const std::string python = detail::pythonInterpreter(options.python);
    const std::string tracerDir = options.tracerDir.empty() ? findTracerDir() : options.tracerDir;
    if (tracerDir.empty())
        return failEarly("the Python tracer (coroscope_tracer) was not found: set COROSCOPE_TRACER_DIR to the "
                         "folder holding it (the repository's tracer/, or share/coroscope/tracer when installed)");
    {
        std::error_code ec;
        if (!fs::is_regular_file(script, ec))
            return failEarly(fmt::format("cannot open {}: no such file", script));
    }

    // The text that runs travels with the trace: a saved trace shows its code wherever it is opened.
    std::string scriptText;
    {
        std::ifstream in(script, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        scriptText = text.str();
    }

    Pipe events, out, err;
    if (!events.open() || !out.open() || !err.open())
        return failEarly(fmt::format("cannot create pipes: {}", std::strerror(errno)));

    std::vector<std::string> args = {python, "-B", "-c", detail::kTracerBootstrap, tracerDir, "--fd", "3",
                                     "--clock", options.clock == ClockMode::Real ? "real" : "virtual",
                                     "--budget", std::to_string(options.eventBudget)};
    if (options.timeLimitSeconds > 0) {
        args.push_back("--time-limit");
        args.push_back(fmt::format("{}", options.timeLimitSeconds));
    }
    args.push_back(script);
    args.insert(args.end(), options.args.begin(), options.args.end());
    TracerProcess tracer;
    const int spawned = tracer.start(
        args, {{out.write, 1}, {options.stderrIntoStdout ? out.write : err.write, 2}, {events.write, 3}});
    events.closeWrite();
    out.closeWrite();
    err.closeWrite();
    if (spawned != 0) {
        events.closeRead();
        out.closeRead();
        err.closeRead();
        if (spawned == ENOENT && python.find('/') == std::string::npos)
            return failEarly(fmt::format("{} was not found on PATH: install the Debian package python3 "
                                         "(sudo apt-get install python3), or name an interpreter with "
                                         "--python PATH (coroscope-cli), Run > Python Interpreter… (the app) "
                                         "or COROSCOPE_PYTHON",
                                         python));
        if (spawned == ENOENT)
            return failEarly(fmt::format("the Python interpreter {} was not found: name another with --python "
                                         "PATH (coroscope-cli), Run > Python Interpreter… (the app) or "
                                         "COROSCOPE_PYTHON",
                                         python));
        return failEarly(fmt::format("cannot start {}: {}", python, std::strerror(spawned)));
    }
    for (int fd : {events.read, out.read, err.read})
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    run.started = true;

    TraceStream stream;
    for (const auto &[key, value] : options.metadata)
        stream.addMetadata(key, value);
    stream.addMetadata("script-text", scriptText);
    std::string rawErr; // kept for a tracer that fails before it records anything
    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto lastProgress = started;
    std::size_t reported = 0;
    std::string killedFor;
    Clock::time_point killAt{}; // when a run being ended gets SIGKILL
    std::optional<Clock::time_point> firstBytes; // when the tracer's stream began
    const auto end = [&](std::string why) {
        if (killedFor.empty()) {
            killedFor = std::move(why);
            tracer.terminate();
            killAt = Clock::now() + kEndGrace;
        }
    };

    char buffer[65536];
    // Reads what is there now (at most 4 MiB: a flood cannot hold the loop); false at end-of-file,
    // when the descriptor is closed.
    const auto readFrom = [&](int *fd) {
        for (std::size_t total = 0; total < (4u << 20);) {
            const auto got = ::read(*fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0 && errno == EAGAIN)
                return true;
            if (got <= 0) {
                ::close(*fd);
                *fd = -1;
                return false;
            }
            total += std::size_t(got);
            const std::string_view chunk(buffer, std::size_t(got));
            if (fd == &events.read && !firstBytes)
                firstBytes = Clock::now();
            if (fd == &events.read) {
                if (!stream.feed(chunk))
                    end(stream.error());
            } else {
                const bool isOut = fd == &out.read;
                if (options.passthrough)
                    options.passthrough(isOut ? 1 : 2, chunk);
                if (!isOut && rawErr.size() < (1u << 20))
                    rawErr.append(chunk);
            }
        }
        return true;
    };

    // Until the tracer has exited: not until every pipe is at end-of-file, which the script's
    // children (a forked worker, a daemon) may hold open for ever.
    while (!tracer.exited()) {
        pollfd fds[3];
        int *owners[3];
        nfds_t n = 0;
        for (int *fd : {&events.read, &out.read, &err.read}) {
            if (*fd >= 0) {
                fds[n] = {*fd, POLLIN, 0};
                owners[n++] = fd;
            }
        }
        const int ready = ::poll(fds, n, 20);
        if (ready < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; ready > 0 && i < n; ++i)
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
                readFrom(owners[i]);
        if (options.stop && options.stop->load(std::memory_order_relaxed))
            end("stopped: the run was cancelled");
        const auto now = Clock::now();
        // The tracer stops a runaway script itself at the limit; this is the backstop for one it
        // cannot interrupt (a blocking call in C).
        const auto limit = std::chrono::duration<double>(options.timeLimitSeconds);
        if (options.timeLimitSeconds > 0
            && ((firstBytes && now - *firstBytes > limit + kTimeLimitBackstop)
                || now - started > limit + kTimeLimitLastResort))
            end(fmt::format("time limit: the script ran for {:g} s of wall time and was killed",
                            options.timeLimitSeconds));
        if (!killedFor.empty() && now >= killAt) {
            tracer.kill();
            killAt = Clock::time_point::max();
        }
        if (options.progress && now - lastProgress >= std::chrono::milliseconds(100)
            && stream.trace().events.size() != reported) {
            lastProgress = now;
            reported = stream.trace().events.size();
            options.progress(stream.trace());
        }
    }
    // The tracer is gone: what is left of its group goes too, then what it wrote before is read
    // (a writer that outlived the kill cannot keep the run open: at most a few chunks more).
    const int status = tracer.finish();
    for (int *fd : {&events.read, &out.read, &err.read}) {
        if (*fd >= 0)
            readFrom(fd);
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
    }
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    run.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;

    // (No finish(): a stream without its end marker ends with a line cut short, which is dropped.)
    result.trace = stream.takeTrace();
    auto &trace = result.trace;
    detail::readRunReports(run);

    // The tracer writes what the script writes to fds 1 and 2 as python3 -u would, and records the
    // same, with what reached them below print() (a subprocess, os.write), in the order it was
    // written: the Output events and the stderr reports hold it all, line by line.
    // An interpreter the tracer does not run on (too old, too new) is refused before anything runs:
    // its message is the whole report.
    if (run.exitCode == 2 && trace.events.empty() && rawErr.starts_with(detail::kRefusalPrefix)) {
        while (!rawErr.empty() && rawErr.back() == '\n')
            rawErr.pop_back();
        run.refused = true;
        result.error = rawErr;
        result.errorOutput.push_back(rawErr);
        trace.metadata.emplace_back(std::string(kStderrKey), rawErr);
        return run;
    }
    if (!stream.complete()) {
        run.cutShort = true;
        std::string message;
        if (!killedFor.empty())
            message = killedFor;
        else if (!stream.ok())
            message = stream.error();
        else if (WIFSIGNALED(status))
            message = fmt::format("the tracer was killed by {} before the run ended: the trace holds what "
                                  "arrived", signalName(WTERMSIG(status)));
        else
            message = fmt::format("the tracer ended (exit code {}) before the run did: the trace holds what "
                                  "arrived", run.exitCode);
        run.stopped = run.stopped || !killedFor.empty() || !stream.ok();
        // What reached stderr before the tracer could record it (it did not start): one report.
        if (result.errorOutput.empty() && !rawErr.empty()) {
            while (!rawErr.empty() && rawErr.back() == '\n')
                rawErr.pop_back();
            result.errorOutput.push_back(rawErr);
            trace.metadata.emplace_back(std::string(kStderrKey), rawErr);
        }
        endCutShort(trace, message);
        result.error = message;
        result.errorOutput.push_back(message);
        trace.metadata.emplace_back(std::string(kStderrKey), message);
    }
    for (const auto &e : trace.events)
        if (e.eventKind() == EventKind::Output)
            result.output.emplace_back(trace.detail(e));
    return run;
}

} // namespace coroscope
