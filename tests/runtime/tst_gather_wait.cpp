// asyncio.gather and asyncio.wait as a user meets them: results in argument order, a tuple for
// mixed types, a failing child, return_exceptions, cancelling the gather, the three return_when
// modes and a timeout, and ensure_future of a sleep.
// Every ordering test carries its Python equivalent; each was run with CPython 3.11 and printed the
// lines asserted here (except where a comment says the C++ differs, and why).
#include "RuntimeTestSupport.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// async def val(n, d):
//     await asyncio.sleep(d)
//     print("done", n)
//     return n
// async def main():
//     r = await asyncio.gather(val(3, 0.3), val(1, 0.1), val(2, 0.2))
//     print(r)
// -> done 1 / done 2 / done 3 / [3, 1, 2]
namespace order {
Task<int> val(int n, double d)
{
    co_await sleep(d);
    print("done", n);
    co_return n;
}
Task<> main()
{
    auto r = co_await gather(val(3, 0.3), val(1, 0.1), val(2, 0.2));
    print(r);
}
} // namespace order

// async def num(): return 1
// async def text(): return "a"
// async def main():
//     print(await asyncio.gather(num(), text()))
// -> [1, 'a']
// C++: mixed types come back as a std::tuple (structured bindings), which prints as (1, 'a').
namespace mixed {
Task<int> num()
{
    co_return 1;
}
Task<std::string> text()
{
    co_return "a";
}
Task<> main()
{
    auto r = co_await gather(num(), text());
    static_assert(std::is_same_v<decltype(r), std::tuple<int, std::string>>);
    auto [n, s] = r;
    print(n, s);
    print(r);
}
} // namespace mixed

// async def ok(n, d):
//     await asyncio.sleep(d)
//     print(f"ok {n} done")
//     return n
// async def bad():
//     await asyncio.sleep(0.5)
//     raise ValueError("bad child")
// async def main():
//     try:
//         await asyncio.gather(ok(1, 1), bad(), ok(2, 2))
//     except ValueError as e:
//         print("main caught", e, loop.time())   # relative to main's start
//     await asyncio.sleep(3)
//     print("main end")
// -> main caught bad child 0.5 / ok 1 done / ok 2 done / main end
namespace failing {
Task<int> ok(int n, double d)
{
    co_await sleep(d);
    print(f("ok {} done", n));
    co_return n;
}
Task<int> bad()
{
    co_await sleep(0.5);
    throw ValueError("bad child");
}
Task<> main()
{
    try {
        co_await gather(ok(1, 1), bad(), ok(2, 2));
    } catch (const ValueError &e) {
        print("main caught", e.what(), get_running_loop().time());
    }
    co_await sleep(3);
    print("main end");
}

// async def main():
//     r = await asyncio.gather(ok(1, 1), bad(), ok(2, 2), return_exceptions=True)
//     print(r)          (ok without its print)
// -> ok 1 done / ok 2 done / [1, ValueError('bad child'), 2]
Task<> mainReturnExceptions()
{
    auto r = co_await gather(return_exceptions, ok(1, 1), bad(), ok(2, 2));
    print(r);
    print(r[0].ok(), *r[0], r[1].ok(), r[1].str());
}
} // namespace failing

// async def child(n):
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print(f"child {n} cancelled")
//         raise
// async def main():
//     g = asyncio.gather(child(1), child(2))
//     await asyncio.sleep(1)
//     print("cancel ->", g.cancel())
//     try:
//         await g
//     except asyncio.CancelledError:
//         print("gather cancelled", g.cancelled(), g.done())
// -> cancel -> True / child 1 cancelled / child 2 cancelled / gather cancelled False True
// (3.11's _GatheringFuture ends with set_exception(CancelledError), so g.cancelled() is False.)
namespace cancelgather {
Task<> child(int n)
{
    try {
        co_await sleep(10);
    } catch (const CancelledError &) {
        print(f("child {} cancelled", n));
        throw;
    }
}
Task<> main()
{
    auto g = gather(child(1), child(2));
    co_await sleep(1);
    print("cancel ->", g.cancel());
    try {
        co_await g;
    } catch (const CancelledError &) {
        print("gather cancelled", g.cancelled(), g.done());
    }
}
} // namespace cancelgather

