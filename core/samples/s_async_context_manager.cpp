// async-context-manager: async with awaits __aenter__ and __aexit__; two uses interleave.
// "// py:N" ties a line to line N of resources/python/async-context-manager.py.
#include "runtime/Asyncio.h"

namespace coroscope::samples::async_context_manager {

struct Connection {                                              // py:2
    // A constructor, not brace-initialisation: GCC 12 destroys a brace-initialised temporary
    // inside a co_await expression twice.
    explicit Connection(std::string name) : name(std::move(name)) {} // py:3
    std::string name;                                            // py:4
    // What Python's default repr shows (without the address, which traces leave out).
    std::string repr() const { return "<__main__.Connection object>"; }

    Task<Connection *> aenter()                                  // py:5 (__aenter__)
    {
        print(f("{}: connecting", name));                        // py:6
        co_await sleep(0.1);                                     // py:7
        print(f("{}: connected", name));                         // py:8
        co_return this;                                          // py:9
    }

    Task<bool> aexit(std::exception_ptr exc)                     // py:10 (__aexit__)
    {
        print(f("{}: closing", name));                           // py:11
        co_await sleep(0.1);                                     // py:12
        print(f("{}: closed", name));                            // py:13
        co_return false;                                         // py:14
    }
};

Task<> use(std::string name, double work)                        // py:15
{
    co_await async_with(Connection(name), [&](Connection *conn) -> Task<> { // py:16
        print(f("{}: working", conn->name));                     // py:17
        co_await sleep(work);                                    // py:18
    });                                                          // py:16
}

Task<> main()                                                    // py:19
{
    co_await gather(use("db", 0.3), use("cache", 0.1));          // py:20
}

void module()
{
    run(main());                                                 // py:21
}

} // namespace coroscope::samples::async_context_manager
