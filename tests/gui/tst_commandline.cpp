// The app's command line (QCommandLineParser): --sample, a trace file, --screenshot, --size, --step, --lang.
#include "gui/CommandLine.h"

#include <QFile>
#include <QProcess>
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
    void laneOptions();
    void helpAndVersionNeedNoDisplay();
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

void TestCommandLine::laneOptions()
{
    const CommandLine all = CommandLine::parse({"coroscope", "--axis", "time", "--density", "compact", "--group",
                                                "spawner", "--fold", "none", "--range", "0.5:0.6"});
    QVERIFY2(all.error.isEmpty(), qPrintable(all.error));
    QCOMPARE(all.axis, QStringLiteral("time"));
    QCOMPARE(all.density, QStringLiteral("compact"));
    QCOMPARE(all.group, QStringLiteral("spawner"));
    QCOMPARE(all.fold, QStringLiteral("none"));
    QVERIFY(all.hasRange());
    QCOMPARE(all.rangeStart, 0.5);
    QCOMPARE(all.rangeEnd, 0.6);
    QVERIFY(!CommandLine::parse({"coroscope"}).hasRange());
    const CommandLine axis = CommandLine::parse({"coroscope", "--axis", "seconds"});
    QVERIFY(axis.error.contains(QLatin1String("--axis wants steps | time")));
    QVERIFY(CommandLine::parse({"coroscope", "--density", "dense"}).error.contains(QLatin1String("roomy")));
    QVERIFY(CommandLine::parse({"coroscope", "--group", "kind"}).error.contains(QLatin1String("spawner")));
    QVERIFY(CommandLine::parse({"coroscope", "--fold", "some"}).error.contains(QLatin1String("all")));
    QVERIFY(CommandLine::parse({"coroscope", "--range", "2:1"}).error.contains(QLatin1String("START < END")));
    QVERIFY(CommandLine::parse({"coroscope", "--range", "x"}).error.contains(QLatin1String("\"x\"")));
    const CommandLine help = CommandLine::parse({"coroscope", "--help"});
    for (const char *option : {"--axis", "--density", "--group", "--fold", "--range"})
        QVERIFY2(help.helpText.contains(QLatin1String(option)), option);
    char a0[] = "coroscope", h[] = "--help", v[] = "-v", s[] = "--sample";
    char *withHelp[] = {a0, s, h};
    char *withVersion[] = {a0, v};
    char *neither[] = {a0, s};
    QVERIFY(CommandLine::asksForHelpOrVersion(3, withHelp));
    QVERIFY(CommandLine::asksForHelpOrVersion(2, withVersion));
    QVERIFY(!CommandLine::asksForHelpOrVersion(2, neither));
}

void TestCommandLine::helpAndVersionNeedNoDisplay()
{
    // As on a server or in a container: no display, no platform chosen. --help, --version and a
    // bad option answer anyway (QApplication would abort on the missing platform plugin).
    const QString app = QStringLiteral(COROSCOPE_BIN_DIR "/coroscope");
    if (!QFile::exists(app))
        QSKIP("the coroscope executable is not built");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    auto run = [&](const QStringList &args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(app, args);
        const bool ok = p.waitForFinished(20000);
        return std::tuple {ok && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                           QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    };
    const auto [helpCode, helpOut, helpErr] = run({QStringLiteral("--help")});
    QVERIFY2(helpCode == 0, qPrintable(helpErr));
    QVERIFY(helpOut.contains(QLatin1String("--sample")));
    QVERIFY(helpOut.contains(QLatin1String("--density")));
    const auto [versionCode, versionOut, versionErr] = run({QStringLiteral("--version")});
    QVERIFY2(versionCode == 0, qPrintable(versionErr));
    QVERIFY(versionOut.startsWith(QLatin1String("coroscope ")));
    const auto [badCode, badOut, badErr] = run({QStringLiteral("--axis"), QStringLiteral("sideways")});
    QCOMPARE(badCode, 2);
    QVERIFY(badErr.contains(QLatin1String("--axis wants")));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
