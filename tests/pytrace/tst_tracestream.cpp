// The Python tracer's stream read into a Trace: what a good stream gives, however it is cut into
// chunks, and what a damaged one says (its line and what is wrong), keeping what came before.
#include "pytrace/TraceStream.h"

#include <QTest>

#include <string>

using namespace coroscope;

namespace {

// gather-order's first steps, as the tracer writes them.
const std::string kGood = "coroscope-pytrace 1\n"
                          "M clock virtual\n"
                          "S 1 <module>\n"
                          "L 0 module -1 1 -1 0\n"
                          "E start 0 -1 0 0 0\n"
                          "S 2 /tmp/x.py\n"
                          "F 1 2 4\n"
                          "S 3 sleep(2)\n"
                          "E timer-arm 0 1 3 1 0\n"
                          "T 2 2000000000\n"
                          "S 4 line one\\nline two \\\\ end\n"
                          "E output 0 -1 4 1 5\n"
                          "S 5 renamed\n"
                          "R 0 5\n"
                          "M stderr oops\n"
                          "X\n";

TraceStream read(const std::string &text)
{
    TraceStream s;
    s.feed(text);
    s.finish();
    return s;
}

} // namespace

class TestTraceStream : public QObject
{
    Q_OBJECT
private slots:
    void readsEveryRecord()
    {
        const auto s = read(kGood);
        QVERIFY2(s.ok(), s.error().c_str());
        QVERIFY(s.complete());
        const Trace &t = s.trace();
        QCOMPARE(t.clock, ClockMode::Virtual);
        QCOMPARE(t.lanes.size(), std::size_t(1));
        QCOMPARE(std::string(t.laneName(0)), std::string("renamed"));
        QCOMPARE(t.lanes[0].kind, LaneKind::Module);
        QCOMPARE(t.lanes[0].created, 0u);
        QCOMPARE(t.events.size(), std::size_t(4));
        QCOMPARE(t.events[0].eventKind(), EventKind::Create);
        QCOMPARE(t.detail(t.events[0]), std::string_view("<module>"));
        QCOMPARE(t.events[2].eventKind(), EventKind::TimerArm);
        QCOMPARE(t.events[2].cause, 1u);
        QCOMPARE(t.locationText(t.events[2]), std::string("x.py:4"));
        QCOMPARE(t.dueTime(2), std::int64_t(2'000'000'000));
        QCOMPARE(t.detail(t.events[3]), std::string_view("line one\nline two \\ end"));
        QCOMPARE(t.time(std::uint32_t(3)), std::int64_t(5));
        QCOMPARE(t.metaValue("stderr"), std::string("oops"));
    }

    void chunksCutAnywhereGiveTheSameTrace()
    {
        const Trace whole = read(kGood).trace();
        for (std::size_t size : {1u, 2u, 7u, 64u}) {
            TraceStream s;
            for (std::size_t i = 0; i < kGood.size(); i += size)
                QVERIFY(s.feed(std::string_view(kGood).substr(i, size)));
            QVERIFY(s.finish());
            QVERIFY(s.trace() == whole);
        }
    }

    void aStreamWithoutItsEndIsIncomplete()
    {
        const auto cut = kGood.substr(0, kGood.find("E output"));
        const auto s = read(cut + "E outp"); // cut mid-line, as a killed tracer leaves it
        QVERIFY(!s.complete());
        QVERIFY(!s.ok()); // the half line is not a record
        QCOMPARE(s.trace().events.size(), std::size_t(3));
    }

    void damagedStreamsSayWhereAndWhy_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("message");
        const QString head = QStringLiteral("coroscope-pytrace 1\nS 1 a\nL 0 module -1 1 -1 0\n");
        QTest::newRow("not a stream") << "hello\n" << "line 1: expected \"coroscope-pytrace 1\", found \"hello\"";
        QTest::newRow("other version") << "coroscope-pytrace 2\n" << "line 1: expected";
        QTest::newRow("unknown tag") << head + "Q 1\n" << "line 4: unknown record 'Q'";
        QTest::newRow("string out of order") << head + "S 5 x\n" << "line 4: S: string 5 defined out of order (expected 2)";
        QTest::newRow("undefined string") << head + "E start 0 -1 9 0 0\n" << "line 4: E: string 9 is not defined";
        QTest::newRow("undefined lane") << head + "E start 3 -1 0 0 0\n" << "line 4: E: lane 3 is not defined";
        QTest::newRow("unknown kind") << head + "E jump 0 -1 0 0 0\n" << "line 4: E: unknown event kind";
        QTest::newRow("cause in the future") << head + "E start 0 7 0 0 0\n" << "line 4: E: cause 7 is not an earlier event";
        QTest::newRow("undefined location") << head + "E start 0 -1 0 4 0\n" << "line 4: E: location 4 is not defined";
        QTest::newRow("lane out of order") << head + "L 5 task 0 1 -1 0\n" << "line 4: L: lane 5 defined out of order";
        QTest::newRow("parent later") << head + "L 1 task 1 1 -1 0\n" << "line 4: L: parent lane 1 is not an earlier lane";
        QTest::newRow("due of no timer") << head + "T 0 5\n" << "line 4: T: event 0 is not a timer-arm";
        QTest::newRow("bad number") << head + "E start 0 -1 x 0 0\n" << "line 4: E: expected";
        QTest::newRow("after the end") << head + "X\nE start 0 -1 0 0 0\n" << "line 5: a record after the end marker X";
        QTest::newRow("empty line") << head + "\n" << "line 4: an empty line";
    }

    void damagedStreamsSayWhereAndWhy()
    {
        QFETCH(QString, stream);
        QFETCH(QString, message);
        const auto s = read(stream.toStdString());
        QVERIFY(!s.ok());
        QVERIFY2(QString::fromStdString(s.error()).contains(message), s.error().c_str());
        QVERIFY(QString::fromStdString(s.error()).startsWith(QStringLiteral("Python trace stream, line ")));
        // What came before the bad line stays.
        if (stream.startsWith(QStringLiteral("coroscope-pytrace 1\nS 1 a\nL 0")))
            QVERIFY(!s.trace().lanes.empty());
    }

    void nothingIsReadAfterAnError()
    {
        TraceStream s;
        QVERIFY(!s.feed("bad\n"));
        QVERIFY(!s.feed(kGood));
        QVERIFY(s.trace().events.empty());
    }
};

QTEST_GUILESS_MAIN(TestTraceStream)
#include "tst_tracestream.moc"
