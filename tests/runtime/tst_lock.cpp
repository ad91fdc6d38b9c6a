// asyncio.Lock against CPython: each scenario is a C++ port ("// py:N" ties a line to line N of
// its Python twin, in the raw string above it) and runs on both runtimes; they must print the same
// lines and take the same steps (CrossCheck.h). The expected lines are what python3 prints.
#include "CrossCheck.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

namespace coroscope {
namespace {

// Waiters take the lock first in, first out.
constexpr std::string_view kFifo = R"PY(import asyncio
lock = asyncio.Lock()
async def worker(name, d):
    print(name, "wants")
    async with lock:
        print(name, "has it")
        await asyncio.sleep(d)
    print(name, "done")
async def main():
    await asyncio.gather(worker("a", 0.2), worker("b", 0.1), worker("c", 0))
asyncio.run(main())
)PY";
namespace fifo {
Task<> worker(asyncio::Lock &lock, std::string name, double d) // py:3
{
    print(name, "wants");                                      // py:4
    co_await async_with(lock, [&]() -> Task<> {                // py:5
        print(name, "has it");                                 // py:6
        co_await sleep(d);                                     // py:7
    });
    print(name, "done");                                       // py:8
}
Task<> main(asyncio::Lock &lock)                               // py:9
{
    co_await gather(worker(lock, "a", 0.2), worker(lock, "b", 0.1), worker(lock, "c", 0)); // py:10
}
void module()
{
    asyncio::Lock lock;                                        // py:2
    run(main(lock));                                           // py:11
}
} // namespace fifo

// Fairness: the lock released to a woken waiter is not taken by a newcomer that runs first.
constexpr std::string_view kFair = R"PY(import asyncio
lock = asyncio.Lock()
async def holder():
    await lock.acquire()
    print("holder has it", lock.locked())
    await asyncio.sleep(0.1)
    lock.release()
    print("holder released", lock.locked())
async def waiter():
    await asyncio.sleep(0)
    print("waiter waits")
    async with lock:
        print("waiter has it")
async def newcomer():
    await asyncio.sleep(0.1)
    print("newcomer tries", lock.locked())
    async with lock:
        print("newcomer has it")
async def main():
    await asyncio.gather(holder(), waiter(), newcomer())
asyncio.run(main())
)PY";
namespace fair {
Task<> holder(asyncio::Lock &lock)                             // py:3
{
    co_await lock.acquire();                                   // py:4
    print("holder has it", lock.locked());                     // py:5
    co_await sleep(0.1);                                       // py:6
    lock.release();                                            // py:7
    print("holder released", lock.locked());                   // py:8
}
Task<> waiter(asyncio::Lock &lock)                             // py:9
{
    co_await sleep(0);                                         // py:10
    print("waiter waits");                                     // py:11
    co_await async_with(lock, [&]() -> Task<> {                // py:12
        print("waiter has it");                                // py:13
        co_return;
    });
}
Task<> newcomer(asyncio::Lock &lock)                           // py:14
{
    co_await sleep(0.1);                                       // py:15
    print("newcomer tries", lock.locked());                    // py:16
    co_await async_with(lock, [&]() -> Task<> {                // py:17
        print("newcomer has it");                              // py:18
        co_return;
    });
}
Task<> main(asyncio::Lock &lock)                               // py:19
{
    co_await gather(holder(lock), waiter(lock), newcomer(lock)); // py:20
}
void module()
{
    asyncio::Lock lock;                                        // py:2
    run(main(lock));                                           // py:21
}
} // namespace fair

