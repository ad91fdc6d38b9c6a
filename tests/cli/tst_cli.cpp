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

    void badArgumentsShowUsage_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("none") << QStringList{} << "no command given";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
        QTest::newRow("run without id") << QStringList{"run"} << "run needs exactly one sample id";
        QTest::newRow("trace without -o") << QStringList{"trace", "gather-order"} << "trace needs a sample id and -o FILE";
        QTest::newRow("unknown option") << QStringList{"list", "--bogus"} << "unknown option '--bogus'";
        QTest::newRow("bad budget") << QStringList{"run", "gather-order", "--budget", "x"} << "--budget needs a number";
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
