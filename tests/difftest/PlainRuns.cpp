#include "PlainRuns.h"

#include "pytrace/ScriptRun.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace coroscope::difftest {

namespace {

using Clock = std::chrono::steady_clock;

struct Running {
    std::size_t index;
    pid_t pid;
    int out, err; // read ends, -1 once at end-of-file
    Clock::time_point started;
};

// Starts `argv` in a process group of its own with stdout and stderr on pipes; false if it could not.
bool spawn(const std::vector<std::string> &args, const std::string &dir, Running &r)
{
    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0)
        return false;
    if (pipe2(err, O_CLOEXEC) != 0) {
        close(out[0]);
        close(out[1]);
        return false;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<char *> argv;
    for (const auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    const int spawned = posix_spawnp(&r.pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(out[1]);
    close(err[1]);
    if (spawned != 0) {
        close(out[0]);
        close(err[0]);
        return false;
    }
    r.out = out[0];
    r.err = err[0];
    r.started = Clock::now();
    return true;
}

// Reads what is there; closes the descriptor at end-of-file.
void drain(int &fd, std::string &into)
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = read(fd, buffer, sizeof buffer);
        if (n > 0) {
            into.append(buffer, std::size_t(n));
            if (std::size_t(n) < sizeof buffer)
                return;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        close(fd);
        fd = -1;
        return;
    }
}

} // namespace

std::string resolvedPython(const std::string &python)
{
    static std::mutex mutex;
    static std::map<std::string, std::string> known;
    const std::lock_guard lock(mutex);
    auto it = known.find(python);
    if (it != known.end())
        return it->second;
    std::string found = python;
    const std::string command = "'" + python + "' -c 'import sys; print(sys.executable)' 2>/dev/null";
    if (FILE *p = popen(command.c_str(), "r")) {
        char line[4096];
        if (fgets(line, sizeof line, p)) {
            std::string s = line;
            while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
                s.pop_back();
            if (!s.empty())
                found = s;
        }
        pclose(p);
    }
    known[python] = found;
    return found;
}

std::vector<PlainRun> runPlain(const std::vector<std::string> &scripts, const PlainOptions &options)
{
    std::vector<PlainRun> runs(scripts.size());
    const std::string python = resolvedPython(coroscope::detail::pythonInterpreter(options.python));
    const auto limit = std::chrono::duration<double>(options.timeLimitSeconds);
    std::vector<Running> running;
    std::size_t next = 0;
    while (next < scripts.size() || !running.empty()) {
        while (next < scripts.size() && int(running.size()) < std::max(1, options.parallel)) {
            const std::string &script = scripts[next];
            const auto slash = script.rfind('/');
            const std::string dir = slash == std::string::npos ? std::string(".") : script.substr(0, slash);
            Running r {next, -1, -1, -1, {}};
            if (spawn({python, "-u", script}, dir, r)) {
                fcntl(r.out, F_SETFL, O_NONBLOCK);
                fcntl(r.err, F_SETFL, O_NONBLOCK);
                running.push_back(r);
            } else {
                runs[next].err = "coroscope-difftest: cannot start " + python;
                runs[next].exitCode = 127;
            }
            ++next;
        }
        std::vector<pollfd> fds;
        for (const auto &r : running) {
            if (r.out >= 0)
                fds.push_back({r.out, POLLIN, 0});
            if (r.err >= 0)
                fds.push_back({r.err, POLLIN, 0});
        }
        if (!fds.empty())
            poll(fds.data(), nfds_t(fds.size()), 20);
        for (auto &r : running) {
            if (r.out >= 0)
                drain(r.out, runs[r.index].out);
            if (r.err >= 0)
                drain(r.err, runs[r.index].err);
        }
        const auto now = Clock::now();
        for (auto it = running.begin(); it != running.end();) {
            auto &r = *it;
            PlainRun &run = runs[r.index];
            if (now - r.started > limit && !run.timedOut) {
                run.timedOut = true;
                kill(-r.pid, SIGKILL);
            }
            // The process has ended once both pipes are at end-of-file (or it was killed).
            if (r.out >= 0 || r.err >= 0) {
                if (!run.timedOut) {
                    ++it;
                    continue;
                }
            }
            int status = 0;
            const pid_t waited = waitpid(r.pid, &status, run.timedOut ? 0 : WNOHANG);
            if (waited == 0) {
                ++it;
                continue;
            }
            if (r.out >= 0)
                close(r.out);
            if (r.err >= 0)
                close(r.err);
            run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            run.seconds = std::chrono::duration<double>(Clock::now() - r.started).count();
            it = running.erase(it);
        }
    }
    return runs;
}

} // namespace coroscope::difftest
