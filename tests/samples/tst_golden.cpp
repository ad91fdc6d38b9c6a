// The trace of every virtual-clock sample, event by event, against a checked-in listing
// (tests/samples/golden/<id>.events): the trace is what the app shows, so a runtime change that
// moves an event, renames a wait or shifts a recorded source line must be seen and accepted on
// purpose. After an intended change: COROSCOPE_BLESS=1 ctest -R samples/tst_golden rewrites the
// listings; review them with git diff.
#include "samples/Samples.h"

#include <fmt/format.h>

#include <QDir>
#include <QFile>
#include <QTest>

using namespace coroscope;

namespace {

const QString kGoldenDir = QStringLiteral(COROSCOPE_SOURCE_DIR "/tests/samples/golden");

// One line per event: seq, virtual time in ns, lane, kind, cause, detail, source location.
QByteArray listing(const Trace &trace)
{
    std::string out;
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        const std::string cause = e.cause == NoEvent ? std::string("-") : std::to_string(e.cause);
        out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", i, trace.time(std::uint32_t(i)), std::string(trace.laneName(e.lane)),
                           eventKindName(e.eventKind()), cause, trace.detailLine(e), trace.locationText(e));
    }
    return QByteArray::fromStdString(out);
}

} // namespace

class TestGolden : public QObject
{
    Q_OBJECT
private slots:
    void traceMatchesListing_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &s : sampleList())
            if (s.clock == ClockMode::Virtual)
                QTest::newRow(std::string(s.id).c_str())
                    << QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
    }

    void traceMatchesListing()
    {
        QFETCH(QString, id);
        const auto result = runSample(*findSample(id.toStdString()));
        QVERIFY2(result.ok(), result.error.c_str());
        const QByteArray actual = listing(result.trace);
        const QString path = kGoldenDir + QLatin1Char('/') + id + QStringLiteral(".events");

        if (qEnvironmentVariableIntValue("COROSCOPE_BLESS")) {
            QDir().mkpath(kGoldenDir);
            QFile out(path);
            QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(out.errorString()));
            out.write(actual);
            return;
        }
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path + QStringLiteral(": ") + in.errorString()));
        const QList<QByteArray> want = in.readAll().split('\n');
        const QList<QByteArray> got = actual.split('\n');
        for (qsizetype i = 0; i < std::min(want.size(), got.size()); ++i)
            QVERIFY2(want[i] == got[i],
                     qPrintable(QStringLiteral("%1, first difference at event %2:\n  want: %3\n  got:  %4\n"
                                               "(an intended change? COROSCOPE_BLESS=1 rewrites the listing)")
                                    .arg(path)
                                    .arg(i)
                                    .arg(QString::fromUtf8(want[i]), QString::fromUtf8(got[i]))));
        QCOMPARE(got.size(), want.size());
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
