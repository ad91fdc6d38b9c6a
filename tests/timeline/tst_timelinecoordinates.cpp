// Time <-> pixel math of the timeline (plain functions, data-driven).
#include "timeline/TimelineCoordinates.h"

#include <QTest>

using namespace coroscope;

Q_DECLARE_METATYPE(coroscope::XRange)

namespace coroscope {
char *toString(const XRange &r) // QCOMPARE prints ranges
{
    return QTest::toString(QStringLiteral("[%1, %2]").arg(r.start, 0, 'g', 12).arg(r.end, 0, 'g', 12));
}
} // namespace coroscope

class TestTimelineCoordinates : public QObject
{
    Q_OBJECT
private slots:
    void toPixel_data();
    void toPixel();
    void roundTrip_data();
    void roundTrip();
    void rows_data();
    void rows();
    void zoom_data();
    void zoom();
    void pan_data();
    void pan();
    void fit_data();
    void fit();
    void ensureVisible_data();
    void ensureVisible();
    void formatSeconds_data();
    void formatSeconds();
};

void TestTimelineCoordinates::toPixel_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("left");
    QTest::addColumn<double>("width");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("pixel");
    QTest::newRow("range start at left edge") << 0.0 << 10.0 << 100.0 << 1000.0 << 0.0 << 100.0;
    QTest::newRow("range end at right edge") << 0.0 << 10.0 << 100.0 << 1000.0 << 10.0 << 1100.0;
    QTest::newRow("middle") << 0.0 << 10.0 << 100.0 << 1000.0 << 5.0 << 600.0;
    QTest::newRow("left of the range") << 0.0 << 10.0 << 100.0 << 1000.0 << -1.0 << 0.0;
    QTest::newRow("steps, offset range") << 40.0 << 60.0 << 0.0 << 400.0 << 45.0 << 100.0;
    QTest::newRow("seconds, 2 s over 1600 px") << 0.0 << 2.0 << 200.0 << 1600.0 << 1.0 << 1000.0;
    QTest::newRow("microseconds") << 1.0 << 1.000002 << 0.0 << 2000.0 << 1.000001 << 1000.0;
    QTest::newRow("negative start") << -0.5 << 44.5 << 150.0 << 900.0 << 0.0 << 160.0;
}

void TestTimelineCoordinates::toPixel()
{
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, left);
    QFETCH(double, width);
    QFETCH(double, x);
    QFETCH(double, pixel);
    const TimelineCoordinates c {XRange {start, end}, left, width};
    QVERIFY2(std::abs(c.toPixel(x) - pixel) < 1e-6, qPrintable(QString::number(c.toPixel(x), 'g', 12)));
    QVERIFY(std::abs(c.toX(pixel) - x) < 1e-9 * std::max(1.0, std::abs(x)));
    QVERIFY(std::abs(c.pixelsPerUnit() * c.unitsPerPixel() - 1) < 1e-12);
}

void TestTimelineCoordinates::roundTrip_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::newRow("steps") << -0.6 << 44.6;
    QTest::newRow("million steps") << 0.0 << 1e6;
    QTest::newRow("seconds") << 0.0 << 2.06;
    QTest::newRow("deep zoom") << 12.345678 << 12.345679;
}

void TestTimelineCoordinates::roundTrip()
{
    QFETCH(double, start);
    QFETCH(double, end);
    const TimelineCoordinates c {XRange {start, end}, 37, 1563};
    for (int px = 37; px <= 1600; px += 71)
        QVERIFY(std::abs(c.toPixel(c.toX(px)) - px) < 1e-4);
}

