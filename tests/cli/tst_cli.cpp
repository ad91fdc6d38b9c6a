// coroscope-cli as a user runs it: a separate process, its stdout, stderr and exit code.
#include "samples/Samples.h"
#include "trace/TraceFile.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

class TestCli : public QObject
{
    Q_OBJECT

    struct Run {
        int code;
        QString out;
        QString err;
    };

    static Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli"), args);
        if (!p.waitForFinished(30000))
            return {-1, {}, QStringLiteral("timed out")};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void listsSamplesInGalleryOrder()
    {
        const auto r = cli({"list"});
        QCOMPARE(r.code, 0);
        const auto lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() >= 14);
        QVERIFY(lines[0].startsWith("gen-send\t"));
        QVERIFY(r.out.contains("gather-order\tgather: who ends first\n"));
    }

    void runPrintsWhatPythonPrints()
    {
        const auto r = cli({"run", "gather-order"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("1-start\n2-start\n2-end\n1-end\n"));
    }

    void runPrintsChinese()
    {
        const auto r = cli({"run", "echo-send"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QString::fromUtf8("收到: hello\n收到: world\n"));
    }

    void unknownSampleListsValidIds()
    {
        const auto r = cli({"run", "no-such-sample"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("unknown sample 'no-such-sample'"));
        QVERIFY(r.err.contains("gather-order"));
    }

    void unknownIdListsValidIdsForEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("events") << QStringList{"events", "nope"};
        QTest::newRow("trace") << QStringList{"trace", "nope", "-o", "x.coroscope"};
        QTest::newRow("a file is not a sample to run") << QStringList{"run", "gather.coroscope"};
        // A command's name in an operand's place is an operand, not a second command.
        QTest::newRow("command name as id") << QStringList{"trace", "run", "-o", "x.coroscope"};
    }
    void unknownIdListsValidIdsForEveryCommand()
    {
        QFETCH(QStringList, args);
        const auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("coroscope-cli: unknown sample '%1'. Valid ids:\n  gen-send\n")
                                      .arg(args[1])),
                 qPrintable(r.err));
        QVERIFY(r.err.contains("\n  gather-order\n"));
        QVERIFY(r.out.isEmpty());
        QVERIFY(!QFile::exists("x.coroscope"));
    }

    void badArgumentsShowUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("none") << QStringList{} << "no command given";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("run without id") << QStringList{"run"} << "run needs exactly one sample id or SCRIPT.py";
        QTest::newRow("run with two ids") << QStringList{"run", "gather-order", "gen-send"}
                                          << "run needs exactly one sample id or SCRIPT.py";
        QTest::newRow("list with an operand") << QStringList{"list", "x"} << "list takes no arguments";
        QTest::newRow("events without source") << QStringList{"events"} << "events needs a sample id, a SCRIPT.py or a trace file";
        QTest::newRow("events with two") << QStringList{"events", "a", "b"}
                                         << "events needs a sample id, a SCRIPT.py or a trace file";
        QTest::newRow("show without file") << QStringList{"show"} << "show needs a trace file";
        QTest::newRow("trace without -o") << QStringList{"trace", "gather-order"} << "trace needs a sample id or SCRIPT.py, and -o FILE";
        QTest::newRow("trace without id") << QStringList{"trace", "-o", "x"} << "trace needs a sample id or SCRIPT.py, and -o FILE";
        QTest::newRow("unknown option") << QStringList{"list", "--bogus"} << "unknown option '--bogus'";
        QTest::newRow("unknown short option") << QStringList{"run", "gather-order", "-x"} << "unknown option '-x'";
        QTest::newRow("unknown option first") << QStringList{"--bogus", "run", "gather-order"}
                                              << "unknown option '--bogus'";
        QTest::newRow("bad budget") << QStringList{"run", "gather-order", "--budget", "x"} << "--budget needs a number";
        QTest::newRow("budget not quite a number") << QStringList{"run", "gather-order", "--budget", "12abc"}
                                                   << "--budget needs a number, not '12abc'";
        QTest::newRow("negative budget") << QStringList{"run", "gather-order", "--budget", "-5"}
                                         << "--budget needs a number, not '-5'";
        QTest::newRow("budget without value") << QStringList{"run", "gather-order", "--budget"}
                                              << "coroscope-cli: --budget needs a number\n";
        QTest::newRow("-o without value") << QStringList{"trace", "gather-order", "-o"} << "-o needs a file name";
        QTest::newRow("--output without value") << QStringList{"trace", "gather-order", "--output"}
                                                << "-o needs a file name";
        QTest::newRow("format without value") << QStringList{"trace", "gather-order", "-o", "x", "--format"}
                                              << "--format needs native or chrome";
        QTest::newRow("bad clock") << QStringList{"run", "gather-order", "--clock", "wall"}
                                   << "--clock must be virtual or real, not 'wall'";
        QTest::newRow("clock without value") << QStringList{"events", "gather-order", "--clock"}
                                             << "--clock needs virtual or real";
        QTest::newRow("-o on run") << QStringList{"run", "gather-order", "-o", "x"}
                                   << "-o belongs to the trace, render and export-html commands";
        QTest::newRow("budget on list") << QStringList{"list", "--budget", "5"}
                                        << "--budget belongs to the run, events, trace, render and export-html commands";
        QTest::newRow("clock on show") << QStringList{"show", "x.coroscope", "--clock=real"}
                                       << "--clock belongs to the run, events, trace, render and export-html commands";
        QTest::newRow("render option on trace") << QStringList{"trace", "gather-order", "--step", "1", "-o", "x"}
                                                << "--step belongs to the render and export-html commands";
        QTest::newRow("option before the command")
            << QStringList{"--budget", "10", "run", "gather-order"}
            << "--budget belongs to the run, events, trace, render and export-html commands: write it after the command";
    }
    void badArgumentsShowUsage()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.err.contains("Usage: coroscope-cli"));
    }

    void helpPrintsUsageEverywhere_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("help") << QStringList{"help"};
        QTest::newRow("help with an operand") << QStringList{"help", "run"};
        QTest::newRow("-h") << QStringList{"-h"};
        QTest::newRow("--help") << QStringList{"--help"};
        QTest::newRow("-h after a command") << QStringList{"run", "-h"};
        QTest::newRow("--help after an operand") << QStringList{"render", "gather-order", "--help"};
    }
    void helpPrintsUsageEverywhere()
    {
        QFETCH(QStringList, args);
        const auto r = cli(args);
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QVERIFY(r.out.startsWith("Usage: coroscope-cli COMMAND [ARGS]\n"));
        QVERIFY(r.out.contains("\n  run ID|SCRIPT.py  run a sample or a script and print what it prints"));
        QVERIFY(r.out.contains("\n  --budget N        stop a run after N recorded events (default 1000000)\n"));
        QVERIFY(r.out.contains("\n  --clock virtual|real\n"));
    }

    void optionsTakeTheirValueEitherWay()
    {
        // --name=value and -oFILE, as CLI11 reads them; "--" ends the options.
        QTemporaryDir dir;
        const QString file = dir.filePath("g.coroscope");
        auto r = cli({"trace", "gather-order", "-o" + file, "--budget=10"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QStringLiteral("wrote 11 events to %1\n").arg(file));
        r = cli({"run", "--", "gather-order"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("1-start\n2-start\n2-end\n1-end\n"));
        // The last of a repeated option counts.
        r = cli({"run", "gather-order", "--budget", "3", "--budget", "1000"});
        QCOMPARE(r.code, 0);
    }

    void spentBudgetEndsTheRunWithOne()
    {
        auto r = cli({"run", "gather-order", "--budget", "10"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("event budget exceeded: the program recorded 10 events"), qPrintable(r.err));
        r = cli({"events", "gather-order", "--budget", "20"});
        QCOMPARE(r.code, 1);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 21); // the 20 events and the fault that ended the run
        QVERIFY(lines.last().contains("fault         event budget exceeded"));
        QVERIFY(r.err.contains("event budget exceeded"));
    }

    void clockOption()
    {
        // A virtual-clock sample also runs in real time: same lines, a trace on the wall clock.
        QTemporaryDir dir;
        const QString file = dir.filePath("real.coroscope");
        auto r = cli({"run", "callback-vs-await", "--clock", "real"});
        QCOMPARE(r.code, 0);
        QFile expected(QStringLiteral(COROSCOPE_SOURCE_DIR "/resources/expected/callback-vs-await.txt"));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        QCOMPARE(r.out, QString::fromUtf8(expected.readAll()));
        r = cli({"trace", "callback-vs-await", "--clock", "real", "-o", file});
        QCOMPARE(r.code, 0);
        r = cli({"show", file});
        QVERIFY2(r.out.contains("clock:    real\n"), qPrintable(r.out));
        r = cli({"trace", "callback-vs-await", "--clock", "virtual", "-o", file});
        QCOMPARE(r.code, 0);
        QVERIFY(cli({"show", file}).out.contains("clock:    virtual\n"));
        // A real-clock sample waits for sockets or threads: the virtual clock cannot run it.
        r = cli({"run", "wget", "--clock", "virtual"});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, QStringLiteral("coroscope-cli: sample 'wget' runs on the real clock (it waits for "
                                       "sockets or threads): it cannot run with --clock virtual\n"));
        QVERIFY(r.out.isEmpty());
        // A trace file keeps the clock it was recorded with.
        r = cli({"events", file, "--clock", "real"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("is a trace file: it keeps the clock it was recorded with"), qPrintable(r.err));
    }

    void fileErrorsNameTheFile_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        // A dot or a slash makes it a file name, not a mistyped id.
        QTest::newRow("events, missing file") << QStringList{"events", "nosuch.coroscope"}
                                              << "coroscope-cli: nosuch.coroscope: cannot open nosuch.coroscope";
        QTest::newRow("show takes no sample") << QStringList{"show", "gather-order"}
                                              << "coroscope-cli: gather-order: cannot open gather-order";
    }
    void fileErrorsNameTheFile()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
        QVERIFY(r.err.contains("(at byte 0)"));
    }

    void unwritableOutputEndsWithOne()
    {
        const auto r = cli({"trace", "gather-order", "-o", "/nonexistent-dir/x.coroscope"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.startsWith("coroscope-cli: cannot write /nonexistent-dir/x.coroscope: "), qPrintable(r.err));
    }

    void eventsHaveOneLinePerEvent()
    {
        const auto r = cli({"events", "gather-order"});
        QCOMPARE(r.code, 0);
        const auto lines = r.out.trimmed().split('\n');
        QVERIFY(lines.size() > 20);
        // seq, time, lane, kind, detail, file:line
        const auto suspend = lines.filter("sleep(1)").filter("suspend");
        QCOMPARE(suspend.size(), 1);
        QVERIFY(suspend[0].contains("Task-3 task2()"));
        QVERIFY(suspend[0].contains("0.000000"));
        QVERIFY(suspend[0].contains("s_gather_order.cpp:17"));
    }

    void traceThenShow()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("gather.coroscope");
        auto r = cli({"trace", "gather-order", "-o", file});
        QCOMPARE(r.code, 0);
        QVERIFY(QFile::exists(file));
        r = cli({"show", file});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("sample:   gather-order"));
        QVERIFY(r.out.contains("Task-2 task1()"));
        QVERIFY(r.out.contains("| 2-end"));
        // events also reads a file.
        r = cli({"events", file});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, cli({"events", "gather-order"}).out);
    }

    void showListsAnnotations()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("notes.coroscope");
        Trace t = runSample(*findSample("gather-order")).trace;
        t.setAnnotation({4, "both tasks are queued now"});
        t.setAnnotation({9, ""});
        std::string error;
        QVERIFY2(writeTraceFile(t, file.toStdString(), &error), error.c_str());
        const auto r = cli({"show", file});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("notes:    2\n"), qPrintable(r.out));
        QVERIFY(r.out.contains("      4  both tasks are queued now\n"));
        QVERIFY(r.out.contains("      9  (bookmark)\n"));
    }

    void showRefusesBadFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << "empty file: not a Coroscope trace file";
        QTest::newRow("not a trace") << QByteArray("hello, world, this is text\n") << "not a Coroscope trace file";
        QTest::newRow("wrong version") << QByteArray("CORSCOPE\x07\0\0\0\0\0\0\0", 16) << "unsupported trace format version 7";
    }
    void showRefusesBadFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath("bad.coroscope");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const auto r = cli({"show", file});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.err.contains("at byte"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
