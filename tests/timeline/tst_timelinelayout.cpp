// From a trace to the timeline's rows, spans, labels and arrows (real sample traces), and the
// level-of-detail merge that keeps a million spans cheap (synthetic traces).
#include "samples/Samples.h"
#include "timeline/TimelineLayout.h"

#include <QTest>

#include <algorithm>

using namespace coroscope;

namespace {

Trace sampleTrace(const char *id)
{
    const Sample *sample = findSample(id);
    Q_ASSERT(sample);
    return runSample(*sample).trace;
}

int rowNamed(const TimelineLayout &layout, std::string_view name)
{
    for (int r = 0; r < layout.rowCount(); ++r) {
        if (layout.rowName(r) == name)
            return r;
    }
    return -1;
}

// The first span of `row` in `state`, or null.
const TimelineSpan *firstSpan(const TimelineLayout &layout, int row, SpanState state)
{
    for (const TimelineSpan &s : layout.row(row).spans) {
        if (s.state == state)
            return &s;
    }
    return nullptr;
}

QStringList outputsOf(const TimelineLayout &layout, int row)
{
    QStringList out;
    for (std::uint32_t seq : layout.row(row).outputs) {
        const auto text = layout.trace()->detail(layout.trace()->events[seq]);
        out << QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    return out;
}

void addEvent(Trace &t, EventKind kind, std::uint32_t lane, std::int64_t time, std::uint32_t cause = NoEvent,
              std::string_view detail = {})
{
    Event e;
    e.lane = lane;
    e.cause = cause;
    e.detail = detail.empty() ? 0 : t.strings.intern(detail);
    e.kind = std::uint32_t(kind);
    t.append(e, time);
}

// One task that runs and sleeps `rounds` times: `run` ns running, `sleep` ns suspended.
Trace busyTask(int rounds, std::int64_t run, std::int64_t sleep)
{
    Trace t;
    t.addLane("Task-1 worker()", LaneKind::Task, NoLane, 0);
    addEvent(t, EventKind::Create, 0, 0);
    addEvent(t, EventKind::Start, 0, 0);
    std::int64_t now = 0;
    for (int i = 0; i < rounds; ++i) {
        now += run;
        addEvent(t, EventKind::Suspend, 0, now, NoEvent, "sleep(0.001)");
        now += sleep;
        addEvent(t, EventKind::Resume, 0, now);
    }
    addEvent(t, EventKind::Done, 0, now + run);
    return t;
}

} // namespace

class TestTimelineLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void lanesHavePythonNames();
    void suspendedSpans_data();
    void suspendedSpans();
    void runningSpans();
    void outputsOnTheirLanes();
    void wakeUpArrows();
    void generatorArrows();
    void loopRowShowsWhoRunsAndClockJumps();
    void queriesByRange();
    void eventAtAndNearest_data();
    void eventAtAndNearest();
    void lodMergesTinySpans_data();
    void lodMergesTinySpans();
    void lodKeepsWideSpansWhole();
    void lodZoomedInIsExact();
    void emptyTrace();

private:
    Trace m_gather;
    TimelineLayout m_layout;
};

void TestTimelineLayout::initTestCase()
{
    m_gather = sampleTrace("gather-order");
    QVERIFY(m_gather.events.size() > 40);
    m_layout.build(m_gather);
}

void TestTimelineLayout::lanesHavePythonNames()
{
    QCOMPARE(m_layout.rowCount(), int(m_gather.lanes.size()));
    QCOMPARE(m_layout.loopRow(), 0); // the loop on top
    QCOMPARE(m_layout.rowKind(0), LaneKind::Loop);
    QVERIFY(rowNamed(m_layout, "<module>") > 0);
    const int main = rowNamed(m_layout, "Task-1 main()");
    const int task1 = rowNamed(m_layout, "Task-2 task1()");
    const int task2 = rowNamed(m_layout, "Task-3 task2()");
    QVERIFY(main > 0 && task1 > main && task2 > task1); // creation order
    for (int r = 0; r < m_layout.rowCount(); ++r)
        QCOMPARE(m_layout.rowOfLane(m_layout.row(r).lane), r);
}

