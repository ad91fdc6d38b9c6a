// A user's Python script, traced on CPython: what it prints, the lanes it draws, and how each kind
// of bad run ends (a SyntaxError, an exception, a runaway loop, a deadlock, input(), no python3, a
// tracer killed or stopped mid-run), as a user of the CLI or the app sees it.
#include "pytrace/ScriptRun.h"
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace coroscope;

namespace {

std::string mirror(const char *id)
{
    return std::string(COROSCOPE_SOURCE_DIR "/resources/python/") + id + ".py";
}

std::vector<std::string> expected(const char *id)
{
    QFile f(QString::fromStdString(std::string(COROSCOPE_SOURCE_DIR "/resources/expected/") + id + ".txt"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    std::vector<std::string> lines;
    for (const auto &l : f.readAll().split('\n'))
        lines.push_back(l.toStdString());
    if (!lines.empty() && lines.back().empty())
        lines.pop_back();
    return lines;
}

bool hasLane(const Trace &t, const std::string &name)
{
    for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
        if (t.laneName(i) == name)
            return true;
    return false;
}

bool hasEvent(const Trace &t, EventKind kind, std::string_view detailPart)
{
    for (const auto &e : t.events)
        if (e.eventKind() == kind && t.detail(e).find(detailPart) != std::string_view::npos)
            return true;
    return false;
}

std::string joined(const std::vector<std::string> &reports)
{
    std::string all;
    for (const auto &r : reports)
        all += r + "\n";
    return all;
}

} // namespace

class TestScriptRun : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::string script(const char *name, const char *text)
    {
        const QString path = m_dir.filePath(QString::fromUtf8(name));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path.toStdString();
    }

private slots:
    void printsWhatPython3Prints()
    {
        const auto run = runScript(mirror("gather-order"));
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, expected("gather-order"));
        const Trace &t = run.result.trace;
        QCOMPARE(t.clock, ClockMode::Virtual);
        QVERIFY(hasLane(t, "Task-1 main()") && hasLane(t, "Task-2 task1()") && hasLane(t, "Task-3 task2()"));
        QCOMPARE(t.endTime(), std::int64_t(2'000'000'000));
        QVERIFY(!run.cutShort);
    }

    // The virtual clock: an hour of sleep takes no time at all (well under the hour, however loaded
    // the machine is).
    void sleepsTakeNoRealTime()
    {
        const auto path = script("hour.py", "import asyncio, time\n"
                                            "async def main():\n"
                                            "    t0 = time.monotonic()\n"
                                            "    await asyncio.sleep(3600)\n"
                                            "    print('slept', round(time.monotonic() - t0))\n"
                                            "asyncio.run(main())\n");
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"slept 3600"});
        QCOMPARE(run.result.trace.endTime(), std::int64_t(3600'000'000'000));
        QVERIFY(timer.elapsed() < 600'000);
    }

    void twoRunsGiveByteIdenticalTraces()
    {
        const auto a = runScript(mirror("cancel-timeout"));
        const auto b = runScript(mirror("cancel-timeout"));
        QVERIFY(a.ok() && b.ok());
        QVERIFY(serializeTrace(a.result.trace) == serializeTrace(b.result.trace));
    }

    void realSocketsWorkOnTheVirtualClock()
    {
        const auto run = runScript(mirror("http-server"));
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, expected("http-server"));
    }

    void theScriptsOwnModulesAreTracedToo()
    {
        script("helper_gen.py", "def countdown(n):\n    while n:\n        yield n\n        n -= 1\n");
        const auto path = script("uses_helper.py", "from helper_gen import countdown\nprint(list(countdown(2)))\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"[2, 1]"});
        QVERIFY(hasLane(run.result.trace, "countdown()"));
        QVERIFY(hasEvent(run.result.trace, EventKind::Suspend, "yield 2"));
    }

    void aSyntaxErrorNamesItsLine()
    {
        const auto path = script("broken.py", "import asyncio\nasync def main():\n    print('x'\nasyncio.run(main())\n");
        const auto run = runScript(path);
        QVERIFY(!run.ok());
        QVERIFY(run.syntaxError);
        QCOMPARE(run.errorLine, 3);
        QVERIFY2(QString::fromStdString(run.result.error).startsWith("SyntaxError: '(' was never closed (broken.py, line 3)"),
                 run.result.error.c_str());
        // As python3 shows it, with the caret under the place.
        QVERIFY(joined(run.result.errorOutput).find("^") != std::string::npos);
        QCOMPARE(run.exitCode, 1); // python3's
    }

    // The console shows what a terminal shows: a subprocess's lines and os.write's among the
    // script's own, in the order they were written, and what went to stderr as reports.
    void whatReachesTheStreamsBelowPrintIsInOrder()
    {
        const auto path = script("below.py",
                                 "import os, subprocess, sys\n"
                                 "print('one')\n"
                                 "subprocess.run(['echo', 'two'])\n"
                                 "os.write(1, b'three\\n')\n"
                                 "subprocess.run(['sh', '-c', 'echo oops >&2'])\n"
                                 "print('four')\n");
        std::string passedOut, passedErr;
        ScriptOptions options;
        options.passthrough = [&](int fd, std::string_view chunk) { (fd == 1 ? passedOut : passedErr) += chunk; };
        const auto run = runScript(path, options);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, (std::vector<std::string> {"one", "two", "three", "four"}));
        QCOMPARE(run.result.errorOutput, std::vector<std::string> {"oops"});
        QCOMPARE(passedOut, std::string("one\ntwo\nthree\nfour\n"));
        QCOMPARE(passedErr, std::string("oops\n"));
        int outputs = 0;
        for (const auto &e : run.result.trace.events)
            outputs += e.eventKind() == EventKind::Output;
        QCOMPARE(outputs, 4);
    }

    void anExceptionIsOnItsLaneAndInStderrAsPythonPrintsIt()
    {
        const auto path = script("raises.py", "def work():\n    raise ValueError('bad job')\nprint('before')\nwork()\n");
        const auto run = runScript(path);
        QCOMPARE(run.result.error, std::string("ValueError: bad job"));
        QCOMPARE(run.result.output, std::vector<std::string>{"before"});
        const auto stderrText = joined(run.result.errorOutput);
        QVERIFY2(stderrText.find("Traceback (most recent call last):") != std::string::npos, stderrText.c_str());
        QVERIFY(stderrText.find("line 2, in work") != std::string::npos);
        QVERIFY2(stderrText.find("coroscope_tracer") == std::string::npos, stderrText.c_str()); // no tracer frames
        QVERIFY(hasEvent(run.result.trace, EventKind::Error, "ValueError: bad job"));
        QCOMPARE(run.exitCode, 1);
    }

    void aTaskThatRaisesEndsOnItsLane()
    {
        const auto path = script("task_raises.py", "import asyncio\nasync def bad():\n    raise KeyError('k')\n"
                                                   "async def main():\n    await asyncio.gather(bad())\n"
                                                   "asyncio.run(main())\n");
        const auto run = runScript(path);
        QCOMPARE(run.result.error, std::string("KeyError: 'k'"));
        const Trace &t = run.result.trace;
        bool onTask = false;
        for (const auto &e : t.events)
            if (e.eventKind() == EventKind::Error && std::string(t.laneName(e.lane)) == "Task-2 bad()")
                onTask = true;
        QVERIFY(onTask);
    }

    void aRunawayLoopIsStoppedByTheBudget()
    {
        const auto path = script("runaway.py", "while True:\n    print('again')\n");
        ScriptOptions options;
        options.eventBudget = 500;
        const auto run = runScript(path, options);
        QVERIFY2(QString::fromStdString(run.result.error).startsWith("event budget exceeded"), run.result.error.c_str());
        QVERIFY(hasEvent(run.result.trace, EventKind::Fault, "event budget exceeded"));
        QVERIFY(run.result.trace.events.size() < 600);
    }

    // Three years on, loop.time() + delay rounds above the nanosecond the virtual clock jumps to: the
    // timer must fire there, not leave the loop jumping to the same instant until the time limit.
    void aFarTimerFiresOnTheVirtualClock()
    {
        const auto path = script("far.py", "import asyncio\n"
                                           "async def main():\n"
                                           "    t0 = asyncio.get_running_loop().time()\n"
                                           "    await asyncio.sleep(100000000.3752988)\n"
                                           "    print('woke', round(asyncio.get_running_loop().time() - t0))\n"
                                           "asyncio.run(main())\n");
        ScriptOptions options;
        options.timeLimitSeconds = 10;
        const auto run = runScript(path, options);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"woke 100000000"});
    }

