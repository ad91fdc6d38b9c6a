// asyncio.Queue as a user meets it: put() waiting while a bounded queue is full, get() waiting while
// it is empty, waiters woken first-in first-out, put_nowait/get_nowait raising QueueFull/QueueEmpty,
// and cancelling a get() that waits.
// Every ordering test carries its Python equivalent; each was run with CPython 3.11 and printed the
// lines asserted here.
#include "RuntimeTestSupport.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// async def producer(q):
//     for i in range(3):
//         print("put", i)
//         await q.put(i)
//         print("put done", i, q.qsize())
// async def consumer(q):
//     await asyncio.sleep(1)
//     for _ in range(3):
//         v = await q.get()
//         print("got", v)
// async def main():
//     q = asyncio.Queue(maxsize=1)
//     await asyncio.gather(producer(q), consumer(q))
// -> put 0 / put done 0 1 / put 1 / got 0 / put done 1 1 / put 2 / got 1 / put done 2 1 / got 2
namespace bounded {
Task<> producer(Queue<int> &q)
{
    for (int i = 0; i < 3; ++i) {
        print("put", i);
        co_await q.put(i);
        print("put done", i, int(q.qsize()));
    }
}
Task<> consumer(Queue<int> &q)
{
    co_await sleep(1);
    for (int n = 0; n < 3; ++n) {
        int v = co_await q.get();
        print("got", v);
    }
}
Task<> main()
{
    Queue<int> q(1);
    co_await gather(producer(q), consumer(q));
}
} // namespace bounded

// async def getter(q, name):
//     print(name, "waits")
//     v = await q.get()
//     print(name, "got", v)
// async def main():
//     q = asyncio.Queue()
//     ts = [asyncio.create_task(getter(q, n)) for n in ("a", "b", "c")]
//     await asyncio.sleep(1)
//     for i in range(3):
//         q.put_nowait(i * 10)
//     print("put three")
//     await asyncio.gather(*ts)
// -> a waits / b waits / c waits / put three / a got 0 / b got 10 / c got 20
namespace fifo {
Task<> getter(Queue<int> &q, std::string name)
{
    print(name, "waits");
    int v = co_await q.get();
    print(name, "got", v);
}
Task<> main()
{
    Queue<int> q;
    auto a = create_task(getter(q, "a"));
    auto b = create_task(getter(q, "b"));
    auto c = create_task(getter(q, "c"));
    co_await sleep(1);
    for (int i = 0; i < 3; ++i)
        q.put_nowait(i * 10);
    print("put three");
    co_await gather(a, b, c);
}
} // namespace fifo

// async def main():
//     q = asyncio.Queue(maxsize=2)
//     q.put_nowait(1); q.put_nowait(2)
//     print(q.full(), q.qsize())
//     try:
//         q.put_nowait(3)
//     except asyncio.QueueFull as e:
//         print("QueueFull", repr(e))
//     print(q.get_nowait(), q.get_nowait(), q.empty())
//     try:
//         q.get_nowait()
//     except asyncio.QueueEmpty as e:
//         print("QueueEmpty", repr(e))
// -> True 2 / QueueFull QueueFull() / 1 2 True / QueueEmpty QueueEmpty()
namespace nowait {
Task<> main()
{
    Queue<int> q(2);
    q.put_nowait(1);
    q.put_nowait(2);
    print(q.full(), int(q.qsize()));
    try {
        q.put_nowait(3);
    } catch (const QueueFull &e) {
        print("QueueFull", e.repr());
    }
    int x = q.get_nowait();
    int y = q.get_nowait();
    print(x, y, q.empty());
    try {
        q.get_nowait();
    } catch (const QueueEmpty &e) {
        print("QueueEmpty", e.repr());
    }
    co_return;
}
} // namespace nowait

// An uncaught QueueEmpty ends the run with its name.
namespace uncaught {
Task<> main()
{
    Queue<std::string> q;
    q.get_nowait();
    co_return;
}
} // namespace uncaught

