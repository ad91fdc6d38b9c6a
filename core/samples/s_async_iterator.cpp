// async-iterator: async for over a class iterator and an async generator, concurrently.
// "// py:N" ties a line to line N of the Python mirror (resources/python/async-iterator.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::async_iterator {

struct Ticker {                                                  // py:2
    int i = 0, n;                                                // py:4
    explicit Ticker(int n) : n(n) {}                             // py:3

    Task<int> anext()                                            // py:7 (__anext__)
    {
        if (i >= n)                                              // py:8
            throw StopAsyncIteration();                          // py:9
        co_await sleep(0.1);                                     // py:10
        i += 1;                                                  // py:11
        co_return i;                                             // py:12
    }
};

AsyncGenerator<int> squares(int n)                               // py:13
{
    for (int i = 1; i < n + 1; ++i) {                            // py:14
        co_await sleep(0.15);                                    // py:15
        co_yield i * i;                                          // py:16
    }
}

Task<> consume_ticker()                                          // py:17
{
    Ticker ticker(3);                                            // py:18
    while (auto t = co_await anext(ticker))                      // py:18 (async for t in Ticker(3))
        print(f("tick {}", *t));                                 // py:19
}

Task<> consume_squares()                                         // py:20
{
    auto gen = squares(3);                                       // py:21
    while (auto s = co_await anext(gen))                         // py:21 (async for s in squares(3))
        print(f("square {}", *s));                               // py:22
}

Task<> main()                                                    // py:23
{
    co_await gather(consume_ticker(), consume_squares());        // py:24
}

void module()
{
    run(main());                                                 // py:25
}

} // namespace coroscope::samples::async_iterator
