// Hostile and broken trace files, native and Chrome JSON: empty, truncated at every byte, a wrong
// version, wrong types, deep nesting, absurd counts, a 3 GiB file. Each is refused with a message
// and a position inside the file, never a crash, and the reader's memory stays bounded by what the
// file really holds (counts are never trusted before the bytes are there).
#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "trace/ChromeTrace.h"
#include "trace/TraceFile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <cstring>

using namespace coroscope;

namespace coroscope {
namespace {
Task<> job(int n)
{
    co_await sleep(n);
    print("job", n);
}
Task<> main()
{
    co_await gather(job(1), job(2));
}
} // namespace
} // namespace coroscope

namespace {

Trace smallTrace()
{
    return runProgram([] { run(coroscope::main()); }).trace;
}

// Peak resident memory of this process so far, in MiB.
long peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// Where the payload of the section `tag` starts in a native file.
std::size_t payloadOf(const std::string &bytes, std::string_view tag)
{
    for (std::size_t at = 16; at + 12 <= bytes.size();) {
        std::uint64_t length = 0;
        std::memcpy(&length, bytes.data() + at + 4, 8);
        if (std::string_view(bytes).substr(at, 4) == tag)
            return at + 12;
        at += 12 + std::size_t(length);
    }
    return std::string::npos;
}

void putU32(std::string &bytes, std::size_t at, std::uint32_t v)
{
    std::memcpy(bytes.data() + at, &v, 4);
}

} // namespace

class TestBadFiles : public QObject
{
    Q_OBJECT
private slots:
    void emptyInput()
    {
        TraceFileError error;
        QVERIFY(!parseTrace({}, &error));
        QVERIFY2(error.message.find("empty file") != std::string::npos, error.message.c_str());
        QCOMPARE(error.offset, std::uint64_t(0));
        QVERIFY(!parseChromeTrace({}, &error));
        qInfo("JSON: %s", error.message.c_str());
        QVERIFY(!error.message.empty());
        QCOMPARE(error.offset, std::uint64_t(0));
    }

    // Every prefix of a valid file is refused, and the position named lies inside the prefix.
    void truncatedAtEveryByte()
    {
        const Trace trace = smallTrace();
        std::size_t tried = 0;
        for (const std::string &bytes : {serializeTrace(trace), serializeChromeTrace(trace)}) {
            const bool json = bytes.front() == '{';
            // JSON may lose its trailing whitespace and stay whole: cut up to its closing brace.
            const std::size_t end = json ? bytes.find_last_not_of(" \n\r\t") + 1 : bytes.size();
            for (std::size_t n = 0; n < end; ++n) {
                TraceFileError error;
                const auto prefix = std::string_view(bytes).substr(0, n);
                const bool parsed
                    = json ? bool(parseChromeTrace(prefix, &error)) : bool(parseTrace(prefix, &error));
                QVERIFY2(!parsed, qPrintable(QString("%1 bytes of %2").arg(n).arg(bytes.size())));
                QVERIFY2(!error.message.empty() && error.offset <= n, error.message.c_str());
                ++tried;
            }
            qInfo("%zu bytes: every prefix refused", bytes.size());
        }
        qInfo("%zu truncated inputs", tried);
    }

    void wrongVersion()
    {
        std::string bytes = serializeTrace(smallTrace());
        putU32(bytes, 8, 3);
        TraceFileError error;
        QVERIFY(!parseTrace(bytes, &error));
        QCOMPARE(error.message,
                 std::string("unsupported trace format version 3 (this build reads versions 1 to 2)"));
        QCOMPARE(error.offset, std::uint64_t(8));
    }