void TestTimelineCoordinates::rows_data()
{
    QTest::addColumn<double>("top");
    QTest::addColumn<double>("rowHeight");
    QTest::addColumn<double>("scroll");
    QTest::addColumn<double>("y");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("first"); // visible rows for a 200 px band, 100 rows
    QTest::addColumn<int>("last");
    QTest::newRow("top of row 0") << 50.0 << 40.0 << 0.0 << 50.0 << 0 << 0 << 5;
    QTest::newRow("bottom of row 0") << 50.0 << 40.0 << 0.0 << 89.9 << 0 << 0 << 5;
    QTest::newRow("row 2") << 50.0 << 40.0 << 0.0 << 130.0 << 2 << 0 << 5;
    QTest::newRow("above") << 50.0 << 40.0 << 0.0 << 10.0 << -1 << 0 << 5;
    QTest::newRow("scrolled by one row") << 50.0 << 40.0 << 40.0 << 50.0 << 1 << 1 << 6;
    QTest::newRow("scrolled half a row") << 50.0 << 40.0 << 20.0 << 50.0 << 0 << 0 << 6;
    QTest::newRow("scrolled far") << 0.0 << 60.0 << 5970.0 << 0.0 << 99 << 99 << 100;
}

void TestTimelineCoordinates::rows()
{
    QFETCH(double, top);
    QFETCH(double, rowHeight);
    QFETCH(double, scroll);
    QFETCH(double, y);
    QFETCH(int, row);
    QFETCH(int, first);
    QFETCH(int, last);
    const RowGeometry g {top, rowHeight, scroll};
    QCOMPARE(g.rowAt(y), row);
    int f = -1, l = -1;
    g.visibleRows(200, 100, f, l);
    QCOMPARE(f, first);
    QCOMPARE(l, last);
    if (row >= 0)
        QVERIFY(g.rowTop(row) <= y && y < g.rowTop(row) + rowHeight);
    QCOMPARE(g.maxScroll(100, 200), 100 * rowHeight - 200);
    QCOMPARE(g.maxScroll(2, 200), rowHeight * 2 > 200 ? rowHeight * 2 - 200 : 0.0);
}

void TestTimelineCoordinates::zoom_data()
{
    QTest::addColumn<XRange>("range");
    QTest::addColumn<double>("anchor");
    QTest::addColumn<double>("factor");
    QTest::addColumn<XRange>("limits");
    QTest::addColumn<double>("minWidth");
    QTest::addColumn<XRange>("expected");
    const XRange big {-1000, 1000};
    QTest::newRow("in around the centre") << XRange {0, 100} << 50.0 << 0.5 << big << 1.0 << XRange {25, 75};
    QTest::newRow("in around the left edge") << XRange {0, 100} << 0.0 << 0.5 << big << 1.0 << XRange {0, 50};
    QTest::newRow("anchor keeps its place")
        << XRange {0, 100} << 20.0 << 0.5 << big << 1.0 << XRange {10, 60};
    QTest::newRow("out") << XRange {25, 75} << 50.0 << 2.0 << big << 1.0 << XRange {0, 100};
    QTest::newRow("not below the minimum") << XRange {0, 10} << 5.0 << 0.01 << big << 4.0 << XRange {3, 7};
    QTest::newRow("out past the limits shows the limits")
        << XRange {0, 100} << 50.0 << 100.0 << XRange {-10, 110} << 1.0 << XRange {-10, 110};
    QTest::newRow("out near a limit slides inside")
        << XRange {50, 100} << 100.0 << 1.5 << XRange {0, 90} << 1.0 << XRange {15, 90};
    QTest::newRow("out to exactly the limits")
        << XRange {0, 100} << 0.0 << 1.1 << XRange {-5, 105} << 1.0 << XRange {-5, 105};
}

void TestTimelineCoordinates::zoom()
{
    QFETCH(XRange, range);
    QFETCH(double, anchor);
    QFETCH(double, factor);
    QFETCH(XRange, limits);
    QFETCH(double, minWidth);
    QFETCH(XRange, expected);
    const XRange r = zoomRange(range, anchor, factor, limits, minWidth);
    QVERIFY2(std::abs(r.start - expected.start) < 1e-9 && std::abs(r.end - expected.end) < 1e-9,
             qPrintable(QStringLiteral("%1..%2").arg(r.start).arg(r.end)));
}

void TestTimelineCoordinates::pan_data()
{
    QTest::addColumn<XRange>("range");
    QTest::addColumn<double>("dx");
    QTest::addColumn<XRange>("expected");
    const XRange limits {0, 100};
    Q_UNUSED(limits);
    QTest::newRow("right") << XRange {10, 20} << 5.0 << XRange {15, 25};
    QTest::newRow("left") << XRange {10, 20} << -5.0 << XRange {5, 15};
    QTest::newRow("stops at the left limit") << XRange {10, 20} << -50.0 << XRange {0, 10};
    QTest::newRow("stops at the right limit") << XRange {80, 90} << 50.0 << XRange {90, 100};
}

