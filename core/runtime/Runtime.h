#pragma once

#include "trace/Recorder.h"

#include <cstdint>
#include <functional>
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

    static Runtime &current();
    static bool active();

    Recorder &recorder() { return m_recorder; }
    const RunOptions &options() const { return m_options; }

    std::uint32_t moduleLane() const { return m_moduleLane; }
    // Adds a lane whose parent is the lane running now.
    std::uint32_t newLane(std::string name, LaneKind kind, std::uint32_t cause = NoEvent);

    // The lane whose code runs now, and the event that began its current slice of execution
    // (its Start/Resume/Callback): that event is the cause of whatever the slice schedules.
    std::uint32_t currentLane() const { return m_stack.back().lane; }
    std::uint32_t currentSlice() const { return m_stack.back().slice; }
    void enter(std::uint32_t lane, std::uint32_t sliceEvent) { m_stack.push_back({lane, sliceEvent}); }
    void leave() { m_stack.pop_back(); }
    std::size_t depth() const { return m_stack.size(); }

    std::uint32_t location(const std::source_location &where) { return m_recorder.location(where); }
    std::uint32_t record(EventKind kind, std::uint32_t cause = NoEvent, std::string_view detail = {},
                         std::uint32_t loc = 0)
    {
        return m_recorder.record(kind, currentLane(), cause, detail, loc);
    }

    void print(std::string line);
    const std::vector<std::string> &output() const { return m_output; }

    EventLoop *loop() const { return m_loop; }
    void setLoop(EventLoop *loop) { m_loop = loop; }
    // The task being stepped now (asyncio.current_task()), or null.
    TaskBase *currentTask() const { return m_task; }
    void setCurrentTask(TaskBase *task) { m_task = task; }
    int nextTaskNumber() { return ++m_taskCounter; }

    // Throws RunAborted once the event budget is spent; called at safe points (loop iterations,
    // generator resumptions) so that no coroutine frame is left half-way through a recording.
    void checkBudget() const;

private:
    struct Frame {
        std::uint32_t lane;
        std::uint32_t slice;
    };
    RunOptions m_options;
    Recorder m_recorder;
    std::vector<Frame> m_stack;
    std::vector<std::string> m_output;
    std::uint32_t m_moduleLane = 0;
    EventLoop *m_loop = nullptr;
    TaskBase *m_task = nullptr;
    int m_taskCounter = 0;
    Runtime *m_previous = nullptr;
};

// "task1()" from a compiler's function signature such as
// "coroscope::Task<> coroscope::samples::task1(int, double)".
std::string coroutineName(std::string_view prettyFunction);

} // namespace coroscope
