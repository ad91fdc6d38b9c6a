#pragma once

#include "Task.h"

#include <vector>

namespace coroscope {

// A task of any result type, as asyncio.current_task() and all_tasks() hand them out. Invalid (and
// "None" in a repr) when there is none.
class TaskRef
{
public:
    TaskRef() = default;
    explicit TaskRef(TaskBase &task)
        : m_task(task.shared_from_this())
    {
    }
    template<class T>
    TaskRef(const Future<T> &f) // a Future<T> that is a task
        : m_task(dynamic_cast<TaskBase *>(&f.base()) ? f.shared() : nullptr)
    {
    }

    bool valid() const { return bool(m_task); }
    explicit operator bool() const { return valid(); }
    TaskBase &task() const { return static_cast<TaskBase &>(*m_task); }

    std::string get_name() const { return task().name(); }
    bool done() const { return m_task->done(); }
    bool cancelled() const { return m_task->cancelled(); }
    bool cancel(std::string message = {}) { return m_task->cancel(std::move(message)); }
    int cancelling() const { return task().cancelling(); }
    int uncancel() { return task().uncancel(); }
    CoroutineRef get_coro() const { return CoroutineRef{task().coroName()}; }
    std::string repr() const { return m_task ? futureRepr(*m_task) : std::string("None"); }

    bool operator==(const TaskRef &o) const { return m_task == o.m_task; }

private:
    std::shared_ptr<FutureBase> m_task;
};

// asyncio.current_task(): the task running now (invalid outside one).
TaskRef current_task();
// asyncio.all_tasks(): the loop's pending tasks, in the order they were created (Python's set has
// no order; a program that prints them sorts them).
std::vector<TaskRef> all_tasks();

} // namespace coroscope
