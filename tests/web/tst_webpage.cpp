// The exported page in a real browser: coroscope-cli export-html writes gather-order's page and a
// 100,000-event run's; `coroscope-cli events` says which step prints 2-end, what the console holds
// then and which source line it is on; the loop's replay says what waits in the ready queue. Then
// app/web/test/browser/page.test.mjs opens the pages in Debian's Chromium (playwright-core), every
// network request refused, steps to that step and compares. Skips with a message when Chromium, Node.js
// or playwright-core is missing, unless COROSCOPE_REQUIRE_BROWSER is set (./run.sh test sets it).
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "samples/Samples.h"
#include "trace/LoopState.h"
#include "trace/TraceFile.h"
#include "web/WebPage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace coroscope::webload {

Task<> switcher(int switches)
{
    for (int i = 0; i < switches; ++i)
        co_await sleep(0);
}

// Tasks that yield to each other: about 5 events per switch.
Task<> main(int tasks, int switches)
{
    std::vector<Task<>> all;
    for (int i = 0; i < tasks; ++i)
        all.push_back(switcher(switches));
    co_await gather(std::move(all));
}

} // namespace coroscope::webload

using namespace coroscope;

namespace {

struct Run {
    int code;
    QString out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli"), args);
    if (!p.waitForFinished(120000))
        return {-1, {}, QStringLiteral("timed out")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString qstr(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// The source line's "// py:N" marker in a sample's C++ port: the mirror's line.
int pythonLineOf(std::string_view cpp, int cppLine)
{
    const QStringList lines = QString::fromUtf8(cpp.data(), qsizetype(cpp.size())).split(u'\n');
    static const QRegularExpression marker(QStringLiteral("//\\s*py:(\\d+)\\s*$"));
    const auto m = marker.match(lines.value(cppLine - 1));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

} // namespace

class TestWebPage : public QObject
{
    Q_OBJECT

    // Why the browser test cannot run here, or empty.
    QString missing(QString *node) const
    {
        *node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (node->isEmpty())
            return QStringLiteral("no node on PATH");
        const QString chromium = qEnvironmentVariable("COROSCOPE_CHROMIUM", QStringLiteral("/usr/bin/chromium"));
        if (!QFileInfo::exists(chromium))
            return QStringLiteral("no Chromium at %1").arg(chromium);
        if (!QFileInfo::exists(QStringLiteral(COROSCOPE_SOURCE_DIR "/app/web/node_modules/playwright-core/package.json")))
            return QStringLiteral("no playwright-core (npm ci in app/web)");
        if (!webViewerAvailable())
            return QStringLiteral("this build has no web viewer");
        return {};
    }

private slots:
    void pageInChromium()
    {
        QString node;
        if (const QString why = missing(&node); !why.isEmpty()) {
            if (qEnvironmentVariableIsSet("COROSCOPE_REQUIRE_BROWSER"))
                QFAIL(qPrintable(why + " (./run.sh installs nodejs, npm and chromium and runs npm ci in app/web)"));
            QSKIP(qPrintable(why + ": the page is not checked in a browser here (./run.sh test installs what it needs)"));
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());

        // gather-order's page, and what `events` says of it.
        const QString gatherPage = dir.filePath(QStringLiteral("gather-order.html"));
        Run r = cli({"export-html", "gather-order", "-o", gatherPage});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({"events", "gather-order"});
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        static const QRegularExpression output(
            QStringLiteral("^\\s*(\\d+)\\s+[\\d.]+\\s+(.+?)\\s+output\\s+(.+?)\\s+(\\S+):(\\d+)\\s*$"));
        int step = -1, cppLine = 0;
        QJsonArray console;
        int outputs = 0;
        for (const QString &line : lines) {
            const auto m = output.match(line);
            if (!m.hasMatch())
                continue;
            ++outputs;
            if (step >= 0)
                continue;
            console.append(m.captured(3));
            if (m.captured(3) == QStringLiteral("2-end")) {
                step = m.captured(1).toInt();
                QCOMPARE(m.captured(4), QStringLiteral("s_gather_order.cpp"));
                cppLine = m.captured(5).toInt();
            }
        }
        QVERIFY2(step > 0, qPrintable(r.out));
        QCOMPARE(lines.size(), 45);
        const Sample &sample = *findSample("gather-order");
        const int pyLine = pythonLineOf(sampleSource(sample), cppLine);
        QVERIFY(pyLine > 0);
        // The ready queue at that step and the few before it (where it is not empty), as the loop pane
        // of the window lists it: lane, and what it will run.
        const Trace trace = runSample(sample).trace;
        QJsonObject readyAt;
        int listed = 0;
        for (int s = step - 4; s <= step; ++s) {
            const LoopState state = loopStateAt(trace, std::uint32_t(s));
            QJsonArray ready;
            for (const auto &entry : state.ready)
                ready.append(QJsonArray {qstr(trace.laneName(entry.lane)), qstr(trace.strings.at(entry.name))});
            listed += int(ready.size());
            readyAt[QString::number(s)] = ready;
        }
        QVERIFY2(listed > 0, "the steps before 2-end queue something");

        // A run of about 100,000 events, through a trace file.
        RunOptions options;
        options.eventBudget = 5'000'000;
        const auto big = runProgram([] { run(webload::main(2'000, 15)); }, options, {{"title", "100,000 events"}});
        QVERIFY2(big.ok(), big.error.c_str());
        QVERIFY(big.trace.events.size() >= 100'000);
        const QString bigTrace = dir.filePath(QStringLiteral("big.coroscope"));
        std::string error;
        QVERIFY(writeTraceFile(big.trace, bigTrace.toStdString(), &error));
        const QString bigPage = dir.filePath(QStringLiteral("big.html"));
        r = cli({"export-html", bigTrace, "-o", bigPage});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        qInfo().noquote() << "big page:" << QFileInfo(bigPage).size() / 1024 << "KiB for" << big.trace.events.size()
                          << "events";

        const QJsonObject cases {
            {"gather", QJsonObject {{"page", gatherPage}, {"step", step}, {"console", console}, {"cppLine", cppLine},
                                    {"pyLine", pyLine}, {"readyAt", readyAt}, {"events", 45}, {"outputs", outputs}}},
            {"big", QJsonObject {{"page", bigPage}, {"events", qint64(big.trace.events.size())}}},
        };
        const QString casesFile = dir.filePath(QStringLiteral("cases.json"));
        QFile f(casesFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(cases).toJson());
        f.close();

        QProcess browser;
        browser.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COROSCOPE_WEB_CASES"), casesFile);
        browser.setProcessEnvironment(env);
        browser.setWorkingDirectory(QStringLiteral(COROSCOPE_SOURCE_DIR "/app/web"));
        browser.start(node, {QStringLiteral("--test"), QStringLiteral("test/browser/page.test.mjs")});
        QVERIFY(browser.waitForFinished(280'000));
        const QString out = QString::fromUtf8(browser.readAll());
        qInfo().noquote() << out.trimmed();
        QVERIFY2(browser.exitStatus() == QProcess::NormalExit && browser.exitCode() == 0, "the page failed in Chromium");
        QVERIFY(out.contains(QStringLiteral("# fail 0")));
        QVERIFY(out.contains(QStringLiteral("# skipped 0")));
    }
};

QTEST_GUILESS_MAIN(TestWebPage)
#include "tst_webpage.moc"
