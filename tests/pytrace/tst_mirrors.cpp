// Every sample's Python mirror, traced on CPython (virtual clock), prints exactly what plain python3
// prints for it (resources/expected): the real-clock ones too, whose sockets and threads the virtual
// clock waits for in real time.
#include "pytrace/ScriptRun.h"
#include "samples/Samples.h"

#include <QFile>
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
        const auto run = runScript(COROSCOPE_SOURCE_DIR "/resources/python/" + id.toStdString() + ".py");
        QVERIFY2(run.ok(), run.result.error.c_str());
        QCOMPARE(run.result.output, expected);
        QVERIFY(!run.result.trace.events.empty());
    }
};

QTEST_GUILESS_MAIN(TestMirrors)
#include "tst_mirrors.moc"
