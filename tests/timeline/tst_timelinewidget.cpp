// The timeline widget on real traces: clicking moves the shared cursor, the axis follows the
// controller's mode, keys and wheel zoom, and a screenshot for the docs (COROSCOPE_SCREENSHOT_DIR).
#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "samples/Samples.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineStyle.h"
#include "timeline/TimelineWidget.h"

#include <qcustomplot.h>

#include <QFileInfo>
#include <QGlyphRun>
#include <QRawFont>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

using namespace coroscope;

namespace {

Trace sampleTrace(const char *id)
{
    const Sample *sample = findSample(id);
    Q_ASSERT(sample);
    return runSample(*sample).trace;
}

// A timeline on a trace, shown and painted at `size`.
struct Fixture {
    TraceDocument document;
    CursorController cursor;
    TimelineWidget widget {&document, &cursor};

    explicit Fixture(const char *sample, QSize size = {1200, 520})
    {
        document.setTrace(sampleTrace(sample), QString::fromLatin1(sample));
        widget.resize(size);
        widget.show();
        paint();
    }
    void paint() { widget.plot()->replot(QCustomPlot::rpImmediateRefresh); }
};

} // namespace

class TestTimelineWidget : public QObject
{
    Q_OBJECT
private slots:
    void clickMovesCursor_data();
    void clickMovesCursor();
    void clickOnEmptyColumnMovesCursorThere();
    void axisModeChangesXAxis();
    void fitAllShowsWholeRun();
    void keysAndWheelZoomXOnly();
    void rangeIsPublished();
    void cursorOffScreenScrollsIntoView();
    void cursorOnHiddenLaneScrollsLanes();
    void pointSizeGrowsLanes();
    void hoverNamesTheEvent();
    void chineseTextRenders();
    void everyVirtualSampleDraws();
    void exportsAnImage();
    void legendCanHide();
    void screenshot();
};

void TestTimelineWidget::clickMovesCursor_data()
{
    QTest::addColumn<bool>("time");
    QTest::addColumn<QString>("kind"); // the event clicked: the first of this kind on task2's lane
    QTest::newRow("steps: suspend") << false << "suspend";
    QTest::newRow("steps: resume") << false << "resume";
    QTest::newRow("steps: done") << false << "done";
    QTest::newRow("time: resume") << true << "resume";
}

void TestTimelineWidget::clickMovesCursor()
{
    QFETCH(bool, time);
    QFETCH(QString, kind);
    Fixture f("gather-order");
    if (time) {
        f.cursor.setAxisMode(CursorController::AxisMode::Time);
        f.paint();
    }
    const Trace &trace = f.document.trace();
    qint64 target = -1;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        if (trace.laneName(e.lane) == "Task-3 task2()"
            && QString::fromLatin1(eventKindName(e.eventKind())) == kind) {
            target = qint64(i);
            break;
        }
    }
    QVERIFY(target >= 0);
    const QPointF pos = f.widget.eventPosition(target);
    QVERIFY2(pos.x() >= 0, "the event is on screen");
    QCOMPARE(f.widget.eventAt(pos.toPoint()), target);
    QSignalSpy clicked(&f.widget, &TimelineWidget::eventClicked);
    QTest::mouseClick(f.widget.plot(), Qt::LeftButton, {}, pos.toPoint());
    QCOMPARE(f.cursor.cursor(), target);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toLongLong(), target);
}

void TestTimelineWidget::clickOnEmptyColumnMovesCursorThere()
{
    Fixture f("gather-order");
    // Below the last lane, in the column of step 20: no event there, the cursor goes to step 20.
    const QPointF p20 = f.widget.eventPosition(20);
    QVERIFY(p20.x() >= 0);
    const QRect area = f.widget.plot()->axisRect()->rect();
    QTest::mouseClick(f.widget.plot(), Qt::LeftButton, {}, QPoint(int(p20.x()), area.bottom() - 3));
    QCOMPARE(f.cursor.cursor(), qint64(20));
}

