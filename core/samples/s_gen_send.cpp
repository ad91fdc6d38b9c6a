// gen-send: next() runs to the first yield; send() resumes it with a value.
// "// py:N" ties a line to line N of the Python mirror (resources/python/gen-send.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::gen_send {

// Python's hint says Generator[int, str, str], but the second yield hands out a str: the C++
// yield type says so honestly.
using IntOrStr = std::variant<int, std::string>;

Generator<IntOrStr, std::string> my_generator()         // py:2
{
    std::string x = co_yield 88;                          // py:3
    co_yield upper(x);                                    // py:4
}

void module()
{
    auto gen = my_generator();                            // py:5
    print(next(gen));                                     // py:6
    print(gen.send("foo"));                               // py:7
}

} // namespace coroscope::samples::gen_send
