#include "samples/Samples.h"
#include "trace/ChromeTrace.h"
#include "trace/LoopState.h"
#include "trace/Recorder.h"
#include "trace/TraceFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

#include <source_location>

using namespace coroscope;

namespace {

// Every lane kind, most event kinds, zero-time steps, a rename and non-ASCII text.
Trace handMadeTrace(ClockMode clock)
{
    Recorder rec;
    Trace &t = rec.trace();
    t.clock = clock;
    t.metadata = {{"sample", "hand-made"}, {"title", "Quote \" and \\ and\ttab"}};
    const auto here = rec.location(std::source_location::current());
    const auto mod = rec.addLane("<module>", LaneKind::Module, NoLane);
    const auto loop = rec.addLane("event loop", LaneKind::Loop, mod);
    rec.record(EventKind::Start, mod, NoEvent, 0u, here);
    const auto main = rec.addLane("Task-1 main()", LaneKind::Task, mod);
    const auto step = rec.record(EventKind::Schedule, main, NoEvent, "Task-1.__step");
    rec.record(EventKind::Suspend, mod, NoEvent, "asyncio.run(main())", here);
    rec.record(EventKind::Start, main, step, 0u, rec.location(std::source_location::current()));
    const auto gen = rec.addLane("numbers()", LaneKind::Generator, main);
    rec.record(EventKind::Start, gen);
    rec.record(EventKind::Suspend, gen, NoEvent, "yield 1");
    rec.record(EventKind::Done, gen, NoEvent, "None");
    const auto arm = rec.record(EventKind::TimerArm, loop, NoEvent, "Task-1.__wakeup");
    rec.setTimerDue(arm, 1'000'000);
    rec.record(EventKind::Suspend, main, NoEvent, "sleep(0.001)");
    rec.setNow(1'000'000);
    rec.record(EventKind::Clock, loop);
    const auto fire = rec.record(EventKind::TimerFire, loop, arm, "Task-1.__wakeup");
    rec.record(EventKind::Resume, main, fire, "None");
    rec.record(EventKind::Output, main, NoEvent, "收到: hello\nline two \x01", here);
    rec.record(EventKind::Done, main, NoEvent, "[1, 2, 3]");
    rec.record(EventKind::Fault, loop, NoEvent, "deadlock: Task-3 waits forever");
    rec.renameLane(main, "Task-1 main() (done)");
    return rec.takeTrace();
}

// One line per event: "lane@time kind detail", and " <-cause" for a wake-up.
QStringList listing(const Trace &trace)
{
    QStringList lines;
    for (const Event &e : trace.events) {
        QString line = QString("%1@%2 %3 %4")
                           .arg(e.lane)
                           .arg(trace.timeOf(e))
                           .arg(QString::fromUtf8(eventKindName(e.eventKind()).data()))
                           .arg(QString::fromUtf8(trace.detail(e).data(), qsizetype(trace.detail(e).size())));
        if (e.cause != NoEvent)
            line += QString(" <-%1").arg(e.cause);
        lines << line;
    }
    return lines;
}

QJsonObject parseJson(const std::string &s)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(QByteArray(s.data(), qsizetype(s.size())), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "QJsonDocument:" << error.errorString() << "at" << error.offset;
    return doc.object();
}

} // namespace

