// Python on CPython in the window: a script of one's own opened (file, drop, command line), a
// sample run on either runtime, a script that does not compile (the run shown before stays), a
// long script watched live and stopped, the compare window with both runtimes of one sample.
#include "gui/Classroom.h"
#include "gui/CommandLine.h"
#include "gui/CompareWindow.h"
#include "gui/MainWindow.h"
#include "model/ConsoleModel.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"
#include "views/CodeView.h"
#include "views/ConsolePane.h"
#include "views/SourcePane.h"

#include <QAction>
#include <QLabel>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

// The event after which `lane` first suspends on `detail`.
qint64 findSuspend(const Trace &t, std::string_view lane, std::string_view detail)
{
    for (std::size_t i = 0; i < t.events.size(); ++i) {
        const Event &e = t.events[i];
        if (e.eventKind() == EventKind::Suspend && t.laneName(e.lane) == lane && t.detail(e) == detail)
            return qint64(i);
    }
    return -1;
}

// Waits until the window shows a run's final trace, past the partial traces of a live run (a run
// slower than the live view's first refresh shows those first).
bool runShown(QSignalSpy &shown, const MainWindow &window)
{
    while (shown.wait(20000))
        if (!window.isLive())
            return true;
    return false;
}

} // namespace

class TestPythonRuns : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_errors.clear();
        m_window = std::make_unique<MainWindow>(/*persistent=*/false);
        m_window->setLanguage(QStringLiteral("en"), false);
        m_window->setErrorReporter([this](const QString &title, const QString &text) { m_errors << title + ": " + text; });
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup() { m_window.reset(); }

    void aScriptOpensOnItsOwnPython()
    {
        const QString path = write("mine.py", "import asyncio\n"
                                              "async def work(n):\n"
                                              "    print(f'work {n} starts')\n"
                                              "    await asyncio.sleep(n)\n"
                                              "    print(f'work {n} ends')\n"
                                              "async def main():\n"
                                              "    await asyncio.gather(work(2), work(1))\n"
                                              "asyncio.run(main())\n");
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->openPath(path);
        QVERIFY(runShown(shown, *m_window));
        TraceDocument *doc = m_window->document();
        QVERIFY(doc->isPythonRun());
        QCOMPARE(doc->scriptPath(), path);
        QCOMPARE(doc->pythonFile(), QStringLiteral("mine.py"));
        QVERIFY2(m_window->windowTitle().contains(QStringLiteral("mine.py · CPython")), qPrintable(m_window->windowTitle()));
        // The script fills the source pane: there is no C++ port of it.
        SourcePane *source = m_window->sourcePane();
        QVERIFY(source->pythonView()->isVisible());
        QVERIFY(!source->cppView()->isVisible());
        // Stepping to a task's sleep highlights the await in the script.
        const qint64 at = findSuspend(doc->trace(), "Task-2 work()", "sleep(2)");
        QVERIFY(at > 0);
        m_window->cursor()->setCursor(at);
        QCOMPARE(source->currentPythonLine(), 4);
        m_window->cursor()->toEnd();
        QCOMPARE(m_window->consolePane()->model()->text(),
                 QStringLiteral("work 2 starts\nwork 1 starts\nwork 1 ends\nwork 2 ends"));
        // Run Again traces it again, from the file: an edit made meanwhile shows.
        write("mine.py", "print('edited')\n");
        shown.clear();
        QVERIFY(m_window->actions().rerun->isEnabled());
        m_window->actions().rerun->trigger();
        QVERIFY(runShown(shown, *m_window));
        m_window->cursor()->toEnd();
        QCOMPARE(m_window->consolePane()->model()->text(), QStringLiteral("edited"));
        QVERIFY(m_errors.isEmpty());
    }

    void aScriptStartingWithBlankLinesHighlightsItsAwait()
    {
        const QString path = write("blank.py", "\n\n# a comment after two blank lines\n"
                                               "import asyncio\n"
                                               "async def main():\n"
                                               "    await asyncio.sleep(1)\n"
                                               "asyncio.run(main())\n");
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->openPath(path);
        QVERIFY(runShown(shown, *m_window));
        const qint64 at = findSuspend(m_window->document()->trace(), "Task-1 main()", "sleep(1)");
        QVERIFY(at > 0);
        m_window->cursor()->setCursor(at);
        SourcePane *source = m_window->sourcePane();
        QCOMPARE(source->currentPythonLine(), 6);
        // The highlighted line of the pane is the await, not two lines below it.
        QVERIFY2(source->pythonView()->text(5).contains(QStringLiteral("await asyncio.sleep(1)")),
                 qPrintable(source->pythonView()->text(5)));
    }

    void aSampleRunsOnEitherRuntime()
    {
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->setRuntime(MainWindow::Runtime::CPython);
        QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
        QVERIFY(runShown(shown, *m_window));
        TraceDocument *doc = m_window->document();
        QVERIFY(doc->isPythonRun());
        QCOMPARE(doc->sampleId(), QStringLiteral("gather-order"));
        QVERIFY(doc->scriptPath().isEmpty()); // a sample's mirror, not a file of the user's
        QCOMPARE(m_window->cursor()->eventCount(), 45);
        // Both panes follow the cursor: the mirror's line is the run's own, the port's through its markers.
        SourcePane *source = m_window->sourcePane();
        QVERIFY(source->cppView()->isVisible());
        m_window->cursor()->setCursor(findSuspend(doc->trace(), "Task-2 task1()", "sleep(2)"));
        QCOMPARE(source->currentPythonLine(), 4);
        QCOMPARE(source->currentCppLine(), 10);

        // Back on the C++ port: the same sample again, the same lines.
        shown.clear();
        m_window->setRuntime(MainWindow::Runtime::Cpp);
        QVERIFY(runShown(shown, *m_window));
        QVERIFY(!m_window->document()->isPythonRun());
        m_window->cursor()->setCursor(findSuspend(m_window->document()->trace(), "Task-2 task1()", "sleep(2)"));
        QCOMPARE(source->currentPythonLine(), 4);
        QCOMPARE(source->currentCppLine(), 10);
    }

    void aSyntaxErrorKeepsTheRunShownAndNamesItsLine()
    {
        const QString good = write("good.py", "print('fine')\n");
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->openPath(good);
        QVERIFY(runShown(shown, *m_window));
        const qint64 events = m_window->cursor()->eventCount();

        const QString bad = write("bad.py", "print('one')\nwhile True\n    pass\n");
        QSignalSpy failed(m_window.get(), &MainWindow::scriptFailed);
        m_window->openPath(bad);
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.first().at(1).toInt(), 2);
        QVERIFY(failed.first().at(3).toString().startsWith(QLatin1String("SyntaxError: expected ':'")));
        // The run before is still shown, and the user was told what Python says.
        QCOMPARE(m_window->document()->scriptPath(), good);
        QCOMPARE(m_window->cursor()->eventCount(), events);
        QCOMPARE(m_errors.size(), 1);
        QVERIFY2(m_errors.first().contains(QLatin1String("line 2")), qPrintable(m_errors.first()));
    }

    void aLongScriptGrowsLiveAndStops()
    {
        // A thread of the script's own sleeps for real: the loop waits in real time meanwhile.
        const QString path = write("long.py", "import asyncio, threading, time\n"
                                              "threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
                                              "async def main():\n"
                                              "    for i in range(10000):\n"
                                              "        print(i)\n"
                                              "        await asyncio.sleep(0.01)\n"
                                              "asyncio.run(main())\n");
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        m_window->openPath(path);
        QVERIFY(shown.wait(20000)); // the first partial trace
        QVERIFY(m_window->loader()->isScriptRunning());
        QAction *stop = m_window->actions().stopRun;
        QVERIFY(stop->isEnabled());
        const qint64 first = m_window->cursor()->eventCount();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->cursor()->eventCount() > first, 10000); // it grows
        // Following the end: the cursor stays on the newest event.
        QCOMPARE(m_window->cursor()->cursor(), m_window->cursor()->eventCount() - 1);
        stop->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->loader()->isScriptRunning(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->document()->error(), QStringLiteral("stopped: the run was cancelled"), 5000);
        QVERIFY(m_window->cursor()->eventCount() > first);
        QVERIFY(!stop->isEnabled());
    }

    void theCommandLineTakesAScript()
    {
        const auto cl = CommandLine::parse({"coroscope", "my_script.py"});
        QVERIFY(cl.error.isEmpty());
        QCOMPARE(cl.traceFile, QStringLiteral("my_script.py"));
    }

    void compareShowsBothRuntimesOfOneSample()
    {
        CompareWindow compare(false);
        QVERIFY(CompareWindow::choices().contains(QStringLiteral("gather-order@cpython")));
        QVERIFY(compare.setRuns(QStringLiteral("gather-order"), QStringLiteral("gather-order@cpython")));
        QVERIFY(!compare.document(0)->isPythonRun());
        QVERIFY(compare.document(1)->isPythonRun());
        QCOMPARE(compare.document(0)->eventCount(), compare.document(1)->eventCount());
        QCOMPARE(compare.summary(1)->text(), compare.summary(0)->text());
    }

private:
    QString write(const char *name, const char *text)
    {
        const QString path = m_dir.filePath(QString::fromUtf8(name));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(text);
        return path;
    }

    std::unique_ptr<MainWindow> m_window;
    QStringList m_errors;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestPythonRuns)
#include "tst_pythonruns.moc"
