// coroscope-cli export-html as a user runs it: a sample, a trace file or a script in, one web page
// out; bad options refused before anything runs. (The page in a browser: tests/web/tst_webpage.)
#include "samples/Samples.h"
#include "trace/TraceFile.h"
#include "web/WebPage.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

class TestExportHtml : public QObject
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

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // The run's JSON in a page.
    static QJsonObject runOf(const QByteArray &page)
    {
        const QByteArray open = "<script id=\"coroscope-run\" type=\"application/json\">";
        const auto start = page.indexOf(open) + open.size();
        return QJsonDocument::fromJson(page.mid(start, page.indexOf("</script>", start) - start)).object();
    }

    QTemporaryDir m_dir;

private slots:
    void init()
    {
        if (!webViewerAvailable()) {
            // Say so, instead of failing every export: such a build cannot write pages at all.
            const auto r = cli({"export-html", "gather-order", "-o", m_dir.filePath("x.html")});
            QCOMPARE(r.code, 1);
            QVERIFY(r.err.contains("no web viewer"));
            QSKIP("this build has no web viewer (no Node.js when it was built)");
        }
    }

    void aSampleBecomesOnePage()
    {
        const QString path = m_dir.filePath("gather.html");
        const auto r = cli({"export-html", "gather-order", "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("wrote a web page of") && r.err.contains("(45 events)"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        const QByteArray page = readAll(path);
        QVERIFY(page.startsWith("<!DOCTYPE html>"));
        QVERIFY(page.contains("<title>gather: who ends first · Coroscope</title>"));
        const QJsonObject run = runOf(page);
        QCOMPARE(run["events"].toObject()["count"].toInt(), 45);
        QCOMPARE(run["sample"].toObject()["id"].toString(), QStringLiteral("gather-order"));
        QVERIFY(run["view"].toObject()["step"].isNull());
        QCOMPARE(run["view"].toObject()["lang"].toString(), QString());
    }

    void stepAndLanguageAreTheOnesAsked()
    {
        const QString path = m_dir.filePath("zh.html");
        const auto r = cli({"export-html", "gather-order", "--step", "19", "--lang", "zh_CN", "-o", path});
        QCOMPARE(r.code, 0);
        const QByteArray page = readAll(path);
        QVERIFY(page.contains("<html lang=\"zh-CN\">"));
        const QJsonObject view = runOf(page)["view"].toObject();
        QCOMPARE(view["step"].toInt(), 19);
        QCOMPARE(view["lang"].toString(), QStringLiteral("zh_CN"));
    }

    void aTraceFileToo()
    {
        const Trace trace = runSample(*findSample("three-sleepers")).trace;
        const QString file = m_dir.filePath("t.coroscope");
        std::string error;
        QVERIFY(writeTraceFile(trace, file.toStdString(), &error));
        const QString path = m_dir.filePath("t.html");
        const auto r = cli({"export-html", file, "-o", path});
        QCOMPARE(r.code, 0);
        QCOMPARE(runOf(readAll(path))["events"].toObject()["count"].toInt(), int(trace.events.size()));
    }

    void aScriptRunsOnCPython()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("no python3");
        const QString script = m_dir.filePath("hello.py");
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("import asyncio\n\nasync def main():\n    print('hi')\n    await asyncio.sleep(1)\n    print('bye')\n\n"
                "asyncio.run(main())\n");
        f.close();
        const QString path = m_dir.filePath("hello.html");
        const auto r = cli({"export-html", script, "-o", path});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.isEmpty()); // what the script prints goes into the page, not onto the terminal
        const QJsonObject run = runOf(readAll(path));
        const QJsonObject sources = run["sources"].toObject();
        QCOMPARE(sources["primary"].toString(), QStringLiteral("python"));
        QCOMPARE(sources["primaryFile"].toString(), QStringLiteral("hello.py"));
        QVERIFY(sources["python"].toObject()["text"].toString().contains("print('bye')"));
        QVERIFY(sources["cpp"].isNull());
        QCOMPARE(run["title"].toString(), QStringLiteral("hello.py"));
    }

    void badArgumentsAreRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no output") << QStringList {"export-html", "gather-order"} << "-o FILE.html";
        QTest::newRow("no source") << QStringList {"export-html", "-o", "x.html"} << "-o FILE.html";
        QTest::newRow("bad language") << QStringList {"export-html", "gather-order", "--lang", "fr", "-o", "x.html"}
                                      << "--lang must be en or zh_CN, not 'fr'";
        QTest::newRow("bad step") << QStringList {"export-html", "gather-order", "--step", "-3", "-o", "x.html"}
                                  << "--step needs a step number (0 or more), not '-3'";
        QTest::newRow("unknown sample") << QStringList {"export-html", "no-such", "-o", "x.html"}
                                        << "unknown sample 'no-such'";
        QTest::newRow("--lang on render") << QStringList {"render", "gather-order", "--lang", "en", "-o", "x.png"}
                                          << "--lang belongs to the export-html command";
    }
    void badArgumentsAreRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists(QStringLiteral("x.html")));
    }

    void anUnwritablePlaceIsReported()
    {
        const auto r = cli({"export-html", "gather-order", "-o", m_dir.filePath("no/such/dir/x.html")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("cannot write"), qPrintable(r.err));
    }

    void helpNamesTheCommand()
    {
        const auto r = cli({"help"});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("export-html ID|SCRIPT.py|FILE -o FILE.html [--step N] [--lang en|zh_CN]"));
    }
};

QTEST_GUILESS_MAIN(TestExportHtml)
#include "tst_exporthtml.moc"
