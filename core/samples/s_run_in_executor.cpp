// run-in-executor: the event loop hands blocking work to worker threads and keeps ticking.
// "// py:N" ties a line to line N of the Python mirror (resources/python/run-in-executor.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::run_in_executor {

std::string blocking_io(std::string name)                             // py:3
{
    time::sleep(0.2);                                                 // py:4
    return f("{} read", name);                                        // py:5
}

Task<> ticker()                                                       // py:6
{
    for (int i = 0; i < 3; ++i) {                                     // py:7
        print(f("tick {}", i));                                       // py:8
        co_await sleep(0.1);                                          // py:9
    }
}

Task<> main()                                                         // py:10
{
    auto &loop = get_running_loop();                                  // py:11
    std::tuple<std::string, std::string, None_t> results;
    {
        ThreadPoolExecutor pool(2);                                   // py:12 (with ... as pool:)
        // C++ leaves the order of a call's arguments open: name the submissions first, in order.
        auto io1 = loop.run_in_executor(pool, blocking_io, "file1");  // py:14
        auto io2 = loop.run_in_executor(pool, blocking_io, "file2");  // py:15
        results = co_await gather(io1, io2, ticker());                // py:13
    }                                                                 // py:12 (leaving with)
    auto &[file1, file2, _] = results;
    print(std::vector{file1, file2});                                 // py:17 (results[:2])
}

void module()
{
    run(main());                                                      // py:18
}

} // namespace coroscope::samples::run_in_executor
