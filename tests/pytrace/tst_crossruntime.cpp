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
#include <QProcess>
#include <QTest>

#include <map>

using namespace coroscope;

namespace {

// Differences that stay, by sample (docs/pytrace.md, "Where the runtimes differ").
const std::map<std::string, std::vector<std::string>> kExpected = {};

// The C++ ports keep 3.11's semantics; where another CPython takes other steps for a sample, the
// traced mirror must differ (a row that stops differing fails until it is removed). docs/pytrace.md,
// "Which Python", says the same.
struct VersionDifference {
    const char *sample;
    const char *versions; // "3.12,3.13"
    const char *why;
};
const VersionDifference kVersionDifferences[] = {
    {"taskgroup-failure", "3.10", "TaskGroup and except* came in 3.11: python3.10 stops at the SyntaxError"},
    {"cancel-timeout", "3.12,3.13",
     "from 3.12 wait_for() is built on asyncio.timeout(): the awaited coroutine gets no task of its own"},
};

// The version the mirrors run on: the trace says ("3.12.1"); a run that stopped before recording
// anything is asked of the interpreter.
std::string pythonVersion(const Trace &trace)
{
    if (auto v = trace.metaValue("python"); !v.empty())
        return v;
    QProcess ask;
    ask.start(qEnvironmentVariable("COROSCOPE_PYTHON", QStringLiteral("python3")),
              {QStringLiteral("-c"), QStringLiteral("import sys; print(sys.version.split()[0])")});
    ask.waitForFinished(30000);
    return ask.readAllStandardOutput().trimmed().toStdString();
}

const VersionDifference *versionDifference(const std::string &sample, const std::string &python)
{
    const std::string version = python.substr(0, python.find('.', python.find('.') + 1)); // "3.12.1" -> "3.12"
    for (const auto &d : kVersionDifferences)
        if (sample == d.sample && QString::fromLatin1(d.versions).split(u',').contains(QString::fromStdString(version)))
            return &d;
    return nullptr;
}

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
        ComparisonOptions options;
        options.leftWhere = cppPortWhere(std::string(sample.cppFile), embeddedSampleSource(sample.cppFile));
        options.rightWhere = pythonWhere(mirror);
        if (const auto *d = versionDifference(id.toStdString(), pythonVersion(py.result.trace))) {
            const bool differs = !py.ok() || py.result.output != cpp.output
                                 || !compareTraces(cpp.trace, py.result.trace, options).empty();
            QVERIFY2(differs, qPrintable(QStringLiteral("%1 no longer differs on this Python: remove its row").arg(id)));
            QSKIP(d->why);
        }
        QVERIFY2(py.ok(), py.result.error.c_str());
        QCOMPARE(py.result.output, cpp.output);

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