// async def getter(q, name):
//     try:
//         v = await q.get()
//         print(name, "got", v)
//     except asyncio.CancelledError:
//         print(name, "cancelled")
//         raise
// async def main():
//     q = asyncio.Queue()
//     a = asyncio.create_task(getter(q, "a"))
//     b = asyncio.create_task(getter(q, "b"))
//     await asyncio.sleep(0)
//     a.cancel()
//     await asyncio.sleep(0)
//     print("a cancelled:", a.cancelled())
//     q.put_nowait(1)
//     await b
//     print("left:", q.qsize())
// -> a cancelled / a cancelled: True / b got 1 / left: 0
namespace cancelget {
Task<> getter(Queue<int> &q, std::string name)
{
    try {
        int v = co_await q.get();
        print(name, "got", v);
    } catch (const CancelledError &) {
        print(name, "cancelled");
        throw;
    }
}
Task<> main()
{
    Queue<int> q;
    auto a = create_task(getter(q, "a"));
    auto b = create_task(getter(q, "b"));
    co_await sleep(0);
    a.cancel();
    co_await sleep(0);
    print("a cancelled:", a.cancelled());
    q.put_nowait(1);
    co_await b;
    print("left:", int(q.qsize()));
}
} // namespace cancelget

// A getter cancelled while items are already waiting for the getters ahead of it must not pass a
// wake-up on (it never received one): d stays ahead of e.
// async def getter(q, name):
//     try:
//         v = await q.get()
//         print(name, "got", v)
//     except asyncio.CancelledError:
//         print(name, "cancelled")
// async def main():
//     q = asyncio.Queue()
//     ts = {n: asyncio.create_task(getter(q, n)) for n in "abcde"}
//     await asyncio.sleep(0)
//     ts["c"].cancel()
//     q.put_nowait(1)
//     q.put_nowait(2)
//     await asyncio.sleep(0)
//     await asyncio.sleep(0)
//     q.put_nowait(3)
//     q.put_nowait(4)
//     await asyncio.gather(*ts.values())
// -> c cancelled / a got 1 / b got 2 / d got 3 / e got 4
namespace cancelorder {
Task<> getter(Queue<int> &q, std::string name)
{
    try {
        int v = co_await q.get();
        print(name, "got", v);
    } catch (const CancelledError &) {
        print(name, "cancelled");
    }
}
Task<> main()
{
    Queue<int> q;
    std::vector<Future<void>> ts;
    for (auto n : {"a", "b", "c", "d", "e"})
        ts.push_back(create_task(getter(q, n)));
    co_await sleep(0);
    ts[2].cancel();
    q.put_nowait(1);
    q.put_nowait(2);
    co_await sleep(0);
    co_await sleep(0);
    q.put_nowait(3);
    q.put_nowait(4);
    for (auto &t : ts)
        co_await t;
}
} // namespace cancelorder

// The same for put(): a putter cancelled while a slot is free for the putter ahead of it.
// async def putter(q, v):
//     try:
//         await q.put(v)
//         print("put", v)
//     except asyncio.CancelledError:
//         print("put", v, "cancelled")
// async def main():
//     q = asyncio.Queue(maxsize=2)
//     q.put_nowait(0); q.put_nowait(0)
//     ts = [asyncio.create_task(putter(q, v)) for v in (1, 2, 3, 4, 5)]
//     await asyncio.sleep(0)
//     ts[2].cancel()
//     q.get_nowait(); q.get_nowait()
//     await asyncio.sleep(0)
//     await asyncio.sleep(0)
//     q.get_nowait(); q.get_nowait()
//     await asyncio.gather(*ts)
//     print([q.get_nowait() for _ in range(q.qsize())])
// -> put 3 cancelled / put 1 / put 2 / put 4 / put 5 / [4, 5]
namespace cancelput {
Task<> putter(Queue<int> &q, int v)
{
    try {
        co_await q.put(v);
        print("put", v);
    } catch (const CancelledError &) {
        print("put", v, "cancelled");
    }
}
Task<> main()
{
    Queue<int> q(2);
    q.put_nowait(0);
    q.put_nowait(0);
    std::vector<Future<void>> ts;
    for (int v : {1, 2, 3, 4, 5})
        ts.push_back(create_task(putter(q, v)));
    co_await sleep(0);
    ts[2].cancel();
    q.get_nowait();
    q.get_nowait();
    co_await sleep(0);
    co_await sleep(0);
    q.get_nowait();
    q.get_nowait();
    for (auto &t : ts)
        co_await t;
    std::vector<int> left;
    while (!q.empty())
        left.push_back(q.get_nowait());
    print(left);
}
} // namespace cancelput

} // namespace
} // namespace coroscope

