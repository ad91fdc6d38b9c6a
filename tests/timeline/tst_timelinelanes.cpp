// The lane layout: which rows are drawn and how tall (density), groups by function or spawner,
// collapse to a summary lane, the filter; and the group counts a summary draws. Data-driven, on
// synthetic traces of many tasks and on the gallery's own runs (which must look as they always did).
#include "samples/Samples.h"
#include "timeline/LaneGroupActivity.h"
#include "timeline/TimelineLanes.h"

#include <QTest>

#include <algorithm>

using namespace coroscope;

namespace {

void addEvent(Trace &t, EventKind kind, std::uint32_t lane, std::int64_t time, std::string_view detail = {})
{
    Event e;
    e.lane = lane;
    e.detail = detail.empty() ? 0 : t.strings.intern(detail);
    e.kind = std::uint32_t(kind);
    t.append(e, time);
}

std::uint32_t addLane(Trace &t, std::string name, LaneKind kind, std::uint32_t parent)
{
    return t.addLane(name, kind, parent, std::uint32_t(t.events.size()));
}

// A run as asyncio makes it: <module>, the loop, main() and, per spec entry, `count` tasks of
// function `fn` spawned by main (or by the previous spec's first task with `nested`). Task i waits
// `i + 1` ms and prints when `prints`; the tasks of the last entry never finish when `endless`.
struct Spec {
    std::string fn;
    int count = 0;
    bool prints = false;
    bool nested = false;
};
Trace manyTasks(const std::vector<Spec> &specs, bool endless = false)
{
    Trace t;
    const auto module = addLane(t, "<module>", LaneKind::Module, NoLane);
    addEvent(t, EventKind::Create, module, 0);
    addEvent(t, EventKind::Start, module, 0);
    const auto loop = addLane(t, "event loop", LaneKind::Loop, NoLane);
    addEvent(t, EventKind::Create, loop, 0);
    const auto main = addLane(t, "Task-1 main()", LaneKind::Task, module);
    addEvent(t, EventKind::Create, main, 0);
    addEvent(t, EventKind::Start, main, 0);
    int number = 2;
    std::vector<std::uint32_t> lanes;
    std::vector<std::size_t> specOf;
    std::uint32_t firstOfPrevious = main;
    for (std::size_t k = 0; k < specs.size(); ++k) {
        const Spec &s = specs[k];
        const std::uint32_t parent = s.nested ? firstOfPrevious : main;
        std::uint32_t first = NoLane;
        for (int i = 0; i < s.count; ++i) {
            const auto lane = addLane(t, "Task-" + std::to_string(number++) + " " + s.fn, LaneKind::Task, parent);
            addEvent(t, EventKind::Create, lane, 0);
            lanes.push_back(lane);
            specOf.push_back(k);
            if (first == NoLane)
                first = lane;
        }
        firstOfPrevious = first;
    }
    addEvent(t, EventKind::Suspend, main, 0, "gather(...)");
    for (auto lane : lanes) {
        addEvent(t, EventKind::Start, lane, 0);
        addEvent(t, EventKind::Suspend, lane, 0, "sleep(...)");
    }
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const Spec &s = specs[specOf[i]];
        if (endless && specOf[i] + 1 == specs.size())
            continue;
        const std::int64_t at = std::int64_t(i + 1) * 1'000'000;
        addEvent(t, EventKind::Resume, lanes[i], at);
        if (s.prints)
            addEvent(t, EventKind::Output, lanes[i], at, "done");
        addEvent(t, EventKind::Done, lanes[i], at);
    }
    if (!endless) {
        addEvent(t, EventKind::Resume, main, std::int64_t(lanes.size() + 1) * 1'000'000);
        addEvent(t, EventKind::Done, main, std::int64_t(lanes.size() + 1) * 1'000'000);
    }
    return t;
}

QStringList groupsOf(const TimelineLanes &lanes)
{
    QStringList out;
    for (const LaneGroup &g : lanes.groups())
        out << QStringLiteral("%1×%2").arg(QString::fromStdString(g.title)).arg(g.rows.size());
    return out;
}