    // JSON of the wrong shape: the position names the value, as "line L, column C".
    void wrongTypes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("ts is a string")
            << QByteArray(R"([{"name":"a","ph":"X","pid":1,"tid":1,"ts":"zero","dur":1}])");
        QTest::newRow("ph is a number") << QByteArray(R"([{"name":"a","ph":5,"pid":1,"tid":1,"ts":0}])");
        QTest::newRow("traceEvents is an object") << QByteArray(R"({"traceEvents":{"a":1}})");
        QTest::newRow("event is an array") << QByteArray(R"([[1,2,3]])");
        QTest::newRow("number out of range")
            << QByteArray(R"([{"name":"a","ph":"X","pid":1,"tid":1,"ts":1e999,"dur":1}])");
        QTest::newRow("bad escape") << QByteArray(
            R"([{"name":"\q","ph":"X","pid":1,"tid":1,"ts":0,"dur":1}])");
        QTest::newRow("lone surrogate")
            << QByteArray(R"([{"name":"\ud800","ph":"i","pid":1,"tid":1,"ts":0}])");
    }
    void wrongTypes()
    {
        QFETCH(QByteArray, json);
        TraceFileError error;
        const auto trace
            = parseChromeTrace(std::string_view(json.constData(), std::size_t(json.size())), &error);
        if (trace)
            return; // read as well as it maps (an odd name is still a name): accepted, not crashed
        QVERIFY2(error.message.starts_with("line 1, column "), error.message.c_str());
        QVERIFY(error.offset <= std::uint64_t(json.size()));
    }

    void deepNesting()
    {
        // Inside a member the importer does not know, which it skips: the limit applies there too.
        const std::string prefix = R"({"traceEvents":[],"otherData":)";
        for (const int depth : {kChromeMaxDepth, 100000}) {
            const std::string json
                = prefix + std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']') + "}";
            TraceFileError error;
            QVERIFY(!parseChromeTrace(json, &error));
            QVERIFY2(error.message.find("nest") != std::string::npos, error.message.c_str());
            QCOMPARE(error.offset, std::uint64_t(prefix.size() + kChromeMaxDepth - 1));
        }
    }

    // A count of 4 billion in a table of a few bytes: refused at the count, nothing reserved for it.
    void absurdCounts_data()
    {
        QTest::addColumn<QByteArray>("tag");
        for (const char *tag : {"META", "STRS", "LOCS", "LANE", "TDUE"})
            QTest::newRow(tag) << QByteArray(tag);
    }
    void absurdCounts()
    {
        QFETCH(QByteArray, tag);
        std::string bytes = serializeTrace(smallTrace());
        const auto at = payloadOf(bytes, tag.toStdString());
        QVERIFY(at != std::string::npos);
        const auto countAt = tag == "META" ? at + 1 : at; // META starts with the clock byte
        putU32(bytes, countAt, 0xffffffffu);
        const long before = peakRssMb();
        TraceFileError error;
        QVERIFY(!parseTrace(bytes, &error));
        QVERIFY2(peakRssMb() - before < 16, qPrintable(QString("%1 MiB").arg(peakRssMb() - before)));
        QCOMPARE(error.offset, std::uint64_t(countAt));
        QVERIFY2(error.message.find("4294967295") != std::string::npos, error.message.c_str());
    }

    // A 3 GiB file (sparse: no disk space, no memory) is refused within a fraction of a second, at
    // the position where it stops being a trace, without being read.
    void multiGigabyteFile_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QString>("message");
        QTest::addColumn<quint64>("offset");
        const std::string trace = serializeTrace(Trace {});
        QTest::newRow("a trace, then zeros")
            << QByteArray(trace.data(), qsizetype(trace.size())) << "trailing bytes after the END! section"
            << quint64(trace.size());
        QTest::newRow("a header, then zeros")
            << QByteArray(trace.data(), 16) << "invalid section tag 00 00 00 00" << quint64(16);
        QTest::newRow("zeros") << QByteArray() << "not a Coroscope trace file" << quint64(0);
        QTest::newRow("JSON, then zeros")
            << QByteArray("[{\"ph\":\"X\",") << "line 1, column 12" << quint64(11);
    }
    void multiGigabyteFile()
    {
        QFETCH(QByteArray, head);
        QFETCH(QString, message);
        QFETCH(quint64, offset);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(head);
        QVERIFY(file.resize(qint64(3) << 30));
        file.close();

        const long before = peakRssMb();
        QElapsedTimer clock;
        clock.start();
        TraceFileError error;
        QVERIFY(!readAnyTraceFile(QFile::encodeName(path).toStdString(), &error));
        const auto ms = clock.nsecsElapsed() / 1e6;
        qInfo("refused in %.3f ms, peak RSS +%ld MiB: %s", ms, peakRssMb() - before, error.message.c_str());
        QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
        QCOMPARE(error.offset, std::uint64_t(offset));
        QVERIFY2(ms < 500, qPrintable(QString::number(ms)));
        QVERIFY(peakRssMb() - before < 16);
        if (!head.startsWith('[')) { // the native reader alone says the same
            QVERIFY(!readTraceFile(QFile::encodeName(path).toStdString(), &error));
            QCOMPARE(error.offset, std::uint64_t(offset));
        }
    }
};

QTEST_GUILESS_MAIN(TestBadFiles)
#include "tst_badfiles.moc"
