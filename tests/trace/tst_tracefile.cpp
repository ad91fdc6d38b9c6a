#include "trace/Recorder.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <bitset>
#include <cstring>
#include <limits>
#include <source_location>

using namespace coroscope;

namespace {

// A run of a small asyncio program, written by hand: every lane kind and every event kind occur.
Trace sampleTrace()
{
    Recorder rec;
    Trace &t = rec.trace();
    t.metadata = {{"sample", "gather-order"}, {"title", "Gather keeps order"}, {"budget", "2000000"}};
    const auto here = rec.location(std::source_location::current());

    const auto mod = rec.addLane("<module>", LaneKind::Module, NoLane);
    const auto loop = rec.addLane("event loop", LaneKind::Loop, mod);
    rec.record(EventKind::Start, mod, NoEvent, 0u, here);
    const auto main = rec.addLane("Task-1 main()", LaneKind::Task, mod);
    const auto step = rec.record(EventKind::Schedule, main, NoEvent, "Task-1.__step");
    rec.record(EventKind::Suspend, mod, NoEvent, "asyncio.run(main())", here);
    rec.record(EventKind::Start, main, step, 0u, rec.location(std::source_location::current()));
    rec.record(EventKind::Enter, main, NoEvent, "helper()");
    rec.record(EventKind::Leave, main, NoEvent, "42");

    const auto gen = rec.addLane("numbers()", LaneKind::Generator, main);
    rec.record(EventKind::Start, gen);
    rec.record(EventKind::Suspend, gen, NoEvent, "yield 1");
    rec.record(EventKind::Done, gen, NoEvent, "None");

    const auto coro = rec.addLane("coro()", LaneKind::Coroutine, main);
    rec.record(EventKind::Start, coro);
    rec.record(EventKind::Error, coro, NoEvent, "ValueError: boom");

    const auto worker = rec.addLane("Task-2 worker()", LaneKind::Task, main);
    const auto step2 = rec.record(EventKind::Schedule, worker, NoEvent, "Task-2.__step");
    const auto arm = rec.record(EventKind::TimerArm, loop, NoEvent, "Task-1.__wakeup");
    rec.setTimerDue(arm, 1'000'000);
    const auto arm2 = rec.record(EventKind::TimerArm, loop, NoEvent, "timeout()");
    rec.setTimerDue(arm2, 5'000'000);
    rec.record(EventKind::Suspend, main, NoEvent, "sleep(0.001)");
    rec.record(EventKind::Start, worker, step2);
    const auto cb = rec.record(EventKind::Schedule, loop, NoEvent, "print_later()");
    rec.record(EventKind::Suspend, worker, NoEvent, "run_in_executor(blocking)");
    rec.record(EventKind::Callback, loop, cb, "print_later()");
    rec.record(EventKind::TimerCancel, loop, arm2, "timeout()");

    const auto submit = rec.record(EventKind::Submit, main, NoEvent, "submit read('data')");
    rec.record(EventKind::Sync, main, NoEvent, "Lock-1 acquire");
    const auto thread = rec.addLane("ThreadPoolExecutor-0_0", LaneKind::Worker, loop);
    rec.record(EventKind::Start, thread, submit);
    rec.record(EventKind::Done, thread, NoEvent, "'data'");
    const auto start = rec.record(EventKind::Submit, mod, NoEvent, "start ForkProcess-1");
    const auto process = rec.addLane("ForkProcess-1", LaneKind::Process, mod);
    rec.record(EventKind::Start, process, start);
    rec.record(EventKind::Done, process, NoEvent, "exit code 0");

    rec.setNow(1'000'000);
    rec.record(EventKind::Clock, loop);
    const auto fire = rec.record(EventKind::TimerFire, loop, arm, "Task-1.__wakeup");
    rec.record(EventKind::Resume, main, fire, "None");
    rec.record(EventKind::Output, main, NoEvent, "收到: hello", here);
    rec.record(EventKind::Cancel, worker);
    rec.setNow(1'500'000);
    rec.record(EventKind::Done, main, NoEvent, "[1, 2, 3]");
    rec.record(EventKind::Fault, loop, NoEvent, "deadlock: Task-3 waits forever");
    rec.renameLane(worker, "Task-2 worker() (cancelled)"); // a name no event holds
    return rec.takeTrace();
}

QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), std::size_t(b.size()));
}