// The rows drawn, as text: "L:<module>", "H:download()", "S:handle()".
QStringList rowsOf(const TimelineLanes &lanes)
{
    QStringList out;
    for (const LaneRow &row : lanes.rows()) {
        if (row.kind == LaneRow::Lane) {
            const auto name = lanes.layout()->rowName(row.index); // (a view: not NUL-terminated)
            out << QStringLiteral("L:") + QString::fromUtf8(name.data(), qsizetype(name.size()));
        } else {
            out << (row.kind == LaneRow::GroupHeader ? QStringLiteral("H:") : QStringLiteral("S:"))
                    + QString::fromStdString(lanes.group(row.index).title);
        }
    }
    return out;
}

const LaneHeights kHeights {60, 22, 4, 48};

} // namespace

Q_DECLARE_METATYPE(LaneGrouping)
Q_DECLARE_METATYPE(LaneDensity)
Q_DECLARE_METATYPE(LaneFilter::State)

class TestTimelineLanes : public QObject
{
    Q_OBJECT
private slots:
    void functionKey_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("key");
        QTest::newRow("task") << "Task-12 download()" << "download()";
        QTest::newRow("task of a method") << "Task-7 Server.handle()" << "Server.handle()";
        QTest::newRow("bare task") << "Task-3" << "Task";
        QTest::newRow("worker thread") << "ThreadPoolExecutor-0_3" << "ThreadPoolExecutor-0";
        QTest::newRow("generator") << "my_gen()" << "my_gen()";
        QTest::newRow("module") << "<module>" << "<module>";
        QTest::newRow("not a task number") << "Task-x foo()" << "Task-x foo()";
        QTest::newRow("name ending in a number") << "worker7" << "worker7";
    }
    void functionKey()
    {
        QFETCH(QString, name);
        QFETCH(QString, key);
        QCOMPARE(QString::fromStdString(TimelineLanes::functionKey(name.toStdString())), key);
    }

    void grouping_data()
    {
        QTest::addColumn<int>("downloads");
        QTest::addColumn<int>("handles");
        QTest::addColumn<bool>("nested");
        QTest::addColumn<LaneGrouping>("grouping");
        QTest::addColumn<QStringList>("groups");
        QTest::newRow("100 downloads, by function")
            << 100 << 0 << false << LaneGrouping::Function << QStringList {"download()×100"};
        QTest::newRow("auto is by function")
            << 100 << 110 << false << LaneGrouping::Auto << QStringList {"download()×100", "handle()×110"};
        QTest::newRow("seven of one function stay lanes")
            << 20 << 7 << false << LaneGrouping::Function << QStringList {"download()×20"};
        QTest::newRow("eight form a group")
            << 20 << 8 << false << LaneGrouping::Function << QStringList {"download()×20", "handle()×8"};
        QTest::newRow("small run: no groups") << 12 << 0 << false << LaneGrouping::Function << QStringList {};
        QTest::newRow("by spawner: main's tasks")
            << 30 << 20 << false << LaneGrouping::Spawner << QStringList {"Task-1 main()×50"};
        QTest::newRow("by spawner: two spawners") << 30 << 20 << true << LaneGrouping::Spawner
                                                  << QStringList {"Task-1 main()×30", "Task-2 download()×20"};
        QTest::newRow("none") << 100 << 110 << false << LaneGrouping::None << QStringList {};
    }
    void grouping()
    {
        QFETCH(int, downloads);
        QFETCH(int, handles);
        QFETCH(bool, nested);
        QFETCH(LaneGrouping, grouping);
        QFETCH(QStringList, groups);
        const Trace trace = manyTasks({{"download()", downloads}, {"handle()", handles, false, nested}});
        const TimelineLayout layout(trace);
        TimelineLanes lanes;
        lanes.build(layout, grouping);
        QCOMPARE(groupsOf(lanes), groups);
        // Every member belongs to exactly its group; members are in creation order.
        for (int g = 0; g < int(lanes.groups().size()); ++g) {
            const auto &rows = lanes.group(g).rows;
            QVERIFY(std::is_sorted(rows.begin(), rows.end()));
            for (int r : rows)
                QCOMPARE(lanes.groupOfRow(r), g);
        }
        // Loop and module are never grouped.
        QCOMPARE(lanes.groupOfRow(layout.loopRow()), -1);
    }

    void heights_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<LaneDensity>("density");
        QTest::addColumn<LaneGrouping>("grouping");
        QTest::addColumn<int>("viewHeight");
        QTest::addColumn<LaneDensity>("effective");
        QTest::addColumn<int>("laneHeight"); // of the last task's row
        QTest::addColumn<int>("content");
        // Small runs: today's rows.
        QTest::newRow("5 tasks, auto: roomy") << 5 << LaneDensity::Auto << LaneGrouping::Auto << 800
                                              << LaneDensity::Roomy << 60 << 8 * 60;
        QTest::newRow("13 tasks, auto: roomy") << 13 << LaneDensity::Auto << LaneGrouping::Auto << 800
                                               << LaneDensity::Roomy << 60 << 16 * 60;
        QTest::newRow("5 tasks, compact") << 5 << LaneDensity::Compact << LaneGrouping::Auto << 800
                                          << LaneDensity::Compact << 22 << 8 * 22;
        // 100 tasks fit a 1080p timeline: a header, 3 single lines and 100 thin lanes.
        QTest::newRow("100 tasks, auto: compact, fitted")
            << 100 << LaneDensity::Auto << LaneGrouping::Auto << 700 << LaneDensity::Compact << 6
            << 4 * 22 + 100 * 6;
        QTest::newRow("100 tasks, tall view: one text line each")
            << 100 << LaneDensity::Auto << LaneGrouping::Auto << 4000 << LaneDensity::Compact << 22
            << 4 * 22 + 100 * 22;
        QTest::newRow("100 tasks, short view: the thinnest")
            << 100 << LaneDensity::Auto << LaneGrouping::Auto << 200 << LaneDensity::Compact << 4
            << 4 * 22 + 100 * 4;
        QTest::newRow("100 tasks, roomy") << 100 << LaneDensity::Roomy << LaneGrouping::Auto << 700
                                          << LaneDensity::Roomy << 60 << 3 * 60 + 22 + 100 * 60;
        // Ungrouped: every task is in the crowd, only the loop keeps its line.
        QTest::newRow("100 tasks, no groups") << 100 << LaneDensity::Auto << LaneGrouping::None << 700
                                              << LaneDensity::Compact << 6 << 22 + 102 * 6;
    }
    void heights()
    {
        QFETCH(int, tasks);
        QFETCH(LaneDensity, density);
        QFETCH(LaneGrouping, grouping);
        QFETCH(int, viewHeight);
        QFETCH(LaneDensity, effective);
        QFETCH(int, laneHeight);
        QFETCH(int, content);
        const Trace trace = manyTasks({{"download()", tasks}});
        const TimelineLayout layout(trace);
        TimelineLanes lanes;
        lanes.build(layout, grouping);
        lanes.setDensity(density);
        lanes.arrange(kHeights, viewHeight, -1);
        QCOMPARE(lanes.effectiveDensity(), effective);
        QCOMPARE(lanes.rows().back().height, laneHeight);
        QCOMPARE(lanes.contentHeight(), content);
        // Rows tile the content: each starts where the one above ends; lookups agree.
        int top = 0;
        for (int i = 0; i < lanes.count(); ++i) {
            QCOMPARE(lanes.at(i).top, top);
            QCOMPARE(lanes.rowAt(top), i);
            QCOMPARE(lanes.rowAt(top + lanes.at(i).height - 0.5), i);
            top += lanes.at(i).height;
        }
        QCOMPARE(lanes.rowAt(-1), -1);
        QCOMPARE(lanes.rowAt(top), -1);
        int first = 0, last = 0;
        lanes.visibleRows(0, viewHeight, first, last);
        QCOMPARE(first, 0);
        QCOMPARE(last, std::min(lanes.count(), lanes.rowAt(viewHeight - 1) < 0 ? lanes.count()
                                                                                  : lanes.rowAt(viewHeight - 1) + 1));
    }

    void collapse_data()
    {
        QTest::addColumn<int>("viewHeight");
        QTest::addColumn<QStringList>("rows"); // the rows that are not single task lanes of a group
        // download()×100 and handle()×110: what fits stays open, the largest group folds first.
        QTest::newRow("1080p: handle() folds, the downloads stay")
            << 700 << QStringList {"L:event loop", "L:<module>", "L:Task-1 main()", "H:download()", "S:handle()"};
        QTest::newRow("720p: both fold")
            << 400 << QStringList {"L:event loop", "L:<module>", "L:Task-1 main()", "S:download()", "S:handle()"};
        QTest::newRow("tall: both open")
            << 2000 << QStringList {"L:event loop", "L:<module>", "L:Task-1 main()", "H:download()", "H:handle()"};
    }
    void collapse()
    {
        QFETCH(int, viewHeight);
        QFETCH(QStringList, rows);
        const Trace trace = manyTasks({{"download()", 100}, {"handle()", 110}});
        const TimelineLayout layout(trace);
        TimelineLanes lanes;
        lanes.build(layout, LaneGrouping::Function);
        lanes.collapseToFit(kHeights, viewHeight);
        lanes.arrange(kHeights, viewHeight, -1);
        QStringList shown = rowsOf(lanes);
        shown.erase(std::remove_if(shown.begin(), shown.end(),
                                   [](const QString &s) { return s.startsWith(QLatin1String("L:Task-")) && !s.contains(QLatin1String("main")); }),
                    shown.end());
        QCOMPARE(shown, rows);
        // A collapsed group's lanes are found on its summary; an open group's on their own rows.
        for (int g = 0; g < 2; ++g) {
            const LaneGroup &group = lanes.group(g);
            for (int r : group.rows) {
                const int row = lanes.rowOfLayoutRow(r);
                QVERIFY(row >= 0);
                QCOMPARE(lanes.at(row).kind, group.collapsed ? LaneRow::GroupSummary : LaneRow::Lane);
                QCOMPARE(lanes.at(row).group, g);
            }
        }
        // Everything shown fits the view once collapsed as chosen (when anything can).
        if (viewHeight >= 400)
            QVERIFY2(lanes.contentHeight() <= viewHeight, qPrintable(QString::number(lanes.contentHeight())));

        // Toggling one group moves its lanes between its summary and their rows.
        lanes.setAllCollapsed(false);
        lanes.arrange(kHeights, viewHeight, -1);
        QCOMPARE(lanes.count(), 3 + 2 + 210);
        lanes.setCollapsed(1, true);
        lanes.arrange(kHeights, viewHeight, -1);
        QCOMPARE(lanes.count(), 3 + 2 + 100);
        QCOMPARE(lanes.at(lanes.count() - 1).kind, LaneRow::GroupSummary);

        // Folded to a few rows, a big run is roomy when they fit, compact when they do not.
        lanes.setAllCollapsed(true);
        lanes.arrange(kHeights, 400, -1);
        QCOMPARE(lanes.effectiveDensity(), LaneDensity::Roomy);
        lanes.arrange(kHeights, 250, -1);
        QCOMPARE(lanes.effectiveDensity(), LaneDensity::Compact);
        QVERIFY(lanes.contentHeight() <= 250);
    }

    void filter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<LaneFilter::State>("state");
        QTest::addColumn<bool>("onlyPrinting");
        QTest::addColumn<bool>("hideFinished");
        QTest::addColumn<int>("cursorTask"); // the cursor just after task N's Done (-1: before any)
        QTest::addColumn<int>("lanes"); // lane rows shown
        QTest::addColumn<QStringList>("groups"); // group rows shown
        const QStringList both {"H:download()", "H:handle()"};
        QTest::newRow("none") << "" << LaneFilter::State::Any << false << false << -1 << 213 << both;
        QTest::newRow("by name") << "download" << LaneFilter::State::Any << false << false << -1 << 101
                                 << QStringList {"H:download()"};
        QTest::newRow("case does not matter") << "DOWNLOAD" << LaneFilter::State::Any << false << false << -1
                                              << 101 << QStringList {"H:download()"};
        QTest::newRow("by task number") << "Task-12 " << LaneFilter::State::Any << false << false << -1 << 2
                                        << QStringList {"H:download()"};
        QTest::newRow("by kind") << "module" << LaneFilter::State::Any << false << false << -1 << 2
                                 << QStringList {};
        QTest::newRow("no match: the loop stays") << "nothing" << LaneFilter::State::Any << false << false << -1
                                                  << 1 << QStringList {};
        QTest::newRow("only printing") << "" << LaneFilter::State::Any << true << false << -1 << 111
                                       << QStringList {"H:handle()"};
        QTest::newRow("hide finished, half way")
            << "" << LaneFilter::State::Any << false << true << 49 << 213 - 50 << both;
        QTest::newRow("hide finished, downloads done")
            << "" << LaneFilter::State::Any << false << true << 99 << 213 - 100 << QStringList {"H:handle()"};
        QTest::newRow("waiting at the cursor")
            << "" << LaneFilter::State::Waiting << false << false << 49 << 1 + 50 + 110 + 1 << both;
        QTest::newRow("done at the cursor")
            << "" << LaneFilter::State::Done << false << false << 49 << 1 + 50 << QStringList {"H:download()"};
        QTest::newRow("before the first event nothing has started")
            << "" << LaneFilter::State::NotStarted << false << false << -2 << 1 + 212 << both;
        QTest::newRow("name and state") << "handle" << LaneFilter::State::Waiting << false << false << 49
                                        << 1 + 110 << QStringList {"H:handle()"};
    }
    void filter()
    {
        QFETCH(QString, text);
        QFETCH(LaneFilter::State, state);
        QFETCH(bool, onlyPrinting);
        QFETCH(bool, hideFinished);
        QFETCH(int, cursorTask);
        QFETCH(int, lanes);
        QFETCH(QStringList, groups);
        const Trace trace = manyTasks({{"download()", 100}, {"handle()", 110, true}});
        const TimelineLayout layout(trace);
        // The cursor just after the Done of the download task number cursorTask (0-based).
        std::int64_t cursor = -1;
        if (cursorTask >= 0) {
            int done = -1;
            for (std::size_t i = 0; i < trace.events.size(); ++i) {
                if (trace.events[i].eventKind() == EventKind::Done && ++done == cursorTask) {
                    cursor = std::int64_t(i);
                    break;
                }
            }
        }
        TimelineLanes model;
        model.build(layout, LaneGrouping::Function);
        model.setAllCollapsed(true);
        LaneFilter filter;
        filter.text = text.toStdString();
        filter.state = state;
        filter.onlyPrinting = onlyPrinting;
        filter.hideFinished = hideFinished;
        model.setFilter(filter);
        model.arrange(kHeights, 800, cursor);
        // A search opens the groups it finds lanes in; the toggles keep them folded.
        if (!filter.opensGroups()) {
            for (const LaneRow &row : model.rows())
                QVERIFY(row.kind != LaneRow::GroupHeader);
            model.setAllCollapsed(false);
            model.arrange(kHeights, 800, cursor);
        }
        QCOMPARE(model.laneRowsShown(), lanes);
        QStringList shownGroups = rowsOf(model).filter(QRegularExpression(QStringLiteral("^[HS]:")));
        QCOMPARE(shownGroups, groups);
        QCOMPARE(rowsOf(model).first(), QStringLiteral("L:event loop"));
        for (const LaneGroup &g : model.groups())
            QVERIFY(g.shown <= int(g.rows.size()));
    }

    void filterFollowsTheCursor()
    {
        const Trace trace = manyTasks({{"download()", 40}});
        const TimelineLayout layout(trace);
        TimelineLanes lanes;
        lanes.build(layout, LaneGrouping::Function);
        LaneFilter filter;
        filter.hideFinished = true;
        lanes.setFilter(filter);
        lanes.arrange(kHeights, 800, -1);
        const int all = lanes.laneRowsShown();
        QCOMPARE(all, 43);
        QVERIFY(!lanes.cursorChanged(-1)); // same cursor: nothing to do
        const auto last = std::int64_t(trace.events.size() - 1);
        QVERIFY(lanes.cursorChanged(last));
        lanes.arrange(kHeights, 800, last);
        QCOMPARE(lanes.laneRowsShown(), 2); // the loop and <module> (which never ends here)
        // Without a cursor-dependent filter stepping costs nothing.
        lanes.setFilter(LaneFilter {});
        lanes.arrange(kHeights, 800, last);
        QVERIFY(!lanes.cursorChanged(0));
    }

    void activity()
    {
        // 10 tasks: all created and waiting at t = 0, task i done at (i + 1) ms.
        const Trace trace = manyTasks({{"download()", 10}, {"filler()", 10}});
        const TimelineLayout layout(trace);
        TimelineLanes lanes;
        lanes.build(layout, LaneGrouping::Function);
        QCOMPARE(groupsOf(lanes), (QStringList {"download()×10", "filler()×10"}));
        const LaneGroupActivity a(layout, lanes.group(0).rows);
        QCOMPARE(a.members(), 10);
        QCOMPARE(a.at(-1), LaneGroupActivity::Counts {});
        const auto &events = trace.events;
        auto seqOf = [&](EventKind kind, std::uint32_t lane) {
            for (std::size_t i = 0; i < events.size(); ++i)
                if (events[i].eventKind() == kind && events[i].lane == lane)
                    return std::int64_t(i);
            return std::int64_t(-1);
        };
        const std::uint32_t firstTask = layout.row(lanes.group(0).rows.front()).lane;
        // After every Create: 10 pending.
        QCOMPARE(a.at(seqOf(EventKind::Create, firstTask + 9)).pending, 10u);
        // The first one started: it runs, nine still pending.
        const auto started = a.at(seqOf(EventKind::Start, firstTask));
        QCOMPARE(started.running, 1u);
        QCOMPARE(started.pending, 9u);
        // All suspended: 10 waiting, the peak of lanes alive.
        const auto waiting = a.at(seqOf(EventKind::Suspend, firstTask + 9));
        QCOMPARE(waiting.waiting, 10u);
        QCOMPARE(waiting.alive(), 10u);
        QCOMPARE(a.peakAlive(), 10u);
        // Four done.
        const auto four = a.at(seqOf(EventKind::Done, firstTask + 3));
        QCOMPARE(four.done, 4u);
        QCOMPARE(four.waiting, 6u);
        QCOMPARE(four.running, 0u);
        const auto end = a.at(std::int64_t(events.size() - 1));
        QCOMPARE(end.done, 10u);
        QCOMPARE(end.alive(), 0u);
        // A member runs between its Resume and its Done, not while all wait.
        const auto resume = seqOf(EventKind::Resume, firstTask);
        QVERIFY(a.runsBetween(resume, resume));
        QVERIFY(a.runsBetween(0, std::int64_t(events.size()))); // over the whole run
        const auto allWaiting = seqOf(EventKind::Suspend, firstTask + 9);
        QVERIFY(!a.runsBetween(allWaiting, resume - 1)); // from the last start to the first wake-up
        QVERIFY(a.runsBetween(allWaiting, resume));
        QCOMPARE(a.firstSeq(), std::uint32_t(seqOf(EventKind::Create, firstTask)));
        QCOMPARE(a.lastSeq(), std::uint32_t(seqOf(EventKind::Done, firstTask + 9)));
        // Every event's counts agree with a count of the lanes' states (across blocks of 256).
        const Trace big = manyTasks({{"download()", 300}});
        const TimelineLayout bigLayout(big);
        TimelineLanes bigLanes;
        bigLanes.build(bigLayout, LaneGrouping::Function);
        const LaneGroupActivity b(bigLayout, bigLanes.group(0).rows);
        for (std::int64_t seq = -1; seq < std::int64_t(big.events.size()); seq += 7) {
            LaneGroupActivity::Counts expected;
            for (int r : bigLanes.group(0).rows) {
                const auto lane = bigLayout.row(r).lane;
                const auto &spans = bigLayout.row(r).spans;
                switch (bigLayout.laneStateAt(r, seq)) {
                case LaneState::NotStarted:
                    // Created (a pending span began) or not yet.
                    if (!spans.empty() && std::int64_t(spans.front().begin) <= seq)
                        ++expected.pending;
                    break;
                case LaneState::Running: ++expected.running; break;
                case LaneState::Waiting: ++expected.waiting; break;
                case LaneState::Done: ++expected.done; break;
                }
                Q_UNUSED(lane);
            }
            QCOMPARE(b.at(seq), expected);
        }
        QCOMPARE(b.peakAlive(), 300u);
    }

    // The gallery's runs have few lanes: no groups, roomy rows, one row per lane, as always.
    void samplesLookAsBefore()
    {
        for (const Sample &sample : sampleList()) {
            if (sample.clock != ClockMode::Virtual)
                continue;
            const Trace trace = runSample(sample).trace;
            const TimelineLayout layout(trace);
            TimelineLanes lanes;
            lanes.build(layout, LaneGrouping::Auto);
            lanes.collapseToFit(kHeights, 400);
            lanes.arrange(kHeights, 400, -1);
            const QByteArray id(sample.id.data(), qsizetype(sample.id.size()));
            QVERIFY2(lanes.groups().empty(), id.constData());
            QVERIFY2(lanes.effectiveDensity() == LaneDensity::Roomy, id.constData());
            QCOMPARE(lanes.count(), layout.rowCount());
            for (int i = 0; i < lanes.count(); ++i) {
                QCOMPARE(lanes.at(i).index, i);
                QCOMPARE(lanes.at(i).top, i * kHeights.roomy);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTimelineLanes)
#include "tst_timelinelanes.moc"
