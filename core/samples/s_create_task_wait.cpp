// create-task-wait: create_task schedules; the task starts only when the creator yields.
// "// py:N" ties a line to line N of the Python mirror (resources/python/create-task-wait.py).
#include "runtime/Asyncio.h"

#include <algorithm>

namespace coroscope::samples::create_task_wait {

Task<std::string> fn(std::string name, Number t)          // py:2
{
    print(f("{} start", name));                           // py:3
    co_await sleep(t);                                    // py:4
    co_return f("{} finish ...", name);                   // py:5
}

Task<> main()                                             // py:6
{
    print("main runing ...");                             // py:7
    std::vector tasks{create_task(fn("f1", 1), "f1"),     // py:8
                      create_task(fn("f2", 2), "f2")};    // py:9
    auto [done, pending] = co_await wait(tasks);          // py:10
    std::ranges::sort(done, {}, [](auto &t) { return t.get_name(); }); // py:11
    for (auto &t : done)                                  // py:11
        print(t.get_name(), t.result());                  // py:12
}

void module()
{
    run(main());                                          // py:13
}

} // namespace coroscope::samples::create_task_wait
