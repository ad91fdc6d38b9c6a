// The event loop's rules as a user sees them: the order timers fire in, which loop iteration a
// call_soon callback runs in, the virtual clock's jumps, sleep(0), and the loop state (ready queue,
// timers, running lane) derived from the trace, forwards and backwards.
// Every ordering test carries its Python equivalent; each was run with CPython 3.11 and printed the
// lines asserted here (up to the real clock's drift where the Python prints loop.time()).
#include "RuntimeTestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

double t0 = 0;

// import asyncio
// async def s(n, d):
//     await asyncio.sleep(d); print(n, asyncio.get_running_loop().time() - T0)
// async def main():
//     global T0
//     T0 = asyncio.get_running_loop().time()
//     await asyncio.gather(s('a', 1), s('b', 1), s('c', 1))
//     await asyncio.gather(s('x', 2), s('y', 1))
// asyncio.run(main())
// -> a 1.0 / b 1.0 / c 1.0 / y 2.0 / x 3.0   (CPython: a 1.0014..., ..., x 3.0033...)
namespace ties {
Task<> s(std::string n, double d)
{
    co_await sleep(d);
    print(n, get_running_loop().time() - t0);
}
Task<> main()
{
    t0 = get_running_loop().time();
    co_await gather(s("a", 1), s("b", 1), s("c", 1));
    co_await gather(s("x", 2), s("y", 1));
}
} // namespace ties

// def cb(name, depth):
//     print(name)
//     if depth:
//         asyncio.get_running_loop().call_soon(cb, name + "'", depth - 1)
// async def ticker():
//     for i in range(4):
//         print(f"tick {i}")
//         await asyncio.sleep(0)
// async def main():
//     loop = asyncio.get_running_loop()
//     t = asyncio.create_task(ticker())
//     loop.call_soon(cb, 'A', 2)
//     loop.call_soon(cb, 'B', 1)
//     await t
//     print("main end")
// -> tick 0 / A / B / tick 1 / A' / B' / tick 2 / A'' / tick 3 / main end
namespace callsoon {
void cb(std::string name, int depth)
{
    print(name);
    if (depth)
        get_running_loop().call_soon(cb, name + "'", depth - 1);
}
Task<> ticker()
{
    for (int i = 0; i < 4; ++i) {
        print(f("tick {}", i));
        co_await sleep(0);
    }
}
Task<> main()
{
    auto &loop = get_running_loop();
    auto t = create_task(ticker());
    loop.call_soon(cb, std::string("A"), 2);
    loop.call_soon(cb, std::string("B"), 1);
    co_await t;
    print("main end");
}
} // namespace callsoon

// def at(name):
//     print(name, round(asyncio.get_running_loop().time() - T0, 3))
// async def main():
//     global T0
//     loop = asyncio.get_running_loop()
//     T0 = loop.time()
//     loop.call_later(2, at, 'x')
//     loop.call_later(1, at, 'y')
//     loop.call_later(1, at, 'z')
//     h = loop.call_later(0.5, at, 'cancelled')
//     loop.call_soon(at, 'soon')
//     h.cancel()
//     await asyncio.sleep(3)
//     print("main", round(loop.time() - T0, 3))
// -> soon 0.0 / y 1.0 / z 1.0 / x 2.0 / main 3.0   (CPython: y 1.001, ...)
namespace calllater {
void at(std::string name)
{
    print(name, get_running_loop().time() - t0);
}
Task<> main()
{
    auto &loop = get_running_loop();
    t0 = loop.time();
    loop.call_later(2, at, std::string("x"));
    loop.call_later(1, at, std::string("y"));
    loop.call_later(1, at, std::string("z"));
    auto h = loop.call_later(0.5, at, std::string("cancelled"));
    loop.call_soon(at, std::string("soon"));
    h.cancel();
    co_await sleep(3);
    print("main", loop.time() - t0);
}
} // namespace calllater