void TestTimelineLayout::suspendedSpans_data()
{
    QTest::addColumn<QString>("lane");
    QTest::addColumn<QString>("label");
    QTest::addColumn<double>("start"); // seconds
    QTest::addColumn<double>("end");
    QTest::newRow("task2 sleeps 1 s") << "Task-3 task2()"
                                      << "sleep(1)" << 0.0 << 1.0;
    QTest::newRow("task1 sleeps 2 s") << "Task-2 task1()"
                                      << "sleep(2)" << 0.0 << 2.0;
    QTest::newRow("main awaits gather") << "Task-1 main()"
                                        << "gather(task1(), task2())" << 0.0 << 2.0;
    QTest::newRow("module in asyncio.run") << "<module>"
                                           << "asyncio.run(main())" << 0.0 << 2.0;
}

void TestTimelineLayout::suspendedSpans()
{
    QFETCH(QString, lane);
    QFETCH(QString, label);
    QFETCH(double, start);
    QFETCH(double, end);
    const int row = rowNamed(m_layout, lane.toStdString());
    QVERIFY(row >= 0);
    const TimelineSpan *s = firstSpan(m_layout, row, SpanState::Suspended);
    QVERIFY(s);
    QCOMPARE(QString::fromUtf8(m_layout.spanLabel(*s).data(), qsizetype(m_layout.spanLabel(*s).size())),
             label);
    QCOMPARE(m_layout.spanStart(*s, TimelineAxis::Time), start);
    QCOMPARE(m_layout.spanEnd(*s, TimelineAxis::Time), end);
    // Steps: from the Suspend to the Resume.
    QCOMPARE(m_gather.events[s->begin].eventKind(), EventKind::Suspend);
    QCOMPARE(m_gather.events[s->end].eventKind(), EventKind::Resume);
    QCOMPARE(m_layout.spanStart(*s, TimelineAxis::Steps), double(s->begin));
    QVERIFY(!s->open);
}

void TestTimelineLayout::runningSpans()
{
    // task2: pending from its Create to its Start, runs to sleep(1), runs again from its Resume to Done.
    const int row = rowNamed(m_layout, "Task-3 task2()");
    const auto &spans = m_layout.row(row).spans;
    QCOMPARE(spans.size(), std::size_t(4));
    QCOMPARE(spans[0].state, SpanState::Pending);
    QCOMPARE(spans[1].state, SpanState::Running);
    QCOMPARE(spans[2].state, SpanState::Suspended);
    QCOMPARE(spans[3].state, SpanState::Running);
    QCOMPARE(m_gather.events[spans[0].begin].eventKind(), EventKind::Create);
    QCOMPARE(m_gather.events[spans[3].end].eventKind(), EventKind::Done);
    for (std::size_t i = 1; i < spans.size(); ++i)
        QCOMPARE(spans[i].begin, spans[i - 1].end); // contiguous, sorted
    QCOMPARE(m_layout.spanStart(spans[3], TimelineAxis::Time), 1.0);
}

void TestTimelineLayout::outputsOnTheirLanes()
{
    QCOMPARE(outputsOf(m_layout, rowNamed(m_layout, "Task-2 task1()")), (QStringList {"1-start", "1-end"}));
    QCOMPARE(outputsOf(m_layout, rowNamed(m_layout, "Task-3 task2()")), (QStringList {"2-start", "2-end"}));
    QVERIFY(outputsOf(m_layout, rowNamed(m_layout, "Task-1 main()")).isEmpty());
    // 2-end is printed at t = 1 s, 1-end at t = 2 s.
    const auto &t2 = m_layout.row(rowNamed(m_layout, "Task-3 task2()")).outputs;
    QCOMPARE(m_layout.x(t2[1], TimelineAxis::Time), 1.0);
}

