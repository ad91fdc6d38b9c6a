// What python3 does, the trace shows: scripts written as people write them, each run plainly with
// python3 (the oracle, on the real clock) and under the tracer on the virtual clock, compared as a
// user sees them (printed lines, stderr, exit code), and checked where the virtual clock could
// otherwise show an order the program never takes (docs/pytrace.md, "The virtual clock").
#include "pytrace/ScriptRun.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

struct PlainRun {
    std::vector<std::string> output;
    std::string errorText;
    int exitCode = -1;
};

// python3 -u SCRIPT from the script's folder, stdin at end-of-file: what the learner's terminal
// shows (line-buffered there; unbuffered here, which keeps the same order).
PlainRun runPlain(const std::string &script)
{
    QProcess p;
    p.setWorkingDirectory(QFileInfo(QString::fromStdString(script)).absolutePath());
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(QString::fromStdString(detail::pythonInterpreter({})), {"-u", QString::fromStdString(script)});
    if (!p.waitForFinished(60000))
        qFatal("python3 %s did not finish", script.c_str());
    PlainRun r;
    QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (out.endsWith('\n'))
        out.chop(1);
    if (!out.isEmpty())
        for (const auto &line : out.split('\n'))
            r.output.push_back(line.toStdString());
    r.errorText = QString::fromUtf8(p.readAllStandardError()).trimmed().toStdString();
    r.exitCode = p.exitCode();
    return r;
}

std::string joined(const std::vector<std::string> &reports)
{
    std::string all;
    for (const auto &r : reports)
        all += (all.empty() ? "" : "\n") + r;
    return all;
}

std::vector<std::uint32_t> eventsOfKind(const Trace &t, EventKind kind, std::string_view detail = {})
{
    std::vector<std::uint32_t> seqs;
    for (std::uint32_t i = 0; i < t.events.size(); ++i)
        if (t.events[i].eventKind() == kind && (detail.empty() || t.detail(t.events[i]) == detail))
            seqs.push_back(i);
    return seqs;
}

} // namespace

class TestFidelity : public QObject
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

    // Runs `path` both ways and compares what a user sees; returns the traced run.
    ScriptRun sameAsPython3(const std::string &path)
    {
        const auto plain = runPlain(path);
        auto traced = runScript(path);
        [&] {
            QCOMPARE(traced.result.output, plain.output);
            QCOMPARE(joined(traced.result.errorOutput), plain.errorText);
            QCOMPARE(traced.exitCode, plain.exitCode);
        }();
        return traced;
    }

