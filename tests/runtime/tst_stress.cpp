// A large run: 10,000 tasks each yielding 10 times (100,000 task switches) completes within a
// budget large enough for it, keeps asyncio's FIFO order, and its trace (hundreds of thousands of
// events, 10,000 lanes) survives the native file format: serialize/parse and write/read give the
// same trace back. A budget too small stops the same program cleanly.
#include "RuntimeTestSupport.h"

#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

constexpr int kTasks = 10'000;
constexpr int kYields = 10;

// async def worker(counter):
//     for _ in range(10):
//         await asyncio.sleep(0)
//         counter[0] += 1
// async def main():
//     counter = [0]
//     tasks = [asyncio.create_task(worker(counter)) for _ in range(10_000)]
//     await asyncio.gather(*tasks)
//     print("switches", counter[0])
// -> switches 100000
namespace many {
Task<> worker(int &counter)
{
    for (int i = 0; i < kYields; ++i) {
        co_await sleep(0);
        ++counter;
    }
}
Task<> main()
{
    int counter = 0;
    std::vector<Future<void>> tasks;
    tasks.reserve(kTasks);
    for (int i = 0; i < kTasks; ++i)
        tasks.push_back(create_task(worker(counter)));
    for (auto &t : tasks)
        co_await t;
    print("switches", counter);
}
} // namespace many

} // namespace
} // namespace coroscope

class TestStress : public QObject
{
    Q_OBJECT
private slots:
    void tenThousandTasks()
    {
        RunOptions options;
        options.eventBudget = 2'000'000;
        QElapsedTimer timer;
        timer.start();
        const auto r = runProgram([] { run(many::main()); }, options);
        const auto runMs = timer.elapsed();
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"switches 100000"}));

        const auto &t = r.trace;
        qInfo("%zu events, %zu lanes, run in %lld ms", t.events.size(), t.lanes.size(), qint64(runMs));
        QCOMPARE(t.lanes.size(), std::size_t(kTasks + 3)); // <module>, event loop, main, the workers
        // Every yield is a suspension and a resumption of its task.
        std::size_t suspends = 0, resumes = 0, starts = 0, dones = 0;
        std::int64_t lastStartLane = -1;
        bool startsInOrder = true;
        for (const auto &e : t.events) {
            switch (e.eventKind()) {
            case EventKind::Suspend:
                ++suspends;
                break;
            case EventKind::Resume:
                ++resumes;
                break;
            case EventKind::Start:
                ++starts;
                startsInOrder = startsInOrder && std::int64_t(e.lane) > lastStartLane;
                lastStartLane = e.lane;
                break;
            case EventKind::Done:
                ++dones;
                break;
            default:
                break;
            }
        }
        QVERIFY2(resumes >= std::size_t(kTasks * kYields), qPrintable(QString::number(resumes)));
        QVERIFY(suspends >= std::size_t(kTasks * kYields));
        QCOMPARE(starts, std::size_t(kTasks + 2)); // + <module> and main
        QCOMPARE(dones, std::size_t(kTasks + 2));
        QVERIFY(startsInOrder); // tasks first run in the order they were created
        QCOMPARE(eventsOf(t, NoLane, {EventKind::Fault}).size(), std::size_t(0));
        // Zero-time yields only: the clock never moved.
        QCOMPARE(t.endTime(), std::int64_t(0));

        // The native format gives the same trace back, in memory and through a file.
        timer.restart();
        const auto bytes = serializeTrace(t);
        TraceFileError error;
        const auto parsed = parseTrace(bytes, &error);
        QVERIFY2(parsed, error.message.c_str());
        QVERIFY(*parsed == t);
        QCOMPARE(serializeTrace(*parsed), bytes); // deterministic

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto path = dir.filePath("stress.coroscope").toStdString();
        std::string writeError;
        QVERIFY2(writeTraceFile(t, path, &writeError), writeError.c_str());
        const auto read = readTraceFile(path, &error);
        QVERIFY2(read, error.message.c_str());
        QVERIFY(*read == t);
        qInfo("%zu bytes, round trips in %lld ms", bytes.size(), qint64(timer.elapsed()));
    }

    void budgetTooSmallStopsCleanly()
    {
        RunOptions options;
        options.eventBudget = 50'000;
        const auto r = runProgram([] { run(many::main()); }, options);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.starts_with("event budget exceeded"), r.error.c_str());
        QVERIFY(r.output.empty());
        const auto &t = r.trace;
        QCOMPARE(t.events.back().eventKind(), EventKind::Fault);
        QVERIFY(t.events.size() <= 50'000 + 16);
        // Even a stopped run's trace round-trips.
        TraceFileError error;
        const auto parsed = parseTrace(serializeTrace(t), &error);
        QVERIFY2(parsed, error.message.c_str());
        QVERIFY(*parsed == t);
    }
};

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
