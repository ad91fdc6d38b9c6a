// asyncio.Task as a user meets it: when a created task first runs, how tasks and lanes are named,
// `await coro()` versus `await task`, results and exceptions, and cancellation (Task.cancel, a
// coroutine that catches CancelledError, asyncio.run's final cancel of leftover tasks).
// Every ordering test carries its Python equivalent; each was run with CPython 3.11 and printed the
// lines asserted here.
#include "RuntimeTestSupport.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// async def child():
//     print("child runs")
//     return 7
// async def main():
//     t = asyncio.create_task(child())
//     print("created", t.get_name())
//     await asyncio.sleep(0)
//     print("main again", t.done())
//     print("result", await t)
// -> created Task-2 / child runs / main again True / result 7
namespace created {
Task<int> child()
{
    print("child runs");
    co_return 7;
}
Task<> main()
{
    auto t = create_task(child());
    print("created", t.get_name());
    co_await sleep(0);
    print("main again", t.done());
    print("result", co_await t);
}
} // namespace created

// async def fn():
//     await asyncio.sleep(0)
// async def main():
//     t = asyncio.create_task(fn(), name="f1")
//     u = asyncio.create_task(fn())
//     print(asyncio.current_task().get_name(), t.get_name(), u.get_name())
//     await t; await u
// -> Task-1 f1 Task-3
namespace names {
Task<> fn()
{
    co_await sleep(0);
}
Task<> main()
{
    auto t = create_task(fn(), "f1");
    auto u = create_task(fn());
    print(Runtime::current().currentTask()->name(), t.get_name(), u.get_name());
    co_await t;
    co_await u;
}
} // namespace names

// async def inner(x):
//     print("inner", x)
//     await asyncio.sleep(1)
//     return x * 2
// async def main():
//     print("before")
//     r = await inner(21)
//     print("after", r)
// -> before / inner 21 / after 42
namespace inlined {
Task<int> inner(int x)
{
    print("inner", x);
    co_await sleep(1);
    co_return x * 2;
}
Task<> main()
{
    print("before");
    int r = co_await inner(21);
    print("after", r);
}
} // namespace inlined

// async def greet():
//     await asyncio.sleep(1)
//     return "hello"
// async def main():
//     t = asyncio.create_task(greet())
//     r = await t
//     print(r, t.done(), t.result())
//     print(await t)
// -> hello True hello / hello
namespace awaited {
Task<std::string> greet()
{
    co_await sleep(1);
    co_return "hello";
}
Task<> main()
{
    auto t = create_task(greet());
    auto r = co_await t;
    print(r, t.done(), t.result());
    // Awaiting a finished task again gives the same result at once, without suspending.
    print(co_await t);
}
} // namespace awaited

// async def boom():
//     await asyncio.sleep(1)
//     raise ValueError("boom in child")
// async def main():
//     t = asyncio.create_task(boom())
//     try:
//         await t
//     except ValueError as e:
//         print("caught", e, repr(t.exception()))
// -> caught boom in child ValueError('boom in child')
namespace raising {
Task<> boom()
{
    co_await sleep(1);
    throw ValueError("boom in child");
}
Task<> main()
{
    auto t = create_task(boom());
    try {
        co_await t;
    } catch (const ValueError &e) {
        print("caught", e.what(), reprException(t.exception()));
    }
}
} // namespace raising

// async def sleeper():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("sleeper cancelled at", asyncio.get_running_loop().time() - T0)  # T0: main's start
//         raise
// async def main():
//     t = asyncio.create_task(sleeper())
//     await asyncio.sleep(1)
//     print("cancel ->", t.cancel())
//     try:
//         await t
//     except asyncio.CancelledError:
//         print("main saw CancelledError", t.cancelled(), t.done())
//     print("cancel again ->", t.cancel())
// -> cancel -> True / sleeper cancelled at 1.0 / main saw CancelledError True True / cancel again -> False
namespace cancelling {
Task<> sleeper()
{
    try {
        co_await sleep(10);
    } catch (const CancelledError &) {
        print("sleeper cancelled at", get_running_loop().time());
        throw;
    }
}
Task<> main()
{
    auto t = create_task(sleeper());
    co_await sleep(1);
    print("cancel ->", t.cancel());
    try {
        co_await t;
    } catch (const CancelledError &) {
        print("main saw CancelledError", t.cancelled(), t.done());
    }
    print("cancel again ->", t.cancel());
}
} // namespace cancelling

