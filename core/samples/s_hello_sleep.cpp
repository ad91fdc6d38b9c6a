// hello-sleep: the smallest coroutine: print, await sleep(1), print.
// "// py:N" ties a line to line N of the Python mirror (resources/python/hello-sleep.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::hello_sleep {

Task<> hello()                                            // py:2
{
    print("Hello, world!");                               // py:3
    co_await sleep(1);                                    // py:4
    print("Hello, again!");                               // py:5
}

void module()
{
    run(hello());                                         // py:6
}

} // namespace coroscope::samples::hello_sleep
