// The window under faults and hostile input: each runtime fault is visible (a marker on its lane,
// the report in the console's stderr, the status bar), a runaway run and a huge file stay off the
// GUI thread and can be cancelled while the window keeps answering, and a failed save keeps the
// old file and says so.
#include "gui/ExportMenu.h"
#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"
#include "../runtime/RuntimeTestSupport.h"
#include "runtime/Asyncio.h"
#include "runtime/Executor.h"
#include "runtime/Streams.h"
#include "timeline/TimelineExport.h"
#include "timeline/TimelineWidget.h"
#include "trace/TraceFile.h"
#include "views/ConsolePane.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

using namespace coroscope;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace faults {

Task<> orphan()
{
    throw ValueError("nobody listens");
    co_return;
}
Task<> orphanMain()
{
    create_task(orphan());
    co_await sleep(1);
    print("main goes on");
}

Generator<int> faulty()
{
    co_yield 1;
    throw ValueError("inside the generator");
}
Task<> generatorMain()
{
    auto g = faulty();
    print(next(g));
    print(next(g));
    co_return;
}

Task<> child(int n)
{
    co_await sleep(n);
    print("child done");
}
Task<> gatherMain()
{
    auto g = gather(child(1), child(2));
    co_await sleep(0.5);
    g.cancel();
    co_await g; // CancelledError ends main
}

Task<> deadlockMain()
{
    co_await create_future<int>("never set");
}

Task<> spin()
{
    while (true)
        co_await sleep(0);
}

void bad()
{
    throw ValueError("in callback");
}
Task<> callbackMain()
{
    get_running_loop().call_soon(bad);
    co_await sleep(0.1);
    print("main continues");
}

Task<> nothing(StreamReader, StreamWriter)
{
    co_return;
}
Task<> bindMain()
{
    auto server = co_await start_server(nothing, "127.0.0.1", 0);
    auto [host, port] = server.sockets()[0].getsockname();
    co_await start_server(nothing, "127.0.0.1", port); // address already in use
}

int listeningSocket(int *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr {};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    ::listen(fd, 1);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    *port = ntohs(addr.sin_port);
    return fd;
}
Task<> resetMain()
{
    int port = 0;
    const int ls = listeningSocket(&port);
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);
    const int conn = ::accept(ls, nullptr, nullptr);
    linger lg {1, 0}; // close with SO_LINGER 0: the peer resets the connection
    ::setsockopt(conn, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    ::close(conn);
    ::close(ls);
    print(repr(co_await reader.readline())); // ConnectionResetError, uncaught
}

int badJob(int x)
{
    throw ValueError(f("bad job {}", x));
}
void workerModule()
{
    ThreadPoolExecutor pool(1);
    auto g = pool.submit(badJob, 3);
    g.result(); // re-raises the worker's exception here
}

int answer()
{
    return 42;
}
void raiseInCallback(ConcurrentFuture<int>)
{
    throw ValueError("in done callback");
}
void workerCallbackModule()
{
    ThreadPoolExecutor pool(1);
    auto f = pool.submit(answer);
    f.add_done_callback(raiseInCallback); // runs on the worker thread
    print("result", f.result());
}

} // namespace faults
} // namespace coroscope

Q_DECLARE_METATYPE(std::function<void()>)

using coroscope::testing::realTime;

class TestRobustness : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void faultIsVisible_data();
    void faultIsVisible();
    void runawayRunIsCancelledWhileTheWindowAnswers();
    void hugeFileIsRefusedFastWhileTheWindowAnswers_data();
    void hugeFileIsRefusedFastWhileTheWindowAnswers();
    void traceFromAPipe();
    void failedSaveKeepsTheOldFile();
    void failedExportsKeepTheOldFiles();
    void saveOverADirectoryFails();

private:
    bool runAndWait(const QString &name, std::function<void()> module, RunOptions options = {});
    std::uint32_t laneNamed(const std::string &name) const;
    std::uint32_t lastEventOn(std::uint32_t lane, EventKind kind) const;

    std::unique_ptr<MainWindow> m_window;
    QStringList m_errors;
    QTemporaryDir m_dir;
};

void TestRobustness::init()
{
    m_errors.clear();
    m_window = std::make_unique<MainWindow>(/*persistent=*/false);
    m_window->setLanguage(QStringLiteral("en"), false);
    m_window->setErrorReporter([this](const QString &title, const QString &text) {
        m_errors << title + QStringLiteral(": ") + text;
    });
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
    QVERIFY(QSignalSpy(m_window.get(), &MainWindow::traceShown).wait(10000)); // runs off the GUI thread
}

