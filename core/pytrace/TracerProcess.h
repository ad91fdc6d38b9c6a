#pragma once

#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace coroscope {

// The tracer's process and everything the script starts from it, as one thing that ends with the
// run. The tracer is spawned as the leader of a process group of its own; the script's threads
// die with it, its forked and spawned children stay in the group, and the tracer makes itself
// their subreaper (PR_SET_CHILD_SUBREAPER), so that a double-forked orphan that left the group
// (setsid) is still its descendant while it runs. Ending a run (its end, Stop, the time limit):
// SIGTERM to the group and every descendant, a short grace, then SIGKILL to all of them.
//
// The one place that starts and ends the processes of a traced run (a sandbox wraps it here).
class TracerProcess
{
public:
    TracerProcess() = default;
    TracerProcess(const TracerProcess &) = delete;
    TracerProcess &operator=(const TracerProcess &) = delete;
    ~TracerProcess(); // finish()

    // Starts `argv` (argv[0] looked up on PATH) with the descriptors `fds` (from, to) in place and
    // stdin at end-of-file. Returns 0 or the errno of the failure (ENOENT: no such program).
    int start(const std::vector<std::string> &argv, const std::vector<std::pair<int, int>> &fds);

    pid_t pid() const { return m_pid; }

    // True once the tracer has exited (it is not reaped yet: its pid keeps the group's id taken).
    bool exited();

    // A chance to end: SIGTERM to the group and to the tracer's descendants outside it.
    void terminate();
    // No more chances: SIGKILL to the group and every descendant seen.
    void kill();

    // The run is over: whatever is left of the group and of the descendants seen is killed and
    // the tracer reaped. Returns its wait status (as waitpid gives it).
    int finish();

    // A process, by its pid and its start time (a pid seen once may be reused later).
    struct Proc {
        pid_t pid = 0;
        unsigned long long started = 0; // clock ticks after boot (/proc/PID/stat, field 22)
        bool operator==(const Proc &) const = default;
    };
    // The processes descending from `root`, read from /proc, children before their children.
    static std::vector<Proc> descendants(pid_t root);

private:
    void remember(const std::vector<Proc> &procs);
    void signalSeen(int sig) const; // those seen that are still the same processes

    pid_t m_pid = -1;
    bool m_exited = false;
    bool m_reaped = false;
    int m_status = 0;
    std::vector<Proc> m_seen; // descendants found so far (outside the group too)
};

} // namespace coroscope
