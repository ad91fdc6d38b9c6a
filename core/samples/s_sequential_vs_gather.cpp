// sequential-vs-gather: sequential awaits add up; gather takes the longest one.
// "// py:N" ties a line to line N of the Python mirror (resources/python/sequential-vs-gather.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::sequential_vs_gather {

Task<std::string> fetch(std::string url, double delay)    // py:2
{
    print(f("fetch {} start", url));                      // py:3
    co_await sleep(delay);                                // py:4
    print(f("fetch {} done", url));                       // py:5
    co_return url;                                        // py:6
}

Task<> main()                                             // py:7
{
    auto &loop = get_running_loop();                      // py:8
    double t0 = loop.time();                              // py:9
    co_await fetch("url1", 0.2);                          // py:10
    co_await fetch("url2", 0.1);                          // py:11
    print(f("sequential: {:.1f}s", loop.time() - t0));    // py:12
    t0 = loop.time();                                     // py:13
    auto r = co_await gather(fetch("url1", 0.2), fetch("url2", 0.1)); // py:14
    print(f("gather: {:.1f}s {}", loop.time() - t0, str(r))); // py:15
}

void module()
{
    run(main());                                          // py:16
}

} // namespace coroscope::samples::sequential_vs_gather