void TestRobustness::cleanup()
{
    m_window.reset();
}

bool TestRobustness::runAndWait(const QString &name, std::function<void()> module, RunOptions options)
{
    QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
    m_window->runProgram(name, std::move(module), std::move(options));
    return shown.wait(20000) && shown.first().first().toString() == name;
}

std::uint32_t TestRobustness::laneNamed(const std::string &name) const
{
    const auto &trace = m_window->document()->trace();
    for (std::uint32_t i = 0; i < trace.lanes.size(); ++i)
        if (trace.laneName(i) == name)
            return i;
    return NoLane;
}

std::uint32_t TestRobustness::lastEventOn(std::uint32_t lane, EventKind kind) const
{
    const auto &events = m_window->document()->trace().events;
    for (auto i = events.size(); i-- > 0;)
        if (events[i].lane == lane && events[i].eventKind() == kind)
            return std::uint32_t(i);
    return NoEvent;
}

// Each fault: the program, its clock, the lane that shows it (its last event of a kind: an error,
// a cancellation, a worker's failed job, with a marker and a tool tip), and the text the console's
// stderr shows.
void TestRobustness::faultIsVisible_data()
{
    QTest::addColumn<std::function<void()>>("module");
    QTest::addColumn<bool>("realClock");
    QTest::addColumn<QString>("lane");
    QTest::addColumn<int>("laneEvent"); // EventKind of the event that shows it
    QTest::addColumn<QString>("laneText"); // in its tool tip
    QTest::addColumn<QString>("stderrText");
    QTest::addColumn<bool>("stopsTheRun");

    using F = std::function<void()>;
    QTest::newRow("task exception never retrieved")
        << F([] { run(faults::orphanMain()); }) << false << "Task-2 orphan()" << int(EventKind::Error)
        << "ValueError: nobody listens"
        << "Task exception was never retrieved" << false;
    QTest::newRow("exception inside a generator")
        << F([] { run(faults::generatorMain()); }) << false << "Task-1 generatorMain()"
        << int(EventKind::Error) << "ValueError: inside the generator"
        << "ValueError: inside the generator" << true;
    QTest::newRow("cancellation in the middle of a gather")
        << F([] { run(faults::gatherMain()); }) << false << "Task-2 child()" << int(EventKind::Cancel)
        << "CancelledError"
        << "CancelledError" << true;
    QTest::newRow("deadlock") << F([] { run(faults::deadlockMain()); }) << false << "<module>"
                              << int(EventKind::Fault) << "deadlock"
                              << "deadlock: the event loop has nothing left" << true;
    QTest::newRow("event budget") << F([] { run(faults::spin()); }) << false << "<module>"
                                  << int(EventKind::Fault) << "event budget exceeded"
                                  << "event budget exceeded" << true;
    QTest::newRow("exception in a callback") << F([] { run(faults::callbackMain()); }) << false
                                             << "Task-1 callbackMain()" << int(EventKind::Done) << "None"
                                             << "Exception in callback" << false;
    QTest::newRow("server cannot bind") << F([] { run(faults::bindMain()); }) << true << "Task-1 bindMain()"
                                        << int(EventKind::Error) << "address already in use"
                                        << "OSError: [Errno 98]" << true;
    QTest::newRow("connection reset by the peer")
        << F([] { run(faults::resetMain()); }) << true << "Task-1 resetMain()" << int(EventKind::Error)
        << "ConnectionResetError"
        << "ConnectionResetError: [Errno 104] Connection reset by peer" << true;
    QTest::newRow("worker thread throws") << F(faults::workerModule) << true << "ThreadPoolExecutor-0_0"
                                          << int(EventKind::Leave) << "raised ValueError: bad job 3"
                                          << "ValueError: bad job 3" << true;
    QTest::newRow("done callback raises on a worker thread")
        << F(faults::workerCallbackModule) << true << "ThreadPoolExecutor-0_0" << int(EventKind::Leave)
        << "42"
        << "exception calling callback for <Future " << false;
}

