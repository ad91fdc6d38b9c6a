// SourceMap ("// py:N" markers) and TraceIndex (console lines, source lines, breakpoint hits).
#include "model/SourceMap.h"
#include "model/TraceIndex.h"
#include "samples/Samples.h"

#include <QTest>

using namespace coroscope;

class TestSourceMap : public QObject
{
    Q_OBJECT
private slots:
    void markers_data();
    void markers();
    void reverseMap();
    void gatherOrderSource();
    void outputsAndNextOutput();
    void sourceLines_data();
    void sourceLines();
    void breakpointHits();
    void otherFilesHaveNoLine();
};

void TestSourceMap::markers_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<int>("python");
    QTest::newRow("marker") << "    print(\"1-start\");                       // py:3" << "    print(\"1-start\");" << 3;
    QTest::newRow("tight") << "x();//py:12" << "x();" << 12;
    QTest::newRow("trailing spaces") << "y();  // py:7   " << "y();" << 7;
    QTest::newRow("none") << "    co_await sleep(1);" << "    co_await sleep(1);" << 0;
    QTest::newRow("marker in prose") << "// A \"// py:N\" comment ties a line" << "// A \"// py:N\" comment ties a line" << 0;
    QTest::newRow("not at the end") << "f(); // py:3 and more" << "f(); // py:3 and more" << 0;
    QTest::newRow("other comment") << "g(); // see py:4 below" << "g(); // see py:4 below" << 0;
    QTest::newRow("chinese") << "    print(\"收到\");  // py:4" << "    print(\"收到\");" << 4;
}

