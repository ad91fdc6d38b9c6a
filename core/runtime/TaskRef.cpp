#include "TaskRef.h"

namespace coroscope {

TaskRef current_task()
{
    auto &rt = Runtime::current();
    if (!rt.loop())
        throw RuntimeError("no running event loop");
    auto *task = rt.currentTask();
    return task ? TaskRef(*task) : TaskRef();
}

std::vector<TaskRef> all_tasks()
{
    auto *loop = Runtime::current().loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    std::vector<TaskRef> out;
    for (auto *task : loop->pendingTasks())
        out.emplace_back(*task);
    return out;
}

} // namespace coroscope