// async def never():
//     print("never printed")
// async def main():
//     t = asyncio.create_task(never())
//     t.cancel()
//     try:
//         await t
//     except asyncio.CancelledError:
//         print("cancelled before start", t.cancelled())
// -> cancelled before start True
namespace early {
Task<> never()
{
    print("never printed");
    co_return;
}
Task<> main()
{
    auto t = create_task(never());
    t.cancel();
    try {
        co_await t;
    } catch (const CancelledError &) {
        print("cancelled before start", t.cancelled());
    }
}
} // namespace early

// async def stubborn():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("stubborn caught")
//     return "ok"
// async def main():
//     t = asyncio.create_task(stubborn())
//     await asyncio.sleep(0)
//     t.cancel()
//     r = await t
//     print(r, t.cancelled())
// -> stubborn caught / ok False
namespace stubborn {
Task<std::string> stubborn()
{
    try {
        co_await sleep(10);
    } catch (const CancelledError &) {
        print("stubborn caught");
    }
    co_return "ok";
}
Task<> main()
{
    auto t = create_task(stubborn());
    co_await sleep(0);
    t.cancel();
    auto r = co_await t;
    print(r, t.cancelled());
}
} // namespace stubborn

// async def lingering():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("lingering cancelled")
//         raise
// async def main():
//     asyncio.create_task(lingering())
//     await asyncio.sleep(0)
//     print("main done")
// -> main done / lingering cancelled
namespace leftover {
Task<> lingering()
{
    try {
        co_await sleep(10);
    } catch (const CancelledError &) {
        print("lingering cancelled");
        throw;
    }
}
Task<> main()
{
    create_task(lingering());
    co_await sleep(0);
    print("main done");
}
} // namespace leftover

// A cancellation requested while the task waits in sleep(0) (no future to cancel): thrown at that
// suspension point when the task's step comes.
// async def spinner():
//     try:
//         while True:
//             await asyncio.sleep(0)
//     except asyncio.CancelledError:
//         print("spinner cancelled")
//         raise
// async def main():
//     t = asyncio.create_task(spinner())
//     await asyncio.sleep(0)
//     await asyncio.sleep(0)
//     t.cancel()
//     await asyncio.sleep(0)
//     print("after one yield", t.done(), t.cancelled())
// -> spinner cancelled / after one yield True True
namespace spinning {
Task<> spinner()
{
    try {
        while (true)
            co_await sleep(0);
    } catch (const CancelledError &) {
        print("spinner cancelled");
        throw;
    }
}
Task<> main()
{
    auto t = create_task(spinner());
    co_await sleep(0);
    co_await sleep(0);
    t.cancel();
    co_await sleep(0);
    print("after one yield", t.done(), t.cancelled());
}
} // namespace spinning


// Task.cancel(msg) / Future.cancel(msg): the message travels with the CancelledError, inside the
// task and to whoever awaits it.
// async def sleeper():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError as e:
//         print("inside", repr(e))
//         raise
// async def spinner():
//     try:
//         while True:
//             await asyncio.sleep(0)
//     except asyncio.CancelledError as e:
//         print("spinner inside", repr(e))
//         raise
// async def main():
//     t = asyncio.create_task(sleeper())
//     await asyncio.sleep(1)
//     t.cancel("stop now")
//     try:
//         await t
//     except asyncio.CancelledError as e:
//         print("outside", repr(e))
//     f = asyncio.get_running_loop().create_future()
//     f.cancel("fut msg")
//     try:
//         await f
//     except asyncio.CancelledError as e:
//         print("future", repr(e))
//     s = asyncio.create_task(spinner())
//     await asyncio.sleep(0)
//     s.cancel("spin stop")
//     try:
//         await s
//     except asyncio.CancelledError as e:
//         print("spinner outside", repr(e))
//     u = asyncio.create_task(sleeper())
//     await asyncio.sleep(0)
//     u.cancel()
//     try:
//         await u
//     except asyncio.CancelledError as e:
//         print("no message", repr(e))
// -> inside CancelledError('stop now') / outside CancelledError('stop now') / future CancelledError('fut msg') /
//    spinner inside CancelledError('spin stop') / spinner outside CancelledError('spin stop') /
//    inside CancelledError() / no message CancelledError()
namespace message {
Task<> sleeper()
{
    try {
        co_await sleep(10);
    } catch (const CancelledError &e) {
        print("inside", e.repr());
        throw;
    }
}
Task<> spinner()
{
    try {
        while (true)
            co_await sleep(0);
    } catch (const CancelledError &e) {
        print("spinner inside", e.repr());
        throw;
    }
}
Task<> main()
{
    auto t = create_task(sleeper());
    co_await sleep(1);
    t.cancel("stop now");
    try {
        co_await t;
    } catch (const CancelledError &e) {
        print("outside", e.repr());
    }
    auto f = create_future<int>();
    f.cancel("fut msg");
    try {
        co_await f;
    } catch (const CancelledError &e) {
        print("future", e.repr());
    }
    auto s = create_task(spinner());
    co_await sleep(0);
    s.cancel("spin stop");
    try {
        co_await s;
    } catch (const CancelledError &e) {
        print("spinner outside", e.repr());
    }
    auto u = create_task(sleeper());
    co_await sleep(0);
    u.cancel();
    try {
        co_await u;
    } catch (const CancelledError &e) {
        print("no message", e.repr());
    }
}
} // namespace message

