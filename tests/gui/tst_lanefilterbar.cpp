// The strip over the timeline that finds lanes: typing, the state box and the toggles set the
// timeline's filter; it shows for big runs (and on Ctrl+L) only; a narrow window keeps the filter
// box and moves the toggles into the Lanes menu.
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "samples/Samples.h"
#include "timeline/TimelineWidget.h"
#include "views/LaneFilterBar.h"
#include "views/TimelinePane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTest>
#include <QToolButton>

namespace coroscope::filterbar {

Task<> fetch(int i)
{
    co_await sleep(0.01 * (1 + i % 5));
    if (i % 4 == 0)
        print(f("fetched {}", i));
}

Task<> main()
{
    std::vector<Task<>> all;
    for (int i = 0; i < 40; ++i)
        all.push_back(fetch(i));
    co_await gather(std::move(all));
}

} // namespace coroscope::filterbar

using namespace coroscope;

namespace {

struct Fixture {
    TraceDocument document;
    CursorController cursor;
    TimelineWidget *timeline = new TimelineWidget(&document, &cursor);
    TimelinePane pane {timeline};
    LaneFilterBar *bar = pane.filterBar();

    explicit Fixture(Trace trace, QSize size = {1400, 700})
    {
        pane.resize(size);
        pane.show();
        document.setTrace(std::move(trace), QStringLiteral("bar"));
        cursor.setEventCount(qint64(document.trace().events.size()));
        QCoreApplication::processEvents();
    }
};

Trace fortyTasks()
{
    return runProgram([] { run(filterbar::main()); }).trace;
}

} // namespace

class TestLaneFilterBar : public QObject
{
    Q_OBJECT
private slots:
    void showsForBigRunsOnly()
    {
        Fixture small(runSample(*findSample("gather-order")).trace);
        QVERIFY(small.bar->isHidden());
        // Ctrl+L asks for it anyway, with the focus in the box; Esc puts both back.
        small.bar->findAction()->trigger();
        QVERIFY(!small.bar->isHidden());
        QVERIFY(small.bar->textBox()->hasFocus() || !small.pane.isActiveWindow());
        QTest::keyClick(small.bar->textBox(), Qt::Key_Escape);
        QVERIFY(small.bar->isHidden());

        Fixture big(fortyTasks());
        QVERIFY(!big.bar->isHidden());
        QCOMPARE(big.bar->countText(), QStringLiteral("43 lanes"));
    }

    void drivesTheTimelinesFilter()
    {
        Fixture f(fortyTasks());
        QTest::keyClicks(f.bar->textBox(), QStringLiteral("Task-7 "));
        QCOMPARE(f.timeline->laneFilter().text, std::string("Task-7"));
        QCOMPARE(f.timeline->lanes().laneRowsShown(), 2); // the loop and Task-7
        QCOMPARE(f.bar->countText(), QStringLiteral("2 of 43 lanes"));
        f.bar->textBox()->clear();
        QVERIFY(!f.timeline->laneFilter().isActive());

        f.bar->stateBox()->setCurrentIndex(int(LaneFilter::State::Waiting));
        QCOMPARE(f.timeline->laneFilter().state, LaneFilter::State::Waiting);
        f.bar->stateBox()->setCurrentIndex(0);

        f.timeline->setAllGroupsCollapsed(false);
        f.bar->printingBox()->setChecked(true);
        QVERIFY(f.timeline->laneFilter().onlyPrinting);
        QCOMPARE(f.timeline->lanes().laneRowsShown(), 1 + 10); // the loop, every fourth task
        f.bar->printingBox()->setChecked(false);
        f.bar->unfinishedBox()->setChecked(true);
        QVERIFY(f.timeline->laneFilter().hideFinished);
        f.cursor.toEnd();
        QVERIFY(f.timeline->lanes().laneRowsShown() <= 2);
    }

    void lanesMenuSetsDensityAndGrouping()
    {
        Fixture f(fortyTasks());
        QMenu *menu = f.bar->lanesButton()->menu();
        QVERIFY(menu);
        auto find = [&](const QString &text) -> QAction * {
            QList<QMenu *> menus {menu};
            for (QMenu *m : menu->findChildren<QMenu *>())
                menus << m;
            for (QMenu *m : menus)
                for (QAction *a : m->actions())
                    if (a->text() == text)
                        return a;
            return nullptr;
        };
        QAction *roomy = find(QStringLiteral("Roomy: bars with their printed lines"));
        QVERIFY(roomy);
        roomy->trigger();
        QCOMPARE(f.timeline->density(), LaneDensity::Roomy);
        QAction *none = find(QStringLiteral("Do not group"));
        QVERIFY(none);
        none->trigger();
        QVERIFY(f.timeline->lanes().groups().empty());
        find(QStringLiteral("By coroutine function"))->trigger();
        QCOMPARE(int(f.timeline->lanes().groups().size()), 1);
        find(QStringLiteral("Fold every group"))->trigger();
        QVERIFY(f.timeline->lanes().group(0).collapsed);
        find(QStringLiteral("Open every group"))->trigger();
        QVERIFY(!f.timeline->lanes().group(0).collapsed);
        // The toggles are in the menu too, in step with their boxes.
        QAction *printing = find(QStringLiteral("Only lanes that print"));
        QVERIFY(printing);
        printing->trigger();
        QVERIFY(f.bar->printingBox()->isChecked());
        QVERIFY(f.timeline->laneFilter().onlyPrinting);
    }

    void narrowWindowKeepsTheFilterBox()
    {
        Fixture f(fortyTasks(), {520, 500});
        QVERIFY(f.bar->printingBox()->isHidden());
        QVERIFY(f.bar->unfinishedBox()->isHidden());
        QVERIFY(f.bar->textBox()->width() >= f.bar->textBox()->minimumWidth());
        QVERIFY(f.bar->textBox()->minimumWidth() > 100);
        f.pane.resize(1600, 500);
        QCoreApplication::processEvents();
        QVERIFY(!f.bar->printingBox()->isHidden());
    }
};

QTEST_MAIN(TestLaneFilterBar)
#include "tst_lanefilterbar.moc"
