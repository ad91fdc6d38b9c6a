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

namespace {
// asyncio.runners._cancel_all_tasks: cancel what is left, then run the loop until a gather of them
// (return_exceptions) is done, and report those that ended with an exception. CPython takes them
// from a set (an order that follows addresses); here, and under the tracer, in creation order.
void cancelAllTasks(EventLoop &loop)
{
    const auto toCancel = loop.pendingTasks();
    if (toCancel.empty())
        return;
    std::vector<std::shared_ptr<FutureBase>> children;
    for (auto *task : toCancel)
        children.push_back(task->shared_from_this());
    for (auto *task : toCancel)
        task->cancel();
    using R = std::vector<std::string>;
    auto outer = std::make_shared<GatheringFuture<R>>(loop, true);
    for (const auto &c : children)
        outer->watchChild(c);
    outer->setCollect([children] {
        R out;
        for (const auto &c : children)
            out.push_back(c->resultRepr());
        return out;
    });
    loop.runUntilComplete(*outer);
    for (const auto &c : children)
        if (!c->cancelled() && c->exception())
            Runtime::current().logError("unhandled exception during asyncio.run() shutdown\ntask: " + futureRepr(*c));
}
} // namespace

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
        cancelAllTasks(loop);
        loop.shutdownDefaultExecutor();
    } catch (...) {
        rt.leave();
        throw;
    }
    rt.leave();
    // asyncio.run() returns the result, or raises what ended the main task: the caller's resume
    // says which, as any call's does ("raised CancelledError: stop").
    const std::string how = mainTask->cancelled() ? "raised " + CancelledError(mainTask->cancelMessage()).describe()
        : mainTask->failed()                      ? "raised " + describeException(mainTask->exception())
                                                  : mainTask->resultRepr();
    rt.recorder().record(EventKind::Resume, rt.currentLane(), mainTask->doneEvent(), how);
}

} // namespace detail
} // namespace coroscope
