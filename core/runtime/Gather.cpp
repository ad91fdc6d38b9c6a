#include "Gather.h"

#include "Task.h"

namespace coroscope::detail {

std::string describeGather(const std::vector<std::shared_ptr<FutureBase>> &children)
{
    // "gather(task1(), task2())": the coroutines, as the call reads in Python.
    std::string out = "gather(";
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (i)
            out += ", ";
        // A task named "Task-N" shows its coroutine: read directly, without building (and keeping)
        // the description of each of 10,000 children.
        if (const auto *task = dynamic_cast<const TaskBase *>(children[i].get()); task && !task->hasCustomName()) {
            out += task->coroutine();
            continue;
        }
        std::string_view d = children[i]->description();
        if (auto space = d.find(' '); space != std::string_view::npos && d.starts_with("Task-"))
            d.remove_prefix(space + 1);
        out += d;
    }
    return out + ")";
}

} // namespace coroscope::detail
