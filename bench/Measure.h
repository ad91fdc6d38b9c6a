#pragma once

#include <algorithm>
#include <ctime>
#include <string>

namespace coroscope::bench {

// CPU time of the calling thread, in nanoseconds. The machine is shared with other builds: CPU
// time, not wall time, says what the code costs, and the best of a few repetitions drops the noise.
inline double threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

inline double wallNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

// The thread CPU time of one call of `f`, in nanoseconds.
template<class F> double cpuNs(F &&f)
{
    const double t0 = threadCpuNs();
    f();
    return threadCpuNs() - t0;
}

// The smallest of `reps` results of `f()`.
template<class F> double bestOf(int reps, F &&f)
{
    double best = f();
    for (int i = 1; i < reps; ++i)
        best = std::min(best, f());
    return best;
}

template<class T> inline void doNotOptimize(const T &value)
{
    asm volatile("" : : "r,m"(value) : "memory");
}

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), or -1.
long procStatusKb(const char *field);
// "AMD EPYC 7B13, 2 cores, Linux 6.1": printed at the top of the run.
std::string machineDescription();

} // namespace coroscope::bench
