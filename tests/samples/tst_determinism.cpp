// A virtual-clock run is a pure function of the program: two runs give byte-identical trace files.
#include "samples/Samples.h"
#include "trace/TraceFile.h"

#include <QTest>

using namespace coroscope;

class TestDeterminism : public QObject
{
    Q_OBJECT
private slots:
    void twoRunsIdentical_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &s : sampleList())
            if (s.clock == ClockMode::Virtual)
                QTest::newRow(std::string(s.id).c_str()) << QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
    }
    void twoRunsIdentical()
    {
        QFETCH(QString, id);
        const auto *sample = findSample(id.toStdString());
        const auto a = serializeTrace(runSample(*sample).trace);
        const auto b = serializeTrace(runSample(*sample).trace);
        QVERIFY(a.size() > 100);
        QVERIFY2(a == b, "two runs of a virtual-clock sample differ");
    }
};

QTEST_GUILESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
