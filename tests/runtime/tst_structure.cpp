// TaskGroup, timeout(), shield, as_completed, Queue.join and the other queues, current_task /
// all_tasks, Task.cancelling / uncancel, add_done_callback and get_coro, against CPython
// (CrossCheck.h): each C++ port's "// py:N" ties its lines to the Python twin above it; both
// runtimes must print the same lines and take the same steps. The expected lines are python3's.
#include "CrossCheck.h"

#include <QTest>

#include <cmath>

using namespace coroscope;
using namespace coroscope::testing;

namespace coroscope {
namespace {

// A group waits for its children; the first failure cancels the rest and the task holding the
// group, and the errors come out as one ExceptionGroup, which except* splits.
constexpr std::string_view kTaskGroup = R"PY(import asyncio
async def job(name, d, fail=False):
    try:
        await asyncio.sleep(d)
        if fail:
            raise ValueError(name)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 0.1))
        b = tg.create_task(job("b", 0.2))
    print("results", a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("c", 0.3))
            tg.create_task(job("d", 0.1, fail=True))
            tg.create_task(job("e", 0.2, fail=True))
            await asyncio.sleep(1)
            print("not reached")
    except* ValueError as eg:
        print("caught", eg.exceptions)
    print("main cancelling", asyncio.current_task().cancelling())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("f", 0.1, fail=True))
            tg.create_task(job("g", 0.1, fail=True))
    except ExceptionGroup as eg:
        print("two errors:", eg)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("h", 0.1))
            raise KeyError("body")
    except ExceptionGroup as eg:
        print("body error:", repr(eg))
asyncio.run(main())
)PY";
namespace taskgroup {
Task<std::string> job(std::string name, double d, bool fail = false) // py:2
{
    try {
        co_await sleep(d);                                     // py:4
        if (fail)
            throw ValueError(name);                            // py:6
        print(name, "finished");                               // py:7
        co_return name;                                        // py:8
    } catch (const CancelledError &) {                         // py:9
        print(name, "cancelled");                              // py:10
        throw;                                                 // py:11
    }
}
Task<> main()                                                  // py:12
{
    Future<std::string> a, b;
    co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> { // py:13
        a = tg.create_task(job("a", 0.1));                     // py:14
        b = tg.create_task(job("b", 0.2));                     // py:15
        co_return;
    });
    print("results", a.result(), b.result());                  // py:16
    try {
        co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> { // py:18
            tg.create_task(job("c", 0.3));                     // py:19
            tg.create_task(job("d", 0.1, true));               // py:20
            tg.create_task(job("e", 0.2, true));               // py:21
            co_await sleep(1);                                 // py:22
            print("not reached");                              // py:23
        });
    } catch (const ExceptionGroup &eg) {                       // py:24
        except_star<ValueError>(eg, [](const ExceptionGroup &match) {
            print("caught", match.exceptionsRepr());           // py:25
        });
    }
    print("main cancelling", current_task().cancelling());     // py:26
    try {
        co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> { // py:28
            tg.create_task(job("f", 0.1, true));               // py:29
            tg.create_task(job("g", 0.1, true));               // py:30
            co_return;
        });
    } catch (const ExceptionGroup &eg) {                       // py:31
        print("two errors:", eg.what());                       // py:32
    }
    try {
        co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> { // py:34
            tg.create_task(job("h", 0.1));                     // py:35
            throw KeyError("body");                            // py:36
            co_return;
        });
    } catch (const ExceptionGroup &eg) {                       // py:37
        print("body error:", eg.repr());                       // py:38
    }
}
void module()
{
    run(main());                                               // py:39
}
} // namespace taskgroup

// timeout(), timeout_at() and reschedule(): the CancelledError of an expired deadline becomes
// TimeoutError at the end of the block; the outer of two deadlines that expires first wins.
constexpr std::string_view kTimeout = R"PY(import asyncio
async def slow(d):
    try:
        await asyncio.sleep(d)
        return "slept"
    finally:
        print("slow", d, "ends")