    void aLoopThatRecordsNothingIsStoppedByTheTimeLimit()
    {
        const auto path = script("spin.py", "x = 0\nwhile True:\n    x += 1\n");
        ScriptOptions options;
        options.timeLimitSeconds = 1;
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path, options);
        QVERIFY2(QString::fromStdString(run.result.error).startsWith("time limit:"), run.result.error.c_str());
        QVERIFY(timer.elapsed() < 10'000);
    }

    void aDeadlockNamesWhatWaits()
    {
        const auto path = script("deadlock.py", "import asyncio\nasync def main():\n"
                                                "    await asyncio.get_running_loop().create_future()\n"
                                                "asyncio.run(main())\n");
        const auto run = runScript(path);
        QVERIFY2(QString::fromStdString(run.result.error)
                     .startsWith("deadlock: the event loop has nothing left to run, but Task-1 main() is still pending"),
                 run.result.error.c_str());
        QVERIFY(run.result.error.find("Task-1 main() waits for Future at deadlock.py:3") != std::string::npos);
    }

    void inputMeetsEndOfFile()
    {
        const auto path = script("asks.py", "name = input('name? ')\n");
        const auto run = runScript(path);
        QCOMPARE(run.result.error, std::string("EOFError: EOF when reading a line"));
    }

    void noPythonNamesTheDebianPackage()
    {
        ScriptOptions options;
        options.python = "/nonexistent/python3";
        const auto run = runScript(mirror("gather-order"), options);
        QVERIFY(!run.ok());
        QVERIFY2(run.result.error.find("install the Debian package python3") != std::string::npos,
                 run.result.error.c_str());
    }