// A cancelled waiter leaves the line; one woken and then cancelled passes its turn on.
constexpr std::string_view kCancel = R"PY(import asyncio
lock = asyncio.Lock()
async def worker(name):
    print(name, "waits")
    try:
        async with lock:
            print(name, "has it")
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
async def main():
    await lock.acquire()
    a = asyncio.create_task(worker("a"))
    b = asyncio.create_task(worker("b"))
    c = asyncio.create_task(worker("c"))
    await asyncio.sleep(0)
    b.cancel()
    lock.release()
    a.cancel()
    await asyncio.sleep(0)
    print("locked", lock.locked())
    await asyncio.gather(a, b, c, return_exceptions=True)
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)
asyncio.run(main())
)PY";
namespace cancel {
Task<> worker(asyncio::Lock &lock, std::string name)          // py:3
{
    print(name, "waits");                                      // py:4
    try {
        co_await async_with(lock, [&]() -> Task<> {            // py:6
            print(name, "has it");                             // py:7
            co_await sleep(0.1);                               // py:8
        });
    } catch (const CancelledError &) {                         // py:9
        print(name, "cancelled");                              // py:10
        throw;                                                 // py:11
    }
}
Task<> main(asyncio::Lock &lock)                               // py:12
{
    co_await lock.acquire();                                   // py:13
    auto a = create_task(worker(lock, "a"));                   // py:14
    auto b = create_task(worker(lock, "b"));                   // py:15
    auto c = create_task(worker(lock, "c"));                   // py:16
    co_await sleep(0);                                         // py:17
    b.cancel();                                                // py:18
    lock.release();                                            // py:19
    a.cancel();                                                // py:20
    co_await sleep(0);                                         // py:21
    print("locked", lock.locked());                            // py:22
    co_await gather(return_exceptions, a, b, c);               // py:23
    try {
        lock.release();                                        // py:25
    } catch (const RuntimeError &e) {                          // py:26
        print("RuntimeError", e.what());                       // py:27
    }
}
void module()
{
    asyncio::Lock lock;                                        // py:2
    run(main(lock));                                           // py:28
}
} // namespace cancel

} // namespace
} // namespace coroscope

class TestLock : public QObject
{
    Q_OBJECT
private slots:
    void waitersTakeItInOrder()
    {
        CROSS_CHECK(fifo::module, kFifo,
                    ({"a wants", "a has it", "b wants", "c wants", "a done", "b has it", "b done", "c has it", "c done"}));
    }

    void wokenWaiterKeepsItsTurn()
    {
        CROSS_CHECK(fair::module, kFair,
                    ({"holder has it True", "waiter waits", "holder released False", "newcomer tries False",
                      "waiter has it", "newcomer has it"}));
    }

    void cancelledWaiterPassesItsTurnOn()
    {
        CROSS_CHECK(cancel::module, kCancel,
                    ({"a waits", "b waits", "c waits", "b cancelled", "a cancelled", "locked False", "c has it",
                      "RuntimeError Lock is not acquired."}));
    }

    // The loop-state pane's view: who holds the lock and who waits, in order, and the wake-up
    // arrow to the next holder starting at the release.
    void loopStateShowsHolderAndWaiters()
    {
        const auto r = runProgram(fifo::module);
        QVERIFY2(r.ok(), r.error.c_str());
        const auto &t = r.trace;
        const auto cWants = findEvent(t, EventKind::Output, NoLane, "c wants");
        const auto s = loopStateAt(t, cWants + 3); // c has suspended in acquire()
        QCOMPARE(int(s.primitives.size()), 1);
        const auto &lock = s.primitives[0];
        QCOMPARE(qs(lock.name), QStringLiteral("Lock-1"));
        QCOMPARE(int(lock.holders.size()), 1);
        QCOMPARE(qs(t.laneName(lock.holders[0])), QStringLiteral("Task-2 worker()"));
        QCOMPARE(int(lock.waiters.size()), 2);
        QCOMPARE(qs(t.laneName(lock.waiters[0].lane)), QStringLiteral("Task-3 worker()"));
        QCOMPARE(qs(t.laneName(lock.waiters[1].lane)), QStringLiteral("Task-4 worker()"));

        const auto release = findEvent(t, EventKind::Sync, laneNamed(t, "Task-2 worker()"), "Lock-1 release");
        QVERIFY(release != NoEvent);
        const auto wake = findEvent(t, EventKind::Schedule, laneNamed(t, "Task-3 worker()"), "wakeup", release);
        QCOMPARE(t.events[wake].cause, release);
        const auto after = loopStateAt(t, wake);
        QVERIFY(after.primitives[0].holders.empty());
        QVERIFY(after.primitives[0].waiters[0].woken);
        QVERIFY(!after.primitives[0].waiters[1].woken);
    }
};

QTEST_GUILESS_MAIN(TestLock)
#include "tst_lock.moc"