async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.5) as cm:
            print("entered", round(cm.when() - loop.time(), 3), cm.expired())
            await slow(1.0)
    except TimeoutError:
        print("timed out", cm.expired())
    async with asyncio.timeout(0.5) as cm:
        r = await slow(0.2)
    print(r, cm.expired())
    try:
        async with asyncio.timeout(None) as cm:
            cm.reschedule(loop.time() + 0.1)
            print("rescheduled", round(cm.when() - loop.time(), 3))
            await slow(1.0)
    except TimeoutError:
        print("rescheduled timeout fired")
    try:
        async with asyncio.timeout_at(loop.time() + 0.3):
            async with asyncio.timeout(1):
                await slow(2.0)
    except TimeoutError:
        print("outer fired first")
    async with asyncio.timeout(0):
        print("no await inside")
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(0)
    except TimeoutError:
        print("timeout(0) fires at the first await")
    try:
        cm.reschedule(1)
    except RuntimeError as e:
        print("RuntimeError", e)
asyncio.run(main())
)PY";
namespace timeouts {
// Python's round(x, 3) for the deadlines printed: CPython's loop.time() is the real monotonic clock,
// so only a deadline's distance from now is the same from run to run.
double round3(double x)
{
    return std::round(x * 1000) / 1000;
}
Task<std::string> slow(double d)                               // py:2
{
    Finally end([d] { print("slow", d, "ends"); });            // py:7
    co_await sleep(d);                                         // py:4
    co_return "slept";                                         // py:5
}
Task<> main()                                                  // py:8
{
    auto &loop = get_running_loop();                           // py:9
    auto cm1 = timeout(0.5);                                   // py:11
    try {
        co_await async_with(cm1, [&](Timeout &cm) -> Task<> {  // py:11
            print("entered", round3(cm.when() - loop.time()), cm.expired()); // py:12
            co_await slow(1);                                  // py:13
        });
    } catch (const TimeoutError &) {                           // py:14
        print("timed out", cm1.expired());                     // py:15
    }
    std::string r;
    auto cm2 = timeout(0.5);                                   // py:16
    co_await async_with(cm2, [&]() -> Task<> {                 // py:16
        r = co_await slow(0.2);                                // py:17
    });
    print(r, cm2.expired());                                   // py:18
    auto cm3 = timeout(std::nullopt);                          // py:20
    try {
        co_await async_with(cm3, [&](Timeout &cm) -> Task<> {  // py:20
            cm.reschedule(loop.time() + 0.1);                  // py:21
            print("rescheduled", round3(cm.when() - loop.time())); // py:22
            co_await slow(1);                                  // py:23
        });
    } catch (const TimeoutError &) {                           // py:24
        print("rescheduled timeout fired");                    // py:25
    }
    try {
        co_await async_with(timeout_at(loop.time() + 0.3), [&]() -> Task<> { // py:27
            co_await async_with(timeout(1), [&]() -> Task<> {  // py:28
                co_await slow(2);                              // py:29
            });
        });
    } catch (const TimeoutError &) {                           // py:30
        print("outer fired first");                            // py:31
    }
    co_await async_with(timeout(0), [&]() -> Task<> {          // py:32
        print("no await inside");                              // py:33
        co_return;
    });
    try {
        co_await async_with(timeout(0), [&]() -> Task<> {      // py:35
            co_await sleep(0);                                 // py:36
        });
    } catch (const TimeoutError &) {                           // py:37
        print("timeout(0) fires at the first await");          // py:38
    }
    try {
        cm3.reschedule(1);                                     // py:40
    } catch (const RuntimeError &e) {                          // py:41
        print("RuntimeError", e.what());                       // py:42
    }
}
void module()
{
    run(main());                                               // py:43
}
} // namespace timeouts

// shield() keeps the inner task running when its awaiter is cancelled; as_completed() gives
// results as they finish (and TimeoutError past its timeout); the task API of 3.11.
constexpr std::string_view kStructure = R"PY(import asyncio
async def work(name, d):
    await asyncio.sleep(d)
    print(name, "done")
    return name
def on_done(t):
    print("callback sees", t.get_name(), t.result())