// Written from the spec, independently of the library: reflected CRC-32, polynomial 0xedb88320.
std::uint32_t referenceCrc32(std::string_view bytes)
{
    std::uint32_t c = 0xffffffffu;
    for (unsigned char byte : bytes) {
        c ^= byte;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return ~c;
}

void putU32(std::string &b, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        b[at + i] = char(v >> (8 * i));
}
void putU64(std::string &b, std::size_t at, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        b[at + i] = char(v >> (8 * i));
}
std::uint64_t getU64(const std::string &b, std::size_t at)
{
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
        v |= std::uint64_t(std::uint8_t(b[at + i])) << (8 * i);
    return v;
}

// Offset of the section header with this tag.
std::size_t sectionAt(const std::string &b, std::string_view tag)
{
    for (std::size_t pos = 16; pos + 12 <= b.size(); pos += 12 + getU64(b, pos + 4))
        if (std::string_view(b).substr(pos, 4) == tag)
            return pos;
    qFatal("no section %.4s", tag.data());
}

// Recomputes the END! checksum after an edit, so that the parser reaches the edited part.
std::string resealed(std::string b)
{
    putU32(b, b.size() - 4, referenceCrc32(std::string_view(b).substr(0, b.size() - 16)));
    return b;
}

std::uint32_t getU32(const std::string &b, std::size_t at)
{
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
        v |= std::uint32_t(std::uint8_t(b[at + i])) << (8 * i);
    return v;
}

// Version 2's EVNT: event count, epoch count, 12-byte epochs, 20-byte events.
std::size_t epochsAt(const std::string &b)
{
    return sectionAt(b, "EVNT") + 12 + 8;
}
std::size_t eventAt(const std::string &b, std::size_t seq)
{
    return epochsAt(b) + 4 + 12 * getU32(b, epochsAt(b)) + 20 * seq;
}

} // namespace

class TestTraceFile : public QObject
{
    Q_OBJECT

private slots:
    void fixtureCoversEverything()
    {
        const Trace t = sampleTrace();
        std::bitset<EventKindCount> kinds;
        for (const Event &e : t.events)
            kinds.set(e.kind);
        QVERIFY2(kinds.all(), "the sample trace must use every event kind");
        std::bitset<std::size_t(LaneKind::Count_)> laneKinds;
        for (const Lane &l : t.lanes)
            laneKinds.set(std::size_t(l.kind));
        QVERIFY2(laneKinds.all(), "the sample trace must use every lane kind");
    }

    void roundTrip()
    {
        const Trace t = sampleTrace();
        const std::string bytes = serializeTrace(t);
        QVERIFY(looksLikeNativeTrace(bytes));
        TraceFileError error;
        const auto back = parseTrace(bytes, &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == t);
        QCOMPARE(back->events.back().eventKind(), EventKind::Fault);
        QCOMPARE(back->metaValue("title"), std::string("Gather keeps order"));
        QVERIFY(back->laneName(5) == "Task-2 worker() (cancelled)"); // renamed: a name no event holds
        QCOMPARE(t.timerDues.size(), std::size_t(1)); // the fired timer's due is its TimerFire's time
        QCOMPARE(back->dueTime(t.timerDues.front().armEvent), std::int64_t(5'000'000));
        QCOMPARE(back->dueTime(t.timerDues.front().armEvent - 1), std::int64_t(1'000'000)); // the arm before
        bool sawOutput = false;
        for (const Event &e : back->events)
            if (e.eventKind() == EventKind::Output) {
                QCOMPARE(QString::fromStdString(std::string(back->detail(e))),
                         QStringLiteral(u"收到: hello"));
                QVERIFY(!back->locationText(e).empty());
                sawOutput = true;
            }
        QVERIFY(sawOutput);
        QVERIFY(serializeTrace(*back) == bytes); // write → read → write is byte-identical
        QVERIFY(serializeTrace(sampleTrace()) == bytes);
    }

