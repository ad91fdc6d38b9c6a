// Every sample's Python mirror, traced on CPython (virtual clock), prints exactly what the same
// interpreter prints for it run plainly, and fails where that fails (a 3.11 mirror on 3.10): the
// real-clock ones too, whose sockets and threads the virtual clock waits for in real time. On 3.11
// both also equal the listing SAMPLES.md gives (resources/expected).
#include "pytrace/ScriptRun.h"
#include "samples/Samples.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace coroscope;

class TestMirrors : public QObject
{
    Q_OBJECT
private slots:
    void printsWhatPython3Prints_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &s : sampleList())
            QTest::newRow(std::string(s.id).c_str()) << QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
    }

    void printsWhatPython3Prints()
    {
        QFETCH(QString, id);
        QFile f(QStringLiteral(COROSCOPE_SOURCE_DIR "/resources/expected/%1.txt").arg(id));
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::vector<std::string> expected;
        for (const auto &line : f.readAll().split('\n'))
            expected.push_back(line.toStdString());
        if (!expected.empty() && expected.back().empty())
            expected.pop_back();
        const std::string script = COROSCOPE_SOURCE_DIR "/resources/python/" + id.toStdString() + ".py";
        const auto run = runScript(script);
        // On the real clock two timers due at the same nominal instant (queue-pipeline's 0.3 s) are
        // now and then ordered by jitter: the traced order must be one python3 takes, in up to three
        // plain runs.
        std::vector<std::string> printed;
        bool plainOk = false;
        for (int attempt = 0; attempt < 3; ++attempt) {
            QProcess plain;
            plain.start(qEnvironmentVariable("COROSCOPE_PYTHON", QStringLiteral("python3")),
                        {QStringLiteral("-u"), QString::fromStdString(script)});
            QVERIFY(plain.waitForFinished(120000));
            printed.clear();
            for (const auto &line : plain.readAllStandardOutput().split('\n'))
                printed.push_back(line.toStdString());
            if (!printed.empty() && printed.back().empty())
                printed.pop_back();
            plainOk = plain.exitStatus() == QProcess::NormalExit && plain.exitCode() == 0;
            if (printed == run.result.output && plainOk == run.ok())
                break;
        }
        QCOMPARE(run.result.output, printed);
        QVERIFY2(run.ok() == plainOk, run.result.error.c_str());
        QVERIFY(run.syntaxError || !run.result.trace.events.empty());
        if (run.result.trace.metaValue("python").starts_with("3.11."))
            QCOMPARE(run.result.output, expected);
    }
};

QTEST_GUILESS_MAIN(TestMirrors)
#include "tst_mirrors.moc"
