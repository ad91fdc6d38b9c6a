// blocking-call: a blocking call inside a coroutine stalls every other task.
// "// py:N" ties a line to line N of the Python mirror (resources/python/blocking-call.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::blocking_call {

Task<> heartbeat()                                   // py:2
{
    for (int i = 0; i < 3; ++i) {                    // py:3
        print(f("beat {}", i));                      // py:4
        co_await sleep(0.1);                         // py:5
    }
}

Task<> polite()                                      // py:6
{
    print("polite: waiting");                        // py:7
    co_await sleep(0.25);                            // py:8
    print("polite: done");                           // py:9
}

Task<> rude()                                        // py:10
{
    print("rude: blocking");                         // py:11
    time::sleep(0.25);                               // py:12
    print("rude: done");                             // py:13
    co_return; // C++ needs one co_ keyword to make this a coroutine; Python's `async def` needs none
}

Task<> main()                                        // py:14
{
    print("-- non-blocking --");                     // py:15
    co_await gather(heartbeat(), polite());          // py:16
    print("-- blocking --");                         // py:17
    co_await gather(heartbeat(), rude());            // py:18
}

void module()
{
    run(main());                                     // py:19
}

} // namespace coroscope::samples::blocking_call