    void layout()
    {
        const std::string bytes = serializeTrace(sampleTrace());
        QCOMPARE(bytes.substr(0, 8), std::string("CORSCOPE"));
        QCOMPARE(bytes.substr(8, 8), std::string("\x02\0\0\0\0\0\0\0", 8));
        const std::string tags[] = {"META", "STRS", "LOCS", "LANE", "TDUE", "EVNT"};
        QCOMPARE(sectionAt(bytes, "META"), std::size_t(16)); // right after the header
        std::size_t previous = 0;
        for (const auto &tag : tags) { // required sections, in this order
            QVERIFY(sectionAt(bytes, tag) > previous);
            previous = sectionAt(bytes, tag);
        }
        QCOMPARE(bytes.substr(bytes.size() - 16, 12), std::string("END!\x04\0\0\0\0\0\0\0", 12));
        QVERIFY(resealed(bytes) == bytes); // the checksum is CRC-32 of everything before END!
        QCOMPARE(referenceCrc32("123456789"), 0xcbf43926u); // the standard check value
    }

    void annotationsRoundTrip()
    {
        Trace t = sampleTrace();
        const std::string plain = serializeTrace(t);
        QVERIFY(plain.find("NOTE") == std::string::npos); // no notes, no section: the old bytes
        t.setAnnotation({7, "the generator pauses here"});
        t.setAnnotation({2, ""}); // a bare bookmark
        t.setAnnotation({t.events.size() - 1 > 30 ? 30u : 3u, "收到: 中文笔记"});
        t.setAnnotation({7, "it pauses at yield"}); // replaces
        QCOMPARE(t.annotations.size(), std::size_t(3));
        QVERIFY(std::is_sorted(t.annotations.begin(), t.annotations.end(),
                               [](const Annotation &a, const Annotation &b) { return a.seq < b.seq; }));
        QCOMPARE(t.annotationAt(7)->note, std::string("it pauses at yield"));
        QVERIFY(!t.annotationAt(8));

        const std::string bytes = serializeTrace(t);
        // NOTE sits between EVNT and END!.
        QVERIFY(sectionAt(bytes, "NOTE") > sectionAt(bytes, "EVNT"));
        QCOMPARE(sectionAt(bytes, "NOTE") + 12 + getU64(bytes, sectionAt(bytes, "NOTE") + 4), bytes.size() - 16);
        TraceFileError error;
        const auto back = parseTrace(bytes, &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == t);
        QCOMPARE(back->annotations, t.annotations);
        QVERIFY(serializeTrace(*back) == bytes);
        QVERIFY(!(*back == sampleTrace())); // notes take part in equality

        QVERIFY(t.removeAnnotation(2));
        QVERIFY(!t.removeAnnotation(2));
        t.annotations.clear();
        QVERIFY(serializeTrace(t) == plain);
    }

    void badAnnotations_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::addColumn<quint64>("offset");
        Trace t = sampleTrace();
        t.setAnnotation({3, "ab"});
        t.setAnnotation({5, "cd"});
        const std::string good = serializeTrace(t);
        const auto note = sectionAt(good, "NOTE");
        const auto first = note + 12 + 4; // seq of annotation 0
        const auto second = first + 8 + 2;
        const auto edit = [&](auto change) {
            std::string b = good;
            change(b);
            return resealed(b);
        };
        const auto row = [](const char *name, const std::string &b, const QString &message, std::size_t offset) {
            QTest::addRow("%s", name) << toBytes(b) << message << quint64(offset);
        };
        row("seq beyond the events", edit([&](std::string &b) { putU32(b, second, 9999); }),
            QString("annotation 1: event 9999 out of range (%1 events)").arg(t.events.size()), second);
        row("seqs not increasing", edit([&](std::string &b) { putU32(b, second, 3); }),
            "annotation 1: events must increase (3 after 3)", second);
        row("invalid UTF-8", edit([&](std::string &b) { b[first + 8 + 1] = char(0xc3); }),
            "annotation 0: note is not valid UTF-8", first + 8 + 1);
        row("overlong encoding", edit([&](std::string &b) {
                b[first + 8] = char(0xc0);
                b[first + 9] = char(0xaf);
            }),
            "annotation 0: note is not valid UTF-8", first + 8);
        row("absurd count", edit([&](std::string &b) { putU32(b, note + 12, 1000); }),
            "annotation count 1000 does not fit in section NOTE", note + 12);
        row("note runs past the section", edit([&](std::string &b) { putU32(b, first + 4, 50); }),
            "section NOTE is too short", good.size() - 16);
        std::string before = good;
        const std::string section = good.substr(note, good.size() - 16 - note);
        before.erase(note, section.size());
        before.insert(sectionAt(before, "TDUE"), section);
        row("NOTE before EVNT", resealed(before), "section NOTE out of order: it must follow EVNT", sectionAt(before, "NOTE"));
        std::string twice = good;
        twice.insert(good.size() - 16, section);
        row("duplicate NOTE", resealed(twice), "duplicate section NOTE", good.size() - 16);

