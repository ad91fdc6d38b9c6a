// gen-order: each yield is a pause point; the order of A / 1 / B 10 / 2.
// "// py:N" ties a line to line N of the Python mirror (resources/python/gen-order.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::gen_order {

Generator<int, int> gen()                                 // py:1
{
    print("A");                                           // py:2
    int x = co_yield 1;                                   // py:3
    print("B", x);                                        // py:4
    int y = co_yield 2;                                   // py:5
    print("C", y);                                        // py:6
}

void module()
{
    auto g = gen();                                       // py:7
    print(next(g));                                       // py:8
    print(g.send(10));                                    // py:9
}

} // namespace coroscope::samples::gen_order
