// The recorded events of the two samples every student meets first, checked as a user reads them
// on the timeline: who suspends, who resumes, when, and what passes between them.
#include "samples/Samples.h"
#include "trace/LoopState.h"

#include <QTest>

using namespace coroscope;

namespace {

struct Row {
    std::string lane;
    EventKind kind;
    std::string detail;
    double time;
};

std::vector<Row> rows(const Trace &t, std::initializer_list<EventKind> kinds, std::initializer_list<std::string> lanes)
{
    std::vector<Row> out;
    for (const auto &e : t.events) {
        const auto &name = std::string(t.laneName(e.lane));
        if (std::find(kinds.begin(), kinds.end(), e.eventKind()) == kinds.end())
            continue;
        if (std::find(lanes.begin(), lanes.end(), name) == lanes.end())
            continue;
        out.push_back({name, e.eventKind(), std::string(t.detail(e)), double(t.timeOf(e)) / 1e9});
    }
    return out;
}

std::uint32_t laneNamed(const Trace &t, std::string_view name)
{
    for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
        if (std::string(t.laneName(i)) == name)
            return i;
    return NoLane;
}

} // namespace

class TestEvents : public QObject
{
    Q_OBJECT
private slots:
    void gatherOrderSuspendResume()
    {
        const auto result = runSample(*findSample("gather-order"));
        QVERIFY(result.ok());
        const auto &t = result.trace;
        QVERIFY(laneNamed(t, "Task-1 main()") != NoLane);
        QVERIFY(laneNamed(t, "Task-2 task1()") != NoLane);
        QVERIFY(laneNamed(t, "Task-3 task2()") != NoLane);

        const auto got = rows(t, {EventKind::Start, EventKind::Suspend, EventKind::Resume, EventKind::Output, EventKind::Done},
                              {"Task-1 main()", "Task-2 task1()", "Task-3 task2()"});
        const std::vector<Row> expected{
            {"Task-1 main()", EventKind::Start, "", 0},
            {"Task-1 main()", EventKind::Suspend, "gather(task1(), task2())", 0},
            {"Task-2 task1()", EventKind::Start, "", 0},
            {"Task-2 task1()", EventKind::Output, "1-start", 0},
            {"Task-2 task1()", EventKind::Suspend, "sleep(2)", 0},
            {"Task-3 task2()", EventKind::Start, "", 0},
            {"Task-3 task2()", EventKind::Output, "2-start", 0},
            {"Task-3 task2()", EventKind::Suspend, "sleep(1)", 0},
            {"Task-3 task2()", EventKind::Resume, "None", 1},
            {"Task-3 task2()", EventKind::Output, "2-end", 1},
            {"Task-3 task2()", EventKind::Done, "None", 1},
            {"Task-2 task1()", EventKind::Resume, "None", 2},
            {"Task-2 task1()", EventKind::Output, "1-end", 2},
            {"Task-2 task1()", EventKind::Done, "None", 2},
            {"Task-1 main()", EventKind::Resume, "[None, None]", 2},
            {"Task-1 main()", EventKind::Done, "None", 2},
        };
        QCOMPARE(got.size(), expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].lane, expected[i].lane);
            QCOMPARE(int(got[i].kind), int(expected[i].kind));
            QCOMPARE(got[i].detail, expected[i].detail);
            QCOMPARE(got[i].time, expected[i].time);
        }
    }

    // Each resume links back through the queue to what woke it: task2's to its timer, main's to
    // task1's Done (the last child of the gather).
    void gatherOrderWakeUpCauses()
    {
        const auto t = runSample(*findSample("gather-order")).trace;
        auto origin = [&](std::uint32_t seq) {
            // Follow the chain Resume -> Schedule -> (Callback -> TimerFire | Done ...).
            std::vector<EventKind> chain;
            for (auto c = t.events[seq].cause; c != NoEvent; c = t.events[c].cause)
                chain.push_back(t.events[c].eventKind());
            return chain;
        };
        const auto task2 = laneNamed(t, "Task-3 task2()");
        const auto main = laneNamed(t, "Task-1 main()");
        for (std::uint32_t i = 0; i < t.events.size(); ++i) {
            const auto &e = t.events[i];
            if (e.eventKind() != EventKind::Resume)
                continue;
            const auto chain = origin(i);
            if (e.lane == task2) {
                QCOMPARE(chain.front(), EventKind::Schedule);
                QVERIFY(std::find(chain.begin(), chain.end(), EventKind::TimerFire) != chain.end());
            } else if (e.lane == main) {
                QCOMPARE(chain.front(), EventKind::Schedule);
                QVERIFY(std::find(chain.begin(), chain.end(), EventKind::Done) != chain.end());
            }
        }
    }

    void gatherOrderLoopState()
    {
        const auto t = runSample(*findSample("gather-order")).trace;
        // Just after "2-start" task2 runs; both timers are armed, task2's sleep(1) first once armed.
        std::uint32_t armed = 0;
        for (std::uint32_t i = 0; i < t.events.size(); ++i)
            if (t.events[i].eventKind() == EventKind::TimerArm && t.detail(t.events[i]) == "sleep(1)")
                armed = i;
        const auto state = loopStateAt(t, armed);
        QCOMPARE(state.timers.size(), std::size_t(2));
        QCOMPARE(t.strings.at(state.timers[0].name), "sleep(1)");
        QCOMPARE(state.timers[0].due, std::int64_t(1'000'000'000));
        QCOMPARE(state.timers[1].due, std::int64_t(2'000'000'000));
        QCOMPARE(state.running, laneNamed(t, "Task-3 task2()"));
        QCOMPARE(state.clock, std::int64_t(0));
    }

    // gen-send: the hand-overs between <module> and the generator, with 88, 'foo' and 'FOO'.
    void genSendTransfers()
    {
        const auto result = runSample(*findSample("gen-send"));
        QVERIFY(result.ok());
        const auto &t = result.trace;
        const auto gen = laneNamed(t, "my_generator()");
        const auto module = laneNamed(t, "<module>");
        QVERIFY(gen != NoLane);
        QCOMPARE(t.lanes[gen].kind, LaneKind::Generator);

        const auto got = rows(t, {EventKind::Start, EventKind::Suspend, EventKind::Resume},
                              {"<module>", "my_generator()"});
        const std::vector<std::pair<std::string, std::string>> expected{
            {"<module>", "next()"},          {"my_generator()", ""},
            {"my_generator()", "yield 88"},  {"<module>", "88"},
            {"<module>", "send('foo')"},     {"my_generator()", "'foo'"},
            {"my_generator()", "yield 'FOO'"}, {"<module>", "'FOO'"},
            // gen is still suspended when the module ends: finalized, as Python does at exit
            {"<module>", "close() (finalized)"}, {"my_generator()", "GeneratorExit()"}, {"<module>", "None"},
        };
        // The first row is <module>'s own Start.
        QCOMPARE(got.size(), expected.size() + 1);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(got[i + 1].lane, expected[i].first);
            QCOMPARE(got[i + 1].detail, expected[i].second);
        }
        // Every generator resume is caused by the caller's call, every caller resume by the yield.
        for (const auto &e : t.events) {
            if (e.eventKind() != EventKind::Resume && e.eventKind() != EventKind::Start)
                continue;
            if (e.lane == gen)
                QCOMPARE(t.events[e.cause].lane, module);
            else if (e.lane == module && e.cause != NoEvent)
                QCOMPARE(t.events[e.cause].lane, gen);
        }
    }
};

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
