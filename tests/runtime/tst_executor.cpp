// concurrent.futures.ThreadPoolExecutor on real OS threads, as a user meets it on the timeline:
// submit/result with the hand-over and the hand-back drawn as arrows between the caller's lane and a
// worker lane, map (results in order, a timeout), add_done_callback running in the worker,
// as_completed in completion order, a failing job, run_in_executor from a task, and shutdown.
// Every test carries its Python equivalent; each was run with CPython 3.11 and printed the lines
// asserted here.
#include "RuntimeTestSupport.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Not in an anonymous namespace: the executor names a submitted function from the executable's
// symbol table, where only functions with external linkage appear.
namespace coroscope::executor_tests {

// def job(x):
//     time.sleep(0.1)
//     return x * x
// def bad(x):
//     raise ValueError(f"bad job {x}")
// with cf.ThreadPoolExecutor(max_workers=2) as pool:
//     f = pool.submit(job, 7)
//     print("done yet?", f.done())
//     print("result", f.result())
//     print(list(pool.map(job, [1, 2, 3])))
//     g = pool.submit(bad, 3)
//     try:
//         g.result()
//     except ValueError as e:
//         print("caught", repr(e), repr(g.exception()))
// -> done yet? False / result 49 / [1, 4, 9] / caught ValueError('bad job 3') ValueError('bad job 3')
int job(int x)
{
    time::sleep(0.1);
    return x * x;
}
int bad(int x)
{
    throw ValueError(f("bad job {}", x));
}
void submitModule()
{
    ThreadPoolExecutor pool(2);
    auto f = pool.submit(job, 7);
    print("done yet?", f.done());
    print("result", f.result());
    print(list(pool.map(job, std::vector{1, 2, 3})));
    auto g = pool.submit(bad, 3);
    try {
        g.result();
    } catch (const ValueError &e) {
        print("caught", e.repr(), reprException(g.state().exception()));
    }
}

// def staggered(x):
//     time.sleep(0.05 * x)
//     return x * x
// def slow(x):
//     time.sleep(x)
//     return x
// with cf.ThreadPoolExecutor(max_workers=3) as pool:
//     print(list(pool.map(staggered, [3, 1, 2])))
//     it = pool.map(slow, [0.05, 0.6], timeout=0.3)
//     try:
//         for r in it:
//             print("got", r)
//     except cf.TimeoutError as e:
//         print("timed out", type(e).__name__)
// -> [9, 1, 4] / got 0.05 / timed out TimeoutError
int staggered(int x)
{
    time::sleep(0.05 * x);
    return x * x;
}
double slow(double x)
{
    time::sleep(x);
    return x;
}
void mapModule()
{
    ThreadPoolExecutor pool(3);
    print(list(pool.map(staggered, std::vector{3, 1, 2})));
    auto it = pool.map(slow, std::vector{0.05, 0.6}, 0.3);
    try {
        for (double r : it)
            print("got", r);
    } catch (const TimeoutError &e) {
        print("timed out", e.typeName());
    }
}

// def work(name, s):
//     time.sleep(s)
//     return name
// def report(f):
//     print("callback", f.result(), threading.current_thread().name)
// with cf.ThreadPoolExecutor(max_workers=3) as pool:
//     fs = []
//     for name, s in (("slow", 0.6), ("fast", 0.05), ("mid", 0.3)):
//         f = pool.submit(work, name, s)
//         f.add_done_callback(report)
//         fs.append(f)
//     for f in cf.as_completed(fs):
//         print("completed", f.result())
// -> callback fast ThreadPoolExecutor-0_1 / completed fast / callback mid ThreadPoolExecutor-0_2 /
//    completed mid / callback slow ThreadPoolExecutor-0_0 / completed slow
// (C++ prints no thread name: the test reads the lane of each printed line instead.)
std::string work(std::string name, double s)
{
    time::sleep(s);
    return name;
}
void report(ConcurrentFuture<std::string> f)
{
    print("callback", f.result());
}
void callbackModule()
{
    ThreadPoolExecutor pool(3);
    std::vector<ConcurrentFuture<std::string>> fs;
    std::vector<std::pair<std::string, double>> jobs{{"slow", 0.6}, {"fast", 0.05}, {"mid", 0.3}};
    for (auto &[name, s] : jobs) {
        auto f = pool.submit(work, name, s);
        f.add_done_callback(report);
        fs.push_back(f);
    }
    for (auto &f : as_completed(fs))
        print("completed", f.result());
}

// def blocking(x):
//     time.sleep(0.2)
//     return x + 1
// def broken():
//     raise ValueError("bad job")
// async def ticker():
//     for i in range(3):
//         print("tick", i)
//         await asyncio.sleep(0.1)
// async def main():
//     loop = asyncio.get_running_loop()
//     with cf.ThreadPoolExecutor(max_workers=1) as pool:
//         r = await asyncio.gather(loop.run_in_executor(pool, blocking, 41), ticker())
//     print(r[0])
//     with cf.ThreadPoolExecutor(max_workers=1) as pool:
//         print(await loop.run_in_executor(pool, blocking, 1))
//         try:
//             await loop.run_in_executor(pool, broken)
//         except ValueError as e:
//             print("caught", e)
// -> tick 0 / tick 1 / tick 2 / 42 / 2 / caught bad job
int blocking(int x)
{
    time::sleep(0.2);
    return x + 1;
}
int broken()
{
    throw ValueError("bad job");
}
Task<> ticker()
{
    for (int i = 0; i < 3; ++i) {
        print("tick", i);
        co_await sleep(0.1);
    }
}
Task<> main()
{
    auto &loop = get_running_loop();
    {
        ThreadPoolExecutor pool(1);
        auto io = loop.run_in_executor(pool, blocking, 41);
        auto [r, _] = co_await gather(io, ticker());
        print(r);
    }
    {
        ThreadPoolExecutor pool(1);
        print(co_await loop.run_in_executor(pool, blocking, 1));
        try {
            co_await loop.run_in_executor(pool, broken);
        } catch (const ValueError &e) {
            print("caught", e.what());
        }
    }
}

// def say(text):
//     time.sleep(0.1)
//     print(text)
// pool = cf.ThreadPoolExecutor(max_workers=1)
// pool.submit(say, "before shutdown")
// pool.shutdown(wait=True)
// print("after shutdown")
// try:
//     pool.submit(say, "x")
// except RuntimeError as e:
//     print("RuntimeError", e)
// -> before shutdown / after shutdown / RuntimeError cannot schedule new futures after shutdown
void say(std::string text)
{
    time::sleep(0.1);
    print(text);
}
void shutdownModule()
{
    ThreadPoolExecutor pool(1);
    pool.submit(say, "before shutdown");
    pool.shutdown(true);
    print("after shutdown");
    try {
        pool.submit(say, "x");
    } catch (const RuntimeError &e) {
        print("RuntimeError", e.what());
    }
}

// A job handed over with run_in_executor and never awaited outlives the event loop: the loop
// closes, the pool (still open) finishes the job afterwards, and its result has nowhere to go.
// def late():
//     time.sleep(0.1)
//     print("job done")
//     return 1
// async def main(pool):
//     asyncio.get_running_loop().run_in_executor(pool, late)
//     print("main returns")
// with cf.ThreadPoolExecutor(max_workers=1) as pool:
//     asyncio.run(main(pool))
//     print("loop closed")
// print("end")
// -> main returns / loop closed / job done / end
int late()
{
    time::sleep(0.1);
    print("job done");
    return 1;
}
Task<> forget(ThreadPoolExecutor &pool)
{
    (void)get_running_loop().run_in_executor(pool, late);
    print("main returns");
    co_return;
}
void outlivingModule()
{
    {
        ThreadPoolExecutor pool(1);
        run(forget(pool));
        print("loop closed");
    }
    print("end");
}

} // namespace coroscope::executor_tests

