#include "PythonInterpreter.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace coroscope {

namespace {

// Written for every Python from 2.7 on: an old one must answer too, to be told it is too old.
constexpr const char *kProbe
    = "import sys, platform\n"
      "sys.stdout.write(platform.python_implementation() + '\\n' + sys.executable + '\\n'"
      " + ' '.join(sys.version.split()) + '\\n')\n";

std::string firstLine(std::string text)
{
    const auto start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos)
        return {};
    text = text.substr(start);
    return text.substr(0, text.find('\n'));
}

// "3.13.0rc1" -> 3, 13.
bool parseVersion(const std::string &version, int &major, int &minor)
{
    char *end = nullptr;
    const long a = std::strtol(version.c_str(), &end, 10);
    if (end == version.c_str() || *end != '.')
        return false;
    const char *rest = end + 1;
    const long b = std::strtol(rest, &end, 10);
    if (end == rest)
        return false;
    major = int(a);
    minor = int(b);
    return true;
}

} // namespace

std::string describeOrigin(const PythonOrigin &origin)
{
    switch (origin.kind) {
    case PythonOrigin::Kind::Environment:
        return "$COROSCOPE_PYTHON";
    case PythonOrigin::Kind::Python3:
        return "python3 on PATH";
    case PythonOrigin::Kind::OnPath:
        return fmt::format("on PATH in {}", origin.detail);
    case PythonOrigin::Kind::Pyenv:
        return fmt::format("pyenv {}", origin.detail);
    case PythonOrigin::Kind::Given:
        return "named by you";
    }
    return {};
}

std::string PythonInterpreter::label() const
{
    if (version.empty())
        return implementation.empty() ? std::string("Python") : implementation;
    return fmt::format("{} {}", implementation.empty() ? "Python" : implementation, version);
}

std::string PythonInterpreter::reason() const
{
    switch (support) {
    case Support::Supported:
        return {};
    case Support::TooOld:
        return fmt::format("Python {}.{} is too old: Coroscope traces CPython 3.{} to 3.{}", major, minor,
                           kOldestPythonMinor, kNewestPythonMinor);
    case Support::TooNew:
        return fmt::format("Python {}.{} is newer than 3.{}, the newest Python Coroscope's tracer has been "
                           "tested on: it refuses to run rather than show a run that may be wrong",
                           major, minor, kNewestPythonMinor);
    case Support::NotCPython:
        return fmt::format("{} is not CPython: the tracer follows CPython's asyncio", implementation);
    case Support::Broken:
        return problem;
    }
    return problem;
}

PythonInterpreter::Support pythonSupport(const std::string &implementation, int major, int minor)
{
    using S = PythonInterpreter::Support;
    if (major < 3 || (major == 3 && minor < kOldestPythonMinor))
        return S::TooOld;
    if (major > 3 || minor > kNewestPythonMinor)
        return S::TooNew;
    if (implementation != "CPython")
        return S::NotCPython;
    return S::Supported;
}

PythonInterpreter probePython(const std::string &path, double timeoutSeconds)
{
    PythonInterpreter found;
    found.path = path;
    if (path.empty()) {
        found.problem = "no interpreter named";
        return found;
    }

    int out[2], err[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        found.problem = fmt::format("cannot create a pipe: {}", std::strerror(errno));
        return found;
    }
    if (pipe2(err, O_CLOEXEC) != 0) {
        found.problem = fmt::format("cannot create a pipe: {}", std::strerror(errno));
        ::close(out[0]);
        ::close(out[1]);
        return found;
    }
    std::string program = path, dashC = "-c", probe = kProbe;
    char *argv[] = {program.data(), dashC.data(), probe.data(), nullptr};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    pid_t pid = -1;
    const int spawned = posix_spawnp(&pid, path.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    if (spawned != 0) {
        ::close(out[0]);
        ::close(err[0]);
        found.problem = spawned == ENOENT ? std::string("not found")
                                          : fmt::format("cannot start: {}", std::strerror(spawned));
        return found;
    }

    std::string stdoutText, stderrText;
    int fds[2] = {out[0], err[0]};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutSeconds);
    bool timedOut = false;
    char buffer[4096];
    while (fds[0] >= 0 || fds[1] >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            break;
        }
        pollfd polled[2];
        int *owners[2];
        nfds_t n = 0;
        for (int &fd : fds) {
            if (fd >= 0) {
                polled[n] = {fd, POLLIN, 0};
                owners[n++] = &fd;
            }
        }
        const int ready = ::poll(polled, n, int(left.count()));
        if (ready < 0 && errno != EINTR)
            break;
        for (nfds_t i = 0; ready > 0 && i < n; ++i) {
            if (!(polled[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const auto got = ::read(polled[i].fd, buffer, sizeof buffer);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0) {
                ::close(*owners[i]);
                *owners[i] = -1;
                continue;
            }
            std::string &text = owners[i] == &fds[0] ? stdoutText : stderrText;
            if (text.size() < 65536)
                text.append(buffer, std::size_t(got));
        }
    }
    for (int fd : fds)
        if (fd >= 0)
            ::close(fd);
    if (timedOut)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    if (timedOut) {
        found.problem = fmt::format("did not answer within {:g} s", timeoutSeconds);
        return found;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string why = firstLine(stderrText);
        const std::string how = WIFEXITED(status) ? fmt::format("exit code {}", WEXITSTATUS(status))
                                                  : fmt::format("killed by signal {}", WTERMSIG(status));
        found.problem
            = why.empty() ? fmt::format("it failed ({})", how) : fmt::format("it failed ({}): {}", how, why);
        return found;
    }

    std::string lines[3];
    std::size_t start = 0;
    for (auto &line : lines) {
        const auto nl = stdoutText.find('\n', start);
        if (nl == std::string::npos)
            break;
        line = stdoutText.substr(start, nl - start);
        start = nl + 1;
    }
    found.implementation = lines[0];
    found.executable = lines[1];
    found.fullVersion = lines[2];
    found.version = found.fullVersion.substr(0, found.fullVersion.find(' '));
    if (found.implementation.empty() || !parseVersion(found.version, found.major, found.minor)) {
        found.problem
            = fmt::format("it does not answer as Python does (it printed '{}')", firstLine(stdoutText));
        found.version.clear();
        return found;
    }
    found.support = pythonSupport(found.implementation, found.major, found.minor);
    return found;
}

} // namespace coroscope
