// How a run ends when the program goes wrong: a deadlock, a runaway loop hitting the event budget,
// an uncaught exception, an exception nobody retrieves, asyncio called where it cannot be. The run
// never crashes: RunResult.error says what happened, a Fault event ends the trace.
#include "RuntimeTestSupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

int awaitLine = 0;

namespace deadlock {
Task<> main()
{
    print("waiting forever");
    auto fut = create_future<int>("never set");
    awaitLine = __LINE__; co_await fut; // one line: the await's line is what the error names
}

Task<> waiter(Future<int> f)
{
    co_await f;
}
Task<> twoWaiters()
{
    auto f = create_future<int>("never set");
    auto t = create_task(waiter(f));
    co_await t;
}
} // namespace deadlock

namespace budget {
Task<> spin()
{
    while (true)
        co_await sleep(0);
}
Task<> main()
{
    co_await create_task(spin());
}
Generator<int> endless()
{
    int i = 0;
    while (true)
        co_yield i++;
}
void runawayGenerator()
{
    long sum = 0;
    for (int v : endless())
        sum += v;
    print("never reached", sum);
}
} // namespace budget

// async def main():
//     await asyncio.sleep(1)
//     raise ValueError("bad job")
// print("before")
// asyncio.run(main())
// print("not reached")
// -> before, then the traceback ending "ValueError: bad job"
namespace uncaught {
Task<> main()
{
    co_await sleep(1);
    throw ValueError("bad job");
}

// async def lingering():
//     try:
//         await asyncio.sleep(10)
//     except asyncio.CancelledError:
//         print("lingering cancelled")
//         raise
// async def main():
//     asyncio.create_task(lingering())
//     await asyncio.sleep(1)
//     raise ValueError("bad job")
// asyncio.run(main())
// -> lingering cancelled, then the traceback ending "ValueError: bad job"
Task<> lingering()
{
    try {
        co_await sleep(10);
    } catch (const CancelledError &) {
        print("lingering cancelled");
        throw;
    }
}
Task<> mainWithLeftover()
{
    create_task(lingering());
    co_await sleep(1);
    throw ValueError("bad job");
}
Task<int> cpp()
{
    co_await sleep(0);
    throw std::runtime_error("not a Python exception");
}
} // namespace uncaught

// async def other(): pass
// async def orphan():
//     raise ValueError("nobody listens")
// async def main():
//     asyncio.create_task(orphan())
//     await asyncio.sleep(1)
//     print("main still fine")
//     try:
//         asyncio.run(other())
//     except RuntimeError as e:
//         print(e)
// asyncio.run(main())
// async def c(): pass
// try:
//     asyncio.create_task(c())
// except RuntimeError as e:
//     print(e)
// -> main still fine / asyncio.run() cannot be called from a running event loop / no running event loop
//    (and, on stderr, "Task exception was never retrieved")
namespace misuse {
Task<> other()
{
    co_return;
}
Task<> orphan()
{
    throw ValueError("nobody listens");
    co_return;
}
Task<> main()
{
    create_task(orphan());
    co_await sleep(1);
    print("main still fine");
    try {
        run(other());
    } catch (const RuntimeError &e) {
        print(e.what());
    }
}
Task<> c()
{
    co_return;
}
void module()
{
    run(main());
    try {
        create_task(c());
    } catch (const RuntimeError &e) {
        print(e.what());
    }
}
} // namespace misuse

// def bad():
//     raise ValueError("in callback")
// async def main():
//     loop = asyncio.get_running_loop()
//     loop.call_soon(bad)
//     await asyncio.sleep(0.1)
//     print("main continues")
// -> main continues   (and on stderr, from the loop's exception handler:
//    "Exception in callback bad() ... ValueError: in callback"; the port cannot know a function
//    pointer's name, so it says "callback()")
namespace callback {
void bad()
{
    throw ValueError("in callback");
}
Task<> main()
{
    get_running_loop().call_soon(bad);
    co_await sleep(0.1);
    print("main continues");
}
} // namespace callback

// async def main():
//     async def bad(msg): raise ValueError(msg)
//     try: await asyncio.create_task(bad("awaited"))
//     except ValueError as e: print("caught", repr(e))
//     t = asyncio.create_task(bad("looked at")); await asyncio.sleep(0); await asyncio.sleep(0)
//     print("saw", repr(t.exception()))
namespace retrieved {
Task<> bad(std::string msg)
{
    throw ValueError(msg);
    co_return;
}
Task<> main()
{
    try {
        co_await create_task(bad("awaited"));
    } catch (const ValueError &e) {
        print("caught " + e.repr());
    }
    auto t = create_task(bad("looked at"));
    co_await sleep(0);
    co_await sleep(0);
    print("saw " + reprException(t.exception()));
}
} // namespace retrieved