        Trace longNote = sampleTrace();
        longNote.setAnnotation({1, std::string(MaxAnnotationBytes + 1, 'x')});
        const std::string big = serializeTrace(longNote);
        row("note too long", big, "annotation 0: note of 1001 bytes is longer than 1000",
            sectionAt(big, "NOTE") + 12 + 4 + 4);
    }

    void badAnnotations()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QFETCH(quint64, offset);
        TraceFileError error;
        QVERIFY(!parseTrace(view(bytes), &error));
        QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
        QCOMPARE(quint64(error.offset), offset);
    }

    void emptyTrace()
    {
        const Trace t;
        const std::string bytes = serializeTrace(t);
        // The worked example of docs/trace-format.md.
        const QByteArray expected = QByteArray::fromHex("434f5253434f5045 02000000 00000000"
                                                        "4d455441 0500000000000000 00 00000000"
                                                        "53545253 0800000000000000 01000000 00000000"
                                                        "4c4f4353 0c00000000000000 01000000 0000000000000000"
                                                        "4c414e45 0400000000000000 00000000"
                                                        "54445545 0400000000000000 00000000"
                                                        "45564e54 1800000000000000 0000000000000000"
                                                        "01000000 00000000 0000000000000000"
                                                        "454e4421 0400000000000000 e788577f");
        QCOMPARE(toBytes(bytes), expected);
        const auto back = parseTrace(bytes, nullptr);
        QVERIFY(back);
        QVERIFY(*back == t);
        QVERIFY(serializeTrace(*back) == bytes);
    }

    void unknownSectionIsSkipped()
    {
        Trace t = sampleTrace();
        t.clock = ClockMode::Real;
        std::string bytes = serializeTrace(t);
        const std::string extra = std::string("XTRA") + std::string("\x05\0\0\0\0\0\0\0", 8) + "hello";
        bytes.insert(sectionAt(bytes, "EVNT"), extra);
        TraceFileError error;
        const auto back = parseTrace(resealed(bytes), &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == t);
        QCOMPARE(back->clock, ClockMode::Real);
    }

    void sniff()
    {
        QVERIFY(looksLikeNativeTrace("CORSCOPE\x01"));
        QVERIFY(!looksLikeNativeTrace("{\"traceEvents\": []}"));
        QVERIFY(!looksLikeNativeTrace("CORS"));
        QVERIFY(!looksLikeNativeTrace(""));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::addColumn<quint64>("offset");

        const std::string good = serializeTrace(sampleTrace());
        const auto row
            = [](const char *name, const std::string &b, const QString &message, std::size_t offset) {
                  QTest::addRow("%s", name) << toBytes(b) << message << quint64(offset);
              };
        const auto edit = [&](auto change) {
            std::string b = good;
            change(b);
            return resealed(b);
        };
        const auto lastEvent = sampleTrace().events.size() - 1;
        const auto strs = sectionAt(good, "STRS");
        const auto lane0 = sectionAt(good, "LANE") + 12 + 4;

        row("empty file", "", "empty file", 0);
        row("wrong magic", "CORSCOPX" + good.substr(8), "not a Coroscope trace file", 0);
        row("json", "{\"traceEvents\": []}", "not a Coroscope trace file", 0);
        row("wrong version", edit([](std::string &b) { putU32(b, 8, 7); }),
            "unsupported trace format version 7 (this build reads versions 1 to 2)", 8);
        row("version 0", edit([](std::string &b) { putU32(b, 8, 0); }),
            "unsupported trace format version 0 (this build reads versions 1 to 2)", 8);
        row("unknown flags", edit([](std::string &b) { putU32(b, 12, 1); }), "unsupported flags 0x00000001",
            12);
        row("truncated magic", good.substr(0, 5), "file truncated at byte 5 while reading the file header",
            5);
        row("truncated header", good.substr(0, 12), "file truncated at byte 12 while reading the file header",
            12);

        const auto cut = eventAt(good, 3) + 10;
        row("truncated events", good.substr(0, cut),
            QString("file truncated at byte %1 while reading section EVNT").arg(cut), cut);
        const auto endAt = good.size() - 16;
        row("missing END!", good.substr(0, endAt),
            QString("file truncated at byte %1 while reading the next section header").arg(endAt), endAt);
        row("section longer than file",
            edit([](std::string &b) { putU64(b, sectionAt(b, "LANE") + 4, 1ull << 40); }),
            QString("file truncated at byte %1 while reading section LANE").arg(good.size()), good.size());

        row("string id out of range", edit([](std::string &b) { putU32(b, eventAt(b, 3) + 12, 9999); }),
            "event 3: detail string id 9999 out of range", eventAt(good, 3) + 12);
        row("event kind out of range", edit([](std::string &b) { b[eventAt(b, 5) + 19] = char(200); }),
            "event 5: event kind 200 out of range", eventAt(good, 5) + 16);
        row("location id out of range",
            edit([](std::string &b) { putU32(b, eventAt(b, 2) + 16, 0x01ffffff); }),
            "event 2: location id 16777215 out of range", eventAt(good, 2) + 16);
        row("lane id out of range", edit([](std::string &b) { putU32(b, eventAt(b, 2) + 4, 77); }),
            "event 2: lane id 77 out of range", eventAt(good, 2) + 4);
        row("cause points forward", edit([](std::string &b) { putU32(b, eventAt(b, 4) + 8, 6); }),
            "event 4: cause 6 does not precede it", eventAt(good, 4) + 8);
        row("cause is itself", edit([](std::string &b) { putU32(b, eventAt(b, 4) + 8, 4); }),
            "event 4: cause 4 does not precede it", eventAt(good, 4) + 8);
        row("time goes backwards", edit([&](std::string &b) { putU32(b, eventAt(b, lastEvent), 3); }),
            "events must be in time order", eventAt(good, lastEvent));
        // The epoch table (the sample has one epoch; more are added by hand for these rows).
        const auto epochs = epochsAt(good);
        row("no epoch", edit([&](std::string &b) { putU32(b, epochs, 0); }), "the epoch table is empty",
            epochs);
        row("absurd epoch count", edit([&](std::string &b) { putU32(b, epochs, 0x7fffffffu); }),
            "epoch count 2147483647 does not fit", epochs);
        row("epoch 0 late", edit([&](std::string &b) { putU32(b, epochs + 4, 2); }),
            "epoch 0 starts at event 2 (it must start at event 0)", epochs + 4);
        const auto withEpochs = [&](std::vector<std::pair<std::uint32_t, std::int64_t>> table) {
            std::string b = good;
            std::string bytes;
            for (auto [first, base] : table) {
                std::string e(12, '\0');
                putU32(e, 0, first);
                putU64(e, 4, std::uint64_t(base));
                bytes += e;
            }
            const auto evnt = sectionAt(b, "EVNT");
            b.erase(epochs + 4, 12);
            b.insert(epochs + 4, bytes);
            putU32(b, epochs, std::uint32_t(table.size()));
            putU64(b, evnt + 4, getU64(b, evnt + 4) + bytes.size() - 12);
            return resealed(b);
        };
        row("epochs out of order", withEpochs({{0, 0}, {5, 0}, {5, 0}}),
            "epoch 2: first event 5 does not follow epoch 1's 5", epochs + 4 + 24);
        row("epoch past the events", withEpochs({{0, 0}, {std::uint32_t(lastEvent + 1), 0}}),
            QString("epoch 1: first event %1 out of range").arg(lastEvent + 1), epochs + 4 + 12);
        row("epoch goes back in time", withEpochs({{0, 0}, {6, -5'000'000'000}}),
            "event 6: time -5000000000 is before the previous event's 0", eventAt(good, 6) + 12);
        const Trace sample = sampleTrace();
        std::uint32_t firstLate = 0;
        while (sample.time(firstLate) <= 5)
            ++firstLate;
        row("time overflows", withEpochs({{0, std::numeric_limits<std::int64_t>::max() - 5}}),
            QString("event %1: time 1000000 past its epoch's base").arg(firstLate), eventAt(good, firstLate));
        row("absurd event count",
            edit([](std::string &b) { putU64(b, sectionAt(b, "EVNT") + 12, 1ull << 60); }),
            "event count 1152921504606846976 does not fit", sectionAt(good, "EVNT") + 12);
        row("absurd string count", edit([&](std::string &b) { putU32(b, strs + 12, 0xffffffffu); }),
            "string count 4294967295 does not fit", strs + 12);
        row("lane kind out of range", edit([&](std::string &b) { b[lane0] = 9; }),
            "lane 0: lane kind 9 out of range", lane0);
        row("lane parent out of range", edit([&](std::string &b) { putU32(b, lane0 + 1, 50); }),
            "lane 0: parent lane 50 out of range", lane0 + 1);
        const auto lane1 = lane0 + 13 + std::strlen("<module>");
        row("lane is its own parent", edit([&](std::string &b) { putU32(b, lane1 + 1, 1); }),
            "lane 1: parent lane 1 out of range (parents come before their children)", lane1 + 1);
        row("timer due on a non-arm event",
            edit([](std::string &b) { putU32(b, sectionAt(b, "TDUE") + 16, 0); }),
            "timer due 0: event 0 is a create event, not timer-arm", sectionAt(good, "TDUE") + 16);
        row("missing section", edit([](std::string &b) { b[sectionAt(b, "LOCS") + 3] = 'X'; }),
            "section LANE out of order: expected LOCS", sectionAt(good, "LANE"));

        Trace dup;
        dup.strings.intern("ab");
        dup.strings.intern("ac");
        std::string dupBytes = serializeTrace(dup);
        const auto ac = dupBytes.find("ac");
        dupBytes[ac + 1] = 'b';
        row("duplicate string", resealed(dupBytes), "string 2 duplicates string 1", ac - 4);

        std::string corrupt = good;
        corrupt[sectionAt(good, "META") + 22] ^= 0x20; // inside the first key
        row("checksum mismatch", corrupt, "checksum mismatch", good.size() - 4);
        row("trailing garbage", good + "junk", "4 trailing bytes after the END! section", good.size());
    }

    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QFETCH(quint64, offset);
        TraceFileError error;
        const auto trace = parseTrace(view(bytes), &error);
        QVERIFY(!trace);
        QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
        QCOMPARE(quint64(error.offset), offset);
        QVERIFY(!parseTrace(view(bytes), nullptr)); // no error out-parameter is fine too
    }

    void truncatedAnywhere()
    {
        const std::string bytes = serializeTrace(sampleTrace());
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            TraceFileError error;
            const auto trace = parseTrace(std::string_view(bytes).substr(0, n), &error);
            QVERIFY2(!trace, qPrintable(QString("a prefix of %1 bytes was accepted").arg(n)));
            QVERIFY2(error.offset <= n, error.message.c_str());
            if (n > 0)
                QVERIFY2(error.message.find("truncated") != std::string::npos, error.message.c_str());
        }
    }

    void corruptedAnywhere()
    {
        // CRC-32 catches every single-byte error, so no flipped byte may go unnoticed.
        const std::string good = serializeTrace(sampleTrace());
        for (std::size_t i = 0; i < good.size(); ++i) {
            std::string bytes = good;
            bytes[i] ^= 0x41;
            TraceFileError error;
            QVERIFY2(!parseTrace(bytes, &error), qPrintable(QString("byte %1 flipped was accepted").arg(i)));
            QVERIFY(!error.message.empty());
        }
    }

    // Events more than 2^32 ns (4.29 s) apart, and years apart, fall in several time epochs: the
    // times are the same after the file, through the accessor and through a scan.
    void epochsRoundTrip()
    {
        Recorder rec;
        const auto loop = rec.addLane("event loop", LaneKind::Loop, NoLane);
        const std::int64_t times[] = {0,
                                      1'000,
                                      4'294'967'295, // the last nanosecond of epoch 0
                                      4'294'967'296, // epoch 1
                                      5'000'000'000,
                                      9'000'000'000, // epoch 2
                                      9'000'000'001,
                                      94'608'005'000'000'000}; // three years: epoch 3
        for (const auto time : times) {
            rec.setNow(time);
            rec.record(EventKind::Clock, loop, NoEvent, "tick");
        }
        rec.setNow(200'000'000'000'000'000); // a jump with no event after it opens no epoch in the file
        const Trace t = rec.takeTrace();
        QCOMPARE(t.epochs.size(), std::size_t(4));
        QCOMPARE(t.epochs[1], (TimeEpoch{4, 4'294'967'296}));
        for (std::uint32_t i = 0; i < std::size(times); ++i)
            QCOMPARE(t.time(i + 1), times[i]); // event 0 is the lane's Create
        QCOMPARE(t.endTime(), times[std::size(times) - 1]);

        const std::string bytes = serializeTrace(t);
        TraceFileError error;
        const auto back = parseTrace(bytes, &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == t);
        QCOMPARE(back->epochs, t.epochs);
        EventClock clock(*back);
        for (std::uint32_t i = 0; i < std::size(times); ++i) {
            QCOMPARE(back->time(i + 1), times[i]);
            QCOMPARE(clock(i + 1), times[i]);
        }
        QCOMPARE(clock(2), times[1]); // backwards too
        QVERIFY(serializeTrace(*back) == bytes);

        // The same times with another split into epochs are the same trace.
        Trace other = *back;
        other.events.clear();
        other.epochs = {TimeEpoch{}};
        for (std::uint32_t i = 0; i < back->events.size(); ++i) {
            if (i == 2)
                other.openEpoch(back->time(i)); // an epoch where none was needed
            other.append(back->events[i], back->time(i));
        }
        QCOMPARE(other.epochs[1], (TimeEpoch{2, 1'000}));
        QVERIFY(other.epochs != back->epochs);
        QVERIFY(other == *back);
    }

    // A file that an older build wrote (version 1: 24-byte events with their full time, every due):
    // coroscope-cli trace of a script with a 5 s sleep, a three-year sleep, a cancelled and a
    // still-pending call_later. It reads with the same times and dues, and is written as version 2.
    void readsVersion1Files()
    {
        TraceFileError error;
        const auto t = readTraceFile(COROSCOPE_SOURCE_DIR "/tests/trace/data/epochs-v1.coroscope", &error);
        QVERIFY2(t, error.message.c_str());
        QCOMPARE(t->events.size(), std::size_t(31));
        QCOMPARE(t->time(10), std::int64_t(0));
        QCOMPARE(t->time(11), std::int64_t(5'000'000'000));
        QCOMPARE(t->time(19), std::int64_t(5'000'000'000));
        QCOMPARE(t->time(20), std::int64_t(94'608'005'000'000'000));
        QCOMPARE(t->endTime(), std::int64_t(94'608'005'000'000'000));
        QCOMPARE(t->epochs.size(), std::size_t(3)); // made as the recorder makes them
        QCOMPARE(t->detail(t->events[7]), std::string_view("print('cancelled')"));
        QCOMPARE(t->dueTime(7), std::int64_t(100'000'000'000));
        QCOMPARE(t->dueTime(8), std::int64_t(1'000'000'000'000'000'000)); // still armed at the end
        QCOMPARE(t->dueTime(9), std::int64_t(5'000'000'000));
        QCOMPARE(t->dueTime(18), std::int64_t(94'608'005'000'000'000));

        const std::string bytes = serializeTrace(*t);
        QCOMPARE(bytes.substr(8, 4), std::string("\x02\0\0\0", 4));
        const auto back = parseTrace(bytes, &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == *t);
        QCOMPARE(back->time(20), std::int64_t(94'608'005'000'000'000));
        QCOMPARE(back->dueTime(8), std::int64_t(1'000'000'000'000'000'000));
    }

    // The recorder keeps only the dues a TimerFire does not imply: a timer that fired at its due
    // has none; a late fire, a cancelled timer and one still armed keep theirs.
    void recorderKeepsOnlyUnimpliedDues()
    {
        Recorder rec;
        const auto loop = rec.addLane("event loop", LaneKind::Loop, NoLane);
        const auto onTime = rec.record(EventKind::TimerArm, loop, NoEvent, "on time");
        rec.setTimerDue(onTime, 1'000);
        const auto late = rec.record(EventKind::TimerArm, loop, NoEvent, "late");
        rec.setTimerDue(late, 1'000);
        const auto cancelled = rec.record(EventKind::TimerArm, loop, NoEvent, "cancelled");
        rec.setTimerDue(cancelled, 5'000);
        const auto pending = rec.record(EventKind::TimerArm, loop, NoEvent, "pending");
        rec.setTimerDue(pending, 9'000'000'000);
        // Many more that fire on time: their entries are compacted away while recording.
        std::vector<std::uint32_t> many;
        for (int i = 0; i < 500; ++i) {
            many.push_back(rec.record(EventKind::TimerArm, loop, NoEvent, "many"));
            rec.setTimerDue(many.back(), 1'000);
        }
        rec.setNow(1'000);
        rec.record(EventKind::TimerFire, loop, onTime, "on time");
        for (const auto arm : many)
            rec.record(EventKind::TimerFire, loop, arm, "many");
        QVERIFY(rec.trace().timerDues.size() < 300);
        QCOMPARE(rec.trace().dueTime(onTime), std::int64_t(1'000)); // while recording too
        QCOMPARE(rec.trace().dueTime(many[499]), std::int64_t(1'000));
        rec.setNow(1'500);
        rec.record(EventKind::TimerFire, loop, late, "late");
        rec.record(EventKind::TimerCancel, loop, cancelled, "cancelled");
        const Trace t = rec.takeTrace();
        QCOMPARE(t.timerDues, (std::vector<TimerDue>{{late, 1'000}, {cancelled, 5'000}, {pending, 9'000'000'000}}));
        QCOMPARE(t.dueTime(onTime), std::int64_t(1'000));
        QCOMPARE(t.dueTime(late), std::int64_t(1'000));
        QCOMPARE(t.dueTime(cancelled), std::int64_t(5'000));
        QCOMPARE(t.dueTime(pending), std::int64_t(9'000'000'000));
        QCOMPARE(t.dueTime(many[0]), std::int64_t(1'000));
        QCOMPARE(t.dueTime(loop), std::int64_t(-1)); // not a timer
        const auto back = parseTrace(serializeTrace(t), nullptr);
        QVERIFY(back);
        QCOMPARE(back->dueTime(onTime), std::int64_t(1'000));
        QCOMPARE(back->dueTime(pending), std::int64_t(9'000'000'000));
    }

    void fileRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("run.coroscope").toStdString();
        const Trace t = sampleTrace();
        std::string writeError;
        QVERIFY2(writeTraceFile(t, path, &writeError), writeError.c_str());
        TraceFileError error;
        const auto back = readTraceFile(path, &error);
        QVERIFY2(back, error.message.c_str());
        QVERIFY(*back == t);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList {"run.coroscope"});
    }

    void writeReplacesExistingFile()
    {
        QTemporaryDir dir;
        const QString qpath = dir.filePath("run.coroscope");
        {
            QFile old(qpath);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write(QByteArray(200'000, 'x'));
        }
        Trace small;
        small.metadata = {{"sample", "tiny"}};
        std::string writeError;
        QVERIFY2(writeTraceFile(small, qpath.toStdString(), &writeError), writeError.c_str());
        QCOMPARE(QFileInfo(qpath).size(), qint64(serializeTrace(small).size()));
        const auto back = readTraceFile(qpath.toStdString(), nullptr);
        QVERIFY(back);
        QVERIFY(*back == small);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList {"run.coroscope"});
    }

    void writeToMissingDirectory()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("missing/run.coroscope").toStdString();
        std::string error;
        QVERIFY(!writeTraceFile(sampleTrace(), path, &error));
        QVERIFY2(error.find(path) != std::string::npos, error.c_str());
        QVERIFY(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
        QVERIFY(!writeTraceFile(sampleTrace(), path, nullptr));
    }

    void readErrors()
    {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("nope.coroscope").toStdString();
        TraceFileError error;
        QVERIFY(!readTraceFile(missing, &error));
        QVERIFY2(error.message.find("cannot open " + missing) != std::string::npos, error.message.c_str());
        QCOMPARE(quint64(error.offset), quint64(0));

        error = {};
        QVERIFY(!readTraceFile(dir.path().toStdString(), &error)); // a directory
        QVERIFY(!error.message.empty());

        const QString notTrace = dir.filePath("notes.txt");
        {
            QFile f(notTrace);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("hello");
        }
        error = {};
        QVERIFY(!readTraceFile(notTrace.toStdString(), &error));
        QVERIFY2(error.message.find("not a Coroscope trace file") != std::string::npos,
                 error.message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestTraceFile)
#include "tst_tracefile.moc"
