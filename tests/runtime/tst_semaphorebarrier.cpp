// asyncio.Semaphore, BoundedSemaphore and Barrier against CPython (CrossCheck.h): each C++ port's
// "// py:N" ties its lines to the Python twin above it; both runtimes must print the same lines and
// take the same steps. The expected lines are what python3 prints.
#include "CrossCheck.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

namespace coroscope {
namespace {

// Two at a time, the rest in order; a release hands its unit straight to the first waiter, which
// keeps it even if a newcomer runs first; a waiter woken and cancelled passes the unit on.
constexpr std::string_view kSemaphore = R"PY(import asyncio
async def worker(sem, name, d):
    print(name, "wants", sem.locked())
    async with sem:
        print(name, "in")
        await asyncio.sleep(d)
    print(name, "out")
async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(sem, n, d) for n, d in (("a", 0.2), ("b", 0.1), ("c", 0.1), ("d", 0))))
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError", e)
    s = asyncio.Semaphore(0)
    t1 = asyncio.create_task(s.acquire())
    t2 = asyncio.create_task(s.acquire())
    await asyncio.sleep(0)
    s.release()
    t1.cancel()
    await asyncio.sleep(0)
    print("t1", t1.cancelled(), "t2", t2.done(), await t2)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError", e)
asyncio.run(main())
)PY";
namespace semaphore {
Task<> worker(asyncio::Semaphore &sem, std::string name, double d) // py:2
{
    print(name, "wants", sem.locked());                        // py:3
    co_await async_with(sem, [&]() -> Task<> {                 // py:4
        print(name, "in");                                     // py:5
        co_await sleep(d);                                     // py:6
    });
    print(name, "out");                                        // py:7
}
Task<> main()                                                  // py:8
{
    asyncio::Semaphore sem(2);                                 // py:9
    co_await gather(worker(sem, "a", 0.2), worker(sem, "b", 0.1), worker(sem, "c", 0.1), worker(sem, "d", 0)); // py:10
    asyncio::BoundedSemaphore b(1);                            // py:11
    co_await b.acquire();                                      // py:12
    b.release();                                               // py:13
    try {
        b.release();                                           // py:15
    } catch (const ValueError &e) {                            // py:16
        print("ValueError", e.what());                         // py:17
    }
    asyncio::Semaphore s(0);                                   // py:18
    auto t1 = create_task(s.acquire());                        // py:19
    auto t2 = create_task(s.acquire());                        // py:20
    co_await sleep(0);                                         // py:21
    s.release();                                               // py:22
    t1.cancel();                                               // py:23
    co_await sleep(0);                                         // py:24
    const bool c1 = t1.cancelled(), d2 = t2.done();            // py:25
    const bool r2 = co_await t2;                               // py:25
    print("t1", c1, "t2", d2, r2);                             // py:25
    try {
        asyncio::Semaphore negative(-1);                       // py:27
    } catch (const ValueError &e) {                            // py:28
        print("ValueError", e.what());                         // py:29
    }
}
void module()
{
    run(main());                                               // py:30
}
} // namespace semaphore

// The last of `parties` to arrive trips the barrier and all pass; later arrivals wait for the
// next round; abort() breaks it for whoever waits.
constexpr std::string_view kBarrier = R"PY(import asyncio
async def party(b, name, d):
    await asyncio.sleep(d)
    print(name, "arrives", b.n_waiting)
    i = await b.wait()
    print(name, "passes", i)
async def pair(b, name):
    async with b as i:
        print(name, "in round with index", i)
async def main():
    b = asyncio.Barrier(3)
    await asyncio.gather(party(b, "a", 0), party(b, "b", 0.1), party(b, "c", 0.2))
    print("broken", b.broken, b.n_waiting)
    two = asyncio.Barrier(2)
    await asyncio.gather(pair(two, "w"), pair(two, "x"), pair(two, "y"), pair(two, "z"))
    t = asyncio.create_task(party(b, "d", 0))
    await asyncio.sleep(0.1)
    await b.abort()
    try:
        await t
    except asyncio.BrokenBarrierError as e:
        print("BrokenBarrierError", e)
    print("broken", b.broken)
asyncio.run(main())
)PY";
namespace barrier {
Task<> party(asyncio::Barrier &b, std::string name, double d)  // py:2
{
    co_await sleep(d);                                         // py:3
    print(name, "arrives", b.n_waiting());                     // py:4
    int i = co_await b.wait();                                 // py:5
    print(name, "passes", i);                                  // py:6
}
Task<> pair(asyncio::Barrier &b, std::string name)             // py:7
{
    co_await async_with(b, [&](int i) -> Task<> {              // py:8
        print(name, "in round with index", i);                 // py:9
        co_return;
    });
}
Task<> main()                                                  // py:10
{
    asyncio::Barrier b(3);                                     // py:11
    co_await gather(party(b, "a", 0), party(b, "b", 0.1), party(b, "c", 0.2)); // py:12
    print("broken", b.broken(), b.n_waiting());                // py:13
    asyncio::Barrier two(2);                                   // py:14
    co_await gather(pair(two, "w"), pair(two, "x"), pair(two, "y"), pair(two, "z")); // py:15
    auto t = create_task(party(b, "d", 0));                    // py:16
    co_await sleep(0.1);                                       // py:17
    co_await b.abort();                                        // py:18
    try {
        co_await t;                                            // py:20
    } catch (const BrokenBarrierError &e) {                    // py:21
        print("BrokenBarrierError", e.what());                 // py:22
    }
    print("broken", b.broken());                               // py:23
}
void module()
{
    run(main());                                               // py:24
}
} // namespace barrier

} // namespace
} // namespace coroscope

class TestSemaphoreBarrier : public QObject
{
    Q_OBJECT
private slots:
    void semaphoreLetsValueInAtOnce()
    {
        CROSS_CHECK(semaphore::module, kSemaphore,
                    ({"a wants False", "a in", "b wants False", "b in", "c wants True", "d wants True", "b out", "c in",
                      "a out", "c out", "d in", "d out", "ValueError BoundedSemaphore released too many times",
                      "t1 True t2 False True", "ValueError Semaphore initial value must be >= 0"}));
    }

    void semaphoreValueInTheLoopState()
    {
        const auto r = runProgram(semaphore::module);
        QVERIFY2(r.ok(), r.error.c_str());
        const auto &t = r.trace;
        const auto dWants = findEvent(t, EventKind::Output, NoLane, "d wants True");
        const auto s = loopStateAt(t, dWants + 3);
        const auto &sem = s.primitives[0];
        QCOMPARE(qs(sem.name), QStringLiteral("Semaphore-1"));
        QCOMPARE(sem.value, 0);
        QCOMPARE(int(sem.holders.size()), 2);
        QCOMPARE(int(sem.waiters.size()), 2);
    }

    void barrierTripsWhenAllArrive()
    {
        CROSS_CHECK(barrier::module, kBarrier,
                    ({"a arrives 0", "b arrives 1", "c arrives 2", "c passes 2", "a passes 0", "b passes 1",
                      "broken False 0", "x in round with index 1", "w in round with index 0",
                      "z in round with index 1", "y in round with index 0", "d arrives 0",
                      "BrokenBarrierError Abort or reset of barrier", "broken True"}));
    }
};

QTEST_GUILESS_MAIN(TestSemaphoreBarrier)
#include "tst_semaphorebarrier.moc"
