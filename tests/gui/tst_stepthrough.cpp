// The panes on one cursor: gather-order stepped through every event, checked at chosen steps
// (console, C++ and Python lines, loop state, event table, transport), and stepping back restores
// exactly what was shown before.
#include "model/ConsoleModel.h"
#include "model/CursorController.h"
#include "model/EventTableModel.h"
#include "model/LoopStateModel.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "samples/Samples.h"
#include "views/CodeView.h"
#include "views/ConsolePane.h"
#include "views/EventTablePane.h"
#include "views/LoopStatePane.h"
#include "views/SourcePane.h"
#include "views/TransportBar.h"

#include <QLabel>
#include <QSlider>
#include <QTableView>
#include <QTest>
#include <QVBoxLayout>

using namespace coroscope;

namespace {

// Everything the panes show that depends on the cursor, as plain values.
struct Snapshot {
    QString console;
    int newestRow = -1;
    bool justPrinted = false;
    int cppLine = 0;
    bool cppExact = false;
    int pythonLine = 0;
    QString clock, running;
    QStringList ready, timers;
    int tableRow = -1;
    QString position;
    int scrub = 0;
    bool operator==(const Snapshot &) const = default;
};

char *toString(const Snapshot &snap)
{
    Snapshot s = snap;
    return QTest::toString(QStringLiteral("console=[%1] newest=%2 just=%3 cpp=%4%5 py=%6 clock=%7 running=%8 "
                                          "ready=[%9] timers=[%10] row=%11 pos=[%12] scrub=%13")
                               .arg(s.console.replace(u'\n', u'|'))
                               .arg(s.newestRow)
                               .arg(s.justPrinted)
                               .arg(s.cppLine)
                               .arg(s.cppExact ? "" : "~")
                               .arg(s.pythonLine)
                               .arg(s.clock, s.running, s.ready.join(u';'), s.timers.join(u';'))
                               .arg(s.tableRow)
                               .arg(s.position)
                               .arg(s.scrub));
}

} // namespace

class TestStepThrough : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void chosenSteps_data();
    void chosenSteps();
    void everyStepForwardThenBack();
    void jumpsRestoreExactly();
    void tableClickMovesCursor();
    void gutterClicksSetBreakpoints();
    void sourceFollowsSample();

private:
    Snapshot snapshot() const;

    std::unique_ptr<QWidget> m_window;
    TraceDocument *m_doc = nullptr;
    CursorController *m_cursor = nullptr;
    PlaybackController *m_playback = nullptr;
    SourcePane *m_source = nullptr;
    ConsolePane *m_console = nullptr;
    LoopStatePane *m_loop = nullptr;
    EventTablePane *m_table = nullptr;
    TransportBar *m_transport = nullptr;
};

void TestStepThrough::init()
{
    m_window = std::make_unique<QWidget>();
    m_doc = new TraceDocument(m_window.get());
    m_cursor = new CursorController(m_window.get());
    m_playback = new PlaybackController(m_doc, m_cursor, m_window.get());
    m_source = new SourcePane(m_doc, m_cursor, m_playback);
    m_console = new ConsolePane(m_doc, m_cursor);
    m_loop = new LoopStatePane(m_doc, m_cursor);
    m_table = new EventTablePane(m_doc, m_cursor);
    m_transport = new TransportBar(m_doc, m_cursor, m_playback);
    auto *layout = new QVBoxLayout(m_window.get());
    for (QWidget *w : std::initializer_list<QWidget *>{m_source, m_console, m_loop, m_table, m_transport})
        layout->addWidget(w);
    m_window->resize(1200, 1400);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));

    const Sample *sample = findSample("gather-order");
    QVERIFY(sample);
    m_doc->setTrace(runSample(*sample).trace, QStringLiteral("gather-order"));
    m_cursor->setEventCount(m_doc->eventCount());
    QCOMPARE(m_cursor->eventCount(), 45);
}

void TestStepThrough::cleanup()
{
    m_window.reset();
}

