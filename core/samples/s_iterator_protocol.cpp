// iterator-protocol: iterable vs iterator, iter(), next(), StopIteration and its value.
// "// py:N" ties a line to line N of the Python mirror (resources/python/iterator-protocol.py).
#include "runtime/Asyncio.h"

#include <array>

namespace coroscope::samples::iterator_protocol {

Generator<int, None_t, std::string> countdown(int n)                 // py:12
{
    while (n > 0) {                                                  // py:13
        co_yield n;                                                  // py:14
        n -= 1;                                                      // py:15
    }
    co_return "liftoff";                                             // py:16
}

void module()
{
    std::vector nums{1, 2, 3};                                       // py:2
    print("list iterable:", Iterable<decltype(nums)>);              // py:3
    print("list iterator:", Iterator<decltype(nums)>);              // py:4
    auto it = iter(nums);                                            // py:5
    print("iter(list) iterator:", Iterator<decltype(it)>);          // py:6
    auto [a, b, c] = std::array{next(it), next(it), next(it)};      // py:7 (braces: left to right)
    print(a, b, c);                                                  // py:7
    try {                                                            // py:8
        next(it);                                                    // py:9
    } catch (const StopIteration &) {                                // py:10
        print("StopIteration");                                      // py:11
    }
    auto g = countdown(3);                                           // py:17
    print("generator iterator:", Iterator<decltype(g)>);            // py:18
    print(list(g));                                                  // py:19
    g = countdown(1);                                                // py:20
    next(g);                                                         // py:21
    try {                                                            // py:22
        next(g);                                                     // py:23
    } catch (const StopIteration &e) {                               // py:24
        print("return value:", e.value());                           // py:25
    }
}

} // namespace coroscope::samples::iterator_protocol
