// taskgroup-failure: the first failure cancels its siblings; the errors arrive as an
// ExceptionGroup that except* takes apart.
// "// py:N" ties a line to line N of resources/python/taskgroup-failure.py.
#include "runtime/Asyncio.h"

namespace coroscope::samples::taskgroup_failure {

Task<std::string> fetch(std::string name, double delay, bool fail = false) // py:2
{
    try {                                                           // py:3
        print(f("{}: start", name));                                // py:4
        co_await sleep(delay);                                      // py:5
        if (fail)                                                   // py:6
            throw ConnectionError(f("{} is down", name));           // py:7
        print(f("{}: done", name));                                 // py:8
        co_return name;                                             // py:9
    } catch (const CancelledError &) {                              // py:10
        print(f("{}: cancelled", name));                            // py:11
        throw;                                                      // py:12
    }
}

Task<> main()                                                       // py:13
{
    try {                                                           // py:14
        co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> { // py:15
            tg.create_task(fetch("users", 0.3));                    // py:16
            tg.create_task(fetch("orders", 0.1, true));             // py:17
            tg.create_task(fetch("stock", 0.05));                   // py:18
            co_return;
        });
        print("not reached");                                       // py:19
    } catch (const ExceptionGroup &group) {                         // py:20
        except_star<ConnectionError>(group, [](const ExceptionGroup &eg) {
            for (const auto &e : eg.exceptions())                   // py:21
                print(f("failed: {}", strException(e)));            // py:22
        });
    }
    print("main goes on");                                          // py:23
}

void module()
{
    run(main());                                                    // py:24
}

} // namespace coroscope::samples::taskgroup_failure