void TestTimelineLayout::wakeUpArrows()
{
    // Four wake-ups: task2 and task1 by their timers' callbacks, main by gather's last child
    // (through the loop's callback), the module by main's end. Three first steps: main (queued by
    // asyncio.run), task1 and task2 (queued by gather in main).
    QCOMPARE(m_layout.arrowCount(TimelineArrow::Wakeup), std::size_t(4));
    QCOMPARE(m_layout.arrowCount(TimelineArrow::Start), std::size_t(3));
    const int loopLane = int(m_layout.row(m_layout.loopRow()).lane);
    const int task2 = rowNamed(m_layout, "Task-3 task2()");
    bool found = false;
    for (const TimelineArrow &a : m_layout.arrows()) {
        QVERIFY(a.from < a.to);
        QVERIFY(m_gather.events[a.from].lane != m_gather.events[a.to].lane);
        if (a.kind == TimelineArrow::Wakeup && m_layout.rowOfLane(m_gather.events[a.to].lane) == task2) {
            // From the timer's callback on the loop's lane (not from the Schedule on task2's lane).
            QCOMPARE(int(m_gather.events[a.from].lane), loopLane);
            QCOMPARE(m_gather.events[a.from].eventKind(), EventKind::Callback);
            QCOMPARE(m_gather.events[a.to].eventKind(), EventKind::Resume);
            QCOMPARE(m_layout.x(a.from, TimelineAxis::Time), 1.0);
            found = true;
        }
    }
    QVERIFY(found);
    // Sorted by target, so a range query is a binary search.
    QVERIFY(std::is_sorted(m_layout.arrows().begin(), m_layout.arrows().end(),
                           [](const TimelineArrow &a, const TimelineArrow &b) { return a.to < b.to; }));
}

void TestTimelineLayout::generatorArrows()
{
    // gen-send: next() starts the generator; each yield resumes the caller and each send resumes the
    // generator, the caller's Suspend and the generator's Suspend naming each other; at the end the
    // module finalizes the generator (close) and resumes when it is done.
    const Trace trace = sampleTrace("gen-send");
    const TimelineLayout layout(trace);
    QCOMPARE(layout.loopRow(), -1);
    QCOMPARE(layout.rowCount(), 2);
    QVERIFY(rowNamed(layout, "my_generator()") >= 0);
    QCOMPARE(layout.arrowCount(TimelineArrow::Start), std::size_t(1));
    QCOMPARE(layout.arrowCount(TimelineArrow::Wakeup), std::size_t(5));
    for (const TimelineArrow &a : layout.arrows())
        QVERIFY(trace.events[a.from].eventKind() == EventKind::Suspend
                || trace.events[a.from].eventKind() == EventKind::Done);
    const int gen = rowNamed(layout, "my_generator()");
    const TimelineSpan *s = firstSpan(layout, gen, SpanState::Suspended);
    QVERIFY(s);
    QCOMPARE(layout.spanLabel(*s), std::string_view("yield 88"));
}