void TestTimelineWidget::axisModeChangesXAxis()
{
    Fixture f("gather-order");
    QCOMPARE(f.widget.axis(), TimelineAxis::Steps);
    QVERIFY(f.widget.visibleRange().end > 40); // 45 events, one column each
    QVERIFY(dynamic_cast<QCPAxisTicker *>(f.widget.plot()->xAxis2->ticker().data()));
    const QString stepsLabel = f.widget.plot()->xAxis2->label();

    f.cursor.setAxisMode(CursorController::AxisMode::Time);
    QCOMPARE(f.widget.axis(), TimelineAxis::Time);
    const XRange r = f.widget.visibleRange();
    QVERIFY2(r.start <= 0 && r.start > -0.5 && r.end >= 2 && r.end < 2.5, "the 2 s run, in seconds");
    QVERIFY(f.widget.plot()->xAxis2->label() != stepsLabel);
    QCOMPARE(f.cursor.rangeStart(), r.start);
    QCOMPARE(f.cursor.rangeEnd(), r.end);
    // Event 24 (task2 resumes at t = 1 s) is drawn a third of the way along, wherever step 24 is.
    f.paint();
    const QPointF p24 = f.widget.eventPosition(24);
    const QRect area = f.widget.plot()->axisRect()->rect();
    const double expected = area.left() + (1.0 - r.start) / r.width() * area.width();
    QVERIFY2(std::abs(p24.x() - expected) < f.widget.plot()->axisRect()->width() * 0.05, "resume at t = 1 s");

    f.cursor.setAxisMode(CursorController::AxisMode::Steps);
    QCOMPARE(f.widget.axis(), TimelineAxis::Steps);
    QVERIFY(f.widget.visibleRange().end > 40);
    QCOMPARE(f.widget.plot()->xAxis2->label(), stepsLabel);
}

void TestTimelineWidget::fitAllShowsWholeRun()
{
    Fixture f("gather-order");
    f.widget.setVisibleRange(10, 20);
    QCOMPARE(f.widget.visibleRange().start, 10.0);
    QTest::keyClick(f.widget.plot(), Qt::Key_F);
    XRange r = f.widget.visibleRange();
    QVERIFY(r.start < 0 && r.end > 44);
    f.widget.setVisibleRange(10, 20);
    f.widget.fitAll();
    r = f.widget.visibleRange();
    QVERIFY(r.start < 0 && r.end > 44);
}

