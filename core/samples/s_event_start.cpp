// event-start: three tasks wait on one Event; set() wakes them all, in the order they began to wait.
// "// py:N" ties a line to line N of resources/python/event-start.py.
#include "runtime/Asyncio.h"

namespace coroscope::samples::event_start {

Task<> runner(std::string name, asyncio::Event &start)             // py:2
{
    print(f("{} is ready", name));                                  // py:3
    co_await start.wait();                                          // py:4
    print(f("{} runs", name));                                      // py:5
    co_await sleep(0.1);                                            // py:6
    print(f("{} finished", name));                                  // py:7
}

Task<> main()                                                       // py:8
{
    asyncio::Event start;                                           // py:9
    std::vector<Future<void>> runners;                              // py:10
    for (std::string n : {"ann", "ben", "cat"})                     // py:10
        runners.push_back(create_task(runner(n, start)));           // py:10
    co_await sleep(1);                                              // py:11
    print("ready, set, go!");                                       // py:12
    start.set();                                                    // py:13
    co_await gather(runners);                                       // py:14
}

void module()
{
    run(main());                                                    // py:15
}

} // namespace coroscope::samples::event_start