void TestRobustness::faultIsVisible()
{
    QFETCH(std::function<void()>, module);
    QFETCH(bool, realClock);
    QFETCH(QString, lane);
    QFETCH(int, laneEvent);
    QFETCH(QString, laneText);
    QFETCH(QString, stderrText);
    QFETCH(bool, stopsTheRun);

    RunOptions options = realClock ? realTime() : RunOptions {};
    if (QByteArray(QTest::currentDataTag()) == "event budget")
        options.eventBudget = 5000;
    QVERIFY(runAndWait(QString::fromLatin1(QTest::currentDataTag()), module, options));
    QVERIFY(m_errors.isEmpty()); // a fault in the program is shown, not a dialog

    // On its lane: the lane's last event, with a marker and a tool tip that says what happened.
    const auto laneIndex = laneNamed(lane.toStdString());
    QVERIFY2(laneIndex != NoLane, qPrintable(lane));
    const auto seq = lastEventOn(laneIndex, EventKind(laneEvent));
    QVERIFY(seq != NoEvent);
    m_window->cursor()->setCursor(seq);
    QTest::qWait(50); // the replot
    const QString tip = m_window->timeline()->eventToolTip(seq);
    QVERIFY2(tip.contains(laneText.toHtmlEscaped()), qPrintable(tip));
    QVERIFY(m_window->timeline()->eventPosition(seq).x() >= 0); // drawn

    // In the console, as stderr (dark red).
    auto *console = m_window->consolePane();
    QVERIFY2(console->errorText().contains(stderrText), qPrintable(console->errorText()));
    QVERIFY(console->errorView()->isVisible());
    QCOMPARE(console->errorView()->palette().color(QPalette::Text), QColor(0x8b, 0x00, 0x00));
    // tools/screenshots.sh keeps these pictures for docs/robustness.md.
    if (const QString dir = qEnvironmentVariable("COROSCOPE_SHOTS_DIR"); !dir.isEmpty())
        m_window->grab().save(dir + QStringLiteral("/fault-")
                              + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + QStringLiteral(".png"));

    // A run that stopped says so in the status bar, and its trace ends with the Fault event.
    QCOMPARE(!m_window->document()->error().isEmpty(), stopsTheRun);
    if (stopsTheRun) {
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("The run stopped: ")));
        QCOMPARE(m_window->document()->trace().events.back().eventKind(), EventKind::Fault);
    }
}

// A program that never ends (sleep(0) forever, with no budget to stop it) runs on a worker thread:
// the GUI thread's timers keep ticking, Cancel stops the run, and the trace shown before stays.
void TestRobustness::runawayRunIsCancelledWhileTheWindowAnswers()
{
    const auto before = m_window->document()->origin();
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start(10);

    QSignalSpy finished(m_window->loader(), &TraceLoader::finished);
    RunOptions options;
    options.eventBudget = std::uint64_t(1) << 40;
    QElapsedTimer clock;
    clock.start();
    m_window->runProgram(
        QStringLiteral("runaway"), [] { run(faults::spin()); }, options);
    QTest::qWait(300);
    QVERIFY(m_window->loader()->isBusy());
    QVERIFY2(ticks >= 10, QByteArray::number(ticks)); // the window answered while it ran
    m_window->loader()->cancel();
    QVERIFY(finished.wait(5000));
    QVERIFY2(clock.elapsed() < 5000, QByteArray::number(clock.elapsed()));
    QCOMPARE(finished.first().first().value<TraceLoadResult>().status, TraceLoadResult::Status::Canceled);
    QTRY_COMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Run canceled."));
    QCOMPARE(m_window->document()->origin(), before);
    QVERIFY(m_errors.isEmpty());
}

// 3 GiB files, sparse (no disk space used): one that starts as a real trace and one that starts as
// JSON. Each is refused within a second with a message and a position, while the window answers.
void TestRobustness::hugeFileIsRefusedFastWhileTheWindowAnswers_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("message");
    QTest::addColumn<quint64>("offset");
    const std::string trace = serializeTrace(Trace {}); // a valid, empty trace
    const QByteArray native(trace.data(), qsizetype(trace.size()));
    QTest::newRow("native trace, then zeros")
        << native << QStringLiteral("trailing bytes after the END! section") << quint64(native.size());
    QTest::newRow("JSON, then zeros")
        << QByteArray("{\"traceEvents\":[") << QStringLiteral("line 1, column 17") << quint64(16);
    QTest::newRow("zeros") << QByteArray() << QStringLiteral("not a Coroscope trace file") << quint64(0);
}

