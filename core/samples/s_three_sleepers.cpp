// three-sleepers: concurrent sleeps overlap: 3 x 1 s takes 1 s.
// "// py:N" ties a line to line N of the Python mirror (resources/python/three-sleepers.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::three_sleepers {

Task<> sleeper(int i)                                     // py:2
{
    print(f("sleeper {} sleeps", i));                     // py:3
    co_await sleep(1);                                    // py:4
    print(f("sleeper {} wakes", i));                      // py:5
}

Task<> main()                                             // py:6
{
    auto &loop = get_running_loop();                      // py:7
    double t0 = loop.time();                              // py:8
    co_await gather(sleeper(1), sleeper(2), sleeper(3));  // py:9
    print(f("elapsed {:.0f}s", loop.time() - t0));        // py:10
}

void module()
{
    run(main());                                          // py:11
}

} // namespace coroscope::samples::three_sleepers
