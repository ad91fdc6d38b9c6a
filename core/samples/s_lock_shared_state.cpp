// lock-shared-state: an await between reading and writing loses an update; async with lock keeps
// each update whole. "// py:N" ties a line to line N of resources/python/lock-shared-state.py.
#include "runtime/Asyncio.h"

namespace coroscope::samples::lock_shared_state {

int balance = 0;                                                    // py:2

Task<> unsafe_deposit(std::string name, int amount)                 // py:3
{
    int current = balance;                                          // py:5
    co_await sleep(0.1);                                            // py:6
    balance = current + amount;                                     // py:7
    print(f("{}: {} + {} = {}", name, current, amount, balance));   // py:8
}

Task<> safe_deposit(std::string name, int amount, asyncio::Lock &lock) // py:9
{
    co_await async_with(lock, [&]() -> Task<> {                     // py:11
        int current = balance;                                      // py:12
        co_await sleep(0.1);                                        // py:13
        balance = current + amount;                                 // py:14
        print(f("{}: {} + {} = {}", name, current, amount, balance)); // py:15
    });
}

Task<> main()                                                       // py:16
{
    co_await gather(unsafe_deposit("alice", 10), unsafe_deposit("bob", 20)); // py:18
    print(f("without a lock: {}", balance));                        // py:19
    balance = 0;                                                    // py:20
    asyncio::Lock lock;                                             // py:21
    co_await gather(safe_deposit("alice", 10, lock), safe_deposit("bob", 20, lock)); // py:22
    print(f("with a lock: {}", balance));                           // py:23
}

void module()
{
    balance = 0;                                                    // py:2
    run(main());                                                    // py:24
}

} // namespace coroscope::samples::lock_shared_state
