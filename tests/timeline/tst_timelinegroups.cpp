// The timeline at the scale of real programs: a run of 100 (or 2,000) tasks groups them, fits the
// open ones in the view, folds and opens on a click, keeps the cursor's lane in view while stepping,
// filters, and its overview moves the view; small runs stay exactly as they were.
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "samples/Samples.h"
#include "timeline/TimelineMinimap.h"
#include "timeline/TimelineWidget.h"

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTest>

namespace coroscope::groups {

Task<> download(int i)
{
    co_await sleep(0.01 * (1 + i % 7));
    if (i % 10 == 0)
        print(f("page {}", i));
}

Task<> main(int tasks)
{
    std::vector<Task<>> all;
    for (int i = 0; i < tasks; ++i)
        all.push_back(download(i));
    co_await gather(std::move(all));
}

} // namespace coroscope::groups

using namespace coroscope;

namespace {

Trace tasksTrace(int tasks)
{
    const auto result = runProgram([tasks] { run(groups::main(tasks)); }, {}, {{"sample", "groups"}});
    Q_ASSERT(result.ok());
    return result.trace;
}

struct Fixture {
    TraceDocument document;
    CursorController cursor;
    TimelineWidget widget {&document, &cursor};

    explicit Fixture(Trace trace, QSize size = {1600, 900})
    {
        widget.resize(size);
        widget.show();
        QCoreApplication::processEvents();
        document.setTrace(std::move(trace), QStringLiteral("groups"));
        cursor.setEventCount(qint64(document.trace().events.size()));
        paint();
    }
    void paint()
    {
        widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
    }
    // Whether drawn row `row` lies wholly in the view.
    bool rowInView(int row) const
    {
        const LaneRow &r = widget.lanes().at(row);
        return r.top >= widget.rowScroll() - 0.5 && r.top + r.height <= widget.rowScroll() + widget.rowViewHeight() + 0.5;
    }
    int cursorRow() const
    {
        const auto lane = document.trace().events[std::size_t(cursor.cursor())].lane;
        return widget.lanes().rowOfLayoutRow(widget.layout().rowOfLane(lane));
    }
    // Centre of the name column of drawn row `row`, in plot coordinates.
    QPoint nameOf(int row) const
    {
        const QRect area = widget.plot()->axisRect()->rect();
        const LaneRow &r = widget.lanes().at(row);
        return QPoint(area.left() / 2, int(area.top() + r.top - widget.rowScroll() + 8));
    }
};

int firstRowOf(const TimelineLanes &lanes, LaneRow::Kind kind)
{
    for (int i = 0; i < lanes.count(); ++i)
        if (lanes.at(i).kind == kind)
            return i;
    return -1;
}

} // namespace

class TestTimelineGroups : public QObject
{
    Q_OBJECT
private slots:
    void smallRunsLookAsBefore()
    {
        for (const char *id : {"gather-order", "gen-send", "three-sleepers", "producer-consumer"}) {
            Fixture f(runSample(*findSample(id)).trace, {1200, 520});
            QVERIFY2(f.widget.lanes().groups().empty(), id);
            QCOMPARE(f.widget.effectiveDensity(), LaneDensity::Roomy);
            QVERIFY2(!f.widget.overviewShown(), id);
            QCOMPARE(f.widget.lanes().count(), f.widget.layout().rowCount());
            // Today's rows: one per lane, all of the roomy height (a bar and a line of print).
            const int roomy = f.widget.lanes().at(0).height;
            QVERIFY(roomy >= 50);
            for (int i = 0; i < f.widget.lanes().count(); ++i) {
                QCOMPARE(f.widget.lanes().at(i).index, i);
                QCOMPARE(f.widget.lanes().at(i).height, roomy);
            }
        }
    }

    // A 100-task run in a timeline as tall as a 1920x1080 window gives it: every task lane at once
    // (the window's own test checks that size).
    void hundredTasksShowAtOnce()
    {
        Fixture f(tasksTrace(100), {1100, 900});
        f.cursor.setAxisMode(CursorController::AxisMode::Time);
        f.paint();
        const TimelineLanes &lanes = f.widget.lanes();
        QCOMPARE(int(lanes.groups().size()), 1);
        QCOMPARE(lanes.group(0).title, std::string("download()"));
        QVERIFY(!lanes.group(0).collapsed);
        QCOMPARE(f.widget.effectiveDensity(), LaneDensity::Compact);
        QCOMPARE(lanes.laneRowsShown(), 103);
        QVERIFY2(lanes.contentHeight() <= f.widget.rowViewHeight(),
                 qPrintable(QStringLiteral("%1 > %2").arg(lanes.contentHeight()).arg(f.widget.rowViewHeight())));
        QVERIFY(f.widget.overviewShown());
        // The lanes share their group's colour.
        const auto &rows = lanes.group(0).rows;
        QCOMPARE(f.widget.layout().row(rows.front()).lane + 99, f.widget.layout().row(rows.back()).lane);
    }

