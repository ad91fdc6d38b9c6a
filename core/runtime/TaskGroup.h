#pragma once

#include "ExceptionGroup.h"
#include "Task.h"

#include <memory>
#include <vector>

namespace coroscope {

// asyncio.TaskGroup (3.11), step for step as CPython writes it (taskgroups.py):
//
//     co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> {
//         tg.create_task(worker(1));
//         tg.create_task(worker(2));
//     });
//
// The block's end waits for every child. The first child to fail cancels the others and the
// task that holds the group (which uncancels itself at the end), and the errors come out as one
// ExceptionGroup("unhandled errors in a TaskGroup", [...]). CPython keeps the children in a set, so
// that an abort cancels them in an order that follows memory addresses; here (and under the
// tracer) it is the order they were created in.
class TaskGroup
{
public:
    TaskGroup() = default;
    TaskGroup(TaskGroup &&other) noexcept; // only before it is entered
    TaskGroup(const TaskGroup &) = delete;
    TaskGroup &operator=(const TaskGroup &) = delete;
    ~TaskGroup();

    template<class T>
    Future<T> create_task(Task<T> coro, std::string name = {})
    {
        checkCanCreate();
        auto task = coroscope::create_task(std::move(coro), std::move(name));
        adopt(task.shared());
        return task;
    }

    Task<TaskGroup *> aenter();
    Task<> aexit(std::exception_ptr error);

    // <TaskGroup tasks=2 entered>, as CPython's repr.
    std::string repr() const;

private:
    void checkCanCreate() const;
    void adopt(std::shared_ptr<FutureBase> task);
    void onTaskDone(FutureBase &task);
    void abort();

    struct State; // what the children's done callbacks reach, which may outlive a moved-from group
    std::shared_ptr<State> m_state;
    State &state();
    const State &state() const;
};

} // namespace coroscope
