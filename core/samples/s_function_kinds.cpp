// function-kinds: function, generator, coroutine, async generator.
// "// py:N" ties a line to line N of the Python mirror (resources/python/function-kinds.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::function_kinds {

int function()                                       // py:2
{
    return 1;                                        // py:3
}

Generator<int> generator()                           // py:4
{
    co_yield 2;                                      // py:5
}

Task<int> async_function()                           // py:6
{
    co_return 3;                                     // py:7
}

AsyncGenerator<int> async_generator()                // py:8
{
    co_yield 4;                                      // py:9
}

Task<> main()                                        // py:18
{
    print(co_await async_function());                // py:19
    auto gen = async_generator();                    // py:20
    while (auto v = co_await anext(gen))             // py:20 (async for v in ...)
        print(*v);                                   // py:21
}

void module()
{
    print(type_name(function()));                    // py:10
    auto g = generator();                            // py:11
    print(type_name(g), next(g));                    // py:12
    auto c = async_function();                       // py:13
    print(type_name(c));                             // py:14
    c.close();                                       // py:15
    auto ag = async_generator();                     // py:16
    print(type_name(ag));                            // py:17
    run(main());                                     // py:22
}

} // namespace coroscope::samples::function_kinds
