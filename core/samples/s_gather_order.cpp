// gather-order: gather runs two tasks concurrently. A "// py:N" comment ties a line to line N of
// the Python mirror (resources/python/gather-order.py); the app highlights both together.
#include "runtime/Asyncio.h"

namespace coroscope::samples::gather_order {

Task<> task1()                              // py:2
{
    print("1-start");                       // py:3
    co_await sleep(2);                      // py:4
    print("1-end");                         // py:5
}

Task<> task2()                              // py:6
{
    print("2-start");                       // py:7
    co_await sleep(1);                      // py:8
    print("2-end");                         // py:9
}

Task<> main()                               // py:10
{
    co_await gather(task1(), task2());      // py:11
}

void module()
{
    run(main());                            // py:12
}

} // namespace coroscope::samples::gather_order