void TestTimelineWidget::keysAndWheelZoomXOnly()
{
    Fixture f("gather-order");
    const XRange before = f.widget.visibleRange();
    QTest::keyClick(f.widget.plot(), Qt::Key_Plus);
    const XRange in = f.widget.visibleRange();
    QVERIFY(in.width() < before.width() * 0.9);
    QTest::keyClick(f.widget.plot(), Qt::Key_Minus);
    QVERIFY(f.widget.visibleRange().width() > in.width());

    // Wheel up over step ~30 zooms in around it; the lanes (y) do not move.
    f.widget.fitAll();
    f.paint();
    const QPointF anchor = f.widget.eventPosition(30);
    const QPoint pos = anchor.toPoint();
    const double yRange = f.widget.plot()->yAxis->range().size();
    QWheelEvent wheel(pos, f.widget.plot()->mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(f.widget.plot(), &wheel);
    const XRange zoomed = f.widget.visibleRange();
    QVERIFY(zoomed.width() < before.width() * 0.75);
    QVERIFY(zoomed.contains(30));
    QCOMPARE(f.widget.plot()->yAxis->range().size(), yRange);
}

void TestTimelineWidget::rangeIsPublished()
{
    Fixture f("gather-order");
    QSignalSpy spy(&f.cursor, &CursorController::rangeChanged);
    f.widget.setVisibleRange(5, 25);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(f.cursor.rangeStart(), 5.0);
    QCOMPARE(f.cursor.rangeEnd(), 25.0);
    // Another view sets the range: the timeline follows.
    f.cursor.setRange(10, 30);
    QCOMPARE(f.widget.visibleRange().start, 10.0);
    QCOMPARE(f.widget.visibleRange().end, 30.0);
}

void TestTimelineWidget::cursorOffScreenScrollsIntoView()
{
    Fixture f("gather-order");
    f.widget.setVisibleRange(0, 10);
    f.cursor.setCursor(40);
    QVERIFY(f.widget.visibleRange().contains(40));
    f.widget.setFollowCursor(false);
    f.widget.setVisibleRange(0, 10);
    f.cursor.setCursor(35);
    QVERIFY(!f.widget.visibleRange().contains(35));
}

void TestTimelineWidget::cursorOnHiddenLaneScrollsLanes()
{
    Fixture f("gather-order", QSize(900, 330)); // room for two or three lanes
    const QRect area = f.widget.plot()->axisRect()->rect();
    QCOMPARE(f.widget.eventPosition(24), QPointF(-1, -1)); // task2, the last lane: below the fold
    f.cursor.setCursor(24);
    f.paint();
    const QPointF p = f.widget.eventPosition(24);
    QVERIFY2(area.contains(p.toPoint()), "scrolled to task2's lane");
    QVERIFY(p.y() + 40 <= area.bottom()); // its whole row, printed lines included
    // And back up for the module's lane.
    f.cursor.setCursor(1);
    f.paint();
    QVERIFY(area.contains(f.widget.eventPosition(1).toPoint()));
}

void TestTimelineWidget::pointSizeGrowsLanes()
{
    Fixture f("gather-order");
    QCOMPARE(f.widget.pointSize(), 12.0);
    f.paint();
    // Main's start (row 2) below the module's start (row 1): one row apart.
    const double y1 = f.widget.eventPosition(6).y() - f.widget.eventPosition(1).y();
    f.widget.setPointSize(18);
    QCOMPARE(f.widget.pointSize(), 18.0);
    f.paint();
    const double y2 = f.widget.eventPosition(6).y() - f.widget.eventPosition(1).y();
    QVERIFY2(y2 > y1 * 1.3, qPrintable(QStringLiteral("%1 -> %2").arg(y1).arg(y2)));
}

void TestTimelineWidget::hoverNamesTheEvent()
{
    Fixture f("gather-order");
    const QString tip = f.widget.eventToolTip(19);
    QVERIFY(tip.contains(QStringLiteral("suspend")));
    QVERIFY(tip.contains(QStringLiteral("sleep(1)")));
    QVERIFY(tip.contains(QStringLiteral("Task-3 task2()")));
    QVERIFY(tip.contains(QStringLiteral("s_gather_order.cpp")));
    const QString wake = f.widget.eventToolTip(24);
    QVERIFY(wake.contains(QStringLiteral("#22"))); // woken by the timer's callback
    QSignalSpy hovered(&f.widget, &TimelineWidget::eventHovered);
    const QPoint pos = f.widget.eventPosition(24).toPoint();
    QTest::mouseMove(f.widget.plot(), pos);
    QTRY_VERIFY(!hovered.isEmpty());
    QCOMPARE(hovered.last().first().toLongLong(), qint64(24));
}

void TestTimelineWidget::chineseTextRenders()
{
    // echo-send prints Chinese ("收到: ..."): its labels are drawn, and the timeline's fonts have
    // glyphs for them (Noto CJK), not empty boxes.
    Fixture f("echo-send");
    const Trace &trace = f.document.trace();
    qint64 chinese = -1;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        if (trace.events[i].eventKind() == EventKind::Output
            && trace.detail(trace.events[i]).find("收到") != std::string_view::npos) {
            chinese = qint64(i);
            break;
        }
    }
    QVERIFY(chinese >= 0);
    QVERIFY(f.widget.eventPosition(chinese).x() >= 0); // its label was placed
    const TimelineStyle style(12);
    const QString text = QStringLiteral("收到: hello");
    QTextLayout layout(text, style.font());
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    int glyphs = 0;
    for (const QGlyphRun &run : layout.glyphRuns()) {
        for (quint32 index : run.glyphIndexes()) {
            QVERIFY2(index != 0, qPrintable(run.rawFont().familyName()));
            ++glyphs;
        }
    }
    QVERIFY(glyphs >= text.size() - 1);
}