void TestRobustness::hugeFileIsRefusedFastWhileTheWindowAnswers()
{
    QFETCH(QByteArray, head);
    QFETCH(QString, message);
    QFETCH(quint64, offset);
    const QString path = m_dir.filePath(QStringLiteral("huge.coroscope"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(head);
    QVERIFY(file.resize(qint64(3) << 30)); // sparse: 3 GiB of zeros that take no disk space
    file.close();

    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start(5);
    QSignalSpy failed(m_window.get(), &MainWindow::loadFailed);
    QElapsedTimer clock;
    clock.start();
    m_window->openTrace(path);
    QVERIFY(failed.wait(10000));
    const auto elapsed = clock.elapsed();
    QVERIFY2(elapsed < 1000, QByteArray::number(elapsed));
    qInfo("refused in %lld ms", elapsed);
    QVERIFY2(failed.first().at(1).toString().contains(message), qPrintable(failed.first().at(1).toString()));
    QCOMPARE(failed.first().at(2).value<quint64>(), offset);
    QCOMPARE(m_errors.size(), 1);
    QVERIFY(m_errors.first().contains(QStringLiteral("at byte offset %1").arg(offset)));
    QFile::remove(path);
}

// A FIFO has no size and cannot seek: it is read as it comes, and the window answers meanwhile.
void TestRobustness::traceFromAPipe()
{
    const QString path = m_dir.filePath(QStringLiteral("pipe.coroscope"));
    QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    const std::string bytes = serializeTrace(m_window->document()->trace());
    std::thread writer([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QFile fifo(path);
        if (fifo.open(QIODevice::WriteOnly)) {
            fifo.write(bytes.data(), qint64(bytes.size() / 2));
            fifo.flush();
            std::this_thread::sleep_for(std::chrono::milliseconds(200)); // half a trace, for a while
            fifo.write(bytes.data() + bytes.size() / 2, qint64(bytes.size() - bytes.size() / 2));
        }
    });
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&ticks] { ++ticks; });
    timer.start(10);
    QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
    m_window->openTrace(path);
    const bool ok = shown.wait(10000);
    writer.join();
    QVERIFY(ok);
    QVERIFY2(ticks >= 10, QByteArray::number(ticks));
    QCOMPARE(m_window->document()->origin(), path);
    QVERIFY(m_errors.isEmpty());
}

// Writing fails half-way (the file size limit, which even root cannot ignore): the old file is
// there as it was, no temporary file is left behind, and the error is shown.
void TestRobustness::failedSaveKeepsTheOldFile()
{
    const QString path = m_dir.filePath(QStringLiteral("kept.coroscope"));
    const QByteArray old("the old file");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(old);
    }
    rlimit saved {};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    rlimit small = saved;
    small.rlim_cur = 64;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // write() fails with EFBIG instead
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const bool saved64 = m_window->saveTrace(path);
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!saved64);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), old);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), QStringList({QStringLiteral("kept.coroscope")}));
    QCOMPARE(m_errors.size(), 1);
    QVERIFY2(m_errors.first().startsWith(QStringLiteral("Could not save trace: Could not write ")),
             qPrintable(m_errors.first()));
    QVERIFY(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Could not save ")));

    // With the limit lifted, the same save goes through.
    QVERIFY(m_window->saveTrace(path));
    TraceFileError error;
    QVERIFY2(readTraceFile(QFile::encodeName(path).toStdString(), &error), error.message.c_str());
}

// The same for File > Export: the timeline as PNG, the trace as Chrome JSON.
void TestRobustness::failedExportsKeepTheOldFiles()
{
    const QString png = m_dir.filePath(QStringLiteral("old.png"));
    const QString json = m_dir.filePath(QStringLiteral("old.json"));
    for (const QString &path : {png, json}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("old");
    }
    rlimit saved {};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    rlimit small = saved;
    small.rlim_cur = 64;
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    QString jsonError;
    const bool pngSaved = m_window->exportMenu()->exportImage(png, QSize(400, 200));
    const bool jsonSaved
        = TimelineExporter::exportChromeTrace(m_window->document()->trace(), json, &jsonError);
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY(!pngSaved);
    QVERIFY(!jsonSaved);
    QVERIFY2(jsonError.contains(QStringLiteral("could be written")), qPrintable(jsonError));
    QCOMPARE(m_errors.size(), 1); // the image's, in a dialog
    for (const QString &path : {png, json}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old"));
    }
}

void TestRobustness::saveOverADirectoryFails()
{
    const QString dir = m_dir.filePath(QStringLiteral("a-directory"));
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(!m_window->saveTrace(dir));
    QVERIFY(QFileInfo(dir).isDir());
    QCOMPARE(m_errors.size(), 1);
}

QTEST_MAIN(TestRobustness)
#include "tst_robustness.moc"
