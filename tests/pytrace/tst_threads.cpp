// Threads of a traced script: each one a lane named as threading names it, with what it prints, the
// generators it drives, its end, and the joins that wait for it; executors that are never shut down
// ending the run as python3 ends it. python3 itself, run plainly on the same script, is the oracle
// for what is printed, the exit code and the tracebacks.
#include "pytrace/ScriptRun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

struct Plain {
    std::vector<std::string> output;
    std::string errorText;
    int exitCode = -1;
};

// The script run by python3 itself, as a user runs it in a terminal (stdin at end-of-file).
Plain runPlain(const std::string &path)
{
    QProcess p;
    p.setWorkingDirectory(QFileInfo(QString::fromStdString(path)).absolutePath());
    p.setStandardInputFile(QProcess::nullDevice());
    const char *env = std::getenv("COROSCOPE_PYTHON");
    p.start(QString::fromUtf8(env && *env ? env : "python3"), {QString::fromStdString(path)});
    p.waitForFinished(60'000);
    Plain plain;
    for (const auto &line : p.readAllStandardOutput().split('\n'))
        plain.output.push_back(line.toStdString());
    if (!plain.output.empty() && plain.output.back().empty())
        plain.output.pop_back();
    plain.errorText = p.readAllStandardError().trimmed().toStdString();
    plain.exitCode = p.exitCode();
    return plain;
}

std::string joined(const std::vector<std::string> &reports)
{
    std::string all;
    for (const auto &r : reports)
        all += (all.empty() ? "" : "\n") + r;
    return all;
}

std::uint32_t laneNamed(const Trace &t, std::string_view name)
{
    for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
        if (t.laneName(i) == name)
            return i;
    return NoLane;
}

// The first event of `kind` on `lane` whose detail is `detail` (NoEvent: none).
std::uint32_t find(const Trace &t, std::uint32_t lane, EventKind kind, std::string_view detail = {})
{
    for (std::uint32_t i = 0; i < t.events.size(); ++i) {
        const Event &e = t.events[i];
        if (e.lane == lane && e.eventKind() == kind && (detail.empty() || t.detail(e) == detail))
            return i;
    }
    return NoEvent;
}

std::vector<std::string> outputsOn(const Trace &t, std::uint32_t lane)
{
    std::vector<std::string> lines;
    for (const auto &e : t.events)
        if (e.lane == lane && e.eventKind() == EventKind::Output)
            lines.emplace_back(t.detail(e));
    return lines;
}

} // namespace

