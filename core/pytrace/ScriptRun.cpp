#include "ScriptRun.h"

#include "TraceStream.h"

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
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace coroscope {

namespace {

namespace fs = std::filesystem;

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

const char *const kTracerBootstrap = "import sys; sys.path[0] = sys.argv.pop(1); "
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
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0); // input() meets end-of-file
    posix_spawn_file_actions_adddup2(&actions, out.write, 1);
    posix_spawn_file_actions_adddup2(&actions, options.stderrIntoStdout ? out.write : err.write, 2);
    posix_spawn_file_actions_adddup2(&actions, events.write, 3);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, python.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    events.closeWrite();
    out.closeWrite();
    err.closeWrite();
    if (spawned != 0) {
        events.closeRead();
        out.closeRead();
        err.closeRead();
        if (spawned == ENOENT)
            return failEarly(fmt::format("{} was not found: install the Debian package python3 "
                                         "(sudo apt-get install python3), or set COROSCOPE_PYTHON",
                                         python));
        return failEarly(fmt::format("cannot start {}: {}", python, std::strerror(spawned)));
    }
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
    const auto kill = [&](std::string why) {
        if (killedFor.empty()) {
            killedFor = std::move(why);
            ::kill(pid, SIGKILL);
        }
    };

    char buffer[65536];
    while (events.read >= 0 || out.read >= 0 || err.read >= 0) {
        pollfd fds[3];
        int *owners[3];
        nfds_t n = 0;
        for (int *fd : {&events.read, &out.read, &err.read}) {
            if (*fd >= 0) {
                fds[n] = {*fd, POLLIN, 0};
                owners[n++] = fd;
            }
        }
        const int ready = ::poll(fds, n, 50);
        if (ready < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; ready > 0 && i < n; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const auto got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got <= 0) {
                if (got < 0 && errno == EINTR)
                    continue;
                ::close(*owners[i]);
                *owners[i] = -1;
                continue;
            }
            const std::string_view chunk(buffer, std::size_t(got));
            if (owners[i] == &events.read) {
                if (!stream.feed(chunk))
                    kill(stream.error());
            } else {
                const bool isOut = owners[i] == &out.read;
                if (options.passthrough)
                    options.passthrough(isOut ? 1 : 2, chunk);
                if (!isOut && rawErr.size() < (1u << 20))
                    rawErr.append(chunk);
            }
        }
        if (options.stop && options.stop->load(std::memory_order_relaxed))
            kill("stopped: the run was cancelled");
        const auto now = Clock::now();
        // The tracer stops a runaway script itself at the limit; this is the backstop for one it
        // cannot interrupt (a blocking call in C).
        if (options.timeLimitSeconds > 0 && now - started > std::chrono::duration<double>(options.timeLimitSeconds + 3))
            kill(fmt::format("time limit: the script ran for {:g} s of wall time and was killed",
                             options.timeLimitSeconds));
        if (options.progress && now - lastProgress >= std::chrono::milliseconds(100)
            && stream.trace().events.size() != reported) {
            lastProgress = now;
            reported = stream.trace().events.size();
            options.progress(stream.trace());
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
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
