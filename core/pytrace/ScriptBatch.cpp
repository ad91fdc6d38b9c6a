#include "ScriptBatch.h"

#include "TraceStream.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace coroscope {

namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// One script's stream file, as runScript() reads a stream: its trace, printed lines, error.
ScriptRun readRun(const fs::path &stream)
{
    ScriptRun run;
    TraceStream reader;
    std::error_code ec;
    if (!fs::exists(stream, ec)) {
        run.result.error = "the tracer wrote no stream for this script";
        run.cutShort = true;
        return run;
    }
    reader.feed(readFile(stream));
    auto &result = run.result;
    result.trace = reader.takeTrace();
    detail::readRunReports(run);
    if (!reader.complete()) {
        run.cutShort = true;
        if (result.error.empty())
            result.error = reader.ok() ? std::string("the tracer ended before the run did") : reader.error();
    }
    for (const auto &e : result.trace.events)
        if (e.eventKind() == EventKind::Output)
            result.output.emplace_back(result.trace.detail(e));
    return run;
}

} // namespace

std::vector<ScriptRun> runScriptBatch(const std::vector<std::string> &scripts, const BatchOptions &options)
{
    std::vector<ScriptRun> runs(scripts.size());
    if (scripts.empty())
        return runs;
    const std::string python = detail::pythonInterpreter(options.python);
    const std::string tracerDir = options.tracerDir.empty() ? findTracerDir() : options.tracerDir;
    auto failAll = [&](const std::string &message) {
        for (auto &r : runs) {
            r.result.error = message;
            r.cutShort = true;
        }
        return runs;
    };
    if (tracerDir.empty())
        return failAll("the Python tracer (coroscope_tracer) was not found");

    char pattern[] = "/tmp/coroscope-batch-XXXXXX";
    if (!mkdtemp(pattern))
        return failAll(fmt::format("cannot make a temporary folder: {}", std::strerror(errno)));
    const fs::path dir = pattern;

    // Script i goes to batch i % processes: neighbours (alike in size) spread over the processes.
    const int processes = std::max(1, std::min<int>(options.processes, int(scripts.size())));
    std::vector<pid_t> pids;
    for (int p = 0; p < processes; ++p) {
        const auto list = dir / fmt::format("batch-{}.txt", p);
        {
            std::ofstream out(list);
            for (std::size_t i = std::size_t(p); i < scripts.size(); i += std::size_t(processes))
                out << scripts[i] << '\t' << (dir / fmt::format("{}.stream", i)).string() << '\n';
        }
        std::vector<std::string> args = {python, "-B", "-c", detail::kTracerBootstrap, tracerDir, "--batch", list.string(),
                                         "--budget", std::to_string(options.eventBudget)};
        if (options.timeLimitSeconds > 0) {
            args.push_back("--time-limit");
            args.push_back(fmt::format("{}", options.timeLimitSeconds));
        }
        std::vector<char *> argv;
        for (auto &a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        pid_t pid = -1;
        const int spawned = posix_spawnp(&pid, python.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        if (spawned == 0)
            pids.push_back(pid);
    }
    for (auto pid : pids) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
    for (std::size_t i = 0; i < scripts.size(); ++i)
        runs[i] = readRun(dir / fmt::format("{}.stream", i));
    std::error_code ec;
    fs::remove_all(dir, ec);
    return runs;
}

} // namespace coroscope