class TestThreads : public QObject
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
    void aGeneratorIteratedInAThreadIsDrawnOnTheThreadsLane()
    {
        const auto path = script("gen_thread.py", "import threading, time\n"
                                                  "def numbers(n):\n"
                                                  "    for i in range(n):\n"
                                                  "        yield i\n"
                                                  "def worker():\n"
                                                  "    time.sleep(0.2)\n"
                                                  "    for x in numbers(3):\n"
                                                  "        print('got', x)\n"
                                                  "t = threading.Thread(target=worker)\n"
                                                  "t.start()\n"
                                                  "t.join()\n"
                                                  "print('done')\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        const auto plain = runPlain(path);
        QCOMPARE(run.result.output, plain.output);
        QCOMPARE(run.exitCode, plain.exitCode);

        const Trace &t = run.result.trace;
        const auto thread = laneNamed(t, "Thread-1 (worker)");
        QVERIFY(thread != NoLane);
        QCOMPARE(t.lanes[thread].kind, LaneKind::Worker);
        QCOMPARE(t.lanes[thread].parent, 0u); // started by the module's lane (the main thread)
        QCOMPARE(outputsOn(t, thread), (std::vector<std::string>{"got 0", "got 1", "got 2"}));
        QCOMPARE(outputsOn(t, 0), std::vector<std::string>{"done"});

        // Started where t.start() is, and the arrow from there to the thread's first event.
        const auto submit = find(t, 0, EventKind::Submit, "start Thread-1 (worker)");
        QVERIFY(submit != NoEvent);
        QCOMPARE(t.location(t.events[submit]).line, 10u);
        QCOMPARE(t.events[t.lanes[thread].created].cause, submit);
        const auto start = find(t, thread, EventKind::Start);
        QCOMPARE(t.events[start].cause, submit);

        // The generator it drives is a lane of the thread's, handed over on the thread's lane.
        const auto gen = laneNamed(t, "numbers()");
        QVERIFY(gen != NoLane);
        QCOMPARE(t.lanes[gen].parent, thread);
        QVERIFY(find(t, thread, EventKind::Resume, "0") != NoEvent);
        QVERIFY(find(t, gen, EventKind::Done) != NoEvent);

        // The join: the main thread waits at line 11 until the thread's end wakes it.
        const auto join = find(t, 0, EventKind::Suspend, "Thread-1 (worker).join()");
        QVERIFY(join != NoEvent);
        QCOMPARE(t.location(t.events[join]).line, 11u);
        const auto done = find(t, thread, EventKind::Done);
        QVERIFY(done != NoEvent && done > join);
        const auto resumed = find(t, 0, EventKind::Resume);
        QVERIFY(resumed > done);
        QCOMPARE(t.events[resumed].cause, done);
    }

    void threadsPassingWorkThroughAQueuePrintOnTheirLanes()
    {
        const auto path = script("queue_threads.py", "import queue, threading\n"
                                                     "q = queue.Queue()\n"
                                                     "def producer():\n"
                                                     "    for i in range(3):\n"
                                                     "        q.put(i)\n"
                                                     "    q.put(None)\n"
                                                     "def consumer():\n"
                                                     "    while (item := q.get()) is not None:\n"
                                                     "        print('got', item)\n"
                                                     "threads = [threading.Thread(target=consumer, name='eater'),\n"
                                                     "           threading.Thread(target=producer)]\n"
                                                     "for t in threads:\n"
                                                     "    t.start()\n"
                                                     "for t in threads:\n"
                                                     "    t.join()\n"
                                                     "print('all done')\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        const auto plain = runPlain(path);
        QCOMPARE(run.result.output, plain.output);
        const Trace &t = run.result.trace;
        // Named as threading names them: a given name, else Thread-N (target); the numbers count
        // only the unnamed ones, as python3's do.
        const auto eater = laneNamed(t, "eater");
        QVERIFY(eater != NoLane);
        QVERIFY(laneNamed(t, "Thread-1 (producer)") != NoLane);
        QCOMPARE(outputsOn(t, eater), (std::vector<std::string>{"got 0", "got 1", "got 2"}));
        QVERIFY(find(t, eater, EventKind::Done) != NoEvent);
    }

    void anExceptionInAThreadIsItsErrorAndPrintedAsThreadingPrintsIt()
    {
        const auto path = script("thread_error.py", "import threading\n"
                                                    "def bad():\n"
                                                    "    raise ValueError('boom')\n"
                                                    "t = threading.Thread(target=bad, name='Bad')\n"
                                                    "t.start()\n"
                                                    "t.join()\n"
                                                    "print('after')\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str()); // python3 goes on, and exits 0
        const auto plain = runPlain(path);
        QCOMPARE(run.result.output, plain.output);
        QCOMPARE(run.exitCode, plain.exitCode);
        QCOMPARE(joined(run.result.errorOutput), plain.errorText);
        const Trace &t = run.result.trace;
        const auto bad = laneNamed(t, "Bad");
        const auto error = find(t, bad, EventKind::Error, "ValueError: boom");
        QVERIFY(error != NoEvent);
        QCOMPARE(t.location(t.events[error]).line, 3u);
    }

    void toThreadEndsAsPython3Does()
    {
        const auto path = script("to_thread.py", "import asyncio, time\n"
                                                 "def blocking(n):\n"
                                                 "    time.sleep(0.05)\n"
                                                 "    return n * 2\n"
                                                 "async def main():\n"
                                                 "    print('result', await asyncio.to_thread(blocking, 21))\n"
                                                 "asyncio.run(main())\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"result 42"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.cutShort);
        // asyncio.run's own teardown (its executor shut down in a thread of asyncio's) is not shown.
        const Trace &t = run.result.trace;
        for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
            QVERIFY2(t.laneName(i).find("_do_shutdown") == std::string_view::npos, std::string(t.laneName(i)).c_str());
    }

    void anExecutorNeverShutDownEndsTheRunAsPython3Does()
    {
        // No `with`, no shutdown(): python3 joins the idle workers at exit and ends at once.
        const auto path = script("no_shutdown.py", "from concurrent.futures import ThreadPoolExecutor\n"
                                                   "def square(n):\n"
                                                   "    return n * n\n"
                                                   "ex = ThreadPoolExecutor(max_workers=2)\n"
                                                   "futures = [ex.submit(square, i) for i in range(4)]\n"
                                                   "for f in futures:\n"
                                                   "    print(f.result())\n"
                                                   "print('end')\n");
        ScriptOptions options;
        options.timeLimitSeconds = 20;
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path, options);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QVERIFY2(timer.elapsed() < 10'000, "the run waited for the time limit");
        const auto plain = runPlain(path);
        QCOMPARE(run.result.output, plain.output);
        QCOMPARE(run.exitCode, plain.exitCode);
        const Trace &t = run.result.trace;
        // The module's lane waits for the workers at exit; each ends, told to by concurrent.futures.
        std::uint32_t wait = NoEvent;
        for (std::uint32_t i = 0; i < t.events.size() && wait == NoEvent; ++i)
            if (t.events[i].lane == 0 && t.events[i].eventKind() == EventKind::Suspend
                && t.detail(t.events[i]).starts_with("exit: join ThreadPoolExecutor-0_0"))
                wait = i;
        QVERIFY(wait != NoEvent);
        const auto worker = laneNamed(t, "ThreadPoolExecutor-0_0");
        QVERIFY(find(t, worker, EventKind::Done) > wait);
        QCOMPARE(t.events.back().eventKind(), EventKind::Done);
        QCOMPARE(t.events.back().lane, 0u);
    }

    void waitingForAJobsResultSuspendsUntilItsLeave()
    {
        const auto path = script("result_wait.py", "from concurrent.futures import ThreadPoolExecutor\n"
                                                   "import time\n"
                                                   "def slow(n):\n"
                                                   "    time.sleep(0.2)\n"
                                                   "    return n * 10\n"
                                                   "with ThreadPoolExecutor(2) as ex:\n"
                                                   "    f = ex.submit(slow, 1)\n"
                                                   "    print(f.result())\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"10"});
        const Trace &t = run.result.trace;
        const auto wait = find(t, 0, EventKind::Suspend, "result() of slow(1)");
        QVERIFY(wait != NoEvent);
        QCOMPARE(t.location(t.events[wait]).line, 8u);
        const auto leave = find(t, laneNamed(t, "ThreadPoolExecutor-0_0"), EventKind::Leave, "10");
        QVERIFY(leave != NoEvent);
        std::uint32_t resume = NoEvent;
        for (std::uint32_t i = wait + 1; i < t.events.size() && resume == NoEvent; ++i)
            if (t.events[i].lane == 0 && t.events[i].eventKind() == EventKind::Resume)
                resume = i;
        QVERIFY(resume != NoEvent);
        QCOMPARE(t.events[resume].cause, leave);
        QCOMPARE(std::string(t.detail(t.events[resume])), std::string("10"));
        // The `with` waits for the workers at its end.
        QVERIFY(find(t, 0, EventKind::Suspend, "shutdown(wait=True)") != NoEvent);
    }

    void aThreadPassingWorkThroughAQueueWakesTheThreadThatWaits()
    {
        const auto path = script("queue_handover.py", "import queue, threading, time\n"
                                                      "q = queue.Queue()\n"
                                                      "def consumer():\n"
                                                      "    print('got', q.get())\n"
                                                      "t = threading.Thread(target=consumer)\n"
                                                      "t.start()\n"
                                                      "time.sleep(0.2)\n"
                                                      "q.put('job')\n"
                                                      "t.join()\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"got job"});
        const Trace &t = run.result.trace;
        const auto consumer = laneNamed(t, "Thread-1 (consumer)");
        const auto waits = find(t, consumer, EventKind::Suspend, "Queue.get()");
        QVERIFY(waits != NoEvent);
        QCOMPARE(t.location(t.events[waits]).line, 4u);
        const auto put = find(t, 0, EventKind::Submit, "Queue.put('job')");
        QVERIFY(put != NoEvent);
        QCOMPARE(t.location(t.events[put]).line, 8u);
        const auto resumed = find(t, consumer, EventKind::Resume, "'job'");
        QVERIFY(resumed != NoEvent);
        QCOMPARE(t.events[resumed].cause, put);
    }

    void timersAndDaemonThreadsEndAsPython3Does()
    {
        // A daemon thread that never ends does not hold the run; a Timer runs its function on a
        // thread of its own.
        const auto path = script("timer_daemon.py", "import threading, time\n"
                                                    "def tick():\n"
                                                    "    while True:\n"
                                                    "        time.sleep(0.01)\n"
                                                    "threading.Thread(target=tick, daemon=True).start()\n"
                                                    "t = threading.Timer(0.05, lambda: print('timer fired'))\n"
                                                    "t.start()\n"
                                                    "t.join()\n"
                                                    "print('main ends')\n");
        ScriptOptions options;
        options.timeLimitSeconds = 20;
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path, options);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QVERIFY(timer.elapsed() < 10'000);
        QCOMPARE(run.result.output, (std::vector<std::string>{"timer fired", "main ends"}));
        const Trace &t = run.result.trace;
        QCOMPARE(outputsOn(t, laneNamed(t, "Thread-2")), std::vector<std::string>{"timer fired"});
        QVERIFY(laneNamed(t, "Thread-1 (tick)") != NoLane);
    }

    void theExitRunsInPython3sOrder()
    {
        // The main module ends; its threads run on and are joined; then the atexit callbacks, last
        // registered first; an uncaught exception is printed before the threads finish.
        const auto path = script("exit_order.py", "import atexit, threading, time\n"
                                                  "atexit.register(print, 'bye first')\n"
                                                  "atexit.register(print, 'bye second')\n"
                                                  "def late():\n"
                                                  "    time.sleep(0.2)\n"
                                                  "    print('thread still printing')\n"
                                                  "threading.Thread(target=late).start()\n"
                                                  "print('main raises')\n"
                                                  "raise RuntimeError('main failed')\n");
        const auto run = runScript(path);
        const auto plain = runPlain(path);
        QCOMPARE(run.result.output, plain.output);
        QCOMPARE(run.result.output,
                 (std::vector<std::string>{"main raises", "thread still printing", "bye second", "bye first"}));
        QCOMPARE(run.exitCode, plain.exitCode);
        QCOMPARE(run.result.error, std::string("RuntimeError: main failed"));
        const Trace &t = run.result.trace;
        const auto error = find(t, 0, EventKind::Error, "RuntimeError: main failed");
        const auto printed = find(t, laneNamed(t, "Thread-1 (late)"), EventKind::Output);
        QVERIFY(error != NoEvent && printed != NoEvent && error < printed);
    }

    void threadsRecordingAtOnceGiveAWholeTrace()
    {
        // Four threads print and drive generators at the same time: every event lands whole, on
        // its own lane, in order (the recorder's locked path).
        const auto path = script("busy_threads.py", "import threading\n"
                                                    "def gen(k):\n"
                                                    "    for i in range(k):\n"
                                                    "        yield i\n"
                                                    "def work(n):\n"
                                                    "    for i in range(300):\n"
                                                    "        sum(gen(3))\n"
                                                    "        print(f'w{n} {i}')\n"
                                                    "ts = [threading.Thread(target=work, args=(n,)) for n in range(4)]\n"
                                                    "for t in ts:\n"
                                                    "    t.start()\n"
                                                    "for t in ts:\n"
                                                    "    t.join()\n"
                                                    "print('end')\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        const Trace &t = run.result.trace;
        QCOMPARE(run.result.output.size(), std::size_t(4 * 300 + 1));
        for (int n = 0; n < 4; ++n) {
            const auto lane = laneNamed(t, "Thread-" + std::to_string(n + 1) + " (work)");
            QVERIFY(lane != NoLane);
            std::vector<std::string> expected;
            for (int i = 0; i < 300; ++i)
                expected.push_back("w" + std::to_string(n) + " " + std::to_string(i));
            QCOMPARE(outputsOn(t, lane), expected);
        }
        // Each generator's lane was created by the thread that drove it, and ran there only.
        for (std::uint32_t i = 0; i < t.lanes.size(); ++i) {
            if (t.laneName(i) != "gen()")
                continue;
            const auto parent = t.lanes[i].parent;
            QVERIFY(t.laneName(parent).find("(work)") != std::string_view::npos);
            for (const auto &e : t.events)
                if (e.lane == i && e.eventKind() == EventKind::Start)
                    QCOMPARE(t.events[e.cause].lane, parent);
        }
    }
};

QTEST_GUILESS_MAIN(TestThreads)
#include "tst_threads.moc"