class TestQueue : public QObject
{
    Q_OBJECT
private slots:
    void putWaitsWhileFull()
    {
        const auto r = runProgram([] { run(bounded::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"put 0", "put done 0 1", "put 1", "got 0", "put done 1 1", "put 2", "got 1",
                                        "put done 2 1", "got 2"}));

        // The producer's second put waits on its own future, labelled as such, until the
        // consumer's get frees the slot: the wake-up arrow runs from the consumer to the producer.
        const auto &t = r.trace;
        const auto producer = laneNamed(t, "Task-2 producer()");
        const auto consumer = laneNamed(t, "Task-3 consumer()");
        QVERIFY(producer != NoLane && consumer != NoLane);
        const auto waits = eventsOf(t, producer, {EventKind::Suspend});
        QCOMPARE(waits.size(), std::size_t(2));
        for (auto s : waits)
            QCOMPARE(t.detail(t.events[s]), "Queue.put (full)");
        const auto resume = findEvent(t, EventKind::Resume, producer, {}, waits[0]);
        QVERIFY(resume != NoEvent);
        const auto wake = t.events[resume].cause;
        QCOMPARE(t.events[wake].eventKind(), EventKind::Schedule);
        QCOMPARE(t.detail(t.events[wake]), "wakeup");
        QCOMPARE(t.events[t.events[wake].cause].lane, consumer);
        // The put ran inline in the producer's task: an Enter "put()" on its lane, no lane of its own.
        QCOMPARE(findEvent(t, EventKind::Enter, producer, "put()") != NoEvent, true);
        QCOMPARE(laneNamed(t, "put()"), NoLane);
        // Nobody waits while it is time 1 s: the puts waited after the consumer's sleep(1).
        QCOMPARE(seconds(t, resume), 1.0);
    }

    void getWaitsWhileEmptyAndWakesFifo()
    {
        const auto r = runProgram([] { run(fifo::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r),
                 QStringList({"a waits", "b waits", "c waits", "put three", "a got 0", "b got 10", "c got 20"}));

        // Each getter waits on "Queue.get (empty)" and they resume in the order they began waiting.
        const auto &t = r.trace;
        std::vector<std::uint32_t> resumes;
        for (auto name : {"Task-2 getter()", "Task-3 getter()", "Task-4 getter()"}) {
            const auto lane = laneNamed(t, name);
            QVERIFY(lane != NoLane);
            QCOMPARE(story(t, lane, {EventKind::Suspend, EventKind::Resume}),
                     QStringList({"suspend Queue.get (empty)", "resume None"}));
            resumes.push_back(findEvent(t, EventKind::Resume, lane));
            QCOMPARE(seconds(t, resumes.back()), 1.0);
        }
        QVERIFY(std::is_sorted(resumes.begin(), resumes.end()));
        // All three wake-ups were queued by main's one slice (its put_nowait calls).
        const auto main = laneNamed(t, "Task-1 main()");
        for (auto res : resumes)
            QCOMPARE(t.events[t.events[t.events[res].cause].cause].lane, main);
    }

    void nowaitRaises()
    {
        const auto r = runProgram([] { run(nowait::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"True 2", "QueueFull QueueFull()", "1 2 True", "QueueEmpty QueueEmpty()"}));
        // Neither call suspends main.
        const auto main = laneNamed(r.trace, "Task-1 main()");
        QCOMPARE(eventsOf(r.trace, main, {EventKind::Suspend}).size(), std::size_t(0));
    }

    void uncaughtQueueEmptyEndsTheRun()
    {
        const auto r = runProgram([] { run(uncaught::main()); });
        QCOMPARE(r.error, std::string("QueueEmpty"));
        const auto main = laneNamed(r.trace, "Task-1 main()");
        QCOMPARE(story(r.trace, main, {EventKind::Error}), QStringList({"error QueueEmpty"}));
    }

    void cancellingAWaitingGet()
    {
        const auto r = runProgram([] { run(cancelget::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"a cancelled", "a cancelled: True", "b got 1", "left: 0"}));
        const auto &t = r.trace;
        const auto a = laneNamed(t, "Task-2 getter()");
        QCOMPARE(story(t, a, {EventKind::Suspend, EventKind::Resume, EventKind::Cancel}),
                 QStringList({"suspend Queue.get (empty)", "resume CancelledError()", "cancel CancelledError"}));
    }

    void cancelledGetterKeepsFifo()
    {
        const auto r = runProgram([] { run(cancelorder::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"c cancelled", "a got 1", "b got 2", "d got 3", "e got 4"}));
    }

    void cancelledPutterKeepsFifo()
    {
        const auto r = runProgram([] { run(cancelput::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"put 3 cancelled", "put 1", "put 2", "put 4", "put 5", "[4, 5]"}));
    }
};

QTEST_GUILESS_MAIN(TestQueue)
#include "tst_queue.moc"