// def job(): return 42
// def bad(f): raise ValueError("in done callback")
// with cf.ThreadPoolExecutor(max_workers=1) as pool:
//     f = pool.submit(job); f.add_done_callback(bad); print("result", f.result())
//     g = pool.submit(job); g.result(); g.add_done_callback(bad)   # done already: runs here
// print("still here")
// -> result 42 / still here   (and twice on stderr: "exception calling callback for <Future ...>")
namespace workercallback {
int job()
{
    return 42;
}
void bad(ConcurrentFuture<int>)
{
    throw ValueError("in done callback");
}
void module()
{
    {
        ThreadPoolExecutor pool(1);
        auto f = pool.submit(job);
        f.add_done_callback(bad);
        print("result", f.result());
        auto g = pool.submit(job);
        g.result();
        g.add_done_callback(bad);
    }
    print("still here");
}
} // namespace workercallback

// A server nobody connects to: the loop waits on its listening socket, in real time, forever.
namespace idle {
Task<> handler(StreamReader, StreamWriter)
{
    co_return;
}
Task<> main()
{
    auto server = co_await start_server(handler, "127.0.0.1", 0);
    co_await create_future<int>("never set"); // not a deadlock: the listening socket may yet bring work
}
} // namespace idle

} // namespace
} // namespace coroscope