void TestTimelineLayout::loopRowShowsWhoRunsAndClockJumps()
{
    const auto &spans = m_layout.row(m_layout.loopRow()).spans;
    // Two clock jumps, each an idle span labelled with the jump, one second each.
    std::vector<const TimelineSpan *> idle;
    for (const auto &s : spans) {
        if (s.state == SpanState::Idle)
            idle.push_back(&s);
    }
    QCOMPARE(idle.size(), std::size_t(2));
    QCOMPARE(m_layout.spanLabel(*idle[0]), std::string_view("+1.000s"));
    QCOMPARE(m_layout.spanStart(*idle[0], TimelineAxis::Time), 0.0);
    QCOMPARE(m_layout.spanEnd(*idle[0], TimelineAxis::Time), 1.0);
    QCOMPARE(m_layout.spanLabel(*idle[1]), std::string_view("+1.000s"));
    QCOMPARE(m_layout.spanStart(*idle[1], TimelineAxis::Time), 1.0);
    QCOMPARE(m_layout.spanEnd(*idle[1], TimelineAxis::Time), 2.0);
    // Nothing overlaps, in either axis.
    for (auto axis : {TimelineAxis::Steps, TimelineAxis::Time}) {
        for (std::size_t i = 1; i < spans.size(); ++i)
            QVERIFY(m_layout.spanStart(spans[i], axis) >= m_layout.spanEnd(spans[i - 1], axis));
    }
    // Who runs at step 24 (task2 resumes): task2, in its colour.
    const auto task2 = m_layout.row(rowNamed(m_layout, "Task-3 task2()")).lane;
    auto ownerAt = [&](std::uint32_t seq) {
        for (const auto &s : spans) {
            if (s.begin <= seq && seq < s.end)
                return s.state == SpanState::Running ? s.owner : NoLane;
        }
        return NoLane;
    };
    QCOMPARE(ownerAt(24), task2);
    QCOMPARE(ownerAt(22), m_layout.row(m_layout.loopRow()).lane); // the timer's callback: the loop itself
    QCOMPARE(ownerAt(1), m_layout.row(rowNamed(m_layout, "<module>")).lane);
}

void TestTimelineLayout::queriesByRange()
{
    const int task1 = rowNamed(m_layout, "Task-2 task1()");
    // Time 0.5..1.5 s: only task1's long sleep intersects.
    auto [first, last] = m_layout.spansIn(task1, XRange {0.5, 1.5}, TimelineAxis::Time);
    QCOMPARE(last - first, std::size_t(1));
    QCOMPARE(m_layout.row(task1).spans[first].state, SpanState::Suspended);
    // Its events in steps 12..15: start, output, timer-arm, suspend.
    auto [ef, el] = m_layout.eventsIn(task1, XRange {12, 15}, TimelineAxis::Steps);
    QCOMPARE(el - ef, std::size_t(4));
    // Arrows whose target lies in time 0.9..1.1 s: task2's wake-up.
    auto [af, al] = m_layout.arrowsIn(XRange {0.9, 1.1}, TimelineAxis::Time);
    int inRange = 0;
    for (std::size_t i = af; i < al; ++i)
        inRange += m_layout.x(m_layout.arrows()[i].to, TimelineAxis::Time) <= 1.1;
    QCOMPARE(inRange, 1);
}

void TestTimelineLayout::eventAtAndNearest_data()
{
    QTest::addColumn<bool>("time");
    QTest::addColumn<double>("x");
    QTest::addColumn<qint64>("event");
    QTest::newRow("steps: column 10") << false << 10.2 << qint64(10);
    QTest::newRow("steps: rounds up") << false << 10.6 << qint64(11);
    QTest::newRow("steps: before the first") << false << -0.7 << qint64(-1);
    QTest::newRow("steps: past the last") << false << 1e6 << qint64(44);
    QTest::newRow("time: before 1 s, the last event at 0") << true << 0.99 << qint64(19);
    QTest::newRow("time: at 1 s, the last event at 1 s") << true << 1.0 << qint64(28);
    QTest::newRow("time: before 0") << true << -0.1 << qint64(-1);
}

void TestTimelineLayout::eventAtAndNearest()
{
    QFETCH(bool, time);
    QFETCH(double, x);
    QFETCH(qint64, event);
    QCOMPARE(m_gather.events.size(), std::size_t(45));
    QCOMPARE(m_layout.eventAt(x, time ? TimelineAxis::Time : TimelineAxis::Steps), event);
}

void TestTimelineLayout::lodMergesTinySpans_data()
{
    QTest::addColumn<int>("rounds");
    QTest::addColumn<double>("width"); // pixels for the whole run
    QTest::addColumn<double>("minPixels");
    QTest::newRow("100k spans on 1000 px") << 50000 << 1000.0 << 2.0;
    QTest::newRow("100k spans on 1600 px, 3 px") << 50000 << 1600.0 << 3.0;
    QTest::newRow("2k spans on 500 px") << 1000 << 500.0 << 2.0;
}

