#pragma once

#include "trace/Recorder.h"

#include <atomic>
#include <cassert>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

class EventLoop;
class TaskBase;

struct RunOptions {
    std::uint64_t eventBudget = 1'000'000;
    ClockMode clock = ClockMode::Virtual;
    std::function<void(std::string_view line)> echo; // sees each printed line as it is printed
    // Set from another thread (the app's Cancel): the run ends at its next safe point, as a spent
    // budget does, with "stopped: ...". Must outlive the run.
    const std::atomic<bool> *stop = nullptr;
};

// The context of one run: the recorder, the printed lines, and which lane is executing now.
// One per thread at a time; the runtime's free functions (print, sleep, create_task...) find it
// through Runtime::current(), the way asyncio's functions find the running loop.
class Runtime
{
public:
    explicit Runtime(RunOptions options = {});
    ~Runtime();
    Runtime(const Runtime &) = delete;
    Runtime &operator=(const Runtime &) = delete;

    static Runtime &current()
    {
        assert(s_current && "no coroscope::Runtime on this thread");
        return *s_current;
    }
    static bool active() { return s_current != nullptr; }

    // A worker thread joins the run for its lifetime: Runtime::current() works there, and what it
    // records lands on its own lane. Makes the recorder lock from then on.
    class ThreadScope
    {
    public:
        ThreadScope(Runtime &runtime, std::uint32_t lane, std::uint32_t startEvent);
        ~ThreadScope();
        ThreadScope(const ThreadScope &) = delete;
        ThreadScope &operator=(const ThreadScope &) = delete;

    private:
        std::vector<std::pair<std::uint32_t, std::uint32_t>> m_frames;
    };

    Recorder &recorder() { return m_recorder; }
    const RunOptions &options() const { return m_options; }

    std::uint32_t moduleLane() const { return m_moduleLane; }
    // Adds a lane whose parent is the lane running now.
    std::uint32_t newLane(std::string_view name, LaneKind kind, std::uint32_t cause = NoEvent);

    // The lane whose code runs now, and the event that began its current slice of execution
    // (its Start/Resume/Callback): that event is the cause of whatever the slice schedules.
    // Per thread: each worker thread has its own stack of what it runs.
    std::uint32_t currentLane() const { return s_frames->back().first; }
    std::uint32_t currentSlice() const { return s_frames->back().second; }
    void enter(std::uint32_t lane, std::uint32_t sliceEvent) { s_frames->push_back({lane, sliceEvent}); }
    void leave() { s_frames->pop_back(); }
    std::size_t depth() const { return s_frames->size(); }

    std::uint32_t location(const std::source_location &where) { return m_recorder.location(where); }
    // Where a suspension is shown: `loc`, or when that is in the runtime's own code (a task waiting
    // inside Lock.acquire(), wait(), Queue.get()), the program's line that awaited it: the innermost
    // Enter still open on the current lane. As the tracer shows a CPython task, at the script's await.
    std::uint32_t awaitSite(std::uint32_t loc);
    // The program awaits one of the runtime's helpers inline without an Enter (as_completed()'s
    // next result): a suspension inside it, in this slice, is shown at `loc`.
    void noteAwaitSite(std::uint32_t loc)
    {
        if (!m_recorder.isLibraryLocation(loc)) {
            m_siteSlice = currentSlice();
            m_siteLoc = loc;
            m_siteSeq = std::uint32_t(m_recorder.trace().events.size());
        }
    }
    std::uint32_t record(EventKind kind, std::uint32_t cause = NoEvent, std::string_view detail = {},
                         std::uint32_t loc = 0)
    {
        return m_recorder.record(kind, currentLane(), cause, detail, loc);
    }

    void print(std::string line, std::uint32_t loc = 0);
    // What was printed, in order (copied under the lock: workers may be printing).
    std::vector<std::string> output();
    // What asyncio's logger would write to stderr while the program goes on: "Exception in
    // callback ...", "Task exception was never retrieved ...". One entry per report.
    void logError(std::string report);
    std::vector<std::string> errorOutput();

    // The event loop running on this thread (asyncio.get_running_loop()), or null: worker threads
    // have none.
    EventLoop *loop() const { return s_loop; }
    void setLoop(EventLoop *loop) { s_loop = loop; }
    // The task being stepped now on this thread (asyncio.current_task()), or null.
    TaskBase *currentTask() const { return s_task; }
    // The same without asking for the Runtime (null when none is active on this thread).
    static TaskBase *runningTask() { return s_task; }
    void setCurrentTask(TaskBase *task) { s_task = task; }
    int nextTaskNumber() { return ++m_taskCounter; }
    int nextExecutorNumber() { return m_executorCounter++; } // ThreadPoolExecutor-0, -1, ...
    // Lock-1, Lock-2, Event-1, ...: synchronisation primitives are numbered per kind, in creation order.
    int nextPrimitiveNumber(std::string_view kind);

    // Throws RunAborted once the event budget is spent or RunOptions::stop is set; called at safe
    // points (loop iterations, generator resumptions) so that no coroutine frame is left half-way
    // through a recording. Inline: it runs once per switch.
    void checkBudget() const
    {
        if (m_recorder.exhausted() || (m_options.stop && m_options.stop->load(std::memory_order_relaxed)))
            [[unlikely]] abortRun();
    }

private:
    [[noreturn]] void abortRun() const;
    using Frames = std::vector<std::pair<std::uint32_t, std::uint32_t>>; // (lane, slice event)
    static inline thread_local Runtime *s_current = nullptr;
    static inline thread_local Frames *s_frames = nullptr;
    static inline thread_local EventLoop *s_loop = nullptr;
    static inline thread_local TaskBase *s_task = nullptr;

    RunOptions m_options;
    Recorder m_recorder;
    Frames m_frames; // the thread that made the Runtime
    Frames *m_previousFrames = nullptr;
    std::mutex m_outputMutex;
    std::vector<std::string> m_output;
    std::vector<std::string> m_errorOutput;
    std::uint32_t m_moduleLane = 0;
    int m_taskCounter = 0;
    std::uint32_t m_siteSlice = NoEvent; // noteAwaitSite(): the slice it was noted in, and where
    std::uint32_t m_siteLoc = 0;
    std::uint32_t m_siteSeq = 0;
    int m_executorCounter = 0;
    std::map<std::string, int, std::less<>> m_primitiveCounters;
    Runtime *m_previous = nullptr;
};

// "task1()" from a compiler's function signature such as
// "coroscope::Task<> coroscope::samples::task1(int, double)".
std::string coroutineName(std::string_view prettyFunction);
// The same for a promise's function_name(), a string literal: parsed once per function and thread,
// as every create_task asks for it.
const std::string &coroutineNameOf(const char *prettyFunction);

} // namespace coroscope
