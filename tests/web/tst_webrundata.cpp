// The web page as core writes it: the run in its compact form (what the page's viewer decodes is held
// to the window by tst_webagreement), the page around it, and what it does with a run too big for it.
#include "samples/Samples.h"
#include "trace/Recorder.h"
#include "web/WebPage.h"
#include "web/WebRunData.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

QJsonObject parse(const std::string &json)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << "at" << error.offset;
    return doc.object();
}

// The run's JSON inside a page.
QJsonObject runOf(const std::string &page)
{
    const auto open = page.find("<script id=\"coroscope-run\" type=\"application/json\">");
    const auto start = page.find('>', open) + 1;
    const auto end = page.find("</script>", start);
    return parse(page.substr(start, end - start));
}

Trace tinyTrace(std::string_view printed)
{
    Recorder rec;
    const auto mod = rec.addLane("<module>", LaneKind::Module, NoLane);
    rec.record(EventKind::Start, mod);
    rec.record(EventKind::Output, mod, NoEvent, printed);
    rec.record(EventKind::Done, mod, NoEvent, "None");
    return rec.takeTrace();
}

} // namespace

class TestWebRunData : public QObject
{
    Q_OBJECT
private slots:
    void aSampleCarriesItsSourcesAndTables()
    {
        const Trace trace = runSample(*findSample("gather-order")).trace;
        const QJsonObject run = parse(webRunJson(trace, {7, "zh_CN", 0}));
        QCOMPARE(run["format"].toInt(), 1);
        QCOMPARE(run["title"].toString(), QStringLiteral("gather: who ends first"));
        QCOMPARE(run["events"].toObject()["count"].toInt(), int(trace.events.size()));
        QCOMPARE(run["lanes"].toObject()["count"].toInt(), int(trace.lanes.size()));
        QCOMPARE(run["strings"].toArray().size(), int(trace.strings.size()));
        QCOMPARE(run["strings"].toArray()[0].toString(), QString());
        QVERIFY(run["strings"].toArray().contains(QStringLiteral("2-end")));
        const QJsonObject sources = run["sources"].toObject();
        QCOMPARE(sources["primary"].toString(), QStringLiteral("cpp"));
        QCOMPARE(sources["primaryFile"].toString(), QStringLiteral("s_gather_order.cpp"));
        QVERIFY(sources["cpp"].toObject()["text"].toString().contains("co_await gather(task1(), task2())"));
        QCOMPARE(sources["python"].toObject()["file"].toString(), QStringLiteral("gather-order.py"));
        QVERIFY(sources["python"].toObject()["text"].toString().contains("asyncio.gather"));
        QCOMPARE(run["sample"].toObject()["id"].toString(), QStringLiteral("gather-order"));
        QCOMPARE(run["view"].toObject()["step"].toInt(), 7);
        QCOMPARE(run["view"].toObject()["lang"].toString(), QStringLiteral("zh_CN"));
        QCOMPARE(run["kept"].toObject()["events"].toInt(), 45);
        QCOMPARE(run["kept"].toObject()["of"].toInt(), 45);
        // Compact: a handful of bytes an event, base64 included.
        const auto data = run["events"].toObject()["data"].toString();
        QVERIFY2(data.size() < 12 * int(trace.events.size()), qPrintable(QString::number(data.size())));
    }

    // What a program prints may be anything: it stays a valid string that cannot end the <script>.
    void printedTextCannotBreakThePage()
    {
        const std::string nasty = "</script><script>alert(1)</script> \xe2\x80\xa8 & \x01 \xff\xfe broken";
        const Trace trace = tinyTrace(nasty);
        const std::string json = webRunJson(trace);
        QVERIFY(json.find('<') == std::string::npos);
        QVERIFY(json.find('>') == std::string::npos);
        QVERIFY(json.find("\xe2\x80\xa8") == std::string::npos);
        const QJsonObject run = parse(json);
        QVERIFY(run["strings"].toArray().contains(
            QStringLiteral("</script><script>alert(1)</script> \u2028 & \u0001 \ufffd\ufffd broken")));
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer");
        const std::string page = webPageHtml(trace);
        QCOMPARE(runOf(page)["events"].toObject()["count"].toInt(), int(trace.events.size()));
        // One script element holds the run, one the viewer: nothing else runs.
        QCOMPARE(QString::fromStdString(page).count(QStringLiteral("<script")), 2);
    }

