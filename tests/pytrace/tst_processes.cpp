// Processes a traced script starts: worker processes that run and end with the run (fork, spawn and
// forkserver), and nothing the script started outliving the run, whatever ends it (its end, the time
// limit, Stop): threads, forked children, a child that ignores SIGTERM, an orphan that double-forked
// out of the process group. Each case with real processes; python3 itself is the oracle for output.
#include "pytrace/ScriptRun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <fstream>
#include <thread>

using namespace coroscope;

namespace {

std::vector<std::string> python3Output(const std::string &path)
{
    QProcess p;
    p.setWorkingDirectory(QFileInfo(QString::fromStdString(path)).absolutePath());
    p.setStandardInputFile(QProcess::nullDevice());
    const char *env = std::getenv("COROSCOPE_PYTHON");
    p.start(QString::fromUtf8(env && *env ? env : "python3"), {QString::fromStdString(path)});
    p.waitForFinished(60'000);
    std::vector<std::string> lines;
    for (const auto &line : p.readAllStandardOutput().split('\n'))
        lines.push_back(line.toStdString());
    if (!lines.empty() && lines.back().empty())
        lines.pop_back();
    return lines;
}

// A process has ended: gone, or a zombie waiting for whoever adopted it to reap it.
bool ended(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text))
        return true;
    const auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() && (text[close + 2] == 'Z' || text[close + 2] == 'X');
}

// The pids the script printed on lines "pid N".
std::vector<pid_t> printedPids(const std::vector<std::string> &output)
{
    std::vector<pid_t> pids;
    for (const auto &line : output)
        if (line.rfind("pid ", 0) == 0)
            pids.push_back(pid_t(std::stol(line.substr(4))));
    return pids;
}