async def guarded(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("guarded cancelled, inner running:", not inner.done())
        raise
async def main():
    inner = asyncio.create_task(work("inner", 0.2))
    g = asyncio.create_task(guarded(inner))
    await asyncio.sleep(0.1)
    g.cancel()
    print("gathered", await asyncio.gather(g, return_exceptions=True))
    print("inner result", await inner)
    ts = [asyncio.create_task(work(n, d)) for n, d in (("x", 0.3), ("y", 0.1), ("z", 0.2))]
    ts[0].add_done_callback(on_done)
    for f in asyncio.as_completed(ts):
        print("as_completed gives", await f)
    slow = asyncio.create_task(work("slow", 1))
    try:
        for f in asyncio.as_completed([slow], timeout=0.5):
            await f
    except TimeoutError:
        print("as_completed timed out")
    me = asyncio.current_task()
    print("current", me.get_name(), me.get_coro().__name__)
    print("all", sorted(t.get_name() for t in asyncio.all_tasks()))
    slow.cancel()
    print("cancelling", slow.cancelling(), slow.uncancel(), slow.cancelling())
    await asyncio.sleep(0)
    print("slow cancelled", slow.cancelled())
asyncio.run(main())
)PY";
namespace structure {
Task<std::string> work(std::string name, Number d)             // py:2
{
    co_await sleep(d);                                         // py:3
    print(name, "done");                                       // py:4
    co_return name;                                            // py:5
}
void on_done(Future<std::string> t)                            // py:6
{
    print("callback sees", t.get_name(), t.result());          // py:7
}
Task<std::string> guarded(Future<std::string> inner)           // py:8
{
    try {
        co_return co_await shield(inner);                      // py:10
    } catch (const CancelledError &) {                         // py:11
        print("guarded cancelled, inner running:", !inner.done()); // py:12
        throw;                                                 // py:13
    }
}
Task<> main()                                                  // py:14
{
    auto inner = create_task(work("inner", 0.2));              // py:15
    auto g = create_task(guarded(inner));                      // py:16
    co_await sleep(0.1);                                       // py:17
    g.cancel();                                                // py:18
    std::vector<Future<std::string>> justG = {g};
    auto gathered = co_await gather(return_exceptions, justG); // py:19
    print("gathered", gathered);                               // py:19
    auto result = co_await inner;                              // py:20
    print("inner result", result);                             // py:20
    std::vector<Future<std::string>> ts;
    const std::vector<std::pair<std::string, double>> specs = {{"x", 0.3}, {"y", 0.1}, {"z", 0.2}};
    for (const auto &[n, d] : specs)
        ts.push_back(create_task(work(n, d)));                 // py:21
    ts[0].add_done_callback(def("on_done", on_done));          // py:22
    for (auto &f : as_completed(ts)) {                         // py:23
        auto next = co_await std::move(f);                     // py:24
        print("as_completed gives", next);                     // py:24
    }
    auto slow = create_task(work("slow", 1));                  // py:25
    try {
        for (auto &f : as_completed(std::vector{slow}, 0.5))   // py:27
            co_await std::move(f);                             // py:28
    } catch (const TimeoutError &) {                           // py:29
        print("as_completed timed out");                       // py:30
    }
    auto me = current_task();                                  // py:31
    print("current", me.get_name(), me.get_coro().name);       // py:32
    std::vector<std::string> names;
    for (auto &t : all_tasks())
        names.push_back(t.get_name());
    std::sort(names.begin(), names.end());
    print("all", names);                                       // py:33
    slow.cancel();                                             // py:34
    const int c1 = slow.cancelling(), u = slow.uncancel(), c2 = slow.cancelling();
    print("cancelling", c1, u, c2);                            // py:35
    co_await sleep(0);                                         // py:36
    print("slow cancelled", slow.cancelled());                 // py:37
}
void module()
{
    run(main());                                               // py:38
}
} // namespace structure