    void aMissingScriptIsAClearError()
    {
        const auto run = runScript("/nonexistent/script.py");
        QCOMPARE(run.result.error, std::string("cannot open /nonexistent/script.py: no such file"));
    }

    void aKilledTracerKeepsWhatArrived()
    {
        // (A real sleep: what was recorded before it has been written when the kill comes.)
        const auto path = script("killed.py", "import os, signal, time\nprint('one')\ntime.sleep(0.05)\n"
                                              "os.kill(os.getpid(), signal.SIGKILL)\n");
        ScriptOptions options;
        options.clock = ClockMode::Real;
        const auto run = runScript(path, options);
        QVERIFY(run.cutShort);
        QVERIFY2(run.result.error.find("killed by SIGKILL") != std::string::npos, run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"one"});
        QCOMPARE(run.result.trace.events.back().eventKind(), EventKind::Fault);
    }

    void stopEndsAnEndlessRunAndLiveProgressShowsItGrowing()
    {
        const auto path = script("server.py", "import asyncio\nasync def main():\n    while True:\n"
                                              "        print('tick')\n        await asyncio.sleep(0.02)\n"
                                              "asyncio.run(main())\n");
        std::atomic<bool> stop{false};
        ScriptOptions options;
        options.clock = ClockMode::Real;
        options.stop = &stop;
        std::vector<std::size_t> sizes;
        options.progress = [&](const Trace &t) {
            sizes.push_back(t.events.size());
            if (sizes.size() == 3)
                stop = true;
        };
        const auto run = runScript(path, options);
        QCOMPARE(run.result.error, std::string("stopped: the run was cancelled"));
        QVERIFY(run.cutShort);
        QVERIFY(sizes.size() >= 3);
        QVERIFY(sizes[2] > sizes[0]);
        QVERIFY(!run.result.output.empty());
        QCOMPARE(run.result.trace.clock, ClockMode::Real);
    }
};

QTEST_GUILESS_MAIN(TestScriptRun)
#include "tst_scriptrun.moc"