Snapshot TestStepThrough::snapshot() const
{
    Snapshot s;
    const ConsoleModel *console = m_console->model();
    s.console = console->text();
    for (int row = 0; row < console->rowCount(); ++row) {
        if (console->index(row).data(ConsoleModel::NewestRole).toBool()) {
            s.newestRow = row;
            s.justPrinted = console->index(row).data(ConsoleModel::JustPrintedRole).toBool();
        }
    }
    s.cppLine = m_source->currentCppLine();
    s.cppExact = m_source->cppView()->currentLineExact();
    s.pythonLine = m_source->currentPythonLine();
    const LoopStateModel *loop = m_loop->model();
    auto value = [&](int row) { return loop->index(row, LoopStateModel::ValueColumn).data().toString(); };
    s.clock = value(LoopStateModel::ClockRow);
    s.running = value(LoopStateModel::RunningRow);
    for (int row : {int(LoopStateModel::ReadyRow), int(LoopStateModel::TimersRow)}) {
        const QModelIndex parent = loop->index(row, 0);
        QStringList &list = row == LoopStateModel::ReadyRow ? s.ready : s.timers;
        for (int i = 0; i < loop->rowCount(parent); ++i)
            list << loop->index(i, 0, parent).data().toString() + QStringLiteral(" | ")
                        + loop->index(i, 1, parent).data().toString();
    }
    s.tableRow = m_table->currentRow();
    s.position = m_transport->positionLabel()->text();
    s.scrub = m_transport->scrubber()->value();
    return s;
}

