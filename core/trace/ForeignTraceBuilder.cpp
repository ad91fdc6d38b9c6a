#include "ForeignTraceBuilder.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace coroscope {

namespace {

bool isThreadSlice(char ph)
{
    return ph == 'X' || ph == 'B' || ph == 'E';
}
bool isAsync(char ph)
{
    return ph == 'b' || ph == 'e' || ph == 'n' || ph == 'S' || ph == 'F' || ph == 'T' || ph == 'p';
}
bool isFlow(char ph)
{
    return ph == 's' || ph == 't' || ph == 'f';
}
bool isInstant(char ph)
{
    return ph == 'i' || ph == 'I' || ph == 'R';
}

} // namespace

std::uint32_t ForeignTraceBuilder::threadLane(std::int64_t pid, std::int64_t tid)
{
    auto [it, inserted] = m_threadLanes.try_emplace({pid, tid}, std::uint32_t(m_lanes.size()));
    if (inserted) {
        auto name = m_threadNames.find({pid, tid});
        m_lanes.push_back({name != m_threadNames.end() ? name->second : fmt::format("pid {} tid {}", pid, tid),
                           NoLane, false});
    }
    return it->second;
}

// Perfetto's key of an async track: the category and the id, and the process too for an id2.local.
std::uint32_t ForeignTraceBuilder::asyncLane(const ChromeForeign &e)
{
    const std::int64_t scope = e.has(ChromeForeign::LocalId) ? e.pid : std::int64_t(0x7fffffffffffffffll);
    const auto key = std::make_tuple(scope, text(e.cat), text(e.id));
    if (auto it = m_asyncLanes.find(key); it != m_asyncLanes.end())
        return it->second;
    const std::uint32_t parent = threadLane(e.pid, e.tid);
    const auto lane = std::uint32_t(m_lanes.size());
    m_asyncLanes.emplace(key, lane);
    std::string_view name = text(e.name);
    if (name.empty())
        name = text(e.cat);
    m_lanes.push_back({fmt::format("{} {}", name.empty() ? std::string_view("async") : name, text(e.id)), parent, true});
    return lane;
}

std::uint32_t ForeignTraceBuilder::processLane(std::int64_t pid, bool global)
{
    const std::int64_t key = global ? std::int64_t(0x7fffffffffffffffll) : pid;
    auto [it, inserted] = m_processLanes.try_emplace(key, std::uint32_t(m_lanes.size()));
    if (inserted) {
        std::string name = "global";
        if (!global) {
            auto p = m_processNames.find(pid);
            name = p != m_processNames.end() ? p->second : fmt::format("pid {}", pid);
        }
        m_lanes.push_back({std::move(name), NoLane, false});
    }
    return it->second;
}