void TestTimelineWidget::everyVirtualSampleDraws()
{
    // Every gallery sample on the virtual clock, in both axes: something is drawn, nothing breaks.
    TraceDocument document;
    CursorController cursor;
    TimelineWidget widget(&document, &cursor);
    widget.resize(1000, 500);
    widget.show();
    int samples = 0;
    for (const Sample &sample : sampleList()) {
        if (sample.clock != ClockMode::Virtual)
            continue;
        document.setTrace(runSample(sample).trace,
                          QString::fromLatin1(sample.id.data(), qsizetype(sample.id.size())));
        for (auto mode : {CursorController::AxisMode::Steps, CursorController::AxisMode::Time}) {
            cursor.setAxisMode(mode);
            cursor.setCursor(cursor.eventCount() / 2);
            widget.plot()->replot(QCustomPlot::rpImmediateRefresh);
            QVERIFY(widget.layout().rowCount() > 0);
            QVERIFY(widget.eventPosition(cursor.cursor()).x() >= 0
                    || mode == CursorController::AxisMode::Time);
        }
        ++samples;
    }
    QVERIFY(samples >= 10);
}

void TestTimelineWidget::exportsAnImage()
{
    Fixture f("gather-order");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("timeline.png"));
    QVERIFY(f.widget.exportImage(path, QSize(800, 400)));
    const QImage image(path);
    QCOMPARE(image.size(), QSize(800, 400));
    const QString pdf = dir.filePath(QStringLiteral("timeline.pdf")); // vector: markers as paths
    QVERIFY(f.widget.exportImage(pdf, QSize(800, 400)));
    QVERIFY(QFileInfo(pdf).size() > 1000);
    // Hit tests follow the screen again, not the export.
    f.paint();
    QCOMPARE(f.widget.eventAt(f.widget.eventPosition(24).toPoint()), qint64(24));
}

void TestTimelineWidget::legendCanHide()
{
    Fixture f("gather-order");
    QVERIFY(f.widget.legendVisible());
    const int withLegend = f.widget.plot()->axisRect()->rect().height();
    f.widget.setLegendVisible(false);
    f.paint();
    QVERIFY(!f.widget.legendVisible());
    QVERIFY(f.widget.plot()->axisRect()->rect().height() > withLegend + 20); // the lanes get its room
    f.widget.setLegendVisible(true);
    f.paint();
    QCOMPARE(f.widget.plot()->axisRect()->rect().height(), withLegend);
}

void TestTimelineWidget::screenshot()
{
    const QByteArray dir = qgetenv("COROSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        QSKIP("set COROSCOPE_SCREENSHOT_DIR to write screenshots");
    struct Shot {
        const char *sample;
        CursorController::AxisMode mode;
        qint64 cursor;
        const char *file;
        qreal points;
    };
    const Shot shots[] = {
        {"gather-order", CursorController::AxisMode::Time, 25, "timeline-gather-order.png", 12},
        {"gather-order", CursorController::AxisMode::Steps, 24, "timeline-gather-order-steps.png", 12},
        {"gather-order", CursorController::AxisMode::Time, 25, "timeline-gather-order-14pt.png", 14},
        {"gen-send", CursorController::AxisMode::Steps, 9, "timeline-gen-send.png", 12},
        {"echo-send", CursorController::AxisMode::Steps, 12, "timeline-echo-send.png", 12},
        {"executor-submit", CursorController::AxisMode::Time, 22, "timeline-executor-submit.png", 12},
        {"cancel-timeout", CursorController::AxisMode::Steps, 30, "timeline-cancel-timeout.png", 12},
        {"blocking-call", CursorController::AxisMode::Time, 10, "timeline-blocking-call.png", 12},
    };
    for (const Shot &shot : shots) {
        Fixture f(shot.sample, QSize(1600, 600));
        f.widget.setPointSize(shot.points);
        f.cursor.setAxisMode(shot.mode);
        f.widget.fitAll();
        f.cursor.setCursor(shot.cursor);
        f.paint();
        const QString path = QString::fromLocal8Bit(dir) + QLatin1Char('/') + QLatin1String(shot.file);
        QVERIFY(f.widget.grab().save(path));
        qInfo("wrote %s", qPrintable(path));
    }
}

QTEST_MAIN(TestTimelineWidget)
#include "tst_timelinewidget.moc"