    void clickOnTheNameFoldsAndOpens()
    {
        Fixture f(tasksTrace(100), {1100, 900});
        const int header = firstRowOf(f.widget.lanes(), LaneRow::GroupHeader);
        QVERIFY(header >= 0);
        QSignalSpy changed(&f.widget, &TimelineWidget::lanesChanged);
        QTest::mouseClick(f.widget.plot(), Qt::LeftButton, {}, f.nameOf(header));
        QVERIFY(changed.count() >= 1);
        QVERIFY(f.widget.lanes().group(0).collapsed);
        QCOMPARE(f.widget.lanes().count(), 4); // loop, <module>, main(), the summary
        // Few lanes left: the automatic density is roomy again.
        QCOMPARE(f.widget.effectiveDensity(), LaneDensity::Roomy);
        const int summary = firstRowOf(f.widget.lanes(), LaneRow::GroupSummary);
        QVERIFY(summary >= 0);
        f.paint();
        QTest::mouseClick(f.widget.plot(), Qt::LeftButton, {}, f.nameOf(summary));
        QVERIFY(!f.widget.lanes().group(0).collapsed);
        QCOMPARE(f.widget.lanes().laneRowsShown(), 103);
        // The user's choice stays when the view is resized.
        f.widget.setGroupCollapsed(0, true);
        f.widget.resize(1100, 1200);
        f.paint();
        QVERIFY(f.widget.lanes().group(0).collapsed);
    }

    void foldsStayForTheSameProgram()
    {
        Fixture f(tasksTrace(100), {1100, 900});
        QVERIFY(!f.widget.lanes().group(0).collapsed);
        f.widget.setGroupCollapsed(0, true);
        // Run again (the same origin): the user's fold stays.
        f.document.setTrace(tasksTrace(100), QStringLiteral("groups"));
        f.paint();
        QVERIFY(f.widget.lanes().group(0).collapsed);
        // Another program: the automatic folds again (100 lanes fit open).
        f.document.setTrace(tasksTrace(100), QStringLiteral("another"));
        f.paint();
        QVERIFY(!f.widget.lanes().group(0).collapsed);
    }

    void cursorKeepsItsLaneVisible_data()
    {
        QTest::addColumn<bool>("folded");
        QTest::addColumn<bool>("time");
        QTest::newRow("open, steps") << false << false;
        QTest::newRow("open, time") << false << true;
        QTest::newRow("folded") << true << false;
    }
    void cursorKeepsItsLaneVisible()
    {
        QFETCH(bool, folded);
        QFETCH(bool, time);
        Fixture f(tasksTrace(2000), {1100, 600});
        if (time)
            f.cursor.setAxisMode(CursorController::AxisMode::Time);
        f.widget.setAllGroupsCollapsed(folded);
        f.paint();
        QVERIFY(f.widget.lanes().contentHeight() > (folded ? 0 : 4 * f.widget.rowViewHeight()));
        const qint64 n = f.cursor.eventCount();
        // Steps, jumps and the end: the row of the cursor's lane (or of its folded group) is in view.
        std::vector<qint64> stops;
        for (qint64 s = 0; s < 400; ++s)
            stops.push_back(s);
        for (qint64 s = n / 3; s < n; s += n / 37)
            stops.push_back(s);
        stops.push_back(n - 1);
        stops.push_back(5);
        for (qint64 s : stops) {
            f.cursor.setCursor(s);
            const int row = f.cursorRow();
            QVERIFY(row >= 0);
            QVERIFY2(f.rowInView(row), qPrintable(QStringLiteral("event %1, row %2").arg(s).arg(row)));
        }
        // Playing does the same.
        PlaybackController playback(&f.document, &f.cursor);
        f.cursor.setCursor(10);
        playback.setSpeed(PlaybackController::speedSteps().back());
        playback.play();
        QTest::qWait(300);
        playback.pause();
        QVERIFY(f.cursor.cursor() > 10);
        QVERIFY(f.rowInView(f.cursorRow()));
    }

