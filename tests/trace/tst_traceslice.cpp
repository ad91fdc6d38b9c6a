// Slicing one run into phases (the compare view's "two halves" of sequential-vs-gather).
#include "samples/Samples.h"
#include "trace/TraceFile.h"
#include "trace/TraceSlice.h"

#include <fmt/format.h>

#include <QTest>

#include <algorithm>

using namespace coroscope;

namespace {

std::vector<std::string> outputs(const Trace &t)
{
    std::vector<std::string> lines;
    for (const Event &e : t.events)
        if (e.eventKind() == EventKind::Output)
            lines.emplace_back(t.detail(e));
    return lines;
}

} // namespace

class TestTraceSlice : public QObject
{
    Q_OBJECT
private slots:
    // A timer that fires on time has no due of its own; a slice that keeps the arm but not the fire
    // notes the due, relative to the slice's start, and a later slice's times start again at 0.
    void timerDuesInSlices()
    {
        const Trace full = runSample(*findSample("sequential-vs-gather")).trace;
        std::uint32_t arm = NoEvent;
        for (std::uint32_t s = 0; s < full.events.size() && arm == NoEvent; ++s)
            if (full.events[s].eventKind() == EventKind::TimerArm && full.time(s) > 0)
                arm = s;
        QVERIFY(arm != NoEvent);
        const auto fire = full.timerFireOf(arm);
        QVERIFY(fire != NoEvent);
        const auto due = full.dueTime(arm);
        QCOMPARE(due, full.time(fire));
        QVERIFY(std::none_of(full.timerDues.begin(), full.timerDues.end(),
                             [&](const TimerDue &d) { return d.armEvent == arm; }));

        const Trace cut = sliceTrace(full, arm, fire); // the arm, not its fire
        QCOMPARE(cut.dueTime(0), due - full.time(arm));
        QVERIFY(!cut.timerDues.empty());
        QCOMPARE(cut.timerDues.front(), (TimerDue{0, due - full.time(arm)}));
        const Trace whole = sliceTrace(full, arm, fire + 1); // both: implied again
        QCOMPARE(whole.dueTime(0), due - full.time(arm));
        QVERIFY(std::none_of(whole.timerDues.begin(), whole.timerDues.end(),
                             [](const TimerDue &d) { return d.armEvent == 0; }));
    }

    void halvesOfSequentialVsGather()
    {
        const Trace full = runSample(*findSample("sequential-vs-gather")).trace;
        const auto split = findOutput(full, "sequential:");
        QVERIFY(split);
        const std::uint32_t n = std::uint32_t(full.events.size());
        const Trace a = sliceTrace(full, 0, *split + 1);
        const Trace b = sliceTrace(full, *split + 1, n);
        QCOMPARE(a.events.size() + b.events.size(), full.events.size());

        QCOMPARE(outputs(a),
                 (std::vector<std::string> {"fetch url1 start", "fetch url1 done", "fetch url2 start",
                                            "fetch url2 done", "sequential: 0.3s"}));
        QCOMPARE(outputs(b).back().substr(0, 11), std::string("gather: 0.2"));
        // Each starts at 0 s: the sequential part takes 0.3 s, the gather part 0.2 s.
        QCOMPARE(a.time(0), std::int64_t(0));
        QCOMPARE(b.time(0), std::int64_t(0));
        QCOMPARE(a.endTime(), std::int64_t(300'000'000));
        QCOMPARE(b.endTime(), std::int64_t(200'000'000));
        QCOMPARE(b.metaValue("sample"), std::string("sequential-vs-gather"));
        QCOMPARE(b.metaValue("slice"), fmt::format("{}..{}", *split + 1, n));

        // Only lanes that act in the slice; the gather half has main and its two new tasks' lanes.
        for (const Trace *t : {&a, &b}) {
            std::vector<bool> used(t->lanes.size());
            for (const Event &e : t->events)
                used[e.lane] = true;
            QVERIFY(std::all_of(used.begin(), used.end(), [](bool u) { return u; }));
            // A valid trace: it survives the file format's checks.
            TraceFileError error;
            const auto back = parseTrace(serializeTrace(*t), &error);
            QVERIFY2(back, error.message.c_str());
            QVERIFY(*back == *t);
        }
        // Causes inside the slice keep pointing at the same events.
        for (std::uint32_t s = 0; s < b.events.size(); ++s) {
            const Event &e = b.events[s];
            const Event &orig = full.events[*split + 1 + s];
            if (e.cause != NoEvent)
                QCOMPARE(e.cause + *split + 1, orig.cause);
            QCOMPARE(std::string(b.laneName(e.lane)), std::string(full.laneName(orig.lane)));
        }
    }

    void emptyAndClamped()
    {
        const Trace full = runSample(*findSample("gather-order")).trace;
        const Trace none = sliceTrace(full, 5, 5);
        QVERIFY(none.events.empty());
        QVERIFY(none.lanes.empty());
        const Trace all = sliceTrace(full, 0, 1u << 30);
        QCOMPARE(all.events.size(), full.events.size());
        QVERIFY(!findOutput(full, "no such line"));
    }
};

QTEST_GUILESS_MAIN(TestTraceSlice)
#include "tst_traceslice.moc"
