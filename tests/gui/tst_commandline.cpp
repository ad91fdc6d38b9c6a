// The app's command line (QCommandLineParser): --sample, a trace file, --screenshot, --size, --step, --lang.
#include "gui/CommandLine.h"

#include <QSize>
#include <QTest>

using namespace coroscope;

class TestCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void commandLine_data();
    void commandLine();
    void errorsNameTheProblem();
    void classroomOptions();
};

void TestCommandLine::commandLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("screenshot");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<qint64>("step");
    QTest::addColumn<QString>("lang");
    QTest::newRow("nothing") << QStringList{} << true << "" << "" << "" << QSize() << qint64(-2) << "";
    QTest::newRow("sample") << QStringList{"--sample", "gather-order"} << true << "gather-order" << "" << ""
                            << QSize() << qint64(-2) << "";
    QTest::newRow("file") << QStringList{"run.coroscope"} << true << "" << "run.coroscope" << "" << QSize()
                          << qint64(-2) << "";
    QTest::newRow("screenshot") << QStringList{"--sample=gen-send", "--screenshot", "a.png", "--size", "1280x720",
                                               "--step", "9", "--lang", "zh_CN"}
                                << true << "gen-send" << "" << "a.png" << QSize(1280, 720) << qint64(9) << "zh_CN";
    QTest::newRow("step -1") << QStringList{"--step", "-1"} << true << "" << "" << "" << QSize() << qint64(-1) << "";
    QTest::newRow("lang en") << QStringList{"--lang", "en"} << true << "" << "" << "" << QSize() << qint64(-2) << "en";
    QTest::newRow("unknown sample") << QStringList{"--sample", "nope"} << false << "" << "" << "" << QSize()
                                    << qint64(-2) << "";
    QTest::newRow("sample and file") << QStringList{"--sample", "gen-send", "x.coroscope"} << false << "" << ""
                                     << "" << QSize() << qint64(-2) << "";
    QTest::newRow("bad size") << QStringList{"--size", "big"} << false << "" << "" << "" << QSize() << qint64(-2) << "";
    QTest::newRow("bad step") << QStringList{"--step", "x"} << false << "" << "" << "" << QSize() << qint64(-2) << "";
    QTest::newRow("bad lang") << QStringList{"--lang", "fr"} << false << "" << "" << "" << QSize() << qint64(-2) << "";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << false << "" << "" << "" << QSize() << qint64(-2)
                                    << "";
}

void TestCommandLine::commandLine()
{
    QFETCH(QStringList, args);
    QFETCH(bool, ok);
    args.prepend(QStringLiteral("coroscope"));
    const CommandLine cl = CommandLine::parse(args);
    QCOMPARE(cl.error.isEmpty(), ok);
    if (!ok)
        return;
    QTEST(cl.sample, "sample");
    QTEST(cl.traceFile, "file");
    QTEST(cl.screenshot, "screenshot");
    QTEST(cl.size, "size");
    QTEST(cl.step, "step");
    QTEST(cl.language, "lang");
}

void TestCommandLine::errorsNameTheProblem()
{
    const CommandLine unknown = CommandLine::parse({"coroscope", "--sample", "nope"});
    QVERIFY(unknown.error.contains(QLatin1String("nope")));
    QVERIFY(unknown.error.contains(QLatin1String("gather-order"))); // lists the valid ids
    const CommandLine size = CommandLine::parse({"coroscope", "--size", "1920*1080"});
    QVERIFY(size.error.contains(QLatin1String("1920*1080")));
    const CommandLine help = CommandLine::parse({"coroscope", "--help"});
    QVERIFY(help.error.isEmpty());
    QVERIFY(help.helpRequested);
    for (const char *option : {"--sample", "--screenshot", "--size", "--step", "--lang"})
        QVERIFY2(help.helpText.contains(QLatin1String(option)), option);
}

void TestCommandLine::classroomOptions()
{
    const CommandLine none = CommandLine::parse({"coroscope"});
    QVERIFY(!none.present && !none.predict && !none.hasCompare);
    const CommandLine both = CommandLine::parse({"coroscope", "--sample", "gather-order", "--present", "--predict"});
    QVERIFY2(both.error.isEmpty(), qPrintable(both.error));
    QVERIFY(both.present && both.predict);
    const CommandLine halves = CommandLine::parse({"coroscope", "--compare", "sequential-vs-gather"});
    QVERIFY(halves.hasCompare);
    QCOMPARE(halves.compare, QStringList{"sequential-vs-gather"});
    const CommandLine pair
        = CommandLine::parse({"coroscope", "--compare", "sequential-vs-gather:1,three-sleepers"});
    QVERIFY2(pair.error.isEmpty(), qPrintable(pair.error));
    QCOMPARE(pair.compare, (QStringList{"sequential-vs-gather:1", "three-sleepers"}));
    const CommandLine unknown = CommandLine::parse({"coroscope", "--compare", "gather-order,nope"});
    QVERIFY(unknown.error.contains(QLatin1String("\"nope\"")));
    QVERIFY(unknown.error.contains(QLatin1String("sequential-vs-gather:2"))); // lists the runs
    const CommandLine noHalves = CommandLine::parse({"coroscope", "--compare", "gather-order:1,gather-order"});
    QVERIFY(noHalves.error.contains(QLatin1String("gather-order:1")));
    const CommandLine three = CommandLine::parse({"coroscope", "--compare", "gather-order,gen-order,three-sleepers"});
    QVERIFY(three.error.contains(QLatin1String("one or two runs")));
    const CommandLine help = CommandLine::parse({"coroscope", "--help"});
    for (const char *option : {"--present", "--predict", "--compare"})
        QVERIFY2(help.helpText.contains(QLatin1String(option)), option);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