    void filterHidesLanesAndFollowsTheCursor()
    {
        Fixture f(tasksTrace(100), {1100, 640});
        int outputs = 0;
        for (const Event &e : f.document.trace().events)
            outputs += e.eventKind() == EventKind::Output;
        QCOMPARE(outputs, 10);
        f.widget.setAllGroupsCollapsed(false);
        LaneFilter filter;
        filter.onlyPrinting = true;
        f.widget.setLaneFilter(filter);
        QCOMPARE(f.widget.lanes().laneRowsShown(), 1 + 10); // the loop, the ten that print
        filter = {};
        filter.hideFinished = true;
        f.widget.setLaneFilter(filter);
        QCOMPARE(f.widget.lanes().laneRowsShown(), 103);
        QSignalSpy changed(&f.widget, &TimelineWidget::lanesChanged);
        f.cursor.toEnd();
        QVERIFY(changed.count() >= 1);
        QVERIFY(f.widget.lanes().laneRowsShown() <= 2); // the loop, and <module> still in run()
        f.cursor.toStart();
        QCOMPARE(f.widget.lanes().laneRowsShown(), 103);
        // Text: a task by its number; the group opens around it.
        f.widget.setAllGroupsCollapsed(true);
        filter = {};
        filter.text = "Task-42 ";
        f.widget.setLaneFilter(filter);
        QCOMPARE(f.widget.lanes().laneRowsShown(), 2);
        QVERIFY(firstRowOf(f.widget.lanes(), LaneRow::GroupHeader) >= 0);
    }

    void overviewMovesTheView()
    {
        Fixture f(tasksTrace(2000), {1100, 600});
        TimelineMinimap *map = f.widget.minimap();
        QVERIFY(f.widget.overviewShown());
        f.widget.setAllGroupsCollapsed(false);
        const XRange whole = f.widget.wholeRange();
        f.widget.setVisibleRange(whole.start, whole.start + whole.width() / 10);
        f.paint();
        const QRect r = map->overviewRect();
        QVERIFY(r.width() > 100);
        // Press in the bottom right: the view goes there, in x and in lanes.
        const QPoint target(r.left() + r.width() * 3 / 4, r.bottom() - 2);
        QTest::mousePress(map, Qt::LeftButton, {}, target);
        QTest::mouseRelease(map, Qt::LeftButton, {}, target);
        const XRange view = f.widget.visibleRange();
        QVERIFY2(std::abs(view.center() - (whole.start + whole.width() * 0.75)) < whole.width() * 0.02,
                 qPrintable(QString::number(view.center())));
        QVERIFY(f.widget.rowScroll() > f.widget.lanes().contentHeight() / 2);
        // The frame follows, and dragging it moves the view by as much.
        const QRectF frame = map->windowFrame();
        QVERIFY(frame.contains(QPointF(target.x(), frame.center().y())));
        const QPoint grab = frame.center().toPoint();
        QTest::mousePress(map, Qt::LeftButton, {}, grab);
        QMouseEvent move(QEvent::MouseMove, QPointF(grab - QPoint(r.width() / 4, 0)), map->mapToGlobal(QPointF(grab)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(map, &move);
        QTest::mouseRelease(map, Qt::LeftButton, {}, grab - QPoint(r.width() / 4, 0));
        QVERIFY2(std::abs(f.widget.visibleRange().center() - (whole.start + whole.width() * 0.5)) < whole.width() * 0.03,
                 qPrintable(QString::number(f.widget.visibleRange().center())));
    }

    void legendFoldsToOneStrip()
    {
        Fixture f(runSample(*findSample("gather-order")).trace, {700, 520});
        QVERIFY(!f.widget.legendUnfolded());
        const int folded = f.widget.plot()->axisRect()->rect().height();
        f.widget.setLegendUnfolded(true);
        f.paint();
        QVERIFY(f.widget.plot()->axisRect()->rect().height() < folded - 10); // more lines of legend
        f.widget.setLegendUnfolded(false);
        f.paint();
        QCOMPARE(f.widget.plot()->axisRect()->rect().height(), folded);
    }

    void groupingAndDensityCanBeChosen()
    {
        Fixture f(tasksTrace(100), {1100, 640});
        f.widget.setGrouping(LaneGrouping::Spawner);
        QCOMPARE(int(f.widget.lanes().groups().size()), 1);
        QCOMPARE(f.widget.lanes().group(0).title, std::string("Task-1 main()"));
        f.widget.setGrouping(LaneGrouping::None);
        QVERIFY(f.widget.lanes().groups().empty());
        QCOMPARE(f.widget.effectiveDensity(), LaneDensity::Compact);
        const int compact = f.widget.lanes().contentHeight();
        f.widget.setDensity(LaneDensity::Roomy);
        QCOMPARE(f.widget.effectiveDensity(), LaneDensity::Roomy);
        QCOMPARE(f.widget.lanes().contentHeight(), 103 * f.widget.lanes().at(0).height);
        QVERIFY(f.widget.lanes().contentHeight() > 3 * compact);
        f.paint(); // draws
    }
};

QTEST_MAIN(TestTimelineGroups)
#include "tst_timelinegroups.moc"