// Slices and instants, in time order: thread slices nest by a stack per thread ("E" closes the top),
// async ones by a stack per track (an "e" closes the latest open slice of its name, and what is open
// inside it).
void ForeignTraceBuilder::pairSlices(const std::vector<std::uint32_t> &order)
{
    const auto &records = m_doc.foreign;
    std::map<std::uint32_t, std::vector<std::uint32_t>> open; // lane -> open slices, innermost last
    m_sliceOfRecord.assign(records.size(), NoEvent);
    for (const std::uint32_t r : order) {
        const ChromeForeign &e = records[r];
        const char ph = e.ph;
        auto begin = [&](std::uint32_t lane, std::int64_t end) {
            m_sliceOfRecord[r] = std::uint32_t(m_slices.size());
            m_slices.push_back({e.ts, end, lane, e.name, NoEvent, r});
        };
        if (ph == 'X') {
            begin(threadLane(e.pid, e.tid), e.ts + std::max<std::int64_t>(e.dur, 0));
        } else if (ph == 'B' || ((ph == 'b' || ph == 'S') && e.has(ChromeForeign::HasId))) {
            const std::uint32_t lane = ph == 'B' ? threadLane(e.pid, e.tid) : asyncLane(e);
            open[lane].push_back(std::uint32_t(m_slices.size()));
            begin(lane, -1);
        } else if (ph == 'E' || ((ph == 'e' || ph == 'F') && e.has(ChromeForeign::HasId))) {
            std::uint32_t lane = NoLane;
            if (ph == 'E') {
                if (auto it = m_threadLanes.find({e.pid, e.tid}); it != m_threadLanes.end())
                    lane = it->second;
            } else {
                const std::int64_t scope = e.has(ChromeForeign::LocalId) ? e.pid : std::int64_t(0x7fffffffffffffffll);
                if (auto it = m_asyncLanes.find(std::make_tuple(scope, text(e.cat), text(e.id))); it != m_asyncLanes.end())
                    lane = it->second;
            }
            auto stack = open.find(lane);
            if (stack == open.end() || stack->second.empty())
                continue; // an end without a begin (the trace started mid-slice): nothing to show
            auto &s = stack->second;
            std::size_t from = s.size() - 1;
            if (ph != 'E' && e.name.length > 0) {
                while (from > 0 && text(m_slices[s[from]].name) != text(e.name))
                    --from;
                if (text(m_slices[s[from]].name) != text(e.name))
                    continue; // ends nothing open on its track
            }
            for (std::size_t i = from; i < s.size(); ++i)
                m_slices[s[i]].end = std::max(e.ts, m_slices[s[i]].begin);
            s.resize(from);
        } else if ((ph == 'n' || ph == 'T' || ph == 'p') && e.has(ChromeForeign::HasId)) {
            m_instants.push_back({e.ts, asyncLane(e), e.name});
        } else if (isInstant(ph)) {
            const std::uint32_t lane = e.scope == 'g' ? processLane(0, true)
                : e.scope == 'p'                      ? processLane(e.pid, false)
                                                      : threadLane(e.pid, e.tid);
            m_instants.push_back({e.ts, lane, e.name});
        }
    }
    // Slices still open at the end run to the trace's last time.
    std::int64_t last = 0;
    for (const Slice &s : m_slices)
        last = std::max(last, std::max(s.begin, s.end));
    for (const Instant &i : m_instants)
        last = std::max(last, i.time);
    for (Slice &s : m_slices)
        if (s.end < 0) {
            s.end = std::max(last, s.begin);
            s.openAtEnd = m_lanes[s.lane].async; // a thread's open slice ends with the trace, as it always did
        }
    m_slicesOfLane.assign(m_lanes.size(), {});
    for (std::uint32_t i = 0; i < m_slices.size(); ++i)
        m_slicesOfLane[m_slices[i].lane].push_back(i);
    for (auto &list : m_slicesOfLane)
        std::stable_sort(list.begin(), list.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return m_slices[a].begin < m_slices[b].begin; });
}

// The innermost slice of `lane` open at `time` (begun at or before it, not ended before it).
std::uint32_t ForeignTraceBuilder::enclosingSlice(std::uint32_t lane, std::int64_t time) const
{
    if (lane >= m_slicesOfLane.size())
        return NoEvent; // the lane of a thread that only sent flows: made after the slices were paired
    std::uint32_t best = NoEvent;
    for (const std::uint32_t i : m_slicesOfLane[lane]) {
        const Slice &s = m_slices[i];
        if (s.begin > time)
            break;
        if (s.end >= time)
            best = i; // a later begin is further inside
    }
    return best;
}

// The first slice of `lane` that begins at `time` or later.
std::uint32_t ForeignTraceBuilder::nextSlice(std::uint32_t lane, std::int64_t time) const
{
    if (lane >= m_slicesOfLane.size())
        return NoEvent; // as in enclosingSlice()
    for (const std::uint32_t i : m_slicesOfLane[lane])
        if (m_slices[i].begin >= time)
            return i;
    return NoEvent;
}