// async def job(n, d, fail=False):
//     await asyncio.sleep(d)
//     if fail:
//         raise ValueError(f"job {n} failed")
//     return n
// def names(s, order):
//     return [t.get_name() for t in order if t in s]
// async def main():
//     loop = asyncio.get_running_loop()
//     for mode in (asyncio.ALL_COMPLETED, asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION):
//         start = loop.time()
//         ts = [asyncio.create_task(job(1, 1)), asyncio.create_task(job(2, 2, True)),
//               asyncio.create_task(job(3, 3))]
//         done, pending = await asyncio.wait(ts, return_when=mode)
//         print(mode, names(done, ts), names(pending, ts), round(loop.time() - start))
//         for t in pending: t.cancel()
//         await asyncio.sleep(0)
//     start = loop.time()
//     ts = [asyncio.create_task(job(1, 1)), asyncio.create_task(job(2, 2))]
//     done, pending = await asyncio.wait(ts, timeout=1.5)
//     print("timeout", names(done, ts), names(pending, ts), round(loop.time() - start, 1))
//     done, pending = await asyncio.wait(ts)
//     print("rest", names(done, ts), names(pending, ts), round(loop.time() - start, 1))
// -> ALL_COMPLETED ['Task-2', 'Task-3', 'Task-4'] [] 3
//    FIRST_COMPLETED ['Task-5'] ['Task-6', 'Task-7'] 1
//    FIRST_EXCEPTION ['Task-8', 'Task-9'] ['Task-10'] 2
//    (the C++ prints the exact virtual durations, 3.0 / 1.0 / 2.0, where Python rounds real ones)
//    timeout ['Task-11'] ['Task-12'] 1.5
//    rest ['Task-11', 'Task-12'] [] 2.0
namespace waiting {
Task<int> job(int n, double d, bool fail = false)
{
    co_await sleep(d);
    if (fail)
        throw ValueError(f("job {} failed", n));
    co_return n;
}
std::vector<std::string> names(const std::vector<Future<int>> &fs)
{
    std::vector<std::string> out;
    for (const auto &f : fs)
        out.push_back(f.get_name());
    return out;
}
Task<> main()
{
    auto &loop = get_running_loop();
    const std::pair<ReturnWhen, const char *> modes[] = {
        {ALL_COMPLETED, "ALL_COMPLETED"}, {FIRST_COMPLETED, "FIRST_COMPLETED"}, {FIRST_EXCEPTION, "FIRST_EXCEPTION"}};
    for (auto [mode, label] : modes) {
        const double start = loop.time();
        std::vector ts{create_task(job(1, 1)), create_task(job(2, 2, true)), create_task(job(3, 3))};
        auto [done, pending] = co_await wait(ts, mode);
        print(label, names(done), names(pending), loop.time() - start);
        for (auto &t : pending)
            t.cancel();
        co_await sleep(0);
    }
    const double start = loop.time();
    std::vector ts{create_task(job(1, 1)), create_task(job(2, 2))};
    auto [done, pending] = co_await wait(ts, ALL_COMPLETED, 1.5);
    print("timeout", names(done), names(pending), loop.time() - start);
    auto [done2, pending2] = co_await wait(ts);
    print("rest", names(done2), names(pending2), loop.time() - start);
}
} // namespace waiting

// async def main():
//     f = asyncio.ensure_future(asyncio.sleep(1, result="x"))
//     print(f.get_name())
//     print(await f)
// -> Task-2 / x
namespace ensure {
Task<> main()
{
    auto f = ensure_future(sleep(1, "x"));
    print(f.get_name());
    print(co_await f);
    auto g = ensure_future(f); // a future stays what it is
    print(g == f, g.result());
}
} // namespace ensure


// The cancel message reaches whoever awaits the gather.
// async def child():
//     await asyncio.sleep(10)
// async def main():
//     t = asyncio.create_task(child())
//     g = asyncio.gather(t, asyncio.sleep(1))
//     await asyncio.sleep(0)
//     t.cancel("child msg")
//     try:
//         await g
//     except asyncio.CancelledError as e:
//         print("gather raised", repr(e))
//     g2 = asyncio.gather(child(), child())
//     await asyncio.sleep(0)
//     g2.cancel("outer msg")
//     try:
//         await g2
//     except asyncio.CancelledError as e:
//         print("gather2 raised", repr(e))
// -> gather raised CancelledError('child msg') / gather2 raised CancelledError('outer msg')
namespace cancelmessage {
Task<> child()
{
    co_await sleep(10);
}
Task<> main()
{
    auto t = create_task(child());
    auto g = gather(t, ensure_future(sleep(1)));
    co_await sleep(0);
    t.cancel("child msg");
    try {
        co_await g;
    } catch (const CancelledError &e) {
        print("gather raised", e.repr());
    }
    auto g2 = gather(child(), child());
    co_await sleep(0);
    g2.cancel("outer msg");
    try {
        co_await g2;
    } catch (const CancelledError &e) {
        print("gather2 raised", e.repr());
    }
}
} // namespace cancelmessage