class TestFaults : public QObject
{
    Q_OBJECT
private slots:
    void deadlockNamesTheWaitingTaskAndLine()
    {
        const auto r = runProgram([] { run(deadlock::main()); });
        QVERIFY(!r.ok());
        QCOMPARE(lines(r), QStringList({"waiting forever"}));
        QVERIFY2(r.error.starts_with("deadlock:"), r.error.c_str());
        QVERIFY2(r.error.find("Task-1 main() is still pending") != std::string::npos, r.error.c_str());
        const auto where = "Task-1 main() waits for never set at tst_faults.cpp:" + std::to_string(awaitLine);
        QVERIFY2(r.error.find(where) != std::string::npos, r.error.c_str());

        // The trace ends with the Fault on the module's lane, carrying the same message; main's
        // lane stops at its suspension.
        const auto &t = r.trace;
        const auto &last = t.events.back();
        QCOMPARE(last.eventKind(), EventKind::Fault);
        QCOMPARE(last.lane, laneNamed(t, "<module>"));
        QCOMPARE(t.detail(last), r.error);
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, main).last(), QString("suspend never set"));
    }

    void deadlockListsEveryPendingTask()
    {
        const auto r = runProgram([] { run(deadlock::twoWaiters()); });
        QVERIFY(r.error.starts_with("deadlock:"));
        QVERIFY2(r.error.find("Task-1 twoWaiters() waits for Task-2 waiter()") != std::string::npos, r.error.c_str());
        QVERIFY2(r.error.find("Task-2 waiter() waits for never set at tst_faults.cpp:") != std::string::npos,
                 r.error.c_str());
    }

    void eventBudgetStopsASpinningTask()
    {
        RunOptions options;
        options.eventBudget = 2000;
        QElapsedTimer wall;
        wall.start();
        const auto r = runProgram([] { run(budget::main()); }, options);
        QVERIFY(wall.elapsed() < 5000);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.starts_with("event budget exceeded"), r.error.c_str());
        QVERIFY2(r.error.find("2000 events") != std::string::npos, r.error.c_str());
        const auto &t = r.trace;
        QVERIFY(t.events.size() <= 2000 + 16);
        QCOMPARE(t.events.back().eventKind(), EventKind::Fault);
        QCOMPARE(t.detail(t.events.back()), r.error);
    }

    void eventBudgetStopsARunawayGenerator()
    {
        RunOptions options;
        options.eventBudget = 3000;
        QElapsedTimer wall;
        wall.start();
        const auto r = runProgram(budget::runawayGenerator, options);
        QVERIFY(wall.elapsed() < 5000);
        QVERIFY2(r.error.starts_with("event budget exceeded"), r.error.c_str());
        QVERIFY(r.output.empty());
        QCOMPARE(r.trace.events.back().eventKind(), EventKind::Fault);
    }

    void uncaughtExceptionInMain()
    {
        const auto r = runProgram([] {
            print("before");
            run(uncaught::main());
            print("not reached");
        });
        QCOMPARE(lines(r), QStringList({"before"}));
        QCOMPARE(r.error, std::string("ValueError: bad job"));
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, main, {EventKind::Done, EventKind::Error}), QStringList({"error ValueError: bad job"}));
        QCOMPARE(seconds(t, findEvent(t, EventKind::Error, main)), 1.0);
        // The module's lane: asyncio.run raises the exception (its resume says so, as the tracer's
        // does for CPython), which ends the program.
        const auto module = laneNamed(t, "<module>");
        QCOMPARE(story(t, module, {EventKind::Resume, EventKind::Error, EventKind::Fault}),
                 QStringList({"resume raised ValueError: bad job", "error ValueError: bad job", "fault ValueError: bad job"}));
        QCOMPARE(t.events.back().cause, findEvent(t, EventKind::Error, module));
    }

    void uncaughtExceptionStillCancelsLeftoverTasks()
    {
        const auto r = runProgram([] { run(uncaught::mainWithLeftover()); });
        QCOMPARE(lines(r), QStringList({"lingering cancelled"}));
        QCOMPARE(r.error, std::string("ValueError: bad job"));
        const auto lane = laneNamed(r.trace, "Task-2 lingering()");
        QCOMPARE(r.trace.events[eventsOf(r.trace, lane).back()].eventKind(), EventKind::Cancel);
    }

    void uncaughtCppException()
    {
        const auto r = runProgram([] { print(run(uncaught::cpp())); });
        QCOMPARE(r.error, std::string("C++ exception: not a Python exception"));
        QCOMPARE(story(r.trace, laneNamed(r.trace, "Task-1 cpp()"), {EventKind::Error}),
                 QStringList({"error C++ exception: not a Python exception"}));
    }

    void exceptionNobodyAwaitsAndMisuse()
    {
        const auto r = runProgram(misuse::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"main still fine", "asyncio.run() cannot be called from a running event loop",
                                        "no running event loop"}));
        const auto orphan = laneNamed(r.trace, "Task-2 orphan()");
        QCOMPARE(story(r.trace, orphan, {EventKind::Start, EventKind::Error}),
                 QStringList({"start", "error ValueError: nobody listens"}));
        QCOMPARE(r.trace.events.back().eventKind(), EventKind::Done);
    }

    // As asyncio's Handle._run: the exception goes to the loop's exception handler (stderr) and the
    // loop goes on. The trace keeps the report as a "stderr" metadata entry (the app's console).
    void exceptionInCallbackIsLoggedAndTheLoopGoesOn()
    {
        const auto r = runProgram([] { run(callback::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"main continues"}));
        QCOMPARE(r.errorOutput.size(), std::size_t(1));
        QVERIFY2(r.errorOutput[0].starts_with("Exception in callback callback()\n"), r.errorOutput[0].c_str());
        QVERIFY2(r.errorOutput[0].ends_with("\nValueError: in callback"), r.errorOutput[0].c_str());
        QVERIFY(std::count(r.trace.metadata.begin(), r.trace.metadata.end(),
                           std::pair<std::string, std::string>(kStderrKey, r.errorOutput[0]))
                == 1);
    }

    // Task.__del__ of a task that failed and was never awaited: "Task exception was never retrieved".
    void taskExceptionNeverRetrievedIsReported()
    {
        const auto r = runProgram(misuse::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.errorOutput.size(), std::size_t(1));
        QCOMPARE(r.errorOutput[0],
                 std::string("Task exception was never retrieved\n"
                             "future: <Task finished name='Task-2' coro=<orphan() done> "
                             "exception=ValueError('nobody listens')>\n"
                             "ValueError: nobody listens"));
    }

    // Awaited, or looked at with exception(): nothing to report.
    void retrievedExceptionsAreNotReported()
    {
        const auto r = runProgram([] { run(retrieved::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"caught ValueError('awaited')", "saw ValueError('looked at')"}));
        QVERIFY(r.errorOutput.empty());
    }

    // A done callback that raises on a worker thread must not take the process down (std::terminate):
    // logged, as concurrent.futures does, and the run goes on.
    void doneCallbackRaisingOnAWorker()
    {
        RunOptions options;
        options.clock = ClockMode::Real;
        const auto r = runProgram(workercallback::module, options);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"result 42", "still here"}));
        QCOMPARE(r.errorOutput.size(), std::size_t(2));
        for (const auto &report : r.errorOutput) {
            QVERIFY2(report.starts_with("exception calling callback for <Future "), report.c_str());
            QVERIFY2(report.ends_with("\nValueError: in done callback"), report.c_str());
        }
    }

    // A run that ends with an error reports it on stderr too, after what was logged before.
    void faultsEndStderr()
    {
        const auto r = runProgram([] { run(deadlock::main()); });
        QVERIFY(!r.ok());
        QCOMPARE(r.errorOutput, std::vector<std::string>({r.error}));
    }

    // RunOptions::stop, set from another thread (the app's Cancel), ends a runaway run at its next
    // safe point, however large the budget.
    void stopFlagEndsARunawayRun()
    {
        std::atomic<bool> stop = false;
        RunOptions options;
        options.eventBudget = std::uint64_t(1) << 40;
        options.stop = &stop;
        std::thread canceller([&stop] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            stop = true;
        });
        QElapsedTimer timer;
        timer.start();
        const auto r = runProgram([] { run(budget::main()); }, options);
        canceller.join();
        QCOMPARE(r.error, std::string("stopped: the run was cancelled"));
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(r.trace.events.back().eventKind(), EventKind::Fault);
    }

    // Real time, waiting on nothing but a socket: the flag is still seen within 50 ms.
    void stopFlagEndsARunWaitingOnIo()
    {
        std::atomic<bool> stop = false;
        RunOptions options;
        options.clock = ClockMode::Real;
        options.stop = &stop;
        std::thread canceller([&stop] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            stop = true;
        });
        QElapsedTimer timer;
        timer.start();
        const auto r = runProgram([] { run(idle::main()); }, options);
        canceller.join();
        QVERIFY2(r.error == "stopped: the run was cancelled", r.error.c_str());
        QVERIFY2(timer.elapsed() < 3000, QByteArray::number(timer.elapsed()));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
