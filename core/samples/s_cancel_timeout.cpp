// cancel-timeout: wait_for timeout, Task.cancel() and CancelledError, gather with sleep(result=...).
// "// py:N" ties a line to line N of the Python mirror (resources/python/cancel-timeout.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::cancel_timeout {

Task<std::string> slow(std::string name, Number delay)            // py:2
{
    try {                                                         // py:3
        print(f("{}: start", name));                              // py:4
        co_await sleep(delay);                                    // py:5
        print(f("{}: finished", name));                           // py:6
        co_return name;                                           // py:7
    } catch (const CancelledError &) {                            // py:8
        print(f("{}: cancelled", name));                          // py:9
        throw;                                                    // py:10
    }
}

Task<> main()                                                     // py:11
{
    try {                                                         // py:12
        co_await wait_for(slow("a", 2), 0.5);                     // py:13
    } catch (const TimeoutError &) {                              // py:14
        print("a timed out");                                     // py:15
    }
    auto t = create_task(slow("b", 2));                           // py:16
    co_await sleep(0.1);                                          // py:17
    t.cancel();                                                   // py:18
    try {                                                         // py:19
        co_await t;                                               // py:20
    } catch (const CancelledError &) {                            // py:21
        print("b cancelled:", t.cancelled());                     // py:22
    }
    auto r = co_await gather(slow("c", 0.1), sleep(0.2, "d"));    // py:23
    print(r);                                                     // py:24
}

void module()
{
    run(main());                                                  // py:25
}

} // namespace coroscope::samples::cancel_timeout
