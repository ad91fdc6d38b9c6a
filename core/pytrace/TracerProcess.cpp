#include "TracerProcess.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <sstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace coroscope {

TracerProcess::~TracerProcess()
{
    finish();
}

int TracerProcess::start(const std::vector<std::string> &argv, const std::vector<std::pair<int, int>> &fds)
{
    std::vector<char *> args;
    for (const auto &a : argv)
        args.push_back(const_cast<char *>(a.c_str()));
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0); // input() meets end-of-file
    for (const auto &[from, to] : fds)
        posix_spawn_file_actions_adddup2(&actions, from, to);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // A group of its own (its id is the tracer's pid): what the script forks stays in it, and the
    // terminal's or the app's signals meant for us do not reach it.
    posix_spawnattr_setpgroup(&attr, 0);
    // The default actions for the signals the app may ignore or handle (SIGPIPE above all).
    sigset_t all;
    sigfillset(&all);
    posix_spawnattr_setsigdefault(&attr, &all);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    const int spawned = posix_spawnp(&m_pid, argv.front().c_str(), &actions, &attr, args.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        m_pid = -1;
    return spawned;
}

bool TracerProcess::exited()
{
    if (m_pid <= 0 || m_exited)
        return true;
    // WNOWAIT: it stays a zombie, holding its pid (the group's id) until finish() reaps it, so
    // that the group is never confused with a new one that reuses the number.
    siginfo_t info{};
    if (::waitid(P_PID, id_t(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == m_pid)
        m_exited = true;
    return m_exited;
}

namespace {

// pid, parent's pid and start time of /proc/PID/stat ("pid (comm) state ppid ... starttime ...":
// comm may hold spaces and parentheses, the last ')' ends it).
bool readStat(const std::string &pid, pid_t &ppid, unsigned long long &started)
{
    std::ifstream stat("/proc/" + pid + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return false;
    const auto close = text.rfind(')');
    if (close == std::string::npos || close + 2 >= text.size())
        return false;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    // Fields 3 (state) to 22 (starttime); the parent is field 4.
    for (int i = 3; i <= 22 && fields >> field; ++i) {
        if (i == 4)
            ppid = pid_t(std::strtol(field.c_str(), nullptr, 10));
        else if (i == 22) {
            started = std::strtoull(field.c_str(), nullptr, 10);
            return true;
        }
    }
    return false;
}

} // namespace

void TracerProcess::remember(const std::vector<Proc> &procs)
{
    for (const Proc &p : procs)
        if (std::find(m_seen.begin(), m_seen.end(), p) == m_seen.end())
            m_seen.push_back(p);
}

void TracerProcess::signalSeen(int sig) const
{
    for (const Proc &p : m_seen) {
        pid_t ppid = 0;
        unsigned long long started = 0;
        if (readStat(std::to_string(p.pid), ppid, started) && started == p.started)
            ::kill(p.pid, sig);
    }
}

void TracerProcess::terminate()
{
    if (m_pid <= 0 || m_reaped)
        return;
    remember(descendants(m_pid));
    ::kill(-m_pid, SIGTERM);
    signalSeen(SIGTERM);
}

void TracerProcess::kill()
{
    if (m_pid <= 0 || m_reaped)
        return;
    // Stop the group first, so that nothing forks between the look at /proc and the kill.
    ::kill(-m_pid, SIGSTOP);
    remember(descendants(m_pid));
    signalSeen(SIGSTOP);
    remember(descendants(m_pid));
    ::kill(-m_pid, SIGKILL);
    signalSeen(SIGKILL);
}

int TracerProcess::finish()
{
    if (m_pid <= 0 || m_reaped)
        return m_status;
    if (!exited())
        kill();
    else {
        // The tracer ended by itself (it ended what it had started); what is left of its group
        // goes now, while its zombie still holds the group's id.
        ::kill(-m_pid, SIGKILL);
        signalSeen(SIGKILL);
    }
    while (::waitpid(m_pid, &m_status, 0) < 0 && errno == EINTR) {
    }
    m_reaped = true;
    return m_status;
}

std::vector<TracerProcess::Proc> TracerProcess::descendants(pid_t root)
{
    std::multimap<pid_t, Proc> children; // parent -> child
    if (DIR *proc = ::opendir("/proc")) {
        while (const dirent *entry = ::readdir(proc)) {
            char *end = nullptr;
            const long pid = std::strtol(entry->d_name, &end, 10);
            pid_t ppid = 0;
            unsigned long long started = 0;
            if (pid > 0 && *end == '\0' && readStat(entry->d_name, ppid, started))
                children.emplace(ppid, Proc{pid_t(pid), started});
        }
        ::closedir(proc);
    }
    std::vector<Proc> found;
    std::vector<pid_t> todo{root};
    while (!todo.empty()) {
        const pid_t parent = todo.back();
        todo.pop_back();
        const auto [begin, end] = children.equal_range(parent);
        for (auto it = begin; it != end; ++it) {
            if (std::find(found.begin(), found.end(), it->second) != found.end())
                continue;
            found.push_back(it->second);
            todo.push_back(it->second.pid);
        }
    }
    return found;
}

} // namespace coroscope