void TestTimelineLayout::lodMergesTinySpans()
{
    QFETCH(int, rounds);
    QFETCH(double, width);
    QFETCH(double, minPixels);
    const Trace trace = busyTask(rounds, 1000, 3000); // runs a quarter of the time
    const TimelineLayout layout(trace);
    QCOMPARE(layout.row(0).spans.size(),
             std::size_t(2 * rounds + 2)); // pending, running, then (suspended, running) per round
    for (auto axis : {TimelineAxis::Steps, TimelineAxis::Time}) {
        const XRange data = layout.dataRange(axis);
        std::vector<LodSpan> out;
        layout.lodSpans(0, data, axis, width / data.width(), minPixels, out);
        // Bounded by the pixels, not by the spans.
        QVERIFY2(out.size() <= std::size_t(width / minPixels) + 2, qPrintable(QString::number(out.size())));
        QVERIFY(!out.empty());
        std::size_t covered = 0;
        for (std::size_t i = 0; i < out.size(); ++i) {
            covered += out[i].count;
            if (i > 0)
                QVERIFY(out[i].start >= out[i - 1].end);
            QVERIFY(out[i].end >= out[i].start);
        }
        QCOMPARE(covered, layout.row(0).spans.size()); // every span is drawn, merged or not
        // A merged run's colour says how busy it was: a quarter of the time, half of the steps.
        const double expected = axis == TimelineAxis::Time ? 0.25 : 0.5;
        QVERIFY2(std::abs(out[out.size() / 2].busy - expected) < 0.08,
                 qPrintable(QString::number(out[out.size() / 2].busy)));
        QVERIFY(out[out.size() / 2].count > 1);
    }
}

void TestTimelineLayout::lodKeepsWideSpansWhole()
{
    // Ten thousand tiny spans, then one long sleep, then tiny ones again.
    Trace t = busyTask(5000, 10, 10);
    const std::int64_t end = t.endTime();
    t.events.pop_back(); // drop Done
    addEvent(t, EventKind::Suspend, 0, end, NoEvent, "sleep(5)");
    addEvent(t, EventKind::Resume, 0, end + 5'000'000);
    addEvent(t, EventKind::Done, 0, end + 5'000'010);
    const TimelineLayout layout(t);
    const XRange data = layout.dataRange(TimelineAxis::Time);
    std::vector<LodSpan> out;
    layout.lodSpans(0, data, TimelineAxis::Time, 1000 / data.width(), 2, out);
    const auto wide = std::find_if(out.begin(), out.end(), [&](const LodSpan &l) {
        return l.count == 1 && layout.row(0).spans[l.first].state == SpanState::Suspended
            && layout.spanLabel(layout.row(0).spans[l.first]) == "sleep(5)";
    });
    QVERIFY(wide != out.end());
    QVERIFY(out.size() < 20);
}

void TestTimelineLayout::lodZoomedInIsExact()
{
    const Trace trace = busyTask(50000, 1000, 1000);
    const TimelineLayout layout(trace);
    // 40 steps on 1600 px: nothing merges, and only the visible spans come back.
    std::vector<LodSpan> out;
    layout.lodSpans(0, XRange {5000, 5040}, TimelineAxis::Steps, 1600 / 40.0, 2.5, out);
    QVERIFY(out.size() >= 40 && out.size() <= 42);
    for (const LodSpan &l : out)
        QCOMPARE(l.count, 1u);
}

void TestTimelineLayout::emptyTrace()
{
    const Trace empty;
    const TimelineLayout layout(empty);
    QCOMPARE(layout.rowCount(), 0);
    QCOMPARE(layout.eventCount(), std::size_t(0));
    QCOMPARE(layout.eventAt(3, TimelineAxis::Steps), qint64(-1));
    QCOMPARE(layout.dataRange(TimelineAxis::Time), (XRange {0, 0}));
}

QTEST_APPLESS_MAIN(TestTimelineLayout)
#include "tst_timelinelayout.moc"
