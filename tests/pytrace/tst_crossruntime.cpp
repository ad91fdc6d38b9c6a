// The C++ runtime takes CPython's steps: every virtual-clock sample's port, run on our runtime, and
// its Python mirror, run on CPython under the tracer, must have the same lanes, the same events in
// the same order (kinds, labels, virtual times, Python lines, causes) and the same ready queue and
// timers at every printed line. Where the two must differ, kExpected lists it and docs/pytrace.md
// says why.
#include "pytrace/ScriptRun.h"
#include "pytrace/TraceComparison.h"
#include "samples/Samples.h"

#include <fmt/format.h>

#include <QFile>
#include <QTest>

#include <map>

using namespace coroscope;

namespace {

// Differences that stay, by sample (docs/pytrace.md, "Where the runtimes differ").
const std::map<std::string, std::vector<std::string>> kExpected = {};

void dump(const std::string &path, const std::vector<std::string> &lines)
{
    std::string text;
    for (const auto &l : lines)
        text += l + "\n";
    QFile f(QString::fromStdString(path));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(text.data(), qint64(text.size()));
}

} // namespace

class TestCrossRuntime : public QObject
{
    Q_OBJECT
private slots:
    void sameSteps_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &s : sampleList())
            if (s.clock == ClockMode::Virtual)
                QTest::newRow(std::string(s.id).c_str()) << QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
    }

    void sameSteps()
    {
        QFETCH(QString, id);
        const Sample &sample = *findSample(id.toStdString());
        const auto cpp = runSample(sample);
        QVERIFY2(cpp.ok(), cpp.error.c_str());
        const std::string mirror = COROSCOPE_SOURCE_DIR "/resources/python/" + id.toStdString() + ".py";
        const auto py = runScript(mirror);
        QVERIFY2(py.ok(), py.result.error.c_str());
        QCOMPARE(py.result.output, cpp.output);

        ComparisonOptions options;
        options.leftWhere = cppPortWhere(std::string(sample.cppFile), embeddedSampleSource(sample.cppFile));
        options.rightWhere = pythonWhere(mirror);
        const auto diffs = compareTraces(cpp.trace, py.result.trace, options);
        if (const char *dir = std::getenv("COROSCOPE_STEPS_DIR")) {
            dump(fmt::format("{}/{}.cpp.steps", dir, id.toStdString()), comparableSteps(cpp.trace, options.leftWhere));
            dump(fmt::format("{}/{}.py.steps", dir, id.toStdString()),
                 comparableSteps(py.result.trace, options.rightWhere));
        }
        const auto expected = kExpected.count(id.toStdString()) ? kExpected.at(id.toStdString())
                                                                : std::vector<std::string>{};
        if (diffs != expected) {
            std::string text;
            for (const auto &d : diffs)
                text += "\n  " + d;
            QFAIL(qPrintable(QStringLiteral("%1: the runtimes differ:%2").arg(id, QString::fromStdString(text))));
        }
    }
};

QTEST_GUILESS_MAIN(TestCrossRuntime)
#include "tst_crossruntime.moc"
