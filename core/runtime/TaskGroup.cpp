#include "TaskGroup.h"

#include <algorithm>

namespace coroscope {

struct TaskGroup::State {
    bool entered = false;
    bool exiting = false;
    bool aborting = false;
    bool parentCancelRequested = false;
    std::shared_ptr<FutureBase> parentTask;
    std::vector<std::shared_ptr<FutureBase>> tasks; // CPython's set, in insertion order
    std::vector<std::exception_ptr> errors;
    std::optional<Future<bool>> onCompleted;
};

TaskGroup::TaskGroup(TaskGroup &&other) noexcept
    : m_state(std::move(other.m_state))
{
}

TaskGroup::~TaskGroup() = default;

TaskGroup::State &TaskGroup::state()
{
    if (!m_state)
        m_state = std::make_shared<State>();
    return *m_state;
}

const TaskGroup::State &TaskGroup::state() const
{
    static const State none;
    return m_state ? *m_state : none;
}

std::string TaskGroup::repr() const
{
    const State &s = state();
    std::string info;
    if (!s.tasks.empty())
        info += " tasks=" + std::to_string(s.tasks.size());
    if (!s.errors.empty())
        info += " errors=" + std::to_string(s.errors.size());
    if (s.aborting)
        info += " cancelling";
    else if (s.entered)
        info += " entered";
    return "<TaskGroup" + info + ">";
}

Task<TaskGroup *> TaskGroup::aenter()
{
    State &s = state();
    if (s.entered)
        throw RuntimeError("TaskGroup " + repr() + " has been already entered");
    s.entered = true;
    auto *parent = Runtime::current().currentTask();
    if (!parent)
        throw RuntimeError("TaskGroup " + repr() + " cannot determine the parent task");
    s.parentTask = parent->shared_from_this();
    co_return this;
}

void TaskGroup::checkCanCreate() const
{
    const State &s = state();
    if (!s.entered)
        throw RuntimeError("TaskGroup " + repr() + " has not been entered");
    if (s.exiting && s.tasks.empty())
        throw RuntimeError("TaskGroup " + repr() + " is finished");
    if (s.aborting)
        throw RuntimeError("TaskGroup " + repr() + " is shutting down");
}

void TaskGroup::adopt(std::shared_ptr<FutureBase> task)
{
    std::weak_ptr<State> weak = m_state;
    TaskGroup *self = this;
    task->addDoneCallback(
        [weak, self](FutureBase &done, std::uint32_t) {
            if (auto alive = weak.lock())
                self->onTaskDone(done);
        },
        "_on_task_done", true);
    state().tasks.push_back(std::move(task));
}

void TaskGroup::abort()
{
    State &s = state();
    s.aborting = true;
    for (auto &t : s.tasks)
        if (!t->done())
            t->cancel();
}

void TaskGroup::onTaskDone(FutureBase &task)
{
    State &s = state();
    std::erase_if(s.tasks, [&](const auto &t) { return t.get() == &task; });
    if (s.onCompleted && s.tasks.empty() && !s.onCompleted->done())
        s.onCompleted->set_result(true);
    if (task.cancelled())
        return;
    auto exc = task.exception();
    if (!exc)
        return;
    s.errors.push_back(exc);
    if (s.parentTask->done()) {
        Runtime::current().logError("Task " + futureRepr(task) + " has errored out but its parent task "
                                    + futureRepr(*s.parentTask) + " is already completed");
        return;
    }
    if (!s.aborting && !s.parentCancelRequested) {
        // Cancel the parent so that whatever it awaits inside the block is interrupted; __aexit__
        // uncancels it.
        abort();
        s.parentCancelRequested = true;
        s.parentTask->cancel();
    }
}

Task<> TaskGroup::aexit(std::exception_ptr exc)
{
    // State lives on in m_state: aexit is awaited while the group is alive.
    State &s = state();
    s.exiting = true;
    const bool cancelledError = exc && isCancelledError(exc);
    std::exception_ptr propagateCancellation = cancelledError ? exc : nullptr;
    if (s.parentCancelRequested) {
        // If this flag is set we must call uncancel().
        if (static_cast<TaskBase &>(*s.parentTask).uncancel() == 0)
            propagateCancellation = nullptr;
    }
    if (exc && !s.aborting)
        abort();

    while (!s.tasks.empty()) {
        if (!s.onCompleted)
            s.onCompleted = makeFuture<bool>(*Runtime::current().loop(), "TaskGroup.__aexit__()");
        bool cancelled = false;
        std::exception_ptr caught;
        try {
            co_await *s.onCompleted;
        } catch (const CancelledError &) {
            cancelled = true;
            caught = std::current_exception();
        }
        if (cancelled && !s.aborting) {
            // The parent is being cancelled while children still run.
            propagateCancellation = caught;
            abort();
        }
        s.onCompleted.reset();
    }

    if (propagateCancellation && s.errors.empty())
        std::rethrow_exception(propagateCancellation);
    if (exc && !cancelledError)
        s.errors.push_back(exc);
    if (!s.errors.empty()) {
        auto errors = std::move(s.errors);
        s.errors.clear();
        throw ExceptionGroup("unhandled errors in a TaskGroup", std::move(errors));
    }
}

} // namespace coroscope
