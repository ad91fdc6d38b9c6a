// echo-send: priming with next(), then two-way communication with send().
// "// py:N" ties a line to line N of the Python mirror (resources/python/echo-send.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::echo_send {

Generator<None_t, std::string> echo()                     // py:1
{
    while (true) {                                        // py:2
        std::string received = co_yield None;             // py:3
        print(f("收到: {}", received));                    // py:4
    }
}

void module()
{
    auto g = echo();                                      // py:5
    next(g);                                              // py:6
    g.send("hello");                                      // py:7
    g.send("world");                                      // py:8
}

} // namespace coroscope::samples::echo_send
