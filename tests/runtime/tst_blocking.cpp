// time.sleep (a blocking call) on the virtual clock, as a user sees it on the timeline: the clock
// moves on while the blocking lane holds the loop, nothing else runs meanwhile, and a timer that
// became due during the block fires only afterwards.
// Every ordering test carries its Python equivalent; each was run with CPython 3.11 and printed the
// lines asserted here (CPython on the wall clock, rounded to 0.1 s).
#include "RuntimeTestSupport.h"

#include <QTest>

#include <cmath>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// async def napper():
//     await asyncio.sleep(0.1)
//     print("napper wakes at", round(asyncio.get_running_loop().time() - T0, 1))
// async def blocker():
//     print("blocker starts")
//     time.sleep(0.5)
//     print("blocker ends at", round(asyncio.get_running_loop().time() - T0, 1))
// async def main():
//     await asyncio.gather(napper(), blocker())
// -> blocker starts / blocker ends at 0.5 / napper wakes at 0.5
namespace held {
Task<> napper()
{
    co_await sleep(0.1);
    print("napper wakes at", get_running_loop().time());
}
Task<> blocker()
{
    print("blocker starts");
    time::sleep(0.5);
    print("blocker ends at", get_running_loop().time());
    co_return;
}
Task<> main()
{
    co_await gather(napper(), blocker());
}
} // namespace held

// async def spinner():
//     for i in range(3):
//         print("spin", i)
//         await asyncio.sleep(0)
// async def blocker():
//     print("block")
//     time.sleep(0.2)
//     print("unblock")
// async def main():
//     await asyncio.gather(spinner(), blocker())
// -> spin 0 / block / unblock / spin 1 / spin 2
namespace spinning {
Task<> spinner()
{
    for (int i = 0; i < 3; ++i) {
        print("spin", i);
        co_await sleep(0);
    }
}
Task<> blocker()
{
    print("block");
    time::sleep(0.2);
    print("unblock");
    co_return;
}
Task<> main()
{
    co_await gather(spinner(), blocker());
}
} // namespace spinning

// def cb():
//     print("cb blocks")
//     time.sleep(0.3)
//     print("cb done")
// async def main():
//     loop = asyncio.get_running_loop(); t0 = loop.time()
//     loop.call_soon(cb)
//     await asyncio.sleep(0.1)
//     print("main wakes at", round(loop.time() - t0, 1))
// t0 = time.monotonic()
// time.sleep(0.2)
// print("module slept", round(time.monotonic() - t0, 1))
// asyncio.run(main())
// -> module slept 0.2 / cb blocks / cb done / main wakes at 0.3
namespace callback {
void cb()
{
    print("cb blocks");
    time::sleep(0.3);
    print("cb done");
}
Task<> main()
{
    auto &loop = get_running_loop();
    const double t0 = loop.time();
    loop.call_soon(cb);
    co_await sleep(0.1);
    print("main wakes at", std::round((loop.time() - t0) * 10) / 10);
}
void module()
{
    time::sleep(0.2);
    print("module slept", 0.2);
    run(main());
}
} // namespace callback

} // namespace
} // namespace coroscope

class TestBlocking : public QObject
{
    Q_OBJECT
private slots:
    void blockingSleepHoldsTheLoop()
    {
        const auto r = runProgram([] { run(held::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"blocker starts", "blocker ends at 0.5", "napper wakes at 0.5"}));

        const auto &t = r.trace;
        const auto blocker = laneNamed(t, "Task-3 blocker()");
        const auto napper = laneNamed(t, "Task-2 napper()");
        const auto loopLane = laneNamed(t, "event loop");
        QVERIFY(blocker != NoLane && napper != NoLane);

        // The clock moved on the blocking lane, caused by the slice that blocked.
        QCOMPARE(story(t, blocker), QStringList({"create Task-3 blocker()", "schedule step", "start", "output blocker starts",
                                                 "clock time.sleep(0.5) blocks", "output blocker ends at 0.5",
                                                 "done None"}));
        const auto start = findEvent(t, EventKind::Start, blocker);
        const auto clock = findEvent(t, EventKind::Clock, blocker);
        const auto done = findEvent(t, EventKind::Done, blocker);
        QCOMPARE(t.events[clock].cause, start);
        QCOMPARE(seconds(t, start), 0.0);
        QCOMPARE(seconds(t, clock), 0.5);
        QVERIFY(t.locationText(t.events[clock]).starts_with("tst_blocking.cpp:"));
        // Nothing else ran while it held the loop: every event of that stretch is the blocker's.
        for (auto seq = start; seq <= done; ++seq)
            QVERIFY2(t.events[seq].lane == blocker, qPrintable(dump(t)));

        // The napper's timer was due at 0.1 s but fired only after the block, at 0.5 s, with no
        // clock jump of the loop in between.
        const auto arm = findEvent(t, EventKind::TimerArm, napper, "sleep(0.1)");
        QCOMPARE(t.dueTime(arm), std::int64_t(100'000'000));
        const auto fire = findEvent(t, EventKind::TimerFire, loopLane, "sleep(0.1)");
        QVERIFY(fire > done);
        QCOMPARE(t.events[fire].cause, arm);
        QCOMPARE(seconds(t, fire), 0.5);
        QCOMPARE(eventsOf(t, loopLane, {EventKind::Clock}).size(), std::size_t(0));
        QCOMPARE(seconds(t, findEvent(t, EventKind::Resume, napper)), 0.5);
    }

    void otherTasksWaitForTheBlock()
    {
        const auto r = runProgram([] { run(spinning::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"spin 0", "block", "unblock", "spin 1", "spin 2"}));
        // The spinner's second turn comes after the block, at 0.2 s.
        const auto &t = r.trace;
        const auto spinner = laneNamed(t, "Task-2 spinner()");
        const auto resumes = eventsOf(t, spinner, {EventKind::Resume});
        QVERIFY(!resumes.empty());
        QCOMPARE(seconds(t, resumes.front()), 0.2);
    }

    void blockingInACallbackAndAtModuleLevel()
    {
        const auto r = runProgram(callback::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"module slept 0.2", "cb blocks", "cb done", "main wakes at 0.3"}));

        const auto &t = r.trace;
        // Outside any loop: the module lane's own Clock event, 0.2 s on.
        const auto module = laneNamed(t, "<module>");
        const auto moduleClock = findEvent(t, EventKind::Clock, module);
        QVERIFY(moduleClock != NoEvent);
        QCOMPARE(t.detail(t.events[moduleClock]), "time.sleep(0.2) blocks");
        QCOMPARE(seconds(t, moduleClock), 0.2);
        // In a plain callback: the Clock event is on the loop's lane, caused by that Callback.
        const auto loopLane = laneNamed(t, "event loop");
        const auto cbRun = findEvent(t, EventKind::Callback, loopLane, "callback()");
        QVERIFY(cbRun != NoEvent);
        const auto cbClock = findEvent(t, EventKind::Clock, loopLane, "time.sleep(0.3) blocks");
        QVERIFY(cbClock != NoEvent);
        QCOMPARE(t.events[cbClock].cause, cbRun);
        QCOMPARE(seconds(t, cbClock), 0.5);
    }
};

QTEST_GUILESS_MAIN(TestBlocking)
#include "tst_blocking.moc"