// A task waiting on a gather is cancelled with a message before the gather's child has started:
// the message reaches the child, and comes back out of the gather and the task.
namespace cancelbeforechild {
Task<int> f1()
{
    co_return 1;
}
Task<> f0()
{
    try {
        std::vector<Task<int>> coros;
        coros.push_back(f1());
        co_await gather(std::move(coros));
    } catch (const CancelledError &e) {
        print("f0 caught", e.repr());
        throw;
    }
}
Task<> main()
{
    auto t0 = create_task(f0());
    co_await sleep(0);
    t0.cancel("stop");
    try {
        co_await t0;
    } catch (const CancelledError &e) {
        print("main caught", e.repr());
    }
}
} // namespace cancelbeforechild

} // namespace
} // namespace coroscope

class TestGatherWait : public QObject
{
    Q_OBJECT
private slots:
    void cancelBeforeTheChildStartsKeepsTheMessage()
    {
        const auto r = runProgram([] { run(cancelbeforechild::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        // What python3 prints for the same program.
        QCOMPARE(lines(r), QStringList({"f0 caught CancelledError('stop')", "main caught CancelledError('stop')"}));
        // f0 resumes from the gather with that error (the tracer shows CPython's so).
        QCOMPARE(story(r.trace, laneNamed(r.trace, "Task-2 f0()"), {EventKind::Resume}),
                 QStringList({"resume CancelledError('stop')"}));
    }

    void gatherResultsInArgumentOrder()
    {
        const auto r = runProgram([] { run(order::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"done 1", "done 2", "done 3", "[3, 1, 2]"}));

        // The tasks are created (and first run) in argument order; main suspends on the gather,
        // named as the call reads, and resumes with the list when the last child is done.
        const auto &t = r.trace;
        QCOMPARE(laneNames(t), QStringList({"<module>", "event loop", "Task-1 main()", "Task-2 val()", "Task-3 val()",
                                            "Task-4 val()"}));
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, main, {EventKind::Suspend, EventKind::Resume}),
                 QStringList({"suspend gather(val(), val(), val())", "resume [3, 1, 2]"}));
        const auto resume = findEvent(t, EventKind::Resume, main);
        QCOMPARE(seconds(t, resume), 0.3);
        QStringList starts;
        for (auto seq : eventsOf(t, NoLane, {EventKind::Start}))
            starts << qs(t.laneName(t.events[seq].lane));
        QCOMPARE(starts, QStringList({"<module>", "Task-1 main()", "Task-2 val()", "Task-3 val()", "Task-4 val()"}));
    }

    void gatherOfMixedTypesGivesATuple()
    {
        const auto r = runProgram([] { run(mixed::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        // CPython prints [1, 'a'] for the second line: see the comment on namespace mixed.
        QCOMPARE(lines(r), QStringList({"1 a", "(1, 'a')"}));
        // The timeline shows the value as Python would: a list.
        const auto main = laneNamed(r.trace, "Task-1 main()");
        QCOMPARE(story(r.trace, main, {EventKind::Resume}), QStringList({"resume [1, 'a']"}));
    }

    void gatherExceptionPropagatesOthersKeepRunning()
    {
        const auto r = runProgram([] { run(failing::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"main caught bad child 0.5", "ok 1 done", "ok 2 done", "main end"}));
        const auto &t = r.trace;
        QCOMPARE(story(t, laneNamed(t, "Task-3 bad()"), {EventKind::Error}), QStringList({"error ValueError: bad child"}));
        QCOMPARE(story(t, laneNamed(t, "Task-2 ok()"), {EventKind::Done}), QStringList({"done 1"}));
        QCOMPARE(story(t, laneNamed(t, "Task-4 ok()"), {EventKind::Done}), QStringList({"done 2"}));
        // main's resume is caused (through its wakeup and the gather's child-done callback) by bad()'s Error.
        const auto main = laneNamed(t, "Task-1 main()");
        const auto resume = findEvent(t, EventKind::Resume, main);
        QCOMPARE(t.detail(t.events[resume]), "ValueError('bad child')");
        bool fromError = false;
        for (auto c = t.events[resume].cause; c != NoEvent; c = t.events[c].cause)
            fromError = fromError || (t.events[c].eventKind() == EventKind::Error && t.events[c].lane == laneNamed(t, "Task-3 bad()"));
        QVERIFY(fromError);
    }

    void gatherReturnExceptions()
    {
        const auto r = runProgram([] { run(failing::mainReturnExceptions()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"ok 1 done", "ok 2 done", "[1, ValueError('bad child'), 2]",
                                        "True 1 False ValueError: bad child"}));
        const auto main = laneNamed(r.trace, "Task-1 mainReturnExceptions()");
        QVERIFY(main != NoLane);
        QCOMPARE(story(r.trace, main, {EventKind::Resume}), QStringList({"resume [1, ValueError('bad child'), 2]"}));
        QCOMPARE(seconds(r.trace, findEvent(r.trace, EventKind::Resume, main)), 2.0);
    }

    void cancellingGatherCancelsChildren()
    {
        const auto r = runProgram([] { run(cancelgather::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"cancel -> True", "child 1 cancelled", "child 2 cancelled",
                                        "gather cancelled False True"}));
        const auto &t = r.trace;
        for (auto name : {"Task-2 child()", "Task-3 child()"}) {
            const auto lane = laneNamed(t, name);
            QCOMPARE(t.events[eventsOf(t, lane).back()].eventKind(), EventKind::Cancel);
            QCOMPARE(seconds(t, eventsOf(t, lane).back()), 1.0);
        }
    }

    void waitReturnWhenAndTimeout()
    {
        const auto r = runProgram([] { run(waiting::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"ALL_COMPLETED ['Task-2', 'Task-3', 'Task-4'] [] 3.0",
                                        "FIRST_COMPLETED ['Task-5'] ['Task-6', 'Task-7'] 1.0",
                                        "FIRST_EXCEPTION ['Task-8', 'Task-9'] ['Task-10'] 2.0",
                                        "timeout ['Task-11'] ['Task-12'] 1.5", "rest ['Task-11', 'Task-12'] [] 2.0"}));
        // wait() is a coroutine awaited inline: main suspends on its waiter, not on a task, and no
        // lane is made for it.
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, main, {EventKind::Enter}).first(), QString("enter wait()"));
        QCOMPARE(story(t, main, {EventKind::Suspend}).first(), QString("suspend wait(...)"));
        for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
            QVERIFY(t.laneName(i).find("wait") == std::string_view::npos);
        // The pending tasks cancelled after FIRST_COMPLETED end cancelled; the wait timeout's
        // timer fires at 1.5 s after its start, and the all-done wait disarms nothing it armed.
        QCOMPARE(t.events[eventsOf(t, laneNamed(t, "Task-6 job()")).back()].eventKind(), EventKind::Cancel);
        QCOMPARE(t.events[eventsOf(t, laneNamed(t, "Task-10 job()")).back()].eventKind(), EventKind::Cancel);
        const auto timeoutArm = findEvent(t, EventKind::TimerArm, main, "wait: timeout");
        QVERIFY(timeoutArm != NoEvent);
        const auto timeoutFire = findEvent(t, EventKind::TimerFire, NoLane, "wait: timeout");
        QCOMPARE(t.events[timeoutFire].cause, timeoutArm);
        QCOMPARE(t.time(std::uint32_t(timeoutFire)) - t.time(std::uint32_t(timeoutArm)), std::int64_t(1'500'000'000));
    }

    void ensureFutureOfSleepWithResult()
    {
        const auto r = runProgram([] { run(ensure::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"Task-2", "x", "True x"}));
        const auto &t = r.trace;
        const auto lane = laneNamed(t, "Task-2 sleep()");
        QVERIFY(lane != NoLane);
        QCOMPARE(story(t, lane, {EventKind::Suspend, EventKind::Done}), QStringList({"suspend sleep(1)", "done 'x'"}));
        QCOMPARE(story(t, laneNamed(t, "Task-1 main()"), {EventKind::Resume}), QStringList({"resume 'x'"}));
    }

    void cancelMessageReachesTheGathersAwaiter()
    {
        const auto r = runProgram([] { run(cancelmessage::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"gather raised CancelledError('child msg')",
                                        "gather2 raised CancelledError('outer msg')"}));
    }
};

QTEST_GUILESS_MAIN(TestGatherWait)
#include "tst_gather_wait.moc"