namespace ex = coroscope::executor_tests;

class TestExecutor : public QObject
{
    Q_OBJECT
private slots:
    void submitAndResult()
    {
        const auto r = runProgram(ex::submitModule, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"done yet? False", "result 49", "[1, 4, 9]",
                                        "caught ValueError('bad job 3') ValueError('bad job 3')"}));

        const auto &t = r.trace;
        const auto module = laneNamed(t, "<module>");
        const auto w0 = laneNamed(t, "ThreadPoolExecutor-0_0");
        const auto w1 = laneNamed(t, "ThreadPoolExecutor-0_1");
        QVERIFY2(w0 != NoLane && w1 != NoLane, qPrintable(laneNames(t).join(", ")));
        QCOMPARE(laneNamed(t, "ThreadPoolExecutor-0_2"), NoLane); // max_workers=2
        for (auto w : {w0, w1}) {
            QCOMPARE(t.lanes[w].kind, LaneKind::Worker);
            QCOMPARE(t.lanes[w].parent, module);
        }

        // Hand-over: the Submit on the caller's lane is the cause of the worker's Enter.
        const auto submit = findEvent(t, EventKind::Submit, NoLane, "submit job(7)");
        QVERIFY2(submit != NoEvent, qPrintable(dump(t)));
        QCOMPARE(t.events[submit].lane, module);
        const auto enter = findEvent(t, EventKind::Enter, NoLane, "job(7)");
        QVERIFY(enter != NoEvent);
        QVERIFY(t.lanes[t.events[enter].lane].kind == LaneKind::Worker);
        QCOMPARE(t.events[enter].cause, submit);
        // Hand-back: result() waited (Suspend) and the worker's Leave is the cause of the Resume.
        const auto wait = findEvent(t, EventKind::Suspend, module, "result() of job(7)");
        QVERIFY(wait != NoEvent);
        QVERIFY(t.locationText(t.events[wait]).starts_with("tst_executor.cpp:"));
        const auto resume = findEvent(t, EventKind::Resume, module, {}, wait);
        QCOMPARE(t.detail(t.events[resume]), "49");
        const auto leave = t.events[resume].cause;
        QCOMPARE(t.events[leave].eventKind(), EventKind::Leave);
        QCOMPARE(t.events[leave].lane, t.events[enter].lane);
        QCOMPARE(t.detail(t.events[leave]), "49");
        // The worker slept in time.sleep: a Clock event on its lane, between its Enter and Leave.
        const auto clock = findEvent(t, EventKind::Clock, t.events[enter].lane, "time.sleep(0.1) blocks", enter);
        QVERIFY(clock != NoEvent && clock < leave);

        // The failing job: its Leave says what it raised.
        const auto badEnter = findEvent(t, EventKind::Enter, NoLane, "bad(3)");
        QVERIFY(badEnter != NoEvent);
        const auto badLeave = findEvent(t, EventKind::Leave, t.events[badEnter].lane, {}, badEnter);
        QCOMPARE(t.detail(t.events[badLeave]), "raised ValueError: bad job 3");
        // Leaving scope shut the pool down: both workers ended.
        for (auto w : {w0, w1})
            QCOMPARE(story(t, w, {EventKind::Done}), QStringList({"done None"}));
    }

    void mapOrderAndTimeout()
    {
        const auto r = runProgram(ex::mapModule, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"[9, 1, 4]", "got 0.05", "timed out TimeoutError"}));
        // map's results come from a generator (CPython's result_iterator), a lane of its own that
        // the caller drives with next(); its wait for slow(0.6) ended by the deadline, not by the
        // worker.
        const auto &t = r.trace;
        const auto wait = findEvent(t, EventKind::Suspend, NoLane, "result() of slow(0.6)");
        QVERIFY2(wait != NoEvent, qPrintable(dump(t)));
        const auto iterator = t.events[wait].lane;
        QCOMPARE(std::string(t.laneName(iterator)), std::string("result_iterator()"));
        QCOMPARE(t.lanes[iterator].kind, LaneKind::Generator);
        const auto resume = findEvent(t, EventKind::Resume, iterator, {}, wait);
        QCOMPARE(t.detail(t.events[resume]), "TimeoutError()");
        QCOMPARE(t.events[resume].cause, NoEvent);
        const auto waited = double(t.time(std::uint32_t(resume)) - t.time(std::uint32_t(wait))) / 1e9;
        QVERIFY2(waited > 0.15 && waited < 0.45, qPrintable(QString::number(waited)));
    }

    void doneCallbacksAndAsCompleted()
    {
        const auto r = runProgram(ex::callbackModule, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"callback fast", "completed fast", "callback mid", "completed mid",
                                        "callback slow", "completed slow"}));
        // Each callback printed on the worker lane that ran its job (which worker takes which job
        // is up to the threads); as_completed's lines are on the caller's lane.
        const auto &t = r.trace;
        const auto module = laneNamed(t, "<module>");
        const std::pair<const char *, const char *> expected[] = {{"callback slow", "work('slow', 0.6)"},
                                                                  {"callback fast", "work('fast', 0.05)"},
                                                                  {"callback mid", "work('mid', 0.3)"}};
        for (auto [text, job] : expected) {
            const auto out = findEvent(t, EventKind::Output, NoLane, text);
            const auto enter = findEvent(t, EventKind::Enter, NoLane, job);
            QVERIFY2(out != NoEvent && enter != NoEvent, qPrintable(dump(t)));
            QCOMPARE(t.events[out].lane, t.events[enter].lane);
            QCOMPARE(t.lanes[t.events[out].lane].kind, LaneKind::Worker);
        }
        // as_completed is a generator: a lane of its own, made when the caller first iterates it.
        QCOMPARE(laneNames(t), QStringList({"<module>", "ThreadPoolExecutor-0_0", "ThreadPoolExecutor-0_1",
                                            "ThreadPoolExecutor-0_2", "as_completed()"}));
        const auto gen = laneNamed(t, "as_completed()");
        QCOMPARE(t.lanes[gen].kind, LaneKind::Generator);
        // Its waits for the next future are woken by the worker that finished it.
        const auto waits = eventsOf(t, gen, {EventKind::Suspend});
        QVERIFY2(!waits.empty(), qPrintable(dump(t)));
        for (auto w : waits) {
            if (t.detail(t.events[w]) != "wait for the next future")
                continue;
            const auto resume = findEvent(t, EventKind::Resume, gen, {}, w);
            QVERIFY(resume != NoEvent);
            QCOMPARE(t.lanes[t.events[t.events[resume].cause].lane].kind, LaneKind::Worker);
        }
        for (auto text : {"completed fast", "completed mid", "completed slow"})
            QCOMPARE(t.events[findEvent(t, EventKind::Output, NoLane, text)].lane, module);
    }

    void runInExecutorFromATask()
    {
        const auto r = runProgram([] { run(ex::main()); }, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"tick 0", "tick 1", "tick 2", "42", "2", "caught bad job"}));

        const auto &t = r.trace;
        QCOMPARE(eventsOf(t, NoLane, {EventKind::Fault}).size(), std::size_t(0));
        // The loop waited for the worker; its result came back through call_soon_threadsafe, the
        // worker's Leave being the cause of the loop's Schedule.
        const auto sched = findEvent(t, EventKind::Schedule, laneNamed(t, "event loop"), "result of blocking(41)");
        QVERIFY2(sched != NoEvent, qPrintable(dump(t)));
        const auto leave = t.events[sched].cause;
        QCOMPARE(t.events[leave].eventKind(), EventKind::Leave);
        QCOMPARE(qs(t.laneName(t.events[leave].lane)), QString("ThreadPoolExecutor-0_0"));
        // The second pool is the run's second executor.
        QVERIFY(laneNamed(t, "ThreadPoolExecutor-1_0") != NoLane);
        // The ticker kept ticking while the worker slept: its ticks are 0.1 s apart.
        const auto ticker = laneNamed(t, "Task-2 ticker()") != NoLane ? laneNamed(t, "Task-2 ticker()")
                                                                      : laneNamed(t, "Task-3 ticker()");
        QVERIFY2(ticker != NoLane, qPrintable(laneNames(t).join(", ")));
        const auto ticks = eventsOf(t, ticker, {EventKind::Output});
        QCOMPARE(ticks.size(), std::size_t(3));
        QVERIFY(seconds(t, ticks[2]) - seconds(t, ticks[0]) >= 0.19);
    }

    void jobOutlivingTheLoop()
    {
        const auto r = runProgram(ex::outlivingModule, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"main returns", "loop closed", "job done", "end"}));
        // The result was never handed back to the closed loop.
        QCOMPARE(findEvent(r.trace, EventKind::Schedule, NoLane, "result of late()"), NoEvent);
    }

    void shutdownWaitJoins()
    {
        const auto r = runProgram(ex::shutdownModule, realTime());
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"before shutdown", "after shutdown",
                                        "RuntimeError cannot schedule new futures after shutdown"}));
        const auto &t = r.trace;
        const auto module = laneNamed(t, "<module>");
        const auto worker = laneNamed(t, "ThreadPoolExecutor-0_0");
        const auto wait = findEvent(t, EventKind::Suspend, module, "shutdown(wait=True)");
        QVERIFY(wait != NoEvent);
        const auto resume = findEvent(t, EventKind::Resume, module, {}, wait);
        QVERIFY(findEvent(t, EventKind::Done, worker) < resume);
        // Work refused after shutdown was never handed over.
        QCOMPARE(findEvent(t, EventKind::Submit, NoLane, "submit say('x')"), NoEvent);
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "tst_executor.moc"