bool allEnded(const std::vector<pid_t> &pids)
{
    // (Killed processes take a moment to be gone.)
    for (int i = 0; i < 100; ++i) {
        bool all = true;
        for (pid_t p : pids)
            all = all && ended(p);
        if (all)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

} // namespace

class TestProcesses : public QObject
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

    // A pool of worker processes, never shut down by the script, with the start method `method`.
    void processPoolRunsAndEnds(const char *method)
    {
        const std::string text = std::string("import multiprocessing\n"
                                             "from concurrent.futures import ProcessPoolExecutor\n"
                                             "def square(n):\n"
                                             "    return n * n\n"
                                             "if __name__ == '__main__':\n"
                                             "    ctx = multiprocessing.get_context('")
            + method + "')\n"
                       "    ex = ProcessPoolExecutor(max_workers=2, mp_context=ctx)\n"
                       "    print('first')\n"
                       "    print(list(ex.map(square, range(5))))\n"
                       "    print(ex.submit(square, 7).result())\n"
                       "    print('end')\n";
        const auto path = script((std::string("pool_") + method + ".py").c_str(), text.c_str());
        ScriptOptions options;
        options.timeLimitSeconds = 30;
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path, options);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QVERIFY2(timer.elapsed() < 20'000, "the run waited for the time limit");
        QCOMPARE(run.result.output, python3Output(path));
        QCOMPARE(run.exitCode, 0);
        QVERIFY(!run.cutShort);
    }

private slots:
    void aProcessPoolForkedRunsAndEnds() { processPoolRunsAndEnds("fork"); }
    void aProcessPoolSpawnedRunsAndEnds() { processPoolRunsAndEnds("spawn"); }
    void aProcessPoolFromAForkserverRunsAndEnds() { processPoolRunsAndEnds("forkserver"); }

    void multiprocessingProcessesPrintAsUnderPython3()
    {
        const auto path = script("mp_print.py", "import multiprocessing as mp\n"
                                                "def hello(n):\n"
                                                "    print('hello from', n)\n"
                                                "if __name__ == '__main__':\n"
                                                "    ps = [mp.Process(target=hello, args=(n,)) for n in range(3)]\n"
                                                "    for p in ps:\n"
                                                "        p.start()\n"
                                                "        p.join()\n"
                                                "    print('exit codes', [p.exitcode for p in ps])\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, python3Output(path));
        // Each process a lane of its own, with what it printed, ended by its exit code; the join
        // waits for that end.
        const Trace &t = run.result.trace;
        for (int n = 0; n < 3; ++n) {
            const auto name = "Process-" + std::to_string(n + 1);
            std::uint32_t lane = NoLane;
            for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
                if (t.laneName(i) == name)
                    lane = i;
            QVERIFY(lane != NoLane);
            QCOMPARE(t.lanes[lane].kind, LaneKind::Process);
            std::vector<std::string> printed;
            std::uint32_t done = NoEvent, joined = NoEvent;
            for (std::uint32_t i = 0; i < t.events.size(); ++i) {
                const Event &e = t.events[i];
                if (e.lane == lane && e.eventKind() == EventKind::Output)
                    printed.emplace_back(t.detail(e));
                if (e.lane == lane && e.eventKind() == EventKind::Done && t.detail(e) == "exit code 0")
                    done = i;
                if (e.lane == 0 && e.eventKind() == EventKind::Resume && done != NoEvent && e.cause == done)
                    joined = i;
            }
            QCOMPARE(printed, std::vector<std::string>{"hello from " + std::to_string(n)});
            QVERIFY(done != NoEvent);
            QVERIFY(joined != NoEvent);
        }
    }

    void aPoolsForkedWorkersShowTheJobsTheyTake()
    {
        const auto path = script("pool_jobs.py", "from concurrent.futures import ProcessPoolExecutor\n"
                                                 "def square(n):\n"
                                                 "    return n * n\n"
                                                 "if __name__ == '__main__':\n"
                                                 "    with ProcessPoolExecutor(max_workers=2) as ex:\n"
                                                 "        print(list(ex.map(square, range(4))))\n");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, std::vector<std::string>{"[0, 1, 4, 9]"});
        const Trace &t = run.result.trace;
        // Each job: a Submit where map() is called, an Enter on the worker process that took it
        // (caused by that Submit), a Leave with what it returned.
        int jobs = 0;
        for (std::uint32_t i = 0; i < t.events.size(); ++i) {
            const Event &e = t.events[i];
            if (e.eventKind() != EventKind::Enter || t.lanes[e.lane].kind != LaneKind::Process)
                continue;
            ++jobs;
            QVERIFY(e.cause < i);
            const Event &submit = t.events[e.cause];
            QCOMPARE(submit.eventKind(), EventKind::Submit);
            QCOMPARE(std::string(t.detail(submit)), "submit " + std::string(t.detail(e)));
            QCOMPARE(t.location(submit).line, 6u);
            const std::string n(t.detail(e).substr(7, 1)); // square(N)
            for (std::uint32_t j = i + 1; j < t.events.size(); ++j)
                if (t.events[j].lane == e.lane && t.events[j].eventKind() == EventKind::Leave) {
                    QCOMPARE(std::string(t.detail(t.events[j])), std::to_string(std::stoi(n) * std::stoi(n)));
                    break;
                }
        }
        QCOMPARE(jobs, 4);
        // The `with` waits for the workers; each ends with its exit code.
        bool shutdown = false;
        int ended = 0;
        for (const auto &e : t.events) {
            shutdown = shutdown || (e.lane == 0 && e.eventKind() == EventKind::Suspend && t.detail(e) == "shutdown(wait=True)");
            ended += t.lanes[e.lane].kind == LaneKind::Process && e.eventKind() == EventKind::Done
                && t.detail(e) == "exit code 0";
        }
        QVERIFY(shutdown);
        QCOMPARE(ended, 2);
    }

    void aForkedChildNeverWritesIntoTheStreamNorHoldsTheRun()
    {
        // The child prints, records nothing, and sleeps on with the pipes open: the run ends with
        // the script, and the child with it.
        const auto path = script("fork_sleeper.py", "import os, time\n"
                                                    "def gen():\n"
                                                    "    yield 1\n"
                                                    "r, w = os.pipe()\n"
                                                    "pid = os.fork()\n"
                                                    "if pid == 0:\n"
                                                    "    print('child', list(gen()), flush=True)\n"
                                                    "    os.write(w, b'x')\n"
                                                    "    time.sleep(100)\n"
                                                    "    os._exit(0)\n"
                                                    "print('pid', pid)\n"
                                                    "os.read(r, 1)\n"
                                                    "print('parent ends')\n");
        ScriptOptions options;
        options.timeLimitSeconds = 30;
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path, options);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QVERIFY2(timer.elapsed() < 10'000, "the run waited for the child");
        const auto &out = run.result.output;
        QVERIFY(std::find(out.begin(), out.end(), "parent ends") != out.end());
        QVERIFY(std::find(out.begin(), out.end(), "child [1]") != out.end()); // (its own stdout)
        QVERIFY(allEnded(printedPids(out)));
    }

    void theTimeLimitEndsEverythingTheScriptStarted()
    {
        // A thread that never ends, a child that ignores SIGTERM, an orphan that double-forked and
        // left the group: the run returns within a second of the limit, with what was printed.
        const auto path = script("everything.py", "import os, signal, subprocess, sys, threading, time\n"
                                                  "threading.Thread(target=lambda: time.sleep(1000)).start()\n"
                                                  "stubborn = subprocess.Popen([sys.executable, '-c', 'import signal, time; "
                                                  "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(1000)'])\n"
                                                  "print('pid', stubborn.pid)\n"
                                                  "r, w = os.pipe()\n"
                                                  "if os.fork() == 0:\n"
                                                  "    os.setsid()\n"
                                                  "    if os.fork() == 0:\n"
                                                  "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                                                  "        os.write(w, str(os.getpid()).encode())\n"
                                                  "        time.sleep(1000)\n"
                                                  "    os._exit(0)\n"
                                                  "print('pid', os.read(r, 20).decode())\n"
                                                  "print('waiting', flush=True)\n"
                                                  "while True:\n"
                                                  "    pass\n");
        ScriptOptions options;
        options.timeLimitSeconds = 1.5;
        QElapsedTimer timer;
        qint64 began = -1; // the run's start, past the interpreter's (a pyenv shim takes seconds on a busy machine)
        options.progress = [&](const Trace &) {
            if (began < 0)
                began = timer.elapsed();
        };
        timer.start();
        const auto run = runScript(path, options);
        const auto elapsed = timer.elapsed() - began;
        QVERIFY2(QString::fromStdString(run.result.error).startsWith("time limit"), run.result.error.c_str());
        QVERIFY(began >= 0);
        QVERIFY2(elapsed < 2'500, qPrintable(QString::number(elapsed)));
        const auto pids = printedPids(run.result.output);
        QCOMPARE(pids.size(), std::size_t(2));
        QCOMPARE(run.result.output.back(), std::string("waiting"));
        QVERIFY(allEnded(pids));
    }

    void stopEndsEverythingTheScriptStarted()
    {
        // Stop while the script runs C code that no signal handler interrupts soon, its children
        // ignoring SIGTERM: killed after the grace, within a second of Stop.
        const auto path = script("stopped.py", "import os, signal, subprocess, sys, time\n"
                                               "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                                               "kids = [subprocess.Popen([sys.executable, '-c', 'import signal, time; "
                                               "signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(1000)'])\n"
                                               "        for _ in range(2)]\n"
                                               "for k in kids:\n"
                                               "    print('pid', k.pid)\n"
                                               "print('running', flush=True)\n"
                                               "time.sleep(0.2)\n"
                                               "while True:\n"
                                               "    time.sleep(0.01)\n");
        std::atomic<bool> stop{false};
        ScriptOptions options;
        options.clock = ClockMode::Real;
        options.timeLimitSeconds = 30;
        options.stop = &stop;
        QElapsedTimer timer;
        qint64 stoppedAt = -1;
        options.progress = [&](const Trace &t) {
            for (const auto &e : t.events)
                if (e.eventKind() == EventKind::Output && t.detail(e) == "running" && stoppedAt < 0) {
                    stoppedAt = timer.elapsed();
                    stop = true;
                }
        };
        timer.start();
        const auto run = runScript(path, options);
        QVERIFY(stoppedAt >= 0);
        QVERIFY2(timer.elapsed() - stoppedAt < 1'000, qPrintable(QString::number(timer.elapsed() - stoppedAt)));
        QCOMPARE(run.result.error, std::string("stopped: the run was cancelled"));
        const auto pids = printedPids(run.result.output);
        QCOMPARE(pids.size(), std::size_t(2));
        QVERIFY(allEnded(pids));
    }

    void aFinishedRunLeavesNothingRunning()
    {
        // python3 would leave the child running after it exits; the run ends it.
        const auto path = script("leaves_child.py", "import subprocess, sys\n"
                                                    "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(1000)'])\n"
                                                    "print('pid', p.pid)\n");
        QElapsedTimer timer;
        timer.start();
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QVERIFY(timer.elapsed() < 10'000);
        QVERIFY(allEnded(printedPids(run.result.output)));
    }
};

QTEST_GUILESS_MAIN(TestProcesses)
#include "tst_processes.moc"
