// asyncio.Event and asyncio.Condition against CPython (CrossCheck.h): each C++ port's "// py:N"
// ties its lines to the Python twin above it; both runtimes must print the same lines and take the
// same steps. The expected lines are what python3 prints.
#include "CrossCheck.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

namespace coroscope {
namespace {

// set() wakes every waiter in the order they came; wait() on a set event passes at once; a
// cancelled waiter leaves.
constexpr std::string_view kEvent = R"PY(import asyncio
async def waiter(ev, name):
    print(name, "waits", ev.is_set())
    r = await ev.wait()
    print(name, "woke", r)
async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(waiter(ev, n)) for n in ("a", "b", "c")]
    await asyncio.sleep(0.1)
    ev.set()
    print("set", ev.is_set())
    await ev.wait()
    print("main passes at once")
    await asyncio.gather(*ts)
    ev.clear()
    t = asyncio.create_task(waiter(ev, "d"))
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("d cancelled", ev.is_set())
asyncio.run(main())
)PY";
namespace event {
Task<> waiter(asyncio::Event &ev, std::string name)           // py:2
{
    print(name, "waits", ev.is_set());                         // py:3
    bool r = co_await ev.wait();                               // py:4
    print(name, "woke", r);                                    // py:5
}
Task<> main()                                                  // py:6
{
    asyncio::Event ev;                                         // py:7
    std::vector<Future<void>> ts;
    for (std::string n : {"a", "b", "c"})
        ts.push_back(create_task(waiter(ev, n)));              // py:8
    co_await sleep(0.1);                                       // py:9
    ev.set();                                                  // py:10
    print("set", ev.is_set());                                 // py:11
    co_await ev.wait();                                        // py:12
    print("main passes at once");                              // py:13
    co_await gather(ts);                                       // py:14
    ev.clear();                                                // py:15
    auto t = create_task(waiter(ev, "d"));                     // py:16
    co_await sleep(0.1);                                       // py:17
    t.cancel();                                                // py:18
    try {
        co_await t;                                            // py:20
    } catch (const CancelledError &) {                         // py:21
        print("d cancelled", ev.is_set());                     // py:22
    }
}
void module()
{
    run(main());                                               // py:23
}
} // namespace event

// wait_for(predicate) waits until notify() makes it true; notify_all() wakes every waiter; a
// woken waiter has the lock again when wait() returns; wait() without the lock is an error.
constexpr std::string_view kCondition = R"PY(import asyncio
async def consumer(cond, items, name):
    async with cond:
        print(name, "waits")
        await cond.wait_for(lambda: len(items) > 0)
        print(name, "got", items.pop(0))
async def producer(cond, items):
    for i in range(3):
        await asyncio.sleep(0.1)
        async with cond:
            items.append(i)
            print("produced", i)
            cond.notify()
async def notifier(cond):
    async with cond:
        print("notify_all, locked", cond.locked())
        cond.notify_all()
async def main():
    cond = asyncio.Condition()
    items = []
    await asyncio.gather(consumer(cond, items, "a"), consumer(cond, items, "b"), consumer(cond, items, "c"), producer(cond, items))
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError", e)
    async with cond:
        t = asyncio.create_task(notifier(cond))
        print("main woken", await cond.wait(), cond.locked())
    print("locked after", cond.locked())
    await t
asyncio.run(main())
)PY";
namespace condition {
Task<> consumer(asyncio::Condition &cond, std::vector<int> &items, std::string name) // py:2
{
    co_await async_with(cond, [&]() -> Task<> {                // py:3
        print(name, "waits");                                  // py:4
        co_await cond.wait_for([&] { return !items.empty(); }); // py:5
        const int item = items.front();
        items.erase(items.begin());
        print(name, "got", item);                              // py:6
    });
}
Task<> producer(asyncio::Condition &cond, std::vector<int> &items) // py:7
{
    for (int i = 0; i < 3; ++i) {                               // py:8
        co_await sleep(0.1);                                   // py:9
        co_await async_with(cond, [&]() -> Task<> {            // py:10
            items.push_back(i);                                // py:11
            print("produced", i);                              // py:12
            cond.notify();                                     // py:13
            co_return;
        });
    }
}
Task<> notifier(asyncio::Condition &cond)                      // py:14
{
    co_await async_with(cond, [&]() -> Task<> {                // py:15
        print("notify_all, locked", cond.locked());            // py:16
        cond.notify_all();                                     // py:17
        co_return;
    });
}
Task<> main()                                                  // py:18
{
    asyncio::Condition cond;                                   // py:19
    std::vector<int> items;                                    // py:20
    co_await gather(consumer(cond, items, "a"), consumer(cond, items, "b"), consumer(cond, items, "c"), producer(cond, items)); // py:21
    try {
        co_await cond.wait();                                  // py:23
    } catch (const RuntimeError &e) {                          // py:24
        print("RuntimeError", e.what());                       // py:25
    }
    Future<void> t;
    co_await async_with(cond, [&]() -> Task<> {                // py:26
        t = create_task(notifier(cond));                       // py:27
        bool woken = co_await cond.wait();                     // py:28
        print("main woken", woken, cond.locked());             // py:28
    });
    print("locked after", cond.locked());                      // py:29
    co_await t;                                                // py:30
}
void module()
{
    run(main());                                               // py:31
}
} // namespace condition

} // namespace
} // namespace coroscope

class TestEventCondition : public QObject
{
    Q_OBJECT
private slots:
    void eventWakesEveryWaiter()
    {
        CROSS_CHECK(event::module, kEvent,
                    ({"a waits False", "b waits False", "c waits False", "set True", "main passes at once", "a woke True",
                      "b woke True", "c woke True", "d waits False", "d cancelled False"}));
    }

    void eventWakeUpsComeFromTheSet()
    {
        const auto r = runProgram(event::module);
        QVERIFY2(r.ok(), r.error.c_str());
        const auto &t = r.trace;
        const auto set = findEvent(t, EventKind::Sync, NoLane, "Event-1 set");
        QVERIFY(set != NoEvent);
        QStringList woken;
        for (auto seq : eventsOf(t, NoLane, {EventKind::Schedule}))
            if (t.events[seq].cause == set)
                woken << qs(t.laneName(t.events[seq].lane));
        QCOMPARE(woken, QStringList({"Task-2 waiter()", "Task-3 waiter()", "Task-4 waiter()"}));
        const auto s = loopStateAt(t, set);
        QVERIFY(s.primitives[0].set);
        QCOMPARE(int(s.primitives[0].waiters.size()), 3);
        QVERIFY(std::all_of(s.primitives[0].waiters.begin(), s.primitives[0].waiters.end(),
                            [](const auto &w) { return !w.woken; }));
        const auto after = loopStateAt(t, set + 3);
        QVERIFY(std::all_of(after.primitives[0].waiters.begin(), after.primitives[0].waiters.end(),
                            [](const auto &w) { return w.woken; }));
    }

    void conditionNotifiesInOrder()
    {
        CROSS_CHECK(condition::module, kCondition,
                    ({"a waits", "b waits", "c waits", "produced 0", "a got 0", "produced 1", "b got 1", "produced 2",
                      "c got 2", "RuntimeError cannot wait on un-acquired lock", "notify_all, locked True",
                      "main woken True True", "locked after False"}));
    }
};

QTEST_GUILESS_MAIN(TestEventCondition)
#include "tst_eventcondition.moc"