    void thePageNeedsNothingFromTheNetwork()
    {
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer (no Node.js when it was built)");
        const Trace trace = runSample(*findSample("wget")).trace; // prints URLs: they are the run's, not the page's
        WebPageReport report;
        std::string page = webPageHtml(trace, {}, &report);
        QCOMPARE(report.bytes, page.size());
        QVERIFY(page.starts_with("<!DOCTYPE html>"));
        QVERIFY(page.find(" · Coroscope</title>") != std::string::npos);
        // Outside the run's data: no address to fetch, no external script, style or font.
        const auto open = page.find("<script id=\"coroscope-run\"");
        const auto close = page.find("</script>", open);
        page.erase(open, close - open);
        const QString rest = QString::fromStdString(page);
        QVERIFY(!rest.contains(QRegularExpression(QStringLiteral("(src|href)\\s*=\\s*[\"']?(https?:)?//"))));
        QVERIFY(!rest.contains(QStringLiteral("@import")));
        QVERIFY(!rest.contains(QStringLiteral("<link")));
        QVERIFY(rest.contains(QStringLiteral("default-src 'none'"))); // and the page forbids itself any fetch
    }

    void tooBigARunKeepsItsFirstEventsAndSaysSo()
    {
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer");
        const Trace trace = runSample(*findSample("gather-order")).trace;
        WebPageOptions options;
        options.maxEvents = 20;
        WebPageReport report;
        const QJsonObject run = runOf(webPageHtml(trace, options, &report));
        QCOMPARE(report.events, 20u);
        QCOMPARE(report.totalEvents, 45u);
        QCOMPARE(run["events"].toObject()["count"].toInt(), 20);
        QCOMPARE(run["kept"].toObject()["events"].toInt(), 20);
        QCOMPARE(run["kept"].toObject()["of"].toInt(), 45);
        // Only the strings the kept events name come along: the lines printed later do not.
        const QJsonArray strings = run["strings"].toArray();
        QCOMPARE(strings[0].toString(), QString());
        QVERIFY(strings.size() < int(trace.strings.size()));
        QVERIFY(!strings.contains(QStringLiteral("1-end")));
        QVERIFY(strings.contains(QStringLiteral("Task-2 task1()")));
    }

    // A teacher mails a page or puts it on a course site: every sample's stays under a megabyte.
    void everyGalleryPageStaysUnderOneMegabyte()
    {
        if (!webViewerAvailable())
            QSKIP("this build has no web viewer");
        std::size_t largest = 0;
        QStringList sizes;
        for (const Sample &sample : sampleList()) {
            const Trace trace = runSample(sample).trace;
            WebPageReport report;
            const std::string page = webPageHtml(trace, {}, &report);
            QVERIFY(!page.empty());
            QCOMPARE(report.events, trace.events.size());
            QVERIFY2(page.size() < 1'000'000, sample.id.data());
            largest = std::max(largest, page.size());
            sizes << QStringLiteral("%1 %2 KiB").arg(QString::fromUtf8(sample.id.data(), qsizetype(sample.id.size())))
                         .arg((page.size() + 1023) / 1024);
        }
        qInfo().noquote() << "page sizes:" << sizes.join(QStringLiteral(", "));
        qInfo() << "largest:" << (largest + 1023) / 1024 << "KiB";
    }

    void writingRefusesWhatItCannotDo()
    {
        const Trace trace = tinyTrace("hi");
        QTemporaryDir dir;
        std::string error;
        WebPageOptions options;
        options.lang = "fr";
        QVERIFY(!writeWebPage(trace, dir.filePath("a.html").toStdString(), options, &error));
        QVERIFY(error.find("en or zh_CN") != std::string::npos);
        if (!webViewerAvailable()) {
            QVERIFY(!writeWebPage(trace, dir.filePath("a.html").toStdString(), {}, &error));
            QVERIFY(error.find("no web viewer") != std::string::npos);
            return;
        }
        QVERIFY(!writeWebPage(trace, dir.filePath("no/such/dir/a.html").toStdString(), {}, &error));
        QVERIFY(!error.empty());
        options.lang = "zh_CN";
        options.step = 2;
        QVERIFY2(writeWebPage(trace, dir.filePath("a.html").toStdString(), options, &error), error.c_str());
        QFile f(dir.filePath("a.html"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string page = f.readAll().toStdString();
        QVERIFY(page.find("<html lang=\"zh-CN\">") != std::string::npos);
        QCOMPARE(runOf(page)["view"].toObject()["step"].toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestWebRunData)
#include "tst_webrundata.moc"
