// await-coroutine-vs-task: awaiting coroutines runs them one after another; tasks run concurrently.
// "// py:N" ties a line to line N of resources/python/await-coroutine-vs-task.py.
#include "runtime/Asyncio.h"

namespace coroscope::samples::await_coroutine_vs_task {

Task<> child(std::string name)                            // py:2
{
    print(f("{} start", name));                           // py:3
    co_await sleep(1);                                    // py:4
    print(f("{} end", name));                             // py:5
}

Task<> main()                                             // py:6
{
    print("await coroutine:");                            // py:7
    co_await child("c1");                                 // py:8
    co_await child("c2");                                 // py:9
    print("await tasks:");                                // py:10
    auto t1 = create_task(child("t1"));                   // py:11
    auto t2 = create_task(child("t2"));                   // py:12
    print("tasks created");                               // py:13
    co_await t1;                                          // py:14
    co_await t2;                                          // py:15
    print("done");                                        // py:16
}

void module()
{
    run(main());                                          // py:17
}

} // namespace coroscope::samples::await_coroutine_vs_task