namespace fartimer {
Task<> main()
{
    co_await sleep(100000000.3752988);
    print("woke", std::llround(get_running_loop().time()));
}
} // namespace fartimer

namespace clock {
Task<> main()
{
    auto &loop = get_running_loop();
    print("t", loop.time());
    co_await sleep(1.5);
    print("t", loop.time());
    co_await sleep(0);
    print("t", loop.time());
    co_await sleep(0.25);
    print("t", loop.time());
}
Task<> again()
{
    print("second loop starts at", get_running_loop().time());
    co_await sleep(1);
    print("second loop ends at", get_running_loop().time());
}
} // namespace clock

// async def w(n):
//     for i in range(3):
//         print(f"{n}{i}")
//         await asyncio.sleep(0)
// async def main():
//     await asyncio.gather(w('a'), w('b'))
// -> a0 / b0 / a1 / b1 / a2 / b2
namespace yield0 {
Task<> w(std::string n)
{
    for (int i = 0; i < 3; ++i) {
        print(f("{}{}", n, i));
        co_await sleep(0);
    }
}
Task<> main()
{
    co_await gather(w("a"), w("b"));
}
} // namespace yield0

namespace dues {
Task<> main()
{
    auto &loop = get_running_loop();
    t0 = loop.time();
    loop.call_later(100, calllater::at, std::string("pending")); // still armed when main returns
    auto h = loop.call_later(7, calllater::at, std::string("cancelled"));
    co_await sleep(5);
    h.cancel();
    co_await sleep(10); // 15 s in all: the trace spans several time epochs
}
} // namespace dues

namespace state {
Task<> napper(int d)
{
    co_await sleep(d);
}
Task<> main()
{
    auto n3 = create_task(napper(3), "n3");
    auto n1 = create_task(napper(1), "n1");
    auto n2 = create_task(napper(2), "n2");
    co_await sleep(0.5);
    co_await n3;
    co_await n1;
    co_await n2;
}
} // namespace state

// Enough tasks, switches and timers for the tracker's checkpoints to matter.
namespace crowd {
Task<> worker(int i)
{
    for (int k = 0; k < 12; ++k)
        co_await sleep(k % 3 == 0 ? 0.001 * (i % 7) : 0.0);
}
Task<> main()
{
    std::vector<Future<>> tasks;
    for (int i = 0; i < 60; ++i)
        tasks.push_back(create_task(worker(i)));
    for (auto &t : tasks)
        co_await t;
}
} // namespace crowd

// Done callbacks and task wake-ups are scheduled with call_soon in registration order when the
// future completes; one added to a done future is scheduled at once. call_later(0) joins the
// queue behind what call_soon already put there.
// async def waiter(n, f):
//     print("waiter", n, "got", await f)
// async def main():
//     loop = asyncio.get_running_loop()
//     f = loop.create_future()
//     f.add_done_callback(lambda f: print("cb1", f.result()))
//     t1 = asyncio.create_task(waiter(1, f))
//     t2 = asyncio.create_task(waiter(2, f))
//     await asyncio.sleep(0)
//     f.add_done_callback(lambda f: print("cb2"))
//     f.set_result(5)
//     print("set")
//     await asyncio.sleep(0)
//     print("main after")
//     loop.call_later(0, print, "later0")
//     loop.call_soon(print, "soon")
//     await asyncio.sleep(0)
//     await asyncio.sleep(0)
//     f.add_done_callback(lambda f: print("cb3 on a done future"))
//     print("added")
//     await asyncio.sleep(0)
// -> set / cb1 5 / waiter 1 got 5 / waiter 2 got 5 / cb2 / main after / soon / later0 / added /
//    cb3 on a done future
namespace donecallbacks {
Task<> waiter(int n, Future<int> f)
{
    print("waiter", n, "got", co_await f);
}
void say(std::string s)
{
    print(s);
}
Task<> main()
{
    auto &loop = get_running_loop();
    auto f = create_future<int>();
    f.add_done_callback([](Future<int> f) { print("cb1", f.result()); });
    auto t1 = create_task(waiter(1, f));
    auto t2 = create_task(waiter(2, f));
    co_await sleep(0);
    f.add_done_callback([](Future<int>) { print("cb2"); });
    f.set_result(5);
    print("set");
    co_await sleep(0);
    print("main after");
    loop.call_later(0, say, std::string("later0"));
    loop.call_soon(say, std::string("soon"));
    co_await sleep(0);
    co_await sleep(0);
    f.add_done_callback([](Future<int>) { print("cb3 on a done future"); });
    print("added");
    co_await sleep(0);
}
} // namespace donecallbacks