// Flow events (v1: "s", "t", "f" with one id, cat and name; v2: bind_id on slices) as wake-ups. A flow
// whose end binds to no slice, or to one that began before the flow left, or on the lane it left from,
// draws nothing; a slice takes the first flow into it.
void ForeignTraceBuilder::bindFlows(const std::vector<std::uint32_t> &order)
{
    const auto &records = m_doc.foreign;
    std::vector<bool> bound(m_slices.size(), false);
    auto add = [&](std::uint32_t sourceLane, std::int64_t sourceTime, std::uint32_t target, ChromeText name) {
        if (target == NoEvent || bound[target] || m_slices[target].lane == sourceLane
            || sourceTime > m_slices[target].begin)
            return;
        bound[target] = true;
        m_flows.push_back({sourceLane, sourceTime, target, name});
    };

    struct Source {
        std::int64_t pid, tid, ts;
    };
    std::map<std::tuple<std::string_view, std::string_view, std::string_view>, Source> open;
    for (const std::uint32_t r : order) {
        const ChromeForeign &e = records[r];
        if (!isFlow(e.ph) || !e.has(ChromeForeign::HasId))
            continue;
        const auto key = std::make_tuple(text(e.id), text(e.cat), text(e.name));
        if (e.ph == 's') {
            open[key] = Source {e.pid, e.tid, e.ts};
            continue;
        }
        auto it = open.find(key);
        if (it == open.end())
            continue;
        if (e.ph == 't') {
            it->second = Source {e.pid, e.tid, e.ts}; // the arrow goes on from the step
            continue;
        }
        const Source source = it->second;
        open.erase(it);
        auto lane = m_threadLanes.find({e.pid, e.tid});
        if (lane == m_threadLanes.end())
            continue;
        const std::uint32_t target = e.has(ChromeForeign::BindEnclosing) ? enclosingSlice(lane->second, e.ts)
                                                                          : nextSlice(lane->second, e.ts);
        if (target != NoEvent && source.ts <= m_slices[target].begin)
            add(threadLane(source.pid, source.tid), source.ts, target, e.name);
    }

    // v2: a slice with flow_out (and a bind_id) is where the flow leaves, from its end (or its start when
    // the next slice of the flow begins earlier); the next slice with flow_in and that id is where it lands.
    std::vector<std::uint32_t> byBegin(m_slices.size());
    std::iota(byBegin.begin(), byBegin.end(), 0u);
    std::stable_sort(byBegin.begin(), byBegin.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return m_slices[a].begin < m_slices[b].begin; });
    std::map<std::uint64_t, std::uint32_t> out;
    for (const std::uint32_t i : byBegin) {
        const ChromeForeign &e = records[m_slices[i].record];
        if (!e.has(ChromeForeign::HasBindId))
            continue;
        if (e.has(ChromeForeign::FlowIn))
            if (auto it = out.find(e.bindId); it != out.end()) {
                const Slice &from = m_slices[it->second];
                const std::int64_t at = from.end <= m_slices[i].begin ? from.end : from.begin;
                add(from.lane, at, i, ChromeText {}); // v2 flows have no name of their own
            }
        if (e.has(ChromeForeign::FlowOut))
            out[e.bindId] = i;
    }
}