private slots:
    // Issue 24, item 1: of two timers due at the same nominal instant, the one armed later fires later
    // (python3's clock moves on between the two calls); heapq's sifting must not decide.
    void equalSleepsEndInTheOrderTheyBegan()
    {
        const auto path = script("knights.py", R"py(import asyncio

async def say(name):
    await asyncio.sleep(1)
    print(name, "says Ni!")

async def main():
    await asyncio.gather(*(say(n) for n in ["John", "Terry", "Graham", "Eric", "Michael", "Terry J"]))

asyncio.run(main())
)py");
        const auto run = sameAsPython3(path);
        QCOMPARE(run.result.output.front(), std::string("John says Ni!"));
        // The six timers fire at 1 s in the order they were armed.
        const Trace &t = run.result.trace;
        std::vector<std::uint32_t> armedBy;
        for (auto fire : eventsOfKind(t, EventKind::TimerFire))
            armedBy.push_back(t.events[fire].cause);
        QCOMPARE(armedBy.size(), std::size_t(6));
        QVERIFY(std::is_sorted(armedBy.begin(), armedBy.end()));
    }

    void equalDelaysArmedAtDifferentTimesKeepTheirOrder()
    {
        const auto path = script("greetings.py", R"py(import asyncio

async def gr1():
    print("gr1 started")
    await asyncio.sleep(2)
    print("gr1 ended")

async def gr2():
    print("gr2 started")
    await asyncio.sleep(2)
    print("gr2 ended")

async def gr3():
    print("gr3 started")
    await asyncio.sleep(1)
    print("gr3 ended")

async def main():
    await asyncio.gather(gr1(), gr2(), gr3())
    loop = asyncio.get_running_loop()
    loop.call_later(0.5, print, "x")
    loop.call_later(0.25, print, "y")
    loop.call_later(0.25, print, "z")
    await asyncio.sleep(1)

asyncio.run(main())
)py");
        const auto run = sameAsPython3(path);
        QCOMPARE(run.result.output, (std::vector<std::string>{"gr1 started", "gr2 started", "gr3 started", "gr3 ended",
                                                              "gr1 ended", "gr2 ended", "y", "z", "x"}));
    }

    // Item 5: a busy wait on the clock ends as under python3 (the clock follows real time while the
    // script spins on it), both on the loop and in plain code.
    void aBusyWaitOnTheClockEnds()
    {
        const auto path = script("busy.py", R"py(import asyncio
import time

async def heartbeat():
    for i in range(3):
        print("beat", i)
        await asyncio.sleep(0.1)

async def wait_until(deadline):
    spins = 0
    while time.time() < deadline:
        spins += 1
        await asyncio.sleep(0)
    print("deadline reached after some spins:", spins > 10)

async def main():
    await asyncio.gather(wait_until(time.time() + 0.4), heartbeat())

asyncio.run(main())
start = time.monotonic()
while time.monotonic() - start < 0.2:
    pass
print("done")
)py");
        QElapsedTimer timer;
        timer.start();
        const auto run = sameAsPython3(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QVERIFY(timer.elapsed() < 30000);
    }

    // Item 6: while a thread of the script runs, time is real: the spinner draws its frames.
    void aSpinnerThreadDrawsItsFramesWhileMainSleeps()
    {
        const auto path = script("spinner.py", R"py(import itertools
import threading
import time

stop = threading.Event()
frames = 0

def spin():
    global frames
    for ch in itertools.cycle("|/-\\"):
        if stop.is_set():
            break
        frames += 1
        time.sleep(0.1)

t = threading.Thread(target=spin)
t.start()
time.sleep(1)
stop.set()
t.join()
print("about ten frames:", 7 <= frames <= 13)
)py");
        QElapsedTimer timer;
        timer.start();
        sameAsPython3(path);
    }

    // Item 7: one clock. Every wall-clock reading follows the run's clock from the real moment it
    // began; a 3 s sleep takes no real time on the virtual clock and reads as 3 s everywhere.
    void everyWallClockReadingFollowsTheRunsClock()
    {
        const auto path = script("clocks.py", R"py(import asyncio
import datetime
import time

async def job():
    await asyncio.sleep(3)

start = datetime.datetime.now()
t0, m0, s0 = time.time(), time.monotonic(), time.strftime("%H:%M:%S")
today = datetime.date.today()
asyncio.run(job())
time.sleep(2)
print("datetime:", round((datetime.datetime.now() - start).total_seconds()))
print("time:", round(time.time() - t0), "monotonic:", round(time.monotonic() - m0))
print("strftime moved:", time.strftime("%H:%M:%S") != s0)
print("localtime:", round(time.mktime(time.localtime()) - time.mktime(time.localtime(t0))))
print("ctime is now:", time.ctime() == time.ctime(time.time()))
print("today:", datetime.date.today() >= today)
)py");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, (std::vector<std::string>{"datetime: 5", "time: 5 monotonic: 5", "strftime moved: True",
                                                              "localtime: 5", "ctime is now: True", "today: True"}));
        // Starting from the real moment: the run's wall clock is near the real one.
        const auto now = script("now.py", "import time\nprint(round(time.time()))\n");
        const auto nowRun = runScript(now);
        const auto real = QDateTime::currentSecsSinceEpoch();
        QVERIFY(std::abs(std::stoll(nowRun.result.output.at(0)) - real) <= 5);
    }

    // Item 8: what the script sees of itself is python3's: the loop's and handles' reprs and types,
    // tracebacks without the tracer's frames, warnings where python3 gives them.
    void theScriptSeesAsyncioAsPython3ShowsIt()
    {
        const auto path = script("selfimage.py", R"py(import asyncio

async def main():
    loop = asyncio.get_running_loop()
    print(loop)
    print(type(loop).__name__, type(loop).__module__)
    print(type(asyncio.current_task()), type(loop.create_future()))
    print(type(asyncio.get_event_loop_policy()).__name__)
    h = loop.call_soon(print, "handled")
    print(h, type(h).__name__)
    t = loop.call_later(5, print)
    print(type(t).__name__)
    t.cancel()

asyncio.run(main())
loop = asyncio.new_event_loop()
print(loop)
loop.close()
print(loop)
)py");
        sameAsPython3(path);
    }

    void anExceptionLeavingAsyncioRunPrintsPython3sTraceback()
    {
        const auto path = script("escapes.py", R"py(import asyncio

async def fetch(n):
    await asyncio.sleep(0.1)
    if n == 2:
        raise ConnectionError(f"server {n} refused")
    return n

async def main():
    results = []
    for n in range(3):
        task = asyncio.create_task(fetch(n))
        results.append(await task)
    print(results)

asyncio.run(main())
)py");
        const auto run = sameAsPython3(path);
        QVERIFY(joined(run.result.errorOutput).find("runners.py") != std::string::npos);
    }

    void neverAwaitedCoroutinesWarnAsPython3Warns()
    {
        const auto path = script("forgot.py", R"py(import asyncio

async def save(record):
    print("saving", record)

async def crash():
    raise RuntimeError("disk full")

async def main():
    save("a")
    asyncio.create_task(crash())
    await asyncio.sleep(0.1)

pending = save("b")
asyncio.run(main())
print("end")
)py");
        sameAsPython3(path);
    }

    // Item 9: a subprocess protocol hears its data, then its pipes closing, then the exit.
    void aSubprocessProtocolHearsItsOutputBeforeTheExit()
    {
        const auto path = script("dfproto.py", R"py(import asyncio
import sys

class Collect(asyncio.SubprocessProtocol):
    def __init__(self, done):
        self.done = done
        self.output = b""
        self.heard = []

    def pipe_data_received(self, fd, data):
        self.output += data
        if not self.heard or self.heard[-1] != "data":
            self.heard.append("data")

    def pipe_connection_lost(self, fd, exc):
        self.heard.append("pipe closed")

    def process_exited(self):
        self.heard.append("exited")
        print("rows when it exited:", self.output.count(b"row"))

    def connection_lost(self, exc):
        self.done.set_result(self.heard)

async def main():
    loop = asyncio.get_running_loop()
    for n in (1, 3, 2000):
        done = loop.create_future()
        code = f"for i in range({n}): print('row', i)"
        await loop.subprocess_exec(lambda: Collect(done), sys.executable, "-c", code, stdin=None)
        print(await done)

asyncio.run(main())
)py");
        for (int i = 0; i < 3; ++i) {
            const auto run = runScript(path);
            QVERIFY2(run.ok(), run.result.error.c_str());
            QCOMPARE(run.result.output,
                     (std::vector<std::string>{"rows when it exited: 1", "['data', 'pipe closed', 'pipe closed', 'exited']",
                                               "rows when it exited: 3", "['data', 'pipe closed', 'pipe closed', 'exited']",
                                               "rows when it exited: 2000", "['data', 'pipe closed', 'pipe closed', 'exited']"}));
        }
    }

    // Item 10: a task suspended inside asyncio.wait(), Queue.get() or a TaskGroup's end is shown
    // at the script's own await.
    void suspensionsPointAtTheScriptsAwait()
    {
        const auto path = script("awaits.py", R"py(import asyncio

async def worker(q):
    item = await q.get()
    print("got", item)

async def slow():
    await asyncio.sleep(0.5)

async def main():
    q = asyncio.Queue()
    w = asyncio.create_task(worker(q))
    done, pending = await asyncio.wait([asyncio.create_task(slow())])
    await q.put("job")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(slow())
    await w

asyncio.run(main())
)py");
        const auto run = runScript(path);
        QVERIFY2(run.ok(), run.result.error.c_str());
        const Trace &t = run.result.trace;
        // Line of each task's suspension, by what it waits for.
        std::map<std::string, int> lineOf;
        for (auto seq : eventsOfKind(t, EventKind::Suspend)) {
            const auto &e = t.events[seq];
            const auto &loc = t.location(e);
            const std::string file(t.fileName(loc));
            QVERIFY2(file.find("asyncio") == std::string::npos,
                     (std::string(t.detail(e)) + " at " + t.locationText(e)).c_str());
            lineOf[std::string(t.laneName(e.lane)) + " " + std::string(t.detail(e))] = int(loc.line);
        }
        QCOMPARE(lineOf["Task-2 worker() Queue.get (empty)"], 4);
        QCOMPARE(lineOf["Task-1 main() wait(...)"], 13);
    }
};

QTEST_GUILESS_MAIN(TestFidelity)
#include "tst_fidelity.moc"
