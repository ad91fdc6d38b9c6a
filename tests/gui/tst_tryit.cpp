// Try It, as a teacher uses it in front of a class: gather-order's Python edited so that task2
// sleeps 3 s and run again (1-end now comes before 2-end, task2's lane ends at 3 s); a syntax error
// marked on its line with the run before kept; Revert; edits that survive a restart; the compare
// window with the run before the edit above the new one and the first difference marked.
#include "gui/Classroom.h"
#include "gui/CompareWindow.h"
#include "gui/MainWindow.h"
#include "gui/PresentationMode.h"
#include "gui/TryIt.h"
#include "model/ConsoleModel.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "views/CodeView.h"
#include "views/ConsolePane.h"
#include "views/SourcePane.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

// The time of the last event on the lane named `lane`.
std::int64_t laneEnd(const Trace &t, std::string_view lane)
{
    std::int64_t end = -1;
    for (const Event &e : t.events)
        if (t.laneName(e.lane) == lane)
            end = t.timeOf(e);
    return end;
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

class TestTryIt : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("COROSCOPE_DATA_DIR", m_data.path().toUtf8()); }

    void init()
    {
        QDir(m_data.path()).removeRecursively();
        QDir().mkpath(m_data.path());
        open();
    }
    void cleanup() { m_window.reset(); }

    void editingAndRunningFollowsTheNewRun()
    {
        TryIt &tryIt = m_window->tryIt();
        tryIt.toggle->trigger(); // F2
        QVERIFY(tryIt.isEditing());
        CodeView *editor = m_window->sourcePane()->pythonView();
        QVERIFY(editor->isEditable());
        QVERIFY(!m_window->sourcePane()->cppView()->isVisible()); // the port no longer matches: folded away
        QString text = editor->toPlainText();
        QVERIFY(text.contains(QLatin1String("await asyncio.sleep(1)")));
        editor->setText(text.replace(QLatin1String("await asyncio.sleep(1)"), QLatin1String("await asyncio.sleep(3)")));

        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter
        QVERIFY(runShown(shown, *m_window));
        const Trace &t = m_window->document()->trace();
        QVERIFY(m_window->document()->isPythonRun());
        QCOMPARE(t.metaValue("edit-of"), std::string("sample:gather-order"));
        QCOMPARE(laneEnd(t, "Task-3 task2()"), std::int64_t(3'000'000'000));
        m_window->cursor()->toEnd();
        QCOMPARE(m_window->consolePane()->model()->text(), QStringLiteral("1-start\n2-start\n1-end\n2-end"));
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("gather-order.py (edited)")));
        QVERIFY(tryIt.isEditing()); // still editing: the next what-if is one edit away
        QCOMPARE(editor->toPlainText(), text);
    }

    void typingDoesNotStep()
    {
        m_window->tryIt().setEditing(true);
        CodeView *editor = m_window->sourcePane()->pythonView();
        editor->setFocus();
        const qint64 cursor = m_window->cursor()->cursor();
        editor->setCursorPosition(0, 0);
        QTest::keyClick(editor, Qt::Key_Space);
        QTest::keyClick(editor, Qt::Key_Right);
        QCOMPARE(m_window->cursor()->cursor(), cursor); // Space and → are typing here
        QVERIFY(editor->toPlainText().startsWith(QLatin1Char(' ')));
    }

    void aSyntaxErrorMarksItsLineAndKeepsTheRun()
    {
        m_window->tryIt().setEditing(true);
        CodeView *editor = m_window->sourcePane()->pythonView();
        const qint64 events = m_window->cursor()->eventCount();
        const QString origin = m_window->document()->origin();
        QString text = editor->toPlainText();
        editor->setText(text.replace(QLatin1String("async def task2():"), QLatin1String("async def task2()")));
        QSignalSpy failed(m_window.get(), &MainWindow::scriptFailed);
        m_window->tryIt().runEdited();
        QVERIFY(failed.wait(20000));
        QCOMPARE(editor->errorLine(), 6);
        QCOMPARE(m_window->cursor()->eventCount(), events);
        QCOMPARE(m_window->document()->origin(), origin);
        QVERIFY(m_errors.isEmpty()); // marked in the editor, no dialog over it
    }

    void revertRestoresTheSample()
    {
        TryIt &tryIt = m_window->tryIt();
        tryIt.setEditing(true);
        CodeView *editor = m_window->sourcePane()->pythonView();
        const QString original = editor->toPlainText();
        editor->setText(QStringLiteral("print('something else')\n"));
        QTRY_VERIFY(QFile::exists(tryIt.autosavePath()));
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        tryIt.revert->trigger();
        QCOMPARE(editor->toPlainText(), original);
        QVERIFY(!QFile::exists(tryIt.autosavePath()));
        QVERIFY(runShown(shown, *m_window)); // and the sample runs again
        QCOMPARE(m_window->document()->sampleId(), QStringLiteral("gather-order"));
    }

    void editsSurviveARestart()
    {
        m_window->tryIt().setEditing(true);
        CodeView *editor = m_window->sourcePane()->pythonView();
        editor->setText(editor->toPlainText() + QStringLiteral("print('added before the restart')\n"));
        QTRY_VERIFY(QFile::exists(m_window->tryIt().autosavePath()));
        m_window.reset(); // closed...
        open();           // ...and opened again on the sample
        QVERIFY(m_window->tryIt().isEditing());
        QVERIFY(m_window->sourcePane()->editedText().contains(QLatin1String("added before the restart")));
    }

    void compareShowsTheRunBeforeTheEditAndMarksTheFirstDifference()
    {
        TryIt &tryIt = m_window->tryIt();
        tryIt.setEditing(true);
        CodeView *editor = m_window->sourcePane()->pythonView();
        // A first run of the mirror as it is, then the what-if.
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        tryIt.runEdited();
        QVERIFY(runShown(shown, *m_window));
        QString text = editor->toPlainText();
        editor->setText(text.replace(QLatin1String("await asyncio.sleep(1)"), QLatin1String("await asyncio.sleep(3)")));
        shown.clear();
        tryIt.runEdited();
        QVERIFY(runShown(shown, *m_window));
        QVERIFY(tryIt.whatChanged->isEnabled());
        tryIt.whatChanged->trigger();
        CompareWindow *compare = m_window->classroom().compareWindow();
        QVERIFY(compare && compare->isVisible());
        // The runs part ways at task2's timer: sleep(1) armed before, sleep(3) after.
        const qint64 diff = compare->firstDifference();
        QVERIFY(diff > 0);
        const Trace &before = compare->document(0)->trace();
        const Trace &after = compare->document(1)->trace();
        QCOMPARE(before.detail(before.events[std::size_t(diff)]), std::string_view("sleep(1)"));
        QCOMPARE(after.detail(after.events[std::size_t(diff)]), std::string_view("sleep(3)"));
        QVERIFY(compare->document(1)->annotationAt(diff) != nullptr);
        QVERIFY(compare->summary(1)->text().contains(QStringLiteral("first difference at event %1").arg(diff)));
        // After the second run the cursor sits at the first difference (it was at the end).
        QVERIFY(m_window->cursor()->cursor() <= diff);
    }

    // tools/screenshots.sh keeps these pictures for docs/gui.md and the README.
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("COROSCOPE_SHOTS_DIR");
        if (dir.isEmpty())
            QSKIP("COROSCOPE_SHOTS_DIR is not set");
        m_window->resize(1920, 1080);
        TryIt &tryIt = m_window->tryIt();
        tryIt.setEditing(true);
        CodeView *editor = m_window->sourcePane()->pythonView();
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        tryIt.runEdited();
        QVERIFY(runShown(shown, *m_window));
        QString text = editor->toPlainText();
        editor->setText(text.replace(QLatin1String("await asyncio.sleep(1)"), QLatin1String("await asyncio.sleep(3)")));
        shown.clear();
        tryIt.runEdited();
        QVERIFY(runShown(shown, *m_window));
        m_window->cursor()->setCursor(33);
        QTest::qWait(100);
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/tryit-edited-1920x1080.png")));

        tryIt.whatChanged->trigger();
        CompareWindow *compare = m_window->classroom().compareWindow();
        compare->resize(1600, 900);
        QTest::qWait(100);
        QVERIFY(compare->grab().save(dir + QStringLiteral("/tryit-what-changed.png")));
        compare->close();

        m_window->classroom().presentation().enter(false);
        m_window->resize(1920, 1080);
        QTest::qWait(100);
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/tryit-present-1920x1080.png")));
        m_window->classroom().presentation().leave();

        m_window->resize(1920, 1080);
        text = editor->toPlainText();
        editor->setText(text.replace(QLatin1String("async def task2():"), QLatin1String("async def task2()")));
        QSignalSpy failed(m_window.get(), &MainWindow::scriptFailed);
        tryIt.runEdited();
        QVERIFY(failed.wait(20000));
        QTest::qWait(100);
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/tryit-syntax-error-1920x1080.png")));
    }

private:
    void open()
    {
        m_errors.clear();
        m_window = std::make_unique<MainWindow>(/*persistent=*/false);
        m_window->setLanguage(QStringLiteral("en"), false);
        m_window->setErrorReporter([this](const QString &title, const QString &text) { m_errors << title + ": " + text; });
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy shown(m_window.get(), &MainWindow::traceShown);
        QVERIFY(m_window->runSample(QStringLiteral("gather-order")));
        QVERIFY(runShown(shown, *m_window));
        m_window->cursor()->toEnd();
    }

    std::unique_ptr<MainWindow> m_window;
    QStringList m_errors;
    QTemporaryDir m_data;
};

QTEST_MAIN(TestTryIt)
#include "tst_tryit.moc"
