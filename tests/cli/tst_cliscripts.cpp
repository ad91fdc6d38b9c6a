// coroscope-cli on a user's Python script, as a user runs it: what it prints (what python3 prints),
// its events, its trace file, and the exit codes of a script that cannot run.
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace coroscope;

class TestCliScripts : public QObject
{
    Q_OBJECT

    struct Run {
        int code;
        QString out;
        QString err;
        bool crashed = false; // ended by a signal: `code` is its number
    };

    static Run cli(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli"), args);
        if (!p.waitForFinished(60000))
            return {-1, {}, QStringLiteral("timed out")};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()),
                p.exitStatus() == QProcess::CrashExit};
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

    // As python3: a SyntaxError is printed where it is and exits 1 (events, trace and render, which
    // cannot show a run, exit 2).
    void aSyntaxErrorSaysWhere()
    {
        const auto path = script("broken.py", "print('a')\nif True\n    pass\n");
        auto r = cli({"run", path});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, QStringLiteral("  File \"%1\", line 2\n    if True\n           ^\nSyntaxError: expected ':'\n").arg(path));
        QVERIFY(r.out.isEmpty());
        r = cli({"events", path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("SyntaxError: expected ':'"), qPrintable(r.err));
    }

    void aFailedImportIsAnUncaughtException()
    {
        const auto path = script("imports.py", "import aiohttp_that_is_not_here\n");
        auto r = cli({"run", path});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("ModuleNotFoundError: No module named 'aiohttp_that_is_not_here'"));
        QVERIFY(r.err.contains("imports.py\", line 1"));
        r = cli({"events", path});
        QCOMPARE(r.code, 2);
    }

    // What the script, its subprocesses and os.write put on stdout and stderr comes out as python3
    // -u writes it: the same bytes, in the same order, on the same stream.
    void runPassesStdoutAndStderrThroughInOrder()
    {
        const auto path = script("order.py",
                                 "import os, subprocess, sys\n"
                                 "print('one')\n"
                                 "subprocess.run(['echo', 'two'])\n"
                                 "os.write(1, b'three\\n')\n"
                                 "print('err one', file=sys.stderr)\n"
                                 "subprocess.run(['sh', '-c', 'echo err two >&2'])\n"
                                 "print('four', end='')\n"
                                 "sys.stdout.buffer.write(b' \\xe4\\xb8\\xad\\n')\n"
                                 "print('\\rfive')\n");
        const auto r = cli({"run", path});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("one\ntwo\nthree\nfour \u4e2d\n\rfive\n"));
        QCOMPARE(r.err, QStringLiteral("err one\nerr two\n"));
    }

    // Where stdout and stderr are one file (a terminal), they interleave as they were written.
    void runInterleavesStdoutAndStderrWhereTheyAreOne()
    {
        const auto path = script("interleave.py",
                                 "import subprocess, sys\n"
                                 "for i in range(20):\n"
                                 "    print('out', i)\n"
                                 "    print('err', i, file=sys.stderr)\n"
                                 "subprocess.run(['sh', '-c', 'echo child out; echo child err >&2; echo child out again'])\n"
                                 "print('end')\n");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli"), {"run", path});
        QVERIFY(p.waitForFinished(60000));
        QString expected;
        for (int i = 0; i < 20; ++i)
            expected += QStringLiteral("out %1\nerr %1\n").arg(i);
        expected += QStringLiteral("child out\nchild err\nchild out again\nend\n");
        QCOMPARE(QString::fromUtf8(p.readAll()), expected);
        QCOMPARE(p.exitCode(), 0);
    }

    void runExitsWithTheScriptsCode()
    {
        auto r = cli({"run", script("exit3.py", "import sys\nprint('bye')\nsys.exit(3)\n")});
        QCOMPARE(r.code, 3);
        QCOMPARE(r.out, QStringLiteral("bye\n"));
        QVERIFY(r.err.isEmpty());
        r = cli({"run", script("exitmsg.py", "import sys\nsys.exit('no config')\n")});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err, QStringLiteral("no config\n"));
        r = cli({"run", script("osexit.py", "import os\nprint('x', flush=True)\nos._exit(7)\n")});
        QCOMPARE(r.code, 7);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        // Ended by a signal, as python3 is: the shell shows the same (143, "Terminated").
        r = cli({"run", script("term.py", "import os, signal\nprint('t', flush=True)\nos.kill(os.getpid(), signal.SIGTERM)\n")});
        QVERIFY(r.crashed);
        QCOMPARE(r.code, int(SIGTERM));
        QCOMPARE(r.out, QStringLiteral("t\n"));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
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