// A task that cancels itself: cancelled right before its coroutine returns, it still ends
// cancelled; cancelled before it awaits, the CancelledError (with its message) arrives at the await.
// async def selfish():
//     asyncio.current_task().cancel()
//     return 5
// async def self_sleeper():
//     asyncio.current_task().cancel("self")
//     try:
//         await asyncio.sleep(1)
//     except asyncio.CancelledError as e:
//         print("self-cancelled", repr(e), loop.time())   # relative to main's start
//     return "after"
// async def main():
//     t = asyncio.create_task(selfish())
//     try:
//         print(await t)
//     except asyncio.CancelledError:
//         print("cancelled", t.cancelled())
//     print(await asyncio.create_task(self_sleeper()))
// -> cancelled True / self-cancelled CancelledError('self') 0.0 / after
namespace selfcancel {
Task<int> selfish()
{
    Runtime::current().currentTask()->cancel();
    co_return 5;
}
Task<std::string> self_sleeper()
{
    Runtime::current().currentTask()->cancel("self");
    try {
        co_await sleep(1);
    } catch (const CancelledError &e) {
        print("self-cancelled", e.repr(), get_running_loop().time());
    }
    co_return "after";
}
Task<> main()
{
    auto t = create_task(selfish());
    try {
        print(co_await t);
    } catch (const CancelledError &) {
        print("cancelled", t.cancelled());
    }
    print(co_await create_task(self_sleeper()));
}
} // namespace selfcancel

// A task is built in the room in front of its coroutine's frame; the block goes when both have.
namespace framed {
using Frame = detail::FrameBlock<detail::TaskFrameAllocation<int>::prefix()>;
struct Seen {
    bool frameLiveBefore = false, taskLiveBefore = true;
    bool taskInRoom = false, taskLiveAfterSpawn = false;
    bool frameLiveWhenDone = true, taskLiveWhenDone = false;
    int result = 0;
};
Task<int> answer()
{
    co_await sleep(0);
    co_return 42;
}
Task<> main(Seen *seen)
{
    auto coro = answer();
    auto *header = Frame::headerOf(coro.handle().address());
    seen->frameLiveBefore = header->frameLive;
    seen->taskLiveBefore = header->taskLive;
    auto task = create_task(std::move(coro));
    const auto *state = reinterpret_cast<const std::byte *>(&task.base());
    const auto *room = static_cast<const std::byte *>(Frame::roomOf(header));
    seen->taskInRoom = state >= room && state < room + Frame::Room;
    seen->taskLiveAfterSpawn = header->taskLive;
    seen->result = co_await task;
    // The coroutine has finished: its frame is gone, the block stays for the task still held.
    seen->frameLiveWhenDone = header->frameLive;
    seen->taskLiveWhenDone = header->taskLive;
}
} // namespace framed

} // namespace
} // namespace coroscope

class TestTask : public QObject
{
    Q_OBJECT
private slots:
    void createTaskRunsOnlyWhenCreatorYields()
    {
        const auto r = runProgram([] { run(created::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"created Task-2", "child runs", "main again True", "result 7"}));

        // The child's first step was queued by main's first slice and ran after main suspended.
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        const auto child = laneNamed(t, "Task-2 child()");
        const auto childStart = findEvent(t, EventKind::Start, child);
        const auto mainSuspend = findEvent(t, EventKind::Suspend, main, "sleep(0)");
        QVERIFY(mainSuspend < childStart);
        const auto sched = t.events[childStart].cause;
        QCOMPARE(t.events[sched].eventKind(), EventKind::Schedule);
        QCOMPARE(t.detail(t.events[sched]), "step");
        QCOMPARE(t.events[sched].cause, findEvent(t, EventKind::Start, main));
        QCOMPARE(story(t, child, {EventKind::Start, EventKind::Output, EventKind::Done}),
                 QStringList({"start", "output child runs", "done 7"}));
    }