QStringList readyNames(const Trace &t, const LoopState &s)
{
    QStringList out;
    for (const auto &r : s.ready)
        out << qs(t.laneName(r.lane)) + ": " + qs(t.strings.at(r.name));
    return out;
}

QStringList timerRows(const Trace &t, const LoopState &s)
{
    QStringList out;
    for (const auto &timer : s.timers)
        out << QStringLiteral("%1 %2 @%3")
                   .arg(qs(t.laneName(timer.lane)), qs(t.strings.at(timer.name)))
                   .arg(double(timer.due) / 1e9);
    return out;
}

bool sameState(const LoopState &a, const LoopState &b)
{
    if (a.running != b.running || a.clock != b.clock || a.ready.size() != b.ready.size()
        || a.timers.size() != b.timers.size())
        return false;
    for (std::size_t i = 0; i < a.ready.size(); ++i)
        if (a.ready[i].event != b.ready[i].event || a.ready[i].lane != b.ready[i].lane || a.ready[i].name != b.ready[i].name)
            return false;
    for (std::size_t i = 0; i < a.timers.size(); ++i)
        if (a.timers[i].armEvent != b.timers[i].armEvent || a.timers[i].due != b.timers[i].due
            || a.timers[i].lane != b.timers[i].lane || a.timers[i].name != b.timers[i].name)
            return false;
    return true;
}

} // namespace
} // namespace coroscope

