// executor-map-timeout: Executor.map, and map with a timeout that expires. Real threads.
// "// py:N" ties a line to line N of the Python mirror (resources/python/executor-map-timeout.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::executor_map_timeout {

int square(int x)                                             // py:3
{
    time::sleep(0.1 * x);                                     // py:4
    return x * x;                                             // py:5
}

void module()
{
    {
        ThreadPoolExecutor pool(3);                           // py:6 (with ... as pool:)
        print(list(pool.map(square, std::vector{1, 2, 3})));  // py:7
        auto results = pool.map(square, std::vector{1, 6}, 0.3); // py:8
        try {                                                 // py:9
            for (int r : results)                             // py:10
                print("got", r);                              // py:11
        } catch (const TimeoutError &) {                      // py:12
            print("timed out");                               // py:13
        }
    }                                                         // py:6 (leaving with: shutdown)
}

} // namespace coroscope::samples::executor_map_timeout