// join() waits until task_done() has been called for every item; PriorityQueue pops the lowest
// (heapq), LifoQueue the newest.
constexpr std::string_view kQueues = R"PY(import asyncio
async def worker(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(0.1)
        print(name, "processed", item)
        q.task_done()
async def main():
    q = asyncio.Queue()
    for i in range(5):
        q.put_nowait(i)
    ws = [asyncio.create_task(worker(q, n)) for n in ("w1", "w2")]
    await q.join()
    print("all processed")
    for w in ws:
        w.cancel()
    await asyncio.gather(*ws, return_exceptions=True)
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError", e)
    pq = asyncio.PriorityQueue()
    for item in [(2, "b"), (1, "a"), (3, "c"), (1, "a2"), (2, "b2")]:
        pq.put_nowait(item)
    print("priority", [pq.get_nowait() for _ in range(5)])
    lq = asyncio.LifoQueue()
    for i in range(3):
        await lq.put(i)
    print("lifo", [await lq.get() for _ in range(3)])
asyncio.run(main())
)PY";
namespace queues {
Task<> worker(Queue<int> &q, std::string name)                 // py:2
{
    while (true) {                                             // py:3
        int item = co_await q.get();                           // py:4
        co_await sleep(0.1);                                   // py:5
        print(name, "processed", item);                        // py:6
        q.task_done();                                         // py:7
    }
}
Task<> main()                                                  // py:8
{
    Queue<int> q;                                              // py:9
    for (int i = 0; i < 5; ++i)                                // py:10
        q.put_nowait(i);                                       // py:11
    std::vector<Future<void>> ws;
    for (const auto *n : {"w1", "w2"})
        ws.push_back(create_task(worker(q, n)));               // py:12
    co_await q.join();                                         // py:13
    print("all processed");                                    // py:14
    for (auto &w : ws)                                         // py:15
        w.cancel();                                            // py:16
    co_await gather(return_exceptions, ws);                    // py:17
    try {
        q.task_done();                                         // py:19
    } catch (const ValueError &e) {                            // py:20
        print("ValueError", e.what());                         // py:21
    }
    PriorityQueue<std::pair<int, std::string>> pq;             // py:22
    const std::vector<std::pair<int, std::string>> items = {{2, "b"}, {1, "a"}, {3, "c"}, {1, "a2"}, {2, "b2"}};
    for (const auto &item : items)
        pq.put_nowait(item);                                   // py:24
    std::vector<std::pair<int, std::string>> popped;
    for (int i = 0; i < 5; ++i)
        popped.push_back(pq.get_nowait());
    print("priority", popped);                                 // py:25
    LifoQueue<int> lq;                                         // py:26
    for (int i = 0; i < 3; ++i)                                // py:27
        co_await lq.put(i);                                    // py:28
    std::vector<int> got;
    for (int i = 0; i < 3; ++i)
        got.push_back(co_await lq.get());                      // py:29
    print("lifo", got);                                        // py:29
}
void module()
{
    run(main());                                               // py:30
}
} // namespace queues

} // namespace
} // namespace coroscope

class TestStructure : public QObject
{
    Q_OBJECT
private slots:
    void taskGroup()
    {
        CROSS_CHECK(taskgroup::module, kTaskGroup,
                    ({"a finished", "b finished", "results a b", "c cancelled", "e cancelled",
                      "caught (ValueError('d'),)", "main cancelling 0",
                      "two errors: unhandled errors in a TaskGroup (2 sub-exceptions)",
                      "body error: ExceptionGroup('unhandled errors in a TaskGroup', [KeyError('body')])"}));
    }

    void timeouts()
    {
        CROSS_CHECK(timeouts::module, kTimeout,
                    ({"entered 0.5 False", "slow 1.0 ends", "timed out True", "slow 0.2 ends", "slept False",
                      "rescheduled 0.1", "slow 1.0 ends", "rescheduled timeout fired", "slow 2.0 ends",
                      "outer fired first", "no await inside", "timeout(0) fires at the first await",
                      "RuntimeError Cannot change state of expired Timeout"}));
    }

    void shieldAsCompletedAndTheTaskApi()
    {
        CROSS_CHECK(structure::module, kStructure,
                    ({"guarded cancelled, inner running: True", "gathered [CancelledError('')]", "inner done",
                      "inner result inner", "y done", "as_completed gives y", "z done", "as_completed gives z",
                      "x done", "callback sees Task-4 x", "as_completed gives x", "as_completed timed out",
                      "current Task-1 main", "all ['Task-1', 'Task-7']", "cancelling 1 0 0",
                      "slow cancelled True"}));
    }

    void queueJoinPriorityLifo()
    {
        CROSS_CHECK(queues::module, kQueues,
                    ({"w1 processed 0", "w2 processed 1", "w1 processed 2", "w2 processed 3", "w1 processed 4",
                      "all processed", "ValueError task_done() called too many times",
                      "priority [(1, 'a'), (1, 'a2'), (2, 'b'), (2, 'b2'), (3, 'c')]", "lifo [2, 1, 0]"}));
    }
};

QTEST_GUILESS_MAIN(TestStructure)
#include "tst_structure.moc"