void TestTimelineCoordinates::pan()
{
    QFETCH(XRange, range);
    QFETCH(double, dx);
    QFETCH(XRange, expected);
    QCOMPARE(panRange(range, dx, XRange {0, 100}), expected);
}

void TestTimelineCoordinates::fit_data()
{
    QTest::addColumn<double>("start");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("margin");
    QTest::addColumn<double>("minWidth");
    QTest::addColumn<XRange>("expected");
    QTest::newRow("with margins") << 0.0 << 100.0 << 0.05 << 1.0 << XRange {-5, 105};
    QTest::newRow("no margin") << 0.0 << 2.0 << 0.0 << 1e-6 << XRange {0, 2};
    QTest::newRow("zero width grows to the minimum") << 0.0 << 0.0 << 0.0 << 1.0 << XRange {-0.5, 0.5};
    QTest::newRow("reversed input") << 10.0 << 0.0 << 0.0 << 1.0 << XRange {0, 10};
}

void TestTimelineCoordinates::fit()
{
    QFETCH(double, start);
    QFETCH(double, end);
    QFETCH(double, margin);
    QFETCH(double, minWidth);
    QFETCH(XRange, expected);
    QCOMPARE(fitRange(start, end, margin, minWidth), expected);
}

void TestTimelineCoordinates::ensureVisible_data()
{
    QTest::addColumn<XRange>("range");
    QTest::addColumn<double>("x");
    QTest::addColumn<XRange>("expected");
    QTest::newRow("inside: unchanged") << XRange {0, 100} << 50.0 << XRange {0, 100};
    QTest::newRow("right of it") << XRange {0, 100} << 150.0 << XRange {60, 160};
    QTest::newRow("left of it") << XRange {100, 200} << 50.0 << XRange {40, 140};
    QTest::newRow("inside the margin") << XRange {0, 100} << 95.0 << XRange {5, 105};
}

void TestTimelineCoordinates::ensureVisible()
{
    QFETCH(XRange, range);
    QFETCH(double, x);
    QFETCH(XRange, expected);
    const XRange r = coroscope::ensureVisible(range, x, 0.1);
    QVERIFY2(std::abs(r.start - expected.start) < 1e-9 && std::abs(r.end - expected.end) < 1e-9,
             qPrintable(QStringLiteral("%1..%2").arg(r.start).arg(r.end)));
}

void TestTimelineCoordinates::formatSeconds_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<double>("resolution");
    QTest::addColumn<double>("unit");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << 0.5 << 0.0 << "0 s";
    QTest::newRow("half seconds") << 1.5 << 0.5 << 0.0 << "1.5 s";
    QTest::newRow("whole second, fine resolution") << 1.0 << 0.001 << 0.0 << "1 s";
    QTest::newRow("milliseconds of a second") << 1.002 << 0.001 << 0.0 << "1.002 s";
    QTest::newRow("milliseconds") << 0.25 << 0.05 << 1e-3 << "250 ms";
    QTest::newRow("small value") << 0.012 << 0.001 << 0.0 << "12 ms";
    QTest::newRow("microseconds") << 12e-6 << 1e-6 << 0.0 << "12 µs";
    QTest::newRow("nanoseconds") << 5e-9 << 1e-9 << 0.0 << "5 ns";
    QTest::newRow("negative") << -0.5 << 0.1 << 0.0 << "-0.5 s";
    QTest::newRow("forced unit") << 0.0 << 0.005 << 1e-3 << "0 ms";
}

void TestTimelineCoordinates::formatSeconds()
{
    QFETCH(double, seconds);
    QFETCH(double, resolution);
    QFETCH(double, unit);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(coroscope::formatSeconds(seconds, resolution, unit)), text);
}

QTEST_APPLESS_MAIN(TestTimelineCoordinates)
#include "tst_timelinecoordinates.moc"