class TestEventLoop : public QObject
{
    Q_OBJECT
private slots:
    void timerTiesFireInArmingOrder()
    {
        const auto r = runProgram([] { run(ties::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"a 1.0", "b 1.0", "c 1.0", "y 2.0", "x 3.0"}));

        // The three sleep(1) timers fire at t=1 in the order a, b, c armed them: each TimerFire
        // names its TimerArm as cause, and the arms were recorded on lanes a, b, c in that order.
        const auto &t = r.trace;
        QStringList firedBy;
        for (auto seq : eventsOf(t, NoLane, {EventKind::TimerFire})) {
            const auto &fire = t.events[seq];
            if (t.time(seq) != 1'000'000'000)
                continue;
            QCOMPARE(t.events[fire.cause].eventKind(), EventKind::TimerArm);
            firedBy << qs(t.laneName(t.events[fire.cause].lane));
        }
        QCOMPARE(firedBy, QStringList({"Task-2 s()", "Task-3 s()", "Task-4 s()"}));
    }

    void earlierDueFiresFirstWhateverTheArmingOrder()
    {
        const auto r = runProgram([] { run(ties::main()); });
        const auto &t = r.trace;
        const auto x = laneNamed(t, "Task-5 s()");
        const auto y = laneNamed(t, "Task-6 s()");
        const auto armX = findEvent(t, EventKind::TimerArm, x);
        const auto armY = findEvent(t, EventKind::TimerArm, y);
        QVERIFY(armX < armY); // x armed first (sleep(2)), y second (sleep(1))
        QCOMPARE(t.dueTime(armX), std::int64_t(3'000'000'000));
        QCOMPARE(t.dueTime(armY), std::int64_t(2'000'000'000));
        const auto fires = eventsOf(t, NoLane, {EventKind::TimerFire});
        std::vector<std::uint32_t> causes;
        for (auto f : fires)
            causes.push_back(t.events[f].cause);
        const auto posX = std::find(causes.begin(), causes.end(), armX);
        const auto posY = std::find(causes.begin(), causes.end(), armY);
        QVERIFY(posX != causes.end() && posY != causes.end());
        QVERIFY(posY < posX);
    }

    void callSoonFromCallbackRunsNextIteration()
    {
        const auto r = runProgram([] { run(callsoon::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"tick 0", "A", "B", "tick 1", "A'", "B'", "tick 2", "A''", "tick 3",
                                        "main end"}));

        // The trace names each callback as Python's repr of its arguments, and links the callback
        // scheduled by a callback to the Callback event that scheduled it.
        const auto &t = r.trace;
        const auto loopLane = laneNamed(t, "event loop");
        const auto cbA = findEvent(t, EventKind::Callback, loopLane, "callback('A', 2)");
        const auto cbA1 = findEvent(t, EventKind::Callback, loopLane, "callback(\"A'\", 1)");
        const auto cbA2 = findEvent(t, EventKind::Callback, loopLane, "callback(\"A''\", 0)");
        QVERIFY(cbA != NoEvent && cbA1 != NoEvent && cbA2 != NoEvent);
        const auto schedA1 = t.events[cbA1].cause;
        QCOMPARE(t.events[schedA1].eventKind(), EventKind::Schedule);
        QCOMPARE(t.events[schedA1].cause, cbA);
        QCOMPARE(t.events[t.events[cbA2].cause].cause, cbA1);
        // A's own Schedule was caused by main's first slice.
        const auto mainLane = laneNamed(t, "Task-1 main()");
        QCOMPARE(t.events[t.events[cbA].cause].cause, findEvent(t, EventKind::Start, mainLane));
        // Between A and A' the ticker took its second step: the callback A scheduled waited for
        // the next iteration, behind the ticker's step that was already queued.
        const auto tick1 = findEvent(t, EventKind::Output, NoLane, "tick 1");
        QVERIFY(cbA < tick1 && tick1 < cbA1);
    }

    void doneCallbacksRunInRegistrationOrder()
    {
        const auto r = runProgram([] { run(donecallbacks::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"set", "cb1 5", "waiter 1 got 5", "waiter 2 got 5", "cb2", "main after", "soon",
                                        "later0", "added", "cb3 on a done future"}));
        // Completing the future queued four entries at once, in registration order, each caused by
        // the slice of main that called set_result.
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        const auto set = findEvent(t, EventKind::Output, main, "set");
        std::uint32_t slice = NoEvent;
        for (auto seq : eventsOf(t, main, {EventKind::Resume}))
            if (seq < set)
                slice = seq;
        QStringList queued;
        for (auto seq : eventsOf(t, NoLane, {EventKind::Schedule}))
            if (seq < set && t.events[seq].cause == slice)
                queued << qs(t.laneName(t.events[seq].lane)) + ": " + qs(t.detail(t.events[seq]));
        // A done callback reads as asyncio's handle does: the function called with the future.
        QCOMPARE(queued, QStringList({"event loop: <lambda>(<Future finished result=5>)", "Task-2 waiter(): wakeup",
                                      "Task-3 waiter(): wakeup", "event loop: <lambda>(<Future finished result=5>)"}));
    }

    void callLaterOrderAndCancel()
    {
        const auto r = runProgram([] { run(calllater::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        // y and z are due at the same nominal instant: y was armed first, so on python3's real clock
        // it is due first (time moved on before z was armed), whatever heapq's sifting would give.
        QCOMPARE(lines(r), QStringList({"soon 0.0", "y 1.0", "z 1.0", "x 2.0", "main 3.0"}));

        const auto &t = r.trace;
        const auto arm = findEvent(t, EventKind::TimerArm, NoLane, "callback('cancelled')");
        QVERIFY(arm != NoEvent);
        QCOMPARE(t.dueTime(arm), std::int64_t(500'000'000));
        const auto cancel = findEvent(t, EventKind::TimerCancel);
        QVERIFY(cancel != NoEvent);
        QCOMPARE(t.events[cancel].cause, arm);
        QCOMPARE(t.detail(t.events[cancel]), "callback('cancelled')");
        // A cancelled timer never fires, and the clock never stops at its due time.
        for (auto seq : eventsOf(t, NoLane, {EventKind::TimerFire}))
            QVERIFY(t.events[seq].cause != arm);
        for (auto seq : eventsOf(t, NoLane, {EventKind::Clock}))
            QVERIFY(t.time(seq) != 500'000'000);
        QStringList fired;
        for (auto seq : eventsOf(t, NoLane, {EventKind::TimerFire}))
            fired << qs(t.detail(t.events[seq]));
        QCOMPARE(fired, QStringList({"callback('y')", "callback('z')", "callback('x')", "sleep(3)"}));
    }

    // Far from 0 the float due time rounds above the nanosecond the clock jumps to; it fires anyway.
    void aFarTimerFires()
    {
        const auto r = runProgram([] { run(fartimer::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"woke 100000000"}));
    }

    void virtualClockJumps()
    {
        QElapsedTimer wall;
        wall.start();
        const auto r = runProgram([] {
            run(clock::main());
            run(clock::again());
        });
        QVERIFY2(r.ok(), r.error.c_str());
        // The virtual clock: loop.time() reads exactly the slept durations, and a second loop in
        // the same run carries on from where the first left the clock (as CPython's monotonic
        // loop.time() does).
        QCOMPARE(lines(r), QStringList({"t 0.0", "t 1.5", "t 1.5", "t 1.75", "second loop starts at 1.75",
                                        "second loop ends at 2.75"}));
        QVERIFY(wall.elapsed() < 2000); // 2.75 "seconds" of sleeping take no real time

        const auto &t = r.trace;
        QStringList jumps;
        for (auto seq : eventsOf(t, NoLane, {EventKind::Clock})) {
            const auto &e = t.events[seq];
            QCOMPARE(t.lanes[e.lane].kind, LaneKind::Loop);
            jumps << QStringLiteral("%1 %2").arg(qs(t.detail(e))).arg(seconds(t, seq));
        }
        // sleep(0) never moves the clock; each positive sleep is one jump to its timer.
        QCOMPARE(jumps, QStringList({"+1.500s 1.5", "+0.250s 1.75", "+1.000s 2.75"}));
        // Time never goes backwards in the trace.
        for (std::size_t i = 1; i < t.events.size(); ++i)
            QVERIFY(t.time(std::uint32_t(i)) >= t.time(std::uint32_t(i - 1)));
    }

    void sleepZeroYieldsExactlyOnce()
    {
        const auto r = runProgram([] { run(yield0::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"a0", "b0", "a1", "b1", "a2", "b2"}));

        // No timer, no clock jump: each sleep(0) suspends and re-queues the same task's step at once.
        const auto &t = r.trace;
        QVERIFY(eventsOf(t, NoLane, {EventKind::TimerArm, EventKind::Clock}).empty());
        const auto a = laneNamed(t, "Task-2 w()");
        QCOMPARE(story(t, a, {EventKind::Start, EventKind::Suspend, EventKind::Schedule, EventKind::Resume,
                              EventKind::Done}),
                 QStringList({"schedule step", "start", "suspend sleep(0)", "schedule step", "resume None",
                              "suspend sleep(0)", "schedule step", "resume None", "suspend sleep(0)",
                              "schedule step", "resume None", "done None"}));
        for (auto seq : eventsOf(t, a, {EventKind::Resume})) {
            const auto sched = t.events[seq].cause;
            QCOMPARE(t.events[sched].eventKind(), EventKind::Schedule);
            QCOMPARE(t.events[sched].lane, a);
        }
    }

    // Timers that fire on time keep no due of their own (their TimerFire says it); the loop pane
    // still shows every armed timer with its due, a cancelled and a still-pending one included.
    void loopStateShowsEveryDue()
    {
        const auto r = runProgram([] { run(dues::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        const auto &t = r.trace;
        QVERIFY(t.epochs.size() > 1);
        QCOMPARE(t.endTime(), std::int64_t(15'000'000'000));
        QCOMPARE(t.timerDues.size(), std::size_t(2)); // the cancelled and the pending one
        const auto main = laneNamed(t, "Task-1 main()");
        const auto sleep5 = findEvent(t, EventKind::Suspend, main, "sleep(5)");
        QVERIFY(sleep5 != NoEvent);
        auto s = loopStateAt(t, sleep5);
        QCOMPARE(timerRows(t, s), QStringList({"Task-1 main() sleep(5) @5", "Task-1 main() callback('cancelled') @7",
                                               "Task-1 main() callback('pending') @100"}));
        const auto sleep10 = findEvent(t, EventKind::Suspend, main, "sleep(10)");
        s = loopStateAt(t, sleep10);
        QCOMPARE(s.clock, std::int64_t(5'000'000'000));
        QCOMPARE(timerRows(t, s), QStringList({"Task-1 main() sleep(10) @15", "Task-1 main() callback('pending') @100"}));
        s = loopStateAt(t, std::uint32_t(t.events.size() - 1));
        QCOMPARE(s.clock, std::int64_t(15'000'000'000));
        QCOMPARE(timerRows(t, s), QStringList({"Task-1 main() callback('pending') @100"}));
        // A stepping tracker, forwards then back across the epochs, agrees.
        LoopStateTracker tracker(t, 4);
        for (std::uint32_t i = 0; i < t.events.size(); ++i)
            QCOMPARE(tracker.at(i).clock, t.time(i));
        QCOMPARE(tracker.at(sleep5).clock, std::int64_t(0));
    }

    void loopStateAtChosenEvents()
    {
        const auto r = runProgram([] { run(state::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        const auto loopLane = laneNamed(t, "event loop");
        const auto n2 = laneNamed(t, "n2 napper()");
        QVERIFY(main != NoLane && n2 != NoLane);

        // main has created three tasks and suspended: their first steps wait in creation order,
        // main's own timer is armed, nothing runs.
        const auto mainSuspend = findEvent(t, EventKind::Suspend, main, "sleep(0.5)");
        auto s = loopStateAt(t, mainSuspend);
        QCOMPARE(readyNames(t, s), QStringList({"n3 napper(): step", "n1 napper(): step", "n2 napper(): step"}));
        QCOMPARE(timerRows(t, s), QStringList({"Task-1 main() sleep(0.5) @0.5"}));
        QCOMPARE(s.running, NoLane);
        QCOMPARE(s.clock, std::int64_t(0));

        // Just after n2 armed its timer: it still runs, the queue is empty, the timers are sorted
        // by due time (not by arming order).
        const auto n2Arm = findEvent(t, EventKind::TimerArm, n2);
        s = loopStateAt(t, n2Arm);
        QVERIFY(s.ready.empty());
        QCOMPARE(timerRows(t, s), QStringList({"Task-1 main() sleep(0.5) @0.5", "n1 napper() sleep(1) @1",
                                               "n2 napper() sleep(2) @2", "n3 napper() sleep(3) @3"}));
        QCOMPARE(s.running, n2);

        // The clock jumps to 0.5: the timer is still armed until it fires.
        const auto jump = findEvent(t, EventKind::Clock);
        s = loopStateAt(t, jump);
        QCOMPARE(s.clock, std::int64_t(500'000'000));
        QCOMPARE(s.running, NoLane);
        QCOMPARE(s.timers.size(), std::size_t(4));

        // It fires: it leaves the timers and joins the ready queue.
        const auto fire = findEvent(t, EventKind::TimerFire);
        s = loopStateAt(t, fire);
        QCOMPARE(readyNames(t, s), QStringList({"event loop: sleep(0.5)"}));
        QCOMPARE(s.timers.size(), std::size_t(3));

        // Its callback runs on the loop's lane and completes the sleep's future, which queues
        // main's wakeup; then main resumes.
        const auto callback = findEvent(t, EventKind::Callback, loopLane, {}, fire);
        s = loopStateAt(t, callback);
        QVERIFY(s.ready.empty());
        QCOMPARE(s.running, loopLane);
        const auto wake = findEvent(t, EventKind::Schedule, main, "wakeup", callback);
        s = loopStateAt(t, wake);
        QCOMPARE(readyNames(t, s), QStringList({"Task-1 main(): wakeup"}));
        QCOMPARE(s.running, loopLane);
        const auto resume = findEvent(t, EventKind::Resume, main, {}, wake);
        QCOMPARE(t.events[resume].cause, wake);
        s = loopStateAt(t, resume);
        QVERIFY(s.ready.empty());
        QCOMPARE(s.running, main);
    }

    void loopStateStepsBackwards()
    {
        const auto r = runProgram([] { run(state::main()); });
        const auto &t = r.trace;
        const auto last = std::uint32_t(t.events.size() - 1);
        LoopStateTracker tracker(t);
        const auto end = tracker.at(last);
        QVERIFY(end.ready.empty());
        QVERIFY(end.timers.empty());
        // Every step backwards from the end, and forwards again in strides, gives what a fresh
        // replay up to that step gives.
        for (std::uint32_t k = last + 1; k-- > 0;)
            QVERIFY2(sameState(tracker.at(k), loopStateAt(t, k)), qPrintable(QString("backwards at %1").arg(k)));
        for (std::uint32_t k = 0; k <= last; k += 3)
            QVERIFY2(sameState(tracker.at(k), loopStateAt(t, k)), qPrintable(QString("forwards at %1").arg(k)));
        // A big jump back then a small one forwards.
        const auto &big = tracker.at(last);
        QVERIFY(sameState(big, end));
        const auto mainSuspend = findEvent(t, EventKind::Suspend, laneNamed(t, "Task-1 main()"));
        QVERIFY(sameState(tracker.at(mainSuspend), loopStateAt(t, mainSuspend)));
        QVERIFY(sameState(tracker.at(mainSuspend + 1), loopStateAt(t, mainSuspend + 1)));
        // Past the end clamps to the last event.
        QVERIFY(sameState(tracker.at(last + 100), end));
    }

    void loopStateJumpsThroughCheckpoints()
    {
        const auto r = runProgram([] { run(crowd::main()); });
        const auto &t = r.trace;
        const auto last = std::uint32_t(t.events.size() - 1);
        QVERIFY(last > 2000);
        for (const std::uint32_t interval : {1u, 7u, 256u}) {
            LoopStateTracker tracker(t, interval);
            QVERIFY(!tracker.at(last).ready.empty() || tracker.at(last).timers.empty());
            QVERIFY(tracker.checkpointCount() > 0);
            // Jumps in a fixed pseudo-random order, backwards and forwards, each equal to a fresh replay.
            std::uint32_t x = 12345;
            for (int jump = 0; jump < 60; ++jump) {
                x = x * 1103515245u + 12345u;
                const std::uint32_t k = (x >> 8) % (last + 1);
                QVERIFY2(sameState(tracker.at(k), loopStateAt(t, k)),
                         qPrintable(QString("interval %1, jump to %2").arg(interval).arg(k)));
                if (k > 0)
                    QVERIFY2(sameState(tracker.at(k - 1), loopStateAt(t, k - 1)),
                             qPrintable(QString("interval %1, step back to %2").arg(interval).arg(k - 1)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestEventLoop)
#include "tst_eventloop.moc"
