// ensure-future-wait: two tasks interleave at their awaits: 1, 3, 2, 4.
// "// py:N" ties a line to line N of the Python mirror (resources/python/ensure-future-wait.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::ensure_future_wait {

Task<> f1()                                               // py:2
{
    print(1);                                             // py:3
    co_await sleep(2);                                    // py:4
    print(2);                                             // py:5
}

Task<> f2()                                               // py:6
{
    print(3);                                             // py:7
    co_await sleep(2);                                    // py:8
    print(4);                                             // py:9
}

Task<> main()                                             // py:10
{
    std::vector tasks{ensure_future(f1()), ensure_future(f2())}; // py:11
    co_await wait(tasks);                                 // py:12
}

void module()
{
    run(main());                                          // py:13
}

} // namespace coroscope::samples::ensure_future_wait