bool ForeignTraceBuilder::emit(Trace &t, std::string &message)
{
    // Points in time. At equal times: ends of slices that lasted, flows leaving, begins (outer before
    // inner), instants, then the ends of slices that lasted no time (after their own begin).
    enum Type : std::uint8_t { End, FlowOut, Begin, Mark, EndAtOnce };
    struct Point {
        std::int64_t time;
        std::int64_t order;
        std::uint32_t index;
        Type type;
        std::uint32_t lane;
    };
    std::vector<Point> points;
    points.reserve(m_slices.size() * 2 + m_instants.size() + m_flows.size());
    for (std::uint32_t i = 0; i < m_slices.size(); ++i) {
        const Slice &s = m_slices[i];
        points.push_back({s.begin, -(s.end - s.begin), i, Begin, s.lane});
        if (!s.openAtEnd)
            points.push_back({s.end, -s.begin, i, s.end > s.begin ? End : EndAtOnce, s.lane});
    }
    for (std::uint32_t i = 0; i < m_instants.size(); ++i)
        points.push_back({m_instants[i].time, 0, i, Mark, m_instants[i].lane});
    for (std::uint32_t i = 0; i < m_flows.size(); ++i)
        points.push_back({m_flows[i].sourceTime, 0, i, FlowOut, m_flows[i].sourceLane});
    if (points.empty()) {
        message = "this JSON holds no events Coroscope can show: it needs slices (\"X\", \"B\" and \"E\", or async "
                  "\"b\" and \"e\" with an id) or instants (\"i\") with a pid, tid and ts";
        return false;
    }
    std::stable_sort(points.begin(), points.end(), [](const Point &a, const Point &b) {
        if (a.time != b.time)
            return a.time < b.time;
        if (a.type != b.type)
            return a.type < b.type;
        return a.order < b.order;
    });
    const std::int64_t origin = points.front().time;

    t.clock = ClockMode::Real;
    t.metadata.emplace_back("source", "chrome-json");
    const auto laneCount = m_lanes.size();
    t.lanes.resize(laneCount);
    for (std::size_t i = 0; i < laneCount; ++i) {
        t.lanes[i].nameId = t.strings.intern(m_lanes[i].name);
        t.lanes[i].kind = LaneKind::Task;
        t.lanes[i].parent = m_lanes[i].parent;
    }
    std::vector<std::uint32_t> remaining(laneCount, 0); // points still to come on each lane
    for (const Point &p : points)
        ++remaining[p.lane];
    std::vector<int> depth(laneCount, 0);
    std::vector<bool> created(laneCount, false), started(laneCount, false);
    t.events.reserve(points.size() + laneCount);
    auto push = [&](std::int64_t time, std::uint32_t lane, EventKind kind, std::string_view detail,
                    std::uint32_t cause = NoEvent) {
        Event e;
        e.lane = lane;
        e.cause = cause;
        e.kind = std::uint8_t(kind);
        e.detail = detail.empty() ? 0 : t.strings.intern(detail);
        return t.append(e, time - origin); // points are sorted by time: times never go back
    };
    auto create = [&](std::uint32_t lane, std::int64_t time) {
        if (created[lane])
            return;
        created[lane] = true;
        t.lanes[lane].created = std::uint32_t(t.events.size());
        push(time, lane, EventKind::Create, m_lanes[lane].name);
    };
    for (const Point &p : points) {
        const std::uint32_t lane = p.lane;
        if (const auto parent = m_lanes[lane].parent; parent != NoLane)
            create(parent, p.time);
        create(lane, p.time);
        --remaining[lane];
        switch (p.type) {
        case Mark:
            push(p.time, lane, EventKind::Output, text(m_instants[p.index].name));
            break;
        case FlowOut: {
            const Flow &f = m_flows[p.index];
            const std::string_view name = text(f.name);
            m_slices[f.target].cause = push(p.time, lane, EventKind::Schedule, name.empty() ? "flow" : name);
            break;
        }
        case Begin: {
            const Slice &s = m_slices[p.index];
            const EventKind k = depth[lane] > 0 ? EventKind::Enter
                : started[lane]                 ? EventKind::Resume
                                                : EventKind::Start;
            started[lane] = true;
            ++depth[lane];
            push(p.time, lane, k, text(s.name), s.cause);
            break;
        }
        case End:
        case EndAtOnce:
            if (depth[lane] == 0)
                break;
            --depth[lane];
            if (depth[lane] > 0)
                push(p.time, lane, EventKind::Leave, {});
            else if (m_lanes[lane].async && remaining[lane] == 0)
                push(p.time, lane, EventKind::Done, {}); // the async operation is over
            else // what a foreign thread waits for between slices is unknown: the suspend says nothing
                push(p.time, lane, EventKind::Suspend, {});
            break;
        }
        if (t.events.size() >= 0xffffffffu) {
            message = "too many events";
            return false;
        }
    }
    return true;
}

bool ForeignTraceBuilder::build(Trace &out, std::string &message)
{
    const auto &records = m_doc.foreign;
    std::vector<std::uint32_t> order;
    order.reserve(records.size());
    for (std::uint32_t i = 0; i < records.size(); ++i) {
        const ChromeForeign &e = records[i];
        if (e.ph == 'M') {
            const std::string_view name = text(e.name), value = text(e.argName);
            if (name == "thread_name" && !value.empty())
                m_threadNames[{e.pid, e.tid}] = value;
            else if (name == "process_name" && !value.empty())
                m_processNames[e.pid] = value;
        } else if (isThreadSlice(e.ph) || isAsync(e.ph) || isFlow(e.ph) || isInstant(e.ph)) {
            order.push_back(i);
        }
    }
    // Time order, as Perfetto sorts a JSON trace before reading it; ties keep the file's order.
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return records[a].ts < records[b].ts; });
    pairSlices(order);
    bindFlows(order);
    out = Trace {};
    return emit(out, message);
}

} // namespace coroscope