    void taskAndLaneNames()
    {
        const auto r = runProgram([] { run(names::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"Task-1 f1 Task-3"}));
        const auto &t = r.trace;
        QCOMPARE(laneNames(t), QStringList({"<module>", "event loop", "Task-1 main()", "f1 fn()", "Task-3 fn()"}));
        const auto main = laneNamed(t, "Task-1 main()");
        for (auto name : {"f1 fn()", "Task-3 fn()"}) {
            const auto lane = laneNamed(t, name);
            QCOMPARE(t.lanes[lane].kind, LaneKind::Task);
            QCOMPARE(t.lanes[lane].parent, main); // created by main
        }
        QCOMPARE(t.lanes[main].kind, LaneKind::Task);
        QCOMPARE(t.lanes[laneNamed(t, "event loop")].kind, LaneKind::Loop);
    }

    void awaitCoroutineRunsInline()
    {
        const auto r = runProgram([] { run(inlined::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"before", "inner 21", "after 42"}));

        // No task, no lane for inner(): it runs on main's lane between Enter and Leave, and its
        // sleep suspends main.
        const auto &t = r.trace;
        QCOMPARE(laneNames(t), QStringList({"<module>", "event loop", "Task-1 main()"}));
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, main,
                       {EventKind::Start, EventKind::Enter, EventKind::Suspend, EventKind::Resume, EventKind::Leave,
                        EventKind::Output, EventKind::Done}),
                 QStringList({"start", "output before", "enter inner()", "output inner 21", "suspend sleep(1)",
                              "resume None", "leave 42", "output after 42", "done None"}));
        const auto enter = findEvent(t, EventKind::Enter, main);
        QVERIFY(t.locationText(t.events[enter]).starts_with("tst_task.cpp:"));
    }

    void awaitTaskGivesItsResult()
    {
        const auto r = runProgram([] { run(awaited::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"hello True hello", "hello"}));

        // main suspends on the task and is woken by the task's Done, carrying its repr.
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        const auto greet = laneNamed(t, "Task-2 greet()");
        QCOMPARE(story(t, main, {EventKind::Suspend, EventKind::Resume}),
                 QStringList({"suspend Task-2 greet()", "resume 'hello'"}));
        const auto resume = findEvent(t, EventKind::Resume, main);
        const auto wake = t.events[resume].cause;
        QCOMPARE(t.detail(t.events[wake]), "wakeup");
        QCOMPARE(t.events[wake].cause, findEvent(t, EventKind::Done, greet));
        QCOMPARE(t.detail(t.events[t.events[wake].cause]), "'hello'");
        QCOMPARE(seconds(t, resume), 1.0);
    }

    void exceptionStoredAndReraisedOnAwait()
    {
        const auto r = runProgram([] { run(raising::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"caught boom in child ValueError('boom in child')"}));
        const auto &t = r.trace;
        const auto boom = laneNamed(t, "Task-2 boom()");
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, boom, {EventKind::Done, EventKind::Error}), QStringList({"error ValueError: boom in child"}));
        QCOMPARE(story(t, main, {EventKind::Resume, EventKind::Done}),
                 QStringList({"resume ValueError('boom in child')", "done None"}));
    }

    void cancelSleepingTask()
    {
        const auto r = runProgram([] { run(cancelling::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"cancel -> True", "sleeper cancelled at 1.0",
                                        "main saw CancelledError True True", "cancel again -> False"}));

        // The CancelledError arrives at the sleep: the sleeper resumes with it at t=1, its
        // sleep(10) timer is disarmed (asyncio.sleep's finally: h.cancel()), and its lane ends
        // cancelled.
        const auto &t = r.trace;
        const auto sleeper = laneNamed(t, "Task-2 sleeper()");
        QCOMPARE(story(t, sleeper, {EventKind::Suspend, EventKind::Resume, EventKind::Output, EventKind::Done,
                                    EventKind::Error, EventKind::Cancel}),
                 QStringList({"suspend sleep(10)", "resume CancelledError()", "output sleeper cancelled at 1.0",
                              "cancel CancelledError"}));
        const auto arm = findEvent(t, EventKind::TimerArm, sleeper, "sleep(10)");
        const auto disarm = findEvent(t, EventKind::TimerCancel, sleeper);
        QVERIFY(disarm != NoEvent);
        QCOMPARE(t.events[disarm].cause, arm);
        QCOMPARE(seconds(t, disarm), 1.0);
        QCOMPARE(t.events[eventsOf(t, sleeper).back()].eventKind(), EventKind::Cancel);
        // The clock never went to 10: nothing waited for that timer any more.
        QCOMPARE(t.endTime(), std::int64_t(1'000'000'000));
    }

    void cancelBeforeFirstStep()
    {
        const auto r = runProgram([] { run(early::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"cancelled before start True"}));
        // Its step runs once, only to throw CancelledError at the very start: no output.
        const auto never = laneNamed(r.trace, "Task-2 never()");
        QCOMPARE(story(r.trace, never, {EventKind::Start, EventKind::Output, EventKind::Done, EventKind::Cancel}),
                 QStringList({"start", "cancel CancelledError"}));
    }

    void catchingCancelledErrorAndReturningIsNotCancelled()
    {
        const auto r = runProgram([] { run(stubborn::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"stubborn caught", "ok False"}));
        const auto lane = laneNamed(r.trace, "Task-2 stubborn()");
        QCOMPARE(r.trace.events[eventsOf(r.trace, lane).back()].eventKind(), EventKind::Done);
        QCOMPARE(story(r.trace, lane, {EventKind::Done, EventKind::Cancel}), QStringList({"done 'ok'"}));
    }

    void runCancelsLeftoverTasks()
    {
        const auto r = runProgram([] { run(leftover::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"main done", "lingering cancelled"}));
        const auto &t = r.trace;
        const auto lane = laneNamed(t, "Task-2 lingering()");
        const auto last = eventsOf(t, lane).back();
        QCOMPARE(t.events[last].eventKind(), EventKind::Cancel);
        QCOMPARE(t.time(std::uint32_t(last)), std::int64_t(0)); // cancelled at once, not after its 10 s
        QVERIFY(findEvent(t, EventKind::Done, laneNamed(t, "Task-1 main()")) < last);
        // asyncio.run returned to the module once everything was done.
        const auto module = laneNamed(t, "<module>");
        QCOMPARE(story(t, module, {EventKind::Suspend, EventKind::Resume, EventKind::Done}),
                 QStringList({"suspend asyncio.run(main())", "resume None", "done None"}));
        QVERIFY(eventsOf(t, module, {EventKind::Resume}).front() > last);
    }

    void cancelDuringSleepZero()
    {
        const auto r = runProgram([] { run(spinning::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"spinner cancelled", "after one yield True True"}));
        const auto lane = laneNamed(r.trace, "Task-2 spinner()");
        QCOMPARE(story(r.trace, lane, {EventKind::Resume}).back(), QString("resume CancelledError()"));
    }

    void cancelMessageTravelsWithTheError()
    {
        const auto r = runProgram([] { run(message::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"inside CancelledError('stop now')", "outside CancelledError('stop now')",
                                        "future CancelledError('fut msg')", "spinner inside CancelledError('spin stop')",
                                        "spinner outside CancelledError('spin stop')", "inside CancelledError()",
                                        "no message CancelledError()"}));
    }

    void taskLivesInItsFramesAllocation()
    {
        framed::Seen seen;
        const auto r = runProgram([&] { run(framed::main(&seen)); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(seen.result, 42);
        QVERIFY(seen.frameLiveBefore);
        QVERIFY(!seen.taskLiveBefore); // a coroutine not (yet) run by a task leaves the room unused
        QVERIFY(seen.taskInRoom);
        QVERIFY(seen.taskLiveAfterSpawn);
        QVERIFY(!seen.frameLiveWhenDone);
        QVERIFY(seen.taskLiveWhenDone); // (ASan's leak check sees the block freed with the task)
    }

    void taskCancellingItself()
    {
        const auto r = runProgram([] { run(selfcancel::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"cancelled True", "self-cancelled CancelledError('self') 0.0", "after"}));
        const auto lane = laneNamed(r.trace, "Task-2 selfish()");
        QCOMPARE(story(r.trace, lane, {EventKind::Done, EventKind::Cancel}), QStringList({"cancel CancelledError"}));
    }
};

QTEST_GUILESS_MAIN(TestTask)
#include "tst_task.moc"
