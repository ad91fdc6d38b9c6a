// coroscope-cli on a user's Python script, as a user runs it: what it prints (what python3 prints),
// its events, its trace file, and the exit codes of a script that cannot run.
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

class TestCliScripts : public QObject
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
        if (!p.waitForFinished(60000))
            return {-1, {}, QStringLiteral("timed out")};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    static QString mirror(const char *id) { return QStringLiteral(COROSCOPE_SOURCE_DIR "/resources/python/%1.py").arg(id); }

    static QString expected(const char *id)
    {
        QFile f(QStringLiteral(COROSCOPE_SOURCE_DIR "/resources/expected/%1.txt").arg(id));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    QTemporaryDir m_dir;

    QString script(const char *name, const char *text)
    {
        const QString path = m_dir.filePath(QString::fromUtf8(name));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(text);
        return path;
    }

private slots:
    void runPrintsWhatPython3Prints_data()
    {
        QTest::addColumn<QString>("id");
        for (const char *id : {"gather-order", "echo-send", "producer-consumer", "cancel-timeout", "http-server"})
            QTest::newRow(id) << QString::fromUtf8(id);
    }

    void runPrintsWhatPython3Prints()
    {
        QFETCH(QString, id);
        const auto r = cli({"run", mirror(id.toUtf8().constData())});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, expected(id.toUtf8().constData()));
    }

    void eventsNameTheScriptsLines()
    {
        const auto r = cli({"events", mirror("gather-order")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(QRegularExpression(R"(Task-2 task1\(\)\s+suspend\s+sleep\(2\)\s+gather-order.py:4)")));
        QVERIFY(r.out.contains(QRegularExpression(R"(Task-1 main\(\)\s+suspend\s+gather\(task1\(\), task2\(\)\))")));
    }

    void traceWritesANativeFileAndChromeJson()
    {
        const QString native = m_dir.filePath("gather.coroscope");
        auto r = cli({"trace", mirror("gather-order"), "-o", native});
        QCOMPARE(r.code, 0);
        TraceFileError error;
        const auto trace = readTraceFile(native.toStdString(), &error);
        QVERIFY2(trace, error.message.c_str());
        QCOMPARE(trace->metaValue("clock"), std::string("virtual"));
        QVERIFY(trace->metaValue("script").ends_with("gather-order.py"));
        r = cli({"trace", mirror("gather-order"), "-o", m_dir.filePath("g.json"), "--format", "chrome"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.contains("(Chrome Trace Event JSON)"));
        r = cli({"show", native});
        QVERIFY(r.out.contains("script:   "));
    }

    void realClockTakesRealTime()
    {
        const auto path = script("short.py", "import asyncio\nasyncio.run(asyncio.sleep(0.3))\nprint('done')\n");
        QElapsedTimer timer;
        timer.start();
        const auto r = cli({"run", path, "--clock", "real"});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("done\n"));
        QVERIFY(timer.elapsed() >= 300);
    }

    void aSyntaxErrorExitsWithTwoAndSaysWhere()
    {
        const auto path = script("broken.py", "print('a')\nif True\n    pass\n");
        const auto r = cli({"run", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("broken.py\", line 2"), qPrintable(r.err));
        QVERIFY(r.err.contains("SyntaxError: expected ':'"));
        QVERIFY(r.out.isEmpty());
    }

    void anImportErrorExitsWithTwo()
    {
        const auto path = script("imports.py", "import aiohttp_that_is_not_here\n");
        const auto r = cli({"run", path});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("ModuleNotFoundError: No module named 'aiohttp_that_is_not_here'"));
        QVERIFY(r.err.contains("imports.py\", line 1"));
    }

    void anExceptionExitsWithOneAfterWhatWasPrinted()
    {
        const auto path = script("raises.py", "print('first')\nraise RuntimeError('late')\n");
        const auto r = cli({"run", path});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.out, QStringLiteral("first\n"));
        QVERIFY(r.err.contains("Traceback (most recent call last):"));
        QVERIFY(r.err.contains("RuntimeError: late"));
    }

    void aMissingScriptIsNotASample()
    {
        const auto r = cli({"run", m_dir.filePath("nowhere.py")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("nowhere.py: no such file"), qPrintable(r.err));
    }

    void budgetAndTimeLimitStopARunawayScript()
    {
        const auto loop = script("loop.py", "while True:\n    print('x')\n");
        auto r = cli({"run", loop, "--budget", "200"});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("event budget exceeded"));
        const auto spin = script("spin.py", "while True:\n    pass\n");
        r = cli({"run", spin, "--time-limit", "0.5"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("time limit:"), qPrintable(r.err));
        r = cli({"run", spin, "--time-limit", "soon"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("--time-limit must be a number of seconds, not 'soon'"));
    }
};

QTEST_GUILESS_MAIN(TestCliScripts)
#include "tst_cliscripts.moc"
