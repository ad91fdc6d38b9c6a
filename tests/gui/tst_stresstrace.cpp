// A stress run (10,000 tasks, 100,000 switches) saved to a file opens in the window, grouped and
// readable (one summary lane for the 10,000 switchers), and the window stays usable on it: the
// cursor moves to the end and the panes follow. COROSCOPE_STRESS_TRACE=FILE keeps the trace there
// (tools/screenshots.sh pictures it).
#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "timeline/TimelineWidget.h"
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace coroscope::stress {

Task<> switcher(int switches)
{
    for (int i = 0; i < switches; ++i)
        co_await sleep(0);
}

Task<> main(int tasks, int switches)
{
    std::vector<Task<>> all;
    for (int i = 0; i < tasks; ++i)
        all.push_back(switcher(switches));
    co_await gather(std::move(all));
}

} // namespace coroscope::stress

using namespace coroscope;

class TestStressTrace : public QObject
{
    Q_OBJECT
private slots:
    void tenThousandTasksOpenInTheApp()
    {
        RunOptions options;
        options.eventBudget = 5'000'000;
        const auto result = runProgram([] { run(stress::main(10'000, 10)); }, options,
                                       {{"sample", "stress"}});
        QVERIFY2(result.ok(), result.error.c_str());
        QVERIFY(result.trace.lanes.size() > 10'000);
        std::size_t resumes = 0;
        for (const auto &e : result.trace.events)
            resumes += e.eventKind() == EventKind::Resume;
        QVERIFY(resumes >= 100'000);

        QTemporaryDir dir;
        const QString keep = qEnvironmentVariable("COROSCOPE_STRESS_TRACE");
        const QString path = keep.isEmpty() ? dir.filePath(QStringLiteral("stress.coroscope")) : keep;
        std::string error;
        QVERIFY2(writeTraceFile(result.trace, path.toStdString(), &error), error.c_str());

        MainWindow window(false, QStringLiteral("en"));
        window.setErrorReporter([](const QString &, const QString &text) { qWarning("%s", qPrintable(text)); });
        window.resize(1600, 900);
        window.show();
        QSignalSpy shown(&window, &MainWindow::traceShown);
        window.openTrace(path);
        QVERIFY(shown.wait(60000));
        QCOMPARE(window.document()->trace().events.size(), result.trace.events.size());

        // Grouped and readable: the 10,000 tasks are one folded group, and what is left fits the
        // view in roomy rows.
        const TimelineWidget *timeline = window.timeline();
        QCoreApplication::processEvents();
        const TimelineLanes &lanes = timeline->lanes();
        QCOMPARE(int(lanes.groups().size()), 1);
        QCOMPARE(lanes.group(0).title, std::string("switcher()"));
        QCOMPARE(int(lanes.group(0).rows.size()), 10'000);
        QVERIFY(lanes.group(0).collapsed);
        QCOMPARE(timeline->effectiveDensity(), LaneDensity::Roomy);
        QVERIFY(lanes.contentHeight() <= timeline->rowViewHeight());
        QVERIFY(timeline->overviewShown());

        QElapsedTimer timer;
        timer.start();
        window.cursor()->toEnd();
        QCoreApplication::processEvents();
        QCOMPARE(window.cursor()->cursor(), qint64(result.trace.events.size()) - 1);
        QVERIFY(!window.grab().isNull()); // paints the whole window at the end of the run
        qInfo("moved to the end and painted in %lld ms", qint64(timer.elapsed()));
    }
};

QTEST_MAIN(TestStressTrace)
#include "tst_stresstrace.moc"