void TestSourceMap::markers()
{
    QFETCH(QString, line);
    QFETCH(QString, shown);
    QFETCH(int, python);
    const QByteArray text = (QStringLiteral("first\n") + line + QStringLiteral("\nlast\n")).toUtf8();
    const SourceMap map(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(map.lineCount(), 3);
    QCOMPARE(map.displayText(), QStringLiteral("first\n") + shown + QStringLiteral("\nlast"));
    QCOMPARE(map.pythonLine(2), python);
    QCOMPARE(map.pythonLine(1), 0);
    QCOMPARE(map.pythonLine(0), 0);
    QCOMPARE(map.pythonLine(99), 0);
}

void TestSourceMap::reverseMap()
{
    const SourceMap map("a(); // py:2\nb(); // py:5\nc(); // py:5\n");
    QCOMPARE(map.cppLine(2), 1);
    QCOMPARE(map.cppLine(5), 2); // the first C++ line that names it
    QCOMPARE(map.cppLine(3), 0);
    QCOMPARE(map.cppLine(0), 0);
}

void TestSourceMap::gatherOrderSource()
{
    const Sample *sample = findSample("gather-order");
    QVERIFY(sample);
    const SourceMap map(sampleSource(*sample));
    QVERIFY(!map.displayText().contains(QRegularExpression(QStringLiteral("//\\s*py:\\d+"))));
    // The lines the trace points at, and their Python twins (resources/python/gather-order.py).
    QCOMPARE(map.pythonLine(10), 4);  // co_await sleep(2);  ->  await asyncio.sleep(2)
    QCOMPARE(map.pythonLine(17), 8);  // co_await sleep(1);  ->  await asyncio.sleep(1)
    QCOMPARE(map.pythonLine(23), 11); // co_await gather(...) -> await asyncio.gather(...)
    QCOMPARE(map.pythonLine(28), 12); // run(main());         -> asyncio.run(main())
    const QStringList cpp = map.displayText().split(u'\n');
    QVERIFY(cpp[16].contains(QLatin1String("co_await sleep(1);")));
    const auto py = pythonMirror(*sample);
    const QStringList python = QString::fromUtf8(py.data(), qsizetype(py.size())).split(u'\n');
    QVERIFY(python[7].contains(QLatin1String("await asyncio.sleep(1)")));
}

static Trace gatherOrder()
{
    const Sample *sample = findSample("gather-order");
    return runSample(*sample).trace;
}

void TestSourceMap::outputsAndNextOutput()
{
    const Trace trace = gatherOrder();
    TraceIndex index;
    index.build(trace, "s_gather_order.cpp");
    QCOMPARE(index.eventCount(), trace.events.size());
    QCOMPARE(index.outputs().size(), std::size_t(4));
    // Output events of gather-order: 1-start (13), 2-start (17), 2-end (25), 1-end (34).
    QCOMPARE(index.outputs(), (std::vector<std::uint32_t>{13, 17, 25, 34}));
    QCOMPARE(index.outputCountAt(-1), 0);
    QCOMPARE(index.outputCountAt(12), 0);
    QCOMPARE(index.outputCountAt(13), 1);
    QCOMPARE(index.outputCountAt(24), 2);
    QCOMPARE(index.outputCountAt(44), 4);
    QCOMPARE(index.nextOutputAfter(-1), 13);
    QCOMPARE(index.nextOutputAfter(13), 17);
    QCOMPARE(index.nextOutputAfter(25), 34);
    QCOMPARE(index.nextOutputAfter(34), -1);
}

void TestSourceMap::sourceLines_data()
{
    QTest::addColumn<int>("seq");
    QTest::addColumn<int>("line");
    QTest::addColumn<bool>("exact");
    QTest::newRow("before start") << -1 << 0 << false;
    QTest::newRow("module create") << 0 << 0 << false;
    QTest::newRow("asyncio.run") << 2 << 28 << true;
    QTest::newRow("main suspends in gather") << 11 << 23 << true;
    QTest::newRow("task1 arms sleep(2)") << 14 << 10 << true;
    QTest::newRow("task1 suspends in sleep(2)") << 15 << 10 << true;
    QTest::newRow("task2 suspends in sleep(1)") << 19 << 17 << true;
    QTest::newRow("clock jump: no location") << 20 << 0 << false;
    QTest::newRow("timer fires: the sleep that armed it") << 21 << 17 << false;
    QTest::newRow("its callback: same") << 22 << 17 << false;
    QTest::newRow("task2 resumes where it waited") << 24 << 17 << false;
    QTest::newRow("task1 resumes where it waited") << 33 << 10 << false;
    QTest::newRow("main resumes in gather") << 39 << 23 << false;
    QTest::newRow("module resumes in asyncio.run") << 43 << 28 << false;
    QTest::newRow("past the end") << 45 << 0 << false;
}

void TestSourceMap::sourceLines()
{
    QFETCH(int, seq);
    QFETCH(int, line);
    QFETCH(bool, exact);
    const Trace trace = gatherOrder();
    TraceIndex index;
    index.build(trace, "s_gather_order.cpp");
    const auto shown = index.sourceLineAt(seq);
    QCOMPARE(shown.line, line);
    if (line)
        QCOMPARE(shown.exact, exact);
}

void TestSourceMap::breakpointHits()
{
    const Trace trace = gatherOrder();
    TraceIndex index;
    index.build(trace, "s_gather_order.cpp");
    // Line 17 (co_await sleep(1)): the timer-arm enters it; the suspend that follows on the same line
    // does not stop again.
    QCOMPARE(index.ownLine(18), 17);
    QVERIFY(index.entersLine(18));
    QCOMPARE(index.ownLine(19), 17);
    QVERIFY(!index.entersLine(19));
    QCOMPARE(index.nextHitAfter(-1, {17}), 18);
    QCOMPARE(index.nextHitAfter(18, {17}), -1);
    QCOMPARE(index.nextHitAfter(-1, {10, 17}), 14);
    QCOMPARE(index.nextHitAfter(14, {10, 17}), 18);
    QCOMPARE(index.nextHitAfter(-1, {}), -1);
    QCOMPARE(index.nextHitAfter(-1, {5}), -1); // a line no event is on
}

void TestSourceMap::otherFilesHaveNoLine()
{
    const Trace trace = gatherOrder();
    TraceIndex index;
    index.build(trace, "s_some_other_sample.cpp");
    for (int seq = -1; seq <= int(trace.events.size()); ++seq)
        QCOMPARE(index.sourceLineAt(seq).line, 0);
    index.build(trace, {});
    QCOMPARE(index.sourceLineAt(2).line, 0);
    QCOMPARE(index.outputs().size(), std::size_t(4)); // the console does not need the source
}

QTEST_GUILESS_MAIN(TestSourceMap)
#include "tst_sourcemap.moc"
