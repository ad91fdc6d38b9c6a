#include "Asyncio.h"

namespace coroscope {

EventLoop &get_running_loop()
{
    auto *loop = Runtime::current().loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    return *loop;
}

namespace detail {

void runMain(const std::function<std::shared_ptr<FutureBase>(EventLoop &)> &spawn, const std::string &what,
             const std::source_location &where)
{
    auto &rt = Runtime::current();
    if (rt.loop())
        throw RuntimeError("asyncio.run() cannot be called from a running event loop");
    // The caller's lane waits inside asyncio.run() while the loop runs.
    const auto suspend = rt.record(EventKind::Suspend, NoEvent, what, rt.location(where));
    EventLoop loop(rt);
    rt.enter(loop.lane(), suspend);
    std::shared_ptr<FutureBase> mainTask;
    try {
        mainTask = spawn(loop);
        loop.runUntilComplete(*mainTask);
        // _cancel_all_tasks: cancel what is left and run the loop until each has finished.
        for (auto *task : loop.pendingTasks())
            task->cancel();
        while (!loop.pendingTasks().empty()) {
            rt.checkBudget();
            if (!loop.runOnce())
                break;
        }
        loop.shutdownDefaultExecutor();
    } catch (...) {
        rt.leave();
        throw;
    }
    rt.leave();
    rt.recorder().record(EventKind::Resume, rt.currentLane(), mainTask->doneEvent(), mainTask->resultRepr());
}

} // namespace detail
} // namespace coroscope
