// coroscope-cli render and trace --format chrome, run as a user runs them: files of the right kind and
// size, slides with a page per step, Chrome JSON that parses back to the same trace.
#include "samples/Samples.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

class TestRender : public QObject
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
        auto env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM")); // render must choose offscreen by itself
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli"), args);
        if (!p.waitForFinished(120000))
            return {-1, {}, QStringLiteral("timed out")};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static quint32 bigEndian32(const QByteArray &b, int at)
    {
        return quint32(quint8(b[at])) << 24 | quint32(quint8(b[at + 1])) << 16
            | quint32(quint8(b[at + 2])) << 8 | quint32(quint8(b[at + 3]));
    }

    static int pdfPages(const QByteArray &pdf)
    {
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
        int n = 0;
        for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next())
            ++n;
        return n;
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        const auto r = cli({"render", "gather-order", "-o", m_dir.filePath("probe.png")});
        if (r.code == 2 && r.err.contains("built without the GUI"))
            QSKIP("coroscope-cli was built without the GUI: no render command");
    }

    void pngHasTheRequestedSize()
    {
        const QString png = m_dir.filePath("g.png");
        const auto r = cli({"render", "gather-order", "-o", png, "--size", "900x450", "--step", "20"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(!r.err.contains("propagateSizeHints"), qPrintable(r.err)); // no platform chatter
        const QByteArray b = readAll(png);
        QVERIFY(b.startsWith("\x89PNG\r\n\x1a\n"));
        QCOMPARE(b.mid(12, 4), QByteArray("IHDR"));
        QCOMPARE(bigEndian32(b, 16), 900u);
        QCOMPARE(bigEndian32(b, 20), 450u);
    }

    void svgIsSvg()
    {
        const QString svg = m_dir.filePath("g.svg");
        const auto r = cli({"render", "gather-order", "-o", svg, "--size", "800x400"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray b = readAll(svg);
        QVERIFY(b.contains("<svg"));
        QVERIFY(b.contains("width=\"") && b.contains("viewBox=\"0 0 800 400\""));
        QVERIFY(b.contains("Task-2 task1()")); // the lanes' names are text in it
    }

    void pdfIsPdf()
    {
        const QString pdf = m_dir.filePath("g.pdf");
        const auto r = cli({"render", "gather-order", "-o", pdf});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray b = readAll(pdf);
        QVERIFY(b.startsWith("%PDF-"));
        QCOMPARE(pdfPages(b), 1);
    }

    void slidesHaveAPagePerOutputOrStep()
    {
        const QString outputs = m_dir.filePath("outputs.pdf");
        auto r = cli({"render", "gather-order", "-o", outputs, "--slides", "outputs"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(pdfPages(readAll(outputs)), 4); // four printed lines
        const QString steps = m_dir.filePath("steps.pdf");
        r = cli({"render", "gen-send", "-o", steps, "--slides", "steps", "--size", "1000x600"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const Sample *sample = findSample("gen-send");
        QVERIFY(sample);
        QCOMPARE(pdfPages(readAll(steps)), int(runSample(*sample).trace.events.size()));
    }

    void rendersATraceFileOfEitherFormat()
    {
        const QString native = m_dir.filePath("t.coroscope"), json = m_dir.filePath("t.json");
        QCOMPARE(cli({"trace", "three-sleepers", "-o", native}).code, 0);
        QCOMPARE(cli({"trace", "three-sleepers", "-o", json, "--format", "chrome"}).code, 0);
        for (const QString &in : {native, json}) {
            const QString png = in + ".png";
            const auto r = cli({"render", in, "-o", png, "--size", "640x360"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QCOMPARE(bigEndian32(readAll(png), 16), 640u);
        }
    }

    // --axis, --density, --group and --fold: the lanes of a big run drawn as asked (the SVG's texts
    // say which: the axis title, the group's title).
    void lanesAsAsked()
    {
        const QString native = m_dir.filePath("d100.coroscope");
        QCOMPARE(cli({"trace", "download-100", "-o", native}).code, 0);
        auto render = [&](const QStringList &extra) {
            const QString svg = m_dir.filePath(QStringLiteral("lanes-%1.svg").arg(extra.join(QLatin1Char('_'))));
            auto r = cli(QStringList {"render", native, "-o", svg, "--size", "1400x900"} + extra);
            return r.code == 0 ? QString::fromUtf8(readAll(svg)) : QStringLiteral("failed: ") + r.err;
        };
        const QString grouped = render({});
        QVERIFY2(grouped.contains(QStringLiteral("download() × 100")), qPrintable(grouped.left(200)));
        QVERIFY(grouped.contains(QLatin1String("step (one column per event)")));
        const QString time = render({"--axis", "time", "--fold", "all"});
        QVERIFY(time.contains(QLatin1String("time (wall clock)")));
        QVERIFY(time.contains(QStringLiteral("100 done"))); // the folded downloads' counts at the last step
        QVERIFY(!time.contains(QLatin1String("Task-50 download()"))); // folded: no single lanes
        const QString flat = render({"--group", "none", "--density", "roomy"});
        QVERIFY(!flat.contains(QStringLiteral("download() × 100")));
        QVERIFY(flat.contains(QLatin1String("Task-1 main()")));
        const QString open = render({"--fold", "none", "--density", "compact"});
        QVERIFY(open.contains(QStringLiteral("download() × 100")));
        QVERIFY(open.contains(QStringLiteral("handle() × 110")));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no output") << QStringList {"render", "gather-order"} << "-o OUT";
        QTest::newRow("unknown suffix")
            << QStringList {"render", "gather-order", "-o", "x.gif"} << ".png, .svg or .pdf";
        QTest::newRow("bad size") << QStringList {"render", "gather-order", "-o", "x.png", "--size", "9x"}
                                  << "WIDTHxHEIGHT";
        QTest::newRow("tiny size") << QStringList {"render", "gather-order", "-o", "x.png", "--size", "4x4"}
                                   << "16 to 16384";
        QTest::newRow("bad step") << QStringList {"render", "gather-order", "-o", "x.png", "--step", "x"}
                                  << "--step needs";
        QTest::newRow("step too far")
            << QStringList {"render", "gather-order", "-o", "x.png", "--step", "999"}
            << "past the last step (44)";
        QTest::newRow("slides need pdf")
            << QStringList {"render", "gather-order", "-o", "x.png", "--slides", "steps"}
            << "name the output .pdf";
        QTest::newRow("bad slides") << QStringList {"render", "gather-order", "-o",
                                                    "x.pdf",  "--slides",     "all"}
                                    << "outputs or steps";
        QTest::newRow("unknown sample")
            << QStringList {"render", "nope", "-o", "x.png"} << "unknown sample 'nope'. Valid ids:\n  gen-send\n";
        QTest::newRow("no source") << QStringList {"render", "-o", "x.png"}
                                   << "render needs a sample id, a SCRIPT.py or a trace file, and -o OUT.png|OUT.svg|OUT.pdf";
        QTest::newRow("step without value")
            << QStringList {"render", "gather-order", "-o", "x.png", "--step"} << "--step needs a value";
        QTest::newRow("size without value")
            << QStringList {"render", "gather-order", "-o", "x.png", "--size"} << "--size needs a value";
        QTest::newRow("slides without value")
            << QStringList {"render", "gather-order", "-o", "x.pdf", "--slides"} << "--slides needs a value";
        QTest::newRow("negative step")
            << QStringList {"render", "gather-order", "-o", "x.png", "--step", "-1"}
            << "--step needs a step number (0 or more), not '-1'";
        QTest::newRow("slides and step")
            << QStringList {"render", "gather-order", "-o", "x.pdf", "--slides", "steps", "--step", "3"}
            << "leave out --step";
        QTest::newRow("bad file") << QStringList {"render", "nosuch.coroscope", "-o", "x.png"}
                                  << "nosuch.coroscope: cannot open nosuch.coroscope";
        QTest::newRow("real sample on the virtual clock")
            << QStringList {"render", "wget", "-o", "x.png", "--clock", "virtual"}
            << "it cannot run with --clock virtual";
        QTest::newRow("bad axis") << QStringList {"render", "gather-order", "-o", "x.png", "--axis", "x"}
                                  << "--axis needs steps or time, not 'x'";
        QTest::newRow("bad density")
            << QStringList {"render", "gather-order", "-o", "x.png", "--density", "dense"}
            << "--density needs auto, compact or roomy";
        QTest::newRow("bad group") << QStringList {"render", "gather-order", "-o", "x.png", "--group", "kind"}
                                   << "--group needs auto, function, spawner or none";
        QTest::newRow("bad fold") << QStringList {"render", "gather-order", "-o", "x.png", "--fold", "some"}
                                  << "--fold needs auto, all or none";
        QTest::newRow("axis elsewhere") << QStringList {"run", "gather-order", "--axis", "time"}
                                        << "--axis belongs to the render command";
        QTest::newRow("format elsewhere")
            << QStringList {"show", "x", "--format", "chrome"} << "--format belongs to";
        QTest::newRow("bad format") << QStringList {"trace", "gather-order", "-o", "x", "--format", "xml"}
                                    << "native or chrome";
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = cli(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFile::exists("x.png") && !QFile::exists("x.pdf"));
    }

    void chromeTraceParsesBack()
    {
        const QString json = m_dir.filePath("gather.json");
        const auto r = cli({"trace", "gather-order", "-o", json, "--format", "chrome"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray b = readAll(json);
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(b, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.object()["traceEvents"].isArray());
        TraceFileError parseError;
        auto trace = parseChromeTrace(std::string_view(b.constData(), std::size_t(b.size())), &parseError);
        QVERIFY2(trace, parseError.message.c_str());
        QVERIFY(*trace == runSample(*findSample("gather-order")).trace);
        // show and events read it like a native file.
        const auto show = cli({"show", json});
        QCOMPARE(show.code, 0);
        QVERIFY(show.out.contains("gather-order"));
        QVERIFY(show.out.contains("events:   45"));
        const auto broken = m_dir.filePath("broken.json");
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(b.left(b.size() / 2));
        f.close();
        const auto bad = cli({"show", broken});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("line ") && bad.err.contains("column "), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestRender)
#include "tst_render.moc"