class TestChromeTrace : public QObject
{
    Q_OBJECT
private slots:
    void roundTripEverySample_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &s : sampleList())
            QTest::newRow(std::string(s.id).c_str())
                << QString::fromUtf8(s.id.data(), qsizetype(s.id.size()));
    }
    void roundTripEverySample()
    {
        QFETCH(QString, id);
        const Sample *sample = findSample(id.toStdString());
        QVERIFY(sample);
        const Trace trace = runSample(*sample).trace;
        QVERIFY(!trace.events.empty());
        const std::string json = serializeChromeTrace(trace);
        TraceFileError error;
        auto back = parseChromeTrace(json, &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == trace);
        // Deterministic, and the native file of the copy is byte-identical.
        QCOMPARE(serializeChromeTrace(*back), json);
        QCOMPARE(serializeTrace(*back), serializeTrace(trace));
    }

    void roundTripHandMade_data()
    {
        QTest::addColumn<int>("clock");
        QTest::newRow("virtual") << int(ClockMode::Virtual);
        QTest::newRow("real") << int(ClockMode::Real);
    }
    void roundTripHandMade()
    {
        QFETCH(int, clock);
        const Trace trace = handMadeTrace(ClockMode(clock));
        TraceFileError error;
        auto back = parseChromeTrace(serializeChromeTrace(trace), &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == trace);
        QCOMPARE(std::string(back->laneName(2)), std::string("Task-1 main() (done)"));
    }

    void emptyTraceRoundTrips()
    {
        TraceFileError error;
        auto back = parseChromeTrace(serializeChromeTrace(Trace {}), &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == Trace {});
    }

    // What Perfetto / chrome://tracing read: an independent JSON parser sees the documented mapping.
    void exportIsChromeTraceEventJson()
    {
        const Trace trace = handMadeTrace(ClockMode::Virtual);
        const std::string text = serializeChromeTrace(trace);
        // Events first, the tables after them: importers that stop at an unknown key have read everything.
        QVERIFY(text.find("\"traceEvents\"") < text.find("\"coroscope\""));
        const QJsonObject doc = parseJson(text);
        QVERIFY(doc.contains("traceEvents"));
        const QJsonArray events = doc["traceEvents"].toArray();
        QStringList threads;
        int slices = 0, begins = 0, ends = 0, flowStarts = 0, flowEnds = 0;
        double lastRunning = -1;
        for (const auto &v : events) {
            const QJsonObject e = v.toObject();
            const QString ph = e["ph"].toString();
            QVERIFY2(e.contains("pid") && e.contains("tid"), qPrintable(ph));
            if (ph == "M" && e["name"] == "thread_name")
                threads << e["args"].toObject()["name"].toString();
            if (ph == "X") {
                ++slices;
                QVERIFY(e["dur"].toDouble() > 0);
                QVERIFY(e["ts"].toDouble() > lastRunning); // spaced even at zero clock time
                lastRunning = e["ts"].toDouble();
            }
            begins += ph == "b";
            ends += ph == "e";
            flowStarts += ph == "s";
            flowEnds += ph == "f";
            if (ph == "b")
                QVERIFY(e["name"].toString().startsWith("await "));
            if (e["args"].toObject().contains("seq"))
                QVERIFY(e["ts"].isDouble());
        }
        QCOMPARE(threads, (QStringList {"<module>", "event loop", "Task-1 main() (done)", "numbers()"}));
        QCOMPARE(slices, 4); // module start, main start, generator start, main resume
        QCOMPARE(begins, 3); // module, generator and main suspend once each
        QCOMPARE(ends, begins);
        QCOMPARE(flowStarts, 2); // schedule -> start, timer-fire -> resume
        QCOMPARE(flowEnds, flowStarts);
        // The resume after the clock jump is 1 ms on the clock; it is the third event at that time, so it
        // is drawn 2 us later, and its true time travels in args.t.
        bool sawResume = false;
        for (const auto &v : events) {
            const QJsonObject e = v.toObject();
            if (e["args"].toObject()["kind"] == "resume") {
                sawResume = true;
                QCOMPARE(e["ts"].toDouble(), 1002.0);
                QCOMPARE(e["args"].toObject()["t"].toInteger(), 1'000'000);
                QCOMPARE(e["args"].toObject()["cause"].toInt(), 14); // the timer-fire
            }
        }
        QVERIFY(sawResume);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::addColumn<int>("offset");
        QTest::newRow("empty") << QByteArray("") << "line 1, column 1: empty file" << 0;
        QTest::newRow("not json") << QByteArray("hello") << "line 1, column 1: not a Coroscope trace" << 0;
        QTest::newRow("no events") << QByteArray("{\"a\":1}") << "no \"traceEvents\"" << 0;
        QTest::newRow("unterminated string")
            << QByteArray("{\"traceEvents\":[{\"ph\":\"X\n") << "line 1, column 25: control character" << 24;
        QTest::newRow("missing comma")
            << QByteArray("{\"traceEvents\":[\n  {\"ph\":\"i\",\"ts\":1}\n  {\"ph\":\"i\",\"ts\":2}]}")
            << "line 3, column 3: expected ',' or ']'" << 39;
        QTest::newRow("truncated") << QByteArray("{\"traceEvents\":[{\"ph\":") << "unexpected end of input"
                                   << 22;
        QTest::newRow("bad number") << QByteArray("{\"traceEvents\":[{\"ts\":01}]}")
                                    << "must not start with 0" << 22;
        QTest::newRow("bad escape") << QByteArray("{\"traceEvents\":[{\"name\":\"a\\q\"}]}")
                                    << "invalid escape" << 26;
        QTest::newRow("trailing data") << QByteArray("{\"traceEvents\":[]} x") << "after the end" << 19;
        QTest::newRow("deep nesting") << QByteArray("{\"traceEvents\":[{\"args\":" + QByteArray(100, '[')
                                                    + QByteArray(100, ']') + "}]}")
                                      << "nesting deeper than 64 levels" << 84;
        QTest::newRow("nothing to show")
            << QByteArray("{\"traceEvents\":[{\"ph\":\"C\",\"pid\":1,\"tid\":1,\"ts\":0}]}")
            << "no events Coroscope can show" << 0;
        QTest::newRow("bad kind") << QByteArray(
            "{\"coroscope\":{\"version\":1},\"traceEvents\":[{\"ph\":\"i\",\"tid\":1,\"ts\":0,"
            "\"args\":{\"seq\":0,\"kind\":\"jump\"}}]}")
                                  << "unknown event kind \"jump\"" << 90;
        QTest::newRow("future version") << QByteArray("{\"coroscope\":{\"version\":9},\"traceEvents\":[]}")
                                        << "unsupported Coroscope export version 9" << 24;
        QTest::newRow("lane out of range") << QByteArray(
            "{\"coroscope\":{\"version\":1,\"events\":1},\"traceEvents\":[{\"ph\":\"i\",\"tid\":3,"
            "\"ts\":0,\"args\":{\"seq\":0,\"kind\":\"output\"}}]}")
                                           << "event 0 is on tid 3, but there are 0 lanes" << 53;
        QTest::newRow("count mismatch")
            << QByteArray("{\"coroscope\":{\"version\":1,\"events\":5},\"traceEvents\":[]}")
            << "announces 5 events but 0 carry a seq" << 35;
    }
    void malformed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QFETCH(int, offset);
        TraceFileError error;
        auto trace = parseChromeTrace(std::string_view(json.constData(), std::size_t(json.size())), &error);
        QVERIFY(!trace);
        QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
        QCOMPARE(error.offset, std::uint64_t(offset));
    }

    // Cut or damaged anywhere, the export is refused or read, never crashes (a fuzzer goes further).
    void truncatedAnywhere()
    {
        const std::string json = serializeChromeTrace(handMadeTrace(ClockMode::Virtual));
        for (std::size_t n = 0; n < json.size(); n += 7) {
            TraceFileError error;
            auto trace = parseChromeTrace(std::string_view(json).substr(0, n), &error);
            QVERIFY(!trace);
            QVERIFY(!error.message.empty());
            QVERIFY(error.offset <= n);
        }
    }

    void deepNestingDoesNotRecurse()
    {
        const std::string deep = "{\"traceEvents\":[],\"x\":" + std::string(1'000'000, '[');
        TraceFileError error;
        QVERIFY(!parseChromeTrace(deep, &error));
        QVERIFY2(error.message.find("nesting deeper") != std::string::npos, error.message.c_str());
    }

    // A minimal trace as another tool writes it: lanes from tids, slices become running spans.
    void foreignTrace()
    {
        const QByteArray json = R"([
          {"ph":"M","pid":7,"tid":1,"name":"thread_name","args":{"name":"main thread"}},
          {"ph":"X","pid":7,"tid":1,"ts":100,"dur":50,"name":"parse","cat":"x","args":{"file":{"deep":[1,2]}}},
          {"ph":"X","pid":7,"tid":1,"ts":110,"dur":10,"name":"lex"},
          {"ph":"B","pid":7,"tid":2,"ts":120.5,"name":"io"},
          {"ph":"i","pid":7,"tid":2,"ts":125,"name":"ping","s":"t"},
          {"ph":"E","pid":7,"tid":2,"ts":130},
          {"ph":"X","pid":7,"tid":1,"ts":200,"dur":5,"name":"\u00e9mit"},
          {"ph":"C","pid":7,"ts":1,"name":"counter","args":{"v":3}}
        ])";
        TraceFileError error;
        auto trace = parseChromeTrace(std::string_view(json.constData(), std::size_t(json.size())), &error);
        QVERIFY2(trace, error.message.c_str());
        QCOMPARE(trace->lanes.size(), std::size_t(2));
        QCOMPARE(std::string(trace->laneName(0)), std::string("main thread"));
        QCOMPARE(std::string(trace->laneName(1)), std::string("pid 7 tid 2"));
        QStringList seen;
        for (const Event &e : trace->events)
            seen << QString("%1@%2 %3 %4")
                        .arg(e.lane)
                        .arg(trace->timeOf(e))
                        .arg(QString::fromUtf8(eventKindName(e.eventKind()).data()))
                        .arg(QString::fromUtf8(trace->detail(e).data(), qsizetype(trace->detail(e).size())));
        const QStringList expected = {"0@0 create main thread",     "0@0 start parse",
                                      "0@10000 enter lex",          "0@20000 leave ",
                                      "1@20500 create pid 7 tid 2", "1@20500 start io",
                                      "1@25000 output ping",        "1@30000 suspend ",
                                      "0@50000 suspend ",      "0@100000 resume émit",
                                      "0@105000 suspend "};
        QCOMPARE(seen, expected);
        // What it becomes is a valid native trace.
        TraceFileError nativeError;
        QVERIFY2(parseTrace(serializeTrace(*trace), &nativeError), nativeError.message.c_str());
    }

    // Perfetto's mapping of the other event types: async tracks by (cat, id) as lanes of their own that
    // nest by name and end when their last slice does (or run on when it never ends), legacy S/F,
    // async instants, flows v1 (s/t/f, "next slice" binding) and v2 (bind_id), instant scopes.
    void foreignAsyncFlowsInstants()
    {
        const QByteArray json = R"([
          {"ph":"M","pid":1,"tid":1,"name":"thread_name","args":{"name":"main"}},
          {"ph":"M","pid":1,"tid":2,"name":"thread_name","args":{"name":"io"}},
          {"ph":"M","pid":1,"name":"process_name","args":{"name":"server"}},
          {"ph":"X","pid":1,"tid":1,"ts":0,"dur":10,"name":"handle","bind_id":"0x7","flow_out":true},
          {"ph":"b","pid":1,"tid":1,"ts":2,"cat":"net","id":"0x1","name":"request"},
          {"ph":"b","pid":1,"tid":1,"ts":3,"cat":"net","id":"0x1","name":"dns"},
          {"ph":"e","pid":1,"tid":2,"ts":5,"cat":"net","id":"0x1","name":"dns"},
          {"ph":"n","pid":1,"tid":2,"ts":6,"cat":"net","id":"0x1","name":"connected"},
          {"ph":"e","pid":1,"tid":2,"ts":9,"cat":"net","id":"0x1","name":"request"},
          {"ph":"b","pid":1,"tid":1,"ts":4,"cat":"disk","id":"0x1","name":"read"},
          {"ph":"S","pid":1,"tid":1,"ts":4,"cat":"legacy","id":5,"name":"job"},
          {"ph":"F","pid":1,"tid":2,"ts":8,"cat":"legacy","id":5,"name":"job"},
          {"ph":"s","pid":1,"tid":1,"ts":1,"cat":"task","id":9,"name":"post"},
          {"ph":"t","pid":1,"tid":1,"ts":7,"cat":"task","id":9,"name":"post"},
          {"ph":"f","pid":1,"tid":2,"ts":12,"cat":"task","id":9,"name":"post"},
          {"ph":"X","pid":1,"tid":2,"ts":12,"dur":3,"name":"run"},
          {"ph":"X","pid":1,"tid":2,"ts":20,"dur":2,"name":"later","bind_id":7,"flow_in":true},
          {"ph":"i","pid":1,"tid":1,"ts":11,"name":"tick","s":"t"},
          {"ph":"i","pid":1,"tid":1,"ts":13,"name":"gc","s":"p"},
          {"ph":"i","pid":1,"tid":1,"ts":14,"name":"vsync","s":"g"},
          {"ph":"b","pid":1,"tid":1,"ts":15,"cat":"net","id2":{"local":"0x1"},"name":"local"},
          {"ph":"e","pid":1,"tid":1,"ts":16,"cat":"net","id":"0x77","name":"nothing open"}
        ])";
        TraceFileError error;
        auto trace = parseChromeTrace(std::string_view(json.constData(), std::size_t(json.size())), &error);
        QVERIFY2(trace, error.message.c_str());
        QStringList lanes;
        for (const Lane &l : trace->lanes)
            lanes << QString::fromStdString(std::string(trace->strings.at(l.nameId))) + (l.parent == NoLane ? QString() : QString(" <%1").arg(l.parent));
        QCOMPARE(lanes, (QStringList {"main", "request 0x1 <0", "read 0x1 <0", "job 5 <0", "io", "server", "global",
                                      "local 0x1 <0"}));
        const QStringList expected = {
            "0@0 create main",      "0@0 start handle",        "1@2000 create request 0x1", "1@2000 start request",
            "1@3000 enter dns",     "2@4000 create read 0x1",  "2@4000 start read",         "3@4000 create job 5",
            "3@4000 start job",     "1@5000 leave ",           "1@6000 output connected",   "0@7000 schedule post",
            "3@8000 done ",         "1@9000 done ",            "0@10000 suspend ",          "0@10000 schedule flow",
            "0@11000 output tick",  "4@12000 create io",       "4@12000 start run <-11",    "5@13000 create server",
            "5@13000 output gc",    "6@14000 create global",   "6@14000 output vsync",      "4@15000 suspend ",
            "7@15000 create local 0x1", "7@15000 start local", "4@20000 resume later <-15", "4@22000 suspend "};
        QCOMPARE(listing(*trace), expected);
        // The flows' schedules are taken by the slices they woke: nothing is left waiting.
        QVERIFY(loopStateAt(*trace, std::uint32_t(trace->events.size() - 1)).ready.empty());
        TraceFileError nativeError;
        QVERIFY2(parseTrace(serializeTrace(*trace), &nativeError), nativeError.message.c_str());
    }

    // A flow's end binds to the slice enclosing it ("bp": "e"), which may be nested; one that would
    // point back in time, or stay on its lane, draws nothing.
    void foreignFlowBinding()
    {
        const QByteArray json = R"({"traceEvents":[
          {"ph":"X","pid":1,"tid":1,"ts":0,"dur":100,"name":"loop"},
          {"ph":"s","pid":1,"tid":1,"ts":5,"cat":"c","id":"a","name":"wake"},
          {"ph":"X","pid":1,"tid":2,"ts":0,"dur":50,"name":"outer"},
          {"ph":"X","pid":1,"tid":2,"ts":10,"dur":5,"name":"inner"},
          {"ph":"f","pid":1,"tid":2,"ts":12,"bp":"e","cat":"c","id":"a","name":"wake"},
          {"ph":"s","pid":1,"tid":1,"ts":30,"cat":"c","id":"b","name":"late"},
          {"ph":"f","pid":1,"tid":2,"ts":31,"bp":"e","cat":"c","id":"b","name":"late"},
          {"ph":"s","pid":1,"tid":1,"ts":60,"cat":"c","id":"c","name":"self"},
          {"ph":"X","pid":1,"tid":1,"ts":70,"dur":1,"name":"same lane"},
          {"ph":"f","pid":1,"tid":1,"ts":70,"bp":"e","cat":"c","id":"c","name":"self"}
        ]})";
        TraceFileError error;
        auto trace = parseChromeTrace(std::string_view(json.constData(), std::size_t(json.size())), &error);
        QVERIFY2(trace, error.message.c_str());
        const QStringList expected = {"0@0 create pid 1 tid 1", "0@0 start loop",   "1@0 create pid 1 tid 2",
                                      "1@0 start outer",        "0@5000 schedule wake", "1@10000 enter inner <-4",
                                      "1@15000 leave ",         "1@50000 suspend ", "0@70000 enter same lane",
                                      "0@71000 leave ",         "0@100000 suspend "};
        QCOMPARE(listing(*trace), expected);
        QVERIFY(loopStateAt(*trace, std::uint32_t(trace->events.size() - 1)).ready.empty());
    }

    // A thread that only sends a flow gets its lane when the flow is bound, after the slices were paired;
    // a flow that later ends on that thread finds no slice there (fuzz_chrometrace found it read past
    // the per-lane slice lists).
    void foreignFlowIntoSliceLessThread()
    {
        const QByteArray json = R"({"traceEvents":[
          {"ph":"X","pid":1,"tid":1,"ts":0,"dur":10,"name":"a"},
          {"ph":"s","pid":1,"tid":2,"ts":0,"cat":"c","id":1,"name":"f"},
          {"ph":"f","pid":1,"tid":1,"ts":5,"bp":"e","cat":"c","id":1,"name":"f"},
          {"ph":"s","pid":1,"tid":1,"ts":6,"cat":"c","id":2,"name":"g"},
          {"ph":"f","pid":1,"tid":2,"ts":7,"bp":"e","cat":"c","id":2,"name":"g"},
          {"ph":"s","pid":1,"tid":1,"ts":8,"cat":"c","id":3,"name":"h"},
          {"ph":"f","pid":1,"tid":2,"ts":9,"cat":"c","id":3,"name":"h"}
        ]})";
        TraceFileError error;
        auto trace = parseChromeTrace(std::string_view(json.constData(), std::size_t(json.size())), &error);
        QVERIFY2(trace, error.message.c_str());
        const QStringList expected = {"1@0 create pid 1 tid 2", "1@0 schedule f", "0@0 create pid 1 tid 1",
                                      "0@0 start a <-1", "0@10000 suspend "};
        QCOMPARE(listing(*trace), expected);
    }

    // What Node.js writes itself (tests/trace/data/node-trace.js: a timer, promises, an fs read, traced
    // with node --trace-event-categories node,node.async_hooks,v8): every async resource on a lane of
    // its own below the main thread, its callbacks nested in it, the bootstrap instants as markers.
    void nodeTrace()
    {
        TraceFileError error;
        auto trace = readAnyTraceFile(COROSCOPE_SOURCE_DIR "/tests/trace/data/node-trace.json", &error);
        QVERIFY2(trace, error.message.c_str());
        QCOMPARE(trace->metaValue("source"), std::string("chrome-json"));
        std::uint32_t main = NoLane;
        for (std::uint32_t i = 0; i < trace->lanes.size(); ++i)
            if (std::string(trace->laneName(i)) == "JavaScriptMainThread")
                main = i;
        QVERIFY(main != NoLane);
        QStringList asyncLanes, markers;
        QMap<QString, QStringList> onLane; // an async lane's events, by its name
        for (const Lane &l : trace->lanes)
            if (l.parent == main)
                asyncLanes << QString::fromStdString(std::string(trace->strings.at(l.nameId)));
        for (const Event &e : trace->events) {
            const QString detail = QString::fromUtf8(trace->detail(e).data(), qsizetype(trace->detail(e).size()));
            if (e.lane == main) {
                if (e.eventKind() == EventKind::Output)
                    markers << detail;
                // Nothing async is flattened onto the thread any more.
                QVERIFY2(!detail.contains("PROMISE") && !detail.startsWith("Timeout"), qPrintable(detail));
            } else {
                onLane[QString::fromStdString(std::string(trace->laneName(e.lane)))]
                    << QString::fromUtf8(eventKindName(e.eventKind()).data()) + (detail.isEmpty() ? "" : " " + detail);
            }
        }
        // 3 timers, 38 promises, 3 fs promise requests, 4 fs operations on 3 request ids (open and read
        // share one), the file handle and its close request, a tick, the environment.
        QCOMPARE(asyncLanes.size(), 51);
        QCOMPARE(asyncLanes.filter(QRegularExpression("^Timeout 0x")).size(), 3);
        QCOMPARE(asyncLanes.filter(QRegularExpression("^PROMISE 0x")).size(), 38);
        QCOMPARE(asyncLanes.filter(QRegularExpression("^FSREQPROMISE 0x")).size(), 3);
        QCOMPARE(markers, (QStringList {"nodeStart", "v8Start", "environment", "bootstrapComplete", "loopStart", "loopExit"}));
        // A timer: created, its callback nested inside it, destroyed.
        const QString timer = asyncLanes.filter(QRegularExpression("^Timeout 0x")).front();
        QCOMPARE(onLane[timer], (QStringList {"create " + timer, "start Timeout", "enter Timeout_CALLBACK", "leave", "done"}));
        // Two fs operations one after the other on their request's track; a promise never destroyed
        // stays alive to the end of the trace.
        const QString fs = asyncLanes.filter(QRegularExpression("^open 0x")).front();
        QCOMPARE(onLane[fs], (QStringList {"create " + fs, "start open", "suspend", "resume read", "done"}));
        const QString promise = asyncLanes.filter(QRegularExpression("^PROMISE 0x")).front();
        QCOMPARE(onLane[promise], (QStringList {"create " + promise, "start PROMISE"}));
        TraceFileError nativeError;
        QVERIFY2(parseTrace(serializeTrace(*trace), &nativeError), nativeError.message.c_str());
    }

    // The extremes of the accepted range add up without overflow; beyond it the file is refused.
    void extremeTimes()
    {
        const std::string_view edge
            = R"([{"ph":"X","tid":1,"ts":-1000000000000000,"dur":1000000000000000,"name":"a"},
            {"ph":"X","tid":1,"ts":1000000000000000,"dur":1e15,"name":"b"},{"ph":"B","tid":2,"ts":0}])";
        TraceFileError error;
        auto trace = parseChromeTrace(edge, &error);
        QVERIFY2(trace, error.message.c_str());
        QCOMPARE(trace->endTime(), std::int64_t(3'000'000'000'000'000'000));
        QVERIFY(!parseChromeTrace(R"([{"ph":"i","tid":1,"ts":1e16}])", &error));
        QVERIFY2(error.message.find("ts 1e16 is out of range") != std::string::npos, error.message.c_str());
    }

    void sniff()
    {
        QVERIFY(looksLikeChromeTrace("  \n{\"traceEvents\""));
        QVERIFY(looksLikeChromeTrace("\xef\xbb\xbf["));
        QVERIFY(!looksLikeChromeTrace("CORSCOPE"));
        QVERIFY(!looksLikeChromeTrace(""));
    }
};

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