void TestStepThrough::chosenSteps_data()
{
    QTest::addColumn<int>("step");
    QTest::addColumn<QString>("console");
    QTest::addColumn<int>("cppLine");
    QTest::addColumn<int>("pythonLine");
    QTest::addColumn<QString>("clock");
    QTest::addColumn<QString>("running");
    QTest::addColumn<QStringList>("ready");
    QTest::addColumn<QStringList>("timers");

    const QStringList none;
    QTest::newRow("before the first event") << -1 << "" << 0 << 0 << "0.000 s" << "nothing" << none << none;
    QTest::newRow("asyncio.run(main())") << 2 << "" << 28 << 12 << "0.000 s" << "nothing" << none << none;
    QTest::newRow("main() queued") << 5 << "" << 0 << 0 << "0.000 s" << "nothing"
                                   << QStringList{"1. Task-1 main() | step"} << none;
    QTest::newRow("main() runs, both tasks queued")
        << 10 << "" << 0 << 0 << "0.000 s" << "Task-1 main()"
        << QStringList{"1. Task-2 task1() | step", "2. Task-3 task2() | step"} << none;
    QTest::newRow("main() awaits gather") << 11 << "" << 23 << 11 << "0.000 s" << "nothing"
                                          << QStringList{"1. Task-2 task1() | step", "2. Task-3 task2() | step"}
                                          << none;
    QTest::newRow("task1 prints 1-start") << 13 << "1-start" << 9 << 3 << "0.000 s" << "Task-2 task1()"
                                          << QStringList{"1. Task-3 task2() | step"} << none;
    QTest::newRow("task1 sleeps 2 s") << 15 << "1-start" << 10 << 4 << "0.000 s" << "nothing"
                                      << QStringList{"1. Task-3 task2() | step"}
                                      << QStringList{"at 2.000 s (in 2.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("task2 sleeps 1 s: two timers, first due first")
        << 19 << "1-start\n2-start" << 17 << 8 << "0.000 s" << "nothing" << none
        << QStringList{"at 1.000 s (in 1.000 s) | Task-3 task2(): sleep(1)",
                       "at 2.000 s (in 2.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("clock jumps to 1 s") << 20 << "1-start\n2-start" << 0 << 0 << "1.000 s" << "nothing" << none
                                        << QStringList{"at 1.000 s (in 0.000 s) | Task-3 task2(): sleep(1)",
                                                       "at 2.000 s (in 1.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("sleep(1) fires") << 21 << "1-start\n2-start" << 17 << 8 << "1.000 s" << "nothing"
                                    << QStringList{"1. event loop | sleep(1)"}
                                    << QStringList{"at 2.000 s (in 1.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("task2 resumes") << 24 << "1-start\n2-start" << 17 << 8 << "1.000 s" << "Task-3 task2()" << none
                                   << QStringList{"at 2.000 s (in 1.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("2-end before 1-end") << 25 << "1-start\n2-start\n2-end" << 18 << 9 << "1.000 s"
                                        << "Task-3 task2()" << none
                                        << QStringList{"at 2.000 s (in 1.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("gather hears task2 is done")
        << 27 << "1-start\n2-start\n2-end" << 0 << 0 << "1.000 s" << "nothing"
        << QStringList{"1. event loop | gather: child done"}
        << QStringList{"at 2.000 s (in 1.000 s) | Task-2 task1(): sleep(2)"};
    QTest::newRow("1-end at 2 s") << 34 << "1-start\n2-start\n2-end\n1-end" << 11 << 5 << "2.000 s"
                                  << "Task-2 task1()" << none << none;
    QTest::newRow("main() resumes with both results")
        << 39 << "1-start\n2-start\n2-end\n1-end" << 23 << 11 << "2.000 s" << "Task-1 main()" << none << none;
}

void TestStepThrough::chosenSteps()
{
    QFETCH(int, step);
    QFETCH(QString, console);
    QFETCH(int, cppLine);
    QFETCH(int, pythonLine);
    QFETCH(QString, clock);
    QFETCH(QString, running);
    QFETCH(QStringList, ready);
    QFETCH(QStringList, timers);

    // Arrive by stepping, as a user does.
    for (qint64 s = -1; s <= step; ++s)
        m_cursor->setCursor(s);
    const Snapshot s = snapshot();
    QCOMPARE(s.console, console);
    QCOMPARE(s.newestRow, console.isEmpty() ? -1 : int(console.count(u'\n')));
    QCOMPARE(s.cppLine, cppLine);
    QCOMPARE(s.pythonLine, pythonLine);
    QCOMPARE(s.clock, clock);
    QCOMPARE(s.running, running);
    QCOMPARE(s.ready, ready);
    QCOMPARE(s.timers, timers);
    QCOMPARE(s.tableRow, step);
    QCOMPARE(s.scrub, step);
    if (step >= 0) {
        QVERIFY2(s.position.startsWith(QStringLiteral("step %1 / 44").arg(step)), qPrintable(s.position));
        // The selected row is the one the table scrolled to.
        const QRect row = m_table->view()->visualRect(m_table->model()->index(step, 0));
        QVERIFY(m_table->view()->viewport()->rect().intersects(row));
    }
    // The highlighted lines are the ones the views show (and the text there is what the test expects).
    if (cppLine) {
        const QStringList cpp = m_source->cppView()->toPlainText().split(u'\n');
        const QStringList py = m_source->pythonView()->toPlainText().split(u'\n');
        // Every highlighted line is a suspension point, asyncio.run or a print.
        for (const auto &text : {cpp[cppLine - 1], py[pythonLine - 1]})
            QVERIFY2(text.contains(QLatin1String("await")) || text.contains(QLatin1String("run("))
                         || text.contains(QLatin1String("print(")),
                     qPrintable(text));
        QVERIFY(!m_source->cppView()->lineRect(cppLine).isEmpty());
        QVERIFY(m_source->cppView()->viewport()->rect().intersects(m_source->cppView()->lineRect(cppLine)));
    }
}

void TestStepThrough::everyStepForwardThenBack()
{
    std::vector<Snapshot> forward;
    for (qint64 s = -1; s < m_cursor->eventCount(); ++s) {
        m_cursor->setCursor(s);
        forward.push_back(snapshot());
    }
    QCOMPARE(forward.back().console, QStringLiteral("1-start\n2-start\n2-end\n1-end"));
    QCOMPARE(forward.back().tableRow, 44);
    // Step back one event at a time: each step shows exactly what it showed on the way forward.
    for (qint64 s = m_cursor->eventCount() - 1; s >= -1; --s) {
        m_cursor->setCursor(s);
        QCOMPARE(snapshot(), forward[std::size_t(s + 1)]);
    }
    // The console never shows a line before its Output event, and always the newest one last.
    for (qint64 s = -1; s < m_cursor->eventCount(); ++s) {
        const Snapshot &snap = forward[std::size_t(s + 1)];
        const bool printsNow = s >= 0 && m_doc->trace().events[std::size_t(s)].eventKind() == EventKind::Output;
        QCOMPARE(snap.justPrinted, printsNow);
    }
}

void TestStepThrough::jumpsRestoreExactly()
{
    std::map<qint64, Snapshot> seen;
    for (qint64 s = -1; s < m_cursor->eventCount(); ++s) {
        m_cursor->setCursor(s);
        seen[s] = snapshot();
    }
    for (qint64 s : {30, 2, 44, 13, 12, -1, 25, 24, 26, 0, 39, 19})
    {
        m_cursor->setCursor(s);
        QCOMPARE(snapshot(), seen[s]);
    }
}

void TestStepThrough::tableClickMovesCursor()
{
    QTableView *view = m_table->view();
    const QModelIndex index = m_table->model()->index(7, 2);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(m_cursor->cursor(), 7);
    QCOMPARE(m_table->currentRow(), 7);
    m_cursor->setCursor(-1);
    QCOMPARE(m_table->currentRow(), -1);
}

void TestStepThrough::gutterClicksSetBreakpoints()
{
    CodeView *cpp = m_source->cppView();
    CodeView *python = m_source->pythonView();
    // C++ line 10 (co_await sleep(2)).
    QTest::mouseClick(cpp->gutter(), Qt::LeftButton, {}, QPoint(6, cpp->lineRect(10).center().y()));
    QCOMPARE(m_playback->breakpoints(), (std::set<int>{10}));
    QCOMPARE(cpp->breakpoints(), (std::set<int>{10}));
    QCOMPARE(python->breakpoints(), (std::set<int>{4}));
    // Python line 8 (await asyncio.sleep(1)) sets it on C++ line 17, through the py:8 marker.
    QTest::mouseClick(python->gutter(), Qt::LeftButton, {}, QPoint(6, python->lineRect(8).center().y()));
    QCOMPARE(m_playback->breakpoints(), (std::set<int>{10, 17}));
    QCOMPARE(python->breakpoints(), (std::set<int>{4, 8}));
    // Again: removed.
    QTest::mouseClick(cpp->gutter(), Qt::LeftButton, {}, QPoint(6, cpp->lineRect(10).center().y()));
    QCOMPARE(m_playback->breakpoints(), (std::set<int>{17}));
    // A Python line without a C++ twin does nothing.
    QTest::mouseClick(python->gutter(), Qt::LeftButton, {}, QPoint(6, python->lineRect(1).center().y()));
    QCOMPARE(m_playback->breakpoints(), (std::set<int>{17}));
}

void TestStepThrough::sourceFollowsSample()
{
    QVERIFY(m_source->cppView()->toPlainText().contains(QLatin1String("co_await gather(task1(), task2());")));
    QVERIFY(!m_source->cppView()->toPlainText().contains(QRegularExpression(QStringLiteral("//\\s*py:\\d+"))));
    QVERIFY(m_source->pythonView()->toPlainText().contains(QLatin1String("await asyncio.gather(task1(), task2())")));
    m_playback->setBreakpoint(17, true);
    const Sample *sample = findSample("gen-send");
    m_doc->setTrace(runSample(*sample).trace, QStringLiteral("gen-send"));
    m_cursor->setEventCount(m_doc->eventCount());
    QVERIFY(m_source->cppView()->toPlainText().contains(QLatin1String("co_yield 88")));
    QVERIFY(m_source->pythonView()->toPlainText().contains(QLatin1String("x = yield 88")));
    QVERIFY(m_playback->breakpoints().empty()); // they were lines of another program
    m_cursor->setCursor(5); // the generator suspends at `yield 88`
    QCOMPARE(m_source->pythonView()->toPlainText().split(u'\n')[m_source->currentPythonLine() - 1].trimmed(),
             QStringLiteral("x = yield 88"));
    // A trace without a sample: no source, no highlight, the placeholder instead.
    m_doc->setTrace(Trace{}, QStringLiteral("/tmp/x.coroscope"));
    m_cursor->setEventCount(0);
    QVERIFY(m_source->cppView()->toPlainText().isEmpty());
    QCOMPARE(m_source->currentCppLine(), 0);
}

QTEST_MAIN(TestStepThrough)
#include "tst_stepthrough.moc"
