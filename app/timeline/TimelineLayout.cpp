#include "TimelineLayout.h"

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

bool isLaneEnd(EventKind k)
{
    return k == EventKind::Done || k == EventKind::Error || k == EventKind::Cancel;
}

// The span a lane is in, until the event that closes it.
struct OpenSpan {
    std::uint32_t begin = 0;
    std::uint32_t label = 0;
    SpanState state = SpanState::Pending;
    bool active = false;
};

} // namespace

void TimelineLayout::clear()
{
    m_trace = nullptr;
    m_rows.clear();
    m_rowOfLane.clear();
    m_arrows.clear();
    m_loopRow = -1;
}

void TimelineLayout::build(const Trace &trace)
{
    clear();
    m_trace = &trace;
    const auto &events = trace.events;
    const auto laneCount = trace.lanes.size();
    const auto eventCount = std::uint32_t(events.size());

    // Rows: the event loop(s) on top, then every other lane in creation order.
    m_rowOfLane.assign(laneCount, -1);
    for (int pass = 0; pass < 2; ++pass) {
        for (std::uint32_t lane = 0; lane < laneCount; ++lane) {
            const bool loop = trace.lanes[lane].kind == LaneKind::Loop;
            if (loop != (pass == 0))
                continue;
            m_rowOfLane[lane] = int(m_rows.size());
            m_rows.push_back(TimelineRow {lane, {}, {}, {}, {}, {}});
        }
    }
    m_loopRow = m_rows.empty() || trace.lanes[m_rows.front().lane].kind != LaneKind::Loop ? -1 : 0;

    // Per-lane counts first, so each row's arrays are allocated once.
    {
        std::vector<std::uint32_t> perLane(laneCount, 0), outputs(laneCount, 0), changes(laneCount, 0);
        std::size_t slices = 0; // who-runs segments on the loop's row: at most two per slice
        for (const Event &e : events) {
            if (e.lane >= laneCount)
                continue;
            ++perLane[e.lane];
            switch (e.eventKind()) {
            case EventKind::Output:
                ++outputs[e.lane];
                break;
            case EventKind::Start:
            case EventKind::Resume:
            case EventKind::Callback:
                ++slices;
                [[fallthrough]];
            case EventKind::Create:
            case EventKind::Suspend:
            case EventKind::Done:
            case EventKind::Error:
            case EventKind::Cancel:
                ++changes[e.lane];
                break;
            default:
                break;
            }
        }
        for (auto &row : m_rows) {
            row.events.reserve(perLane[row.lane]);
            row.outputs.reserve(outputs[row.lane]);
            row.spans.reserve(trace.lanes[row.lane].kind == LaneKind::Loop
                                      && &row == &m_rows[std::size_t(std::max(m_loopRow, 0))]
                                  ? 2 * slices + 1
                                  : changes[row.lane] + 1);
        }
    }

    std::vector<OpenSpan> open(laneCount);
    std::vector<std::uint32_t> lastArrowFrom(laneCount, NoEvent);
    auto closeSpan = [&](std::uint32_t lane, std::uint32_t seq, bool stillOpen) {
        OpenSpan &o = open[lane];
        if (!o.active)
            return;
        o.active = false;
        if (seq <= o.begin && !stillOpen)
            return;
        m_rows[std::size_t(m_rowOfLane[lane])].spans.push_back(
            TimelineSpan {o.begin, seq, o.label, lane, o.state, stillOpen});
    };
    auto openSpan = [&](std::uint32_t lane, std::uint32_t seq, SpanState state, std::uint32_t label) {
        open[lane] = OpenSpan {seq, label, state, true};
    };

    // Who runs (the loop's row): the stack of LoopStateTracker. Start/Resume push their lane, a
    // Callback pushes the loop's; the lane's end or suspension removes it; a callback's slice ends
    // when the loop takes its next ready entry.
    std::vector<std::uint32_t> stack;
    bool inCallback = false;
    std::uint32_t callbackLabel = 0;
    int segmentRow = m_loopRow; // loop row that gets the segments (the last active loop)
    std::uint32_t owner = NoLane; // who runs now
    std::uint32_t segmentBegin = 0; // where the current segment (or idle gap) began
    std::uint32_t segmentLabel = 0;
    bool idleOpen = false;
    bool segmentJump = false; // the current segment began at a clock jump
    std::uint32_t clockLabel = 0; // a Clock event during the idle gap: the jump's text
    auto endCallbackSlice = [&] {
        if (inCallback && !stack.empty())
            stack.pop_back();
        inCallback = false;
    };
    auto pushSegment = [&](TimelineSpan span) {
        if (segmentRow >= 0 && (span.end > span.begin || span.open))
            m_rows[std::size_t(segmentRow)].spans.push_back(span);
    };

    EventClock time(trace), segmentTime(trace); // both move forwards: no epoch search per event
    for (std::uint32_t seq = 0; seq < eventCount; ++seq) {
        const Event &e = events[seq];
        const auto lane = e.lane;
        if (lane >= laneCount)
            continue;
        const EventKind kind = e.eventKind();
        const int rowIndex = m_rowOfLane[lane];
        TimelineRow &row = m_rows[std::size_t(rowIndex)];
        row.events.push_back(seq);
        const bool loopLane = trace.lanes[lane].kind == LaneKind::Loop;
        if (loopLane)
            segmentRow = rowIndex;

        // The lane's own state.
        if (!loopLane) {
            switch (kind) {
            case EventKind::Create:
                if (!open[lane].active)
                    openSpan(lane, seq, SpanState::Pending, 0);
                break;
            case EventKind::Start:
            case EventKind::Resume:
                closeSpan(lane, seq, false);
                openSpan(lane, seq, SpanState::Running, 0);
                break;
            case EventKind::Suspend:
                closeSpan(lane, seq, false);
                openSpan(lane, seq, SpanState::Suspended, e.detail);
                break;
            case EventKind::Done:
            case EventKind::Error:
            case EventKind::Cancel:
                closeSpan(lane, seq, false);
                break;
            default:
                break;
            }
        }
        if (kind == EventKind::Output)
            row.outputs.push_back(seq);

        // Wake-up arrows: from the waker, i.e. through a Schedule to the event that scheduled it.
        // A worker's Enter names the Submit that handed it the work; in another tool's trace, a flow
        // may land in a nested slice (an Enter caused by the flow's Schedule).
        const bool handOver = kind == EventKind::Enter && e.cause < seq
            && (events[e.cause].eventKind() == EventKind::Submit || events[e.cause].eventKind() == EventKind::Schedule);
        if ((kind == EventKind::Resume || kind == EventKind::Start || handOver) && e.cause < seq) {
            std::uint32_t from = e.cause;
            const Event &c = events[from];
            if (c.eventKind() == EventKind::Schedule && c.cause < from)
                from = c.cause;
            if (events[from].lane != lane && lastArrowFrom[lane] != from) {
                m_arrows.push_back(
                    {from, seq, kind == EventKind::Resume ? TimelineArrow::Wakeup : TimelineArrow::Start});
                lastArrowFrom[lane] = from;
            }
        }

        // Who runs on the loop's thread: workers run beside it, on threads (or in processes) of
        // their own.
        if (trace.lanes[lane].kind == LaneKind::Worker || trace.lanes[lane].kind == LaneKind::Process)
            continue;

        // Who runs.
        switch (kind) {
        case EventKind::Clock:
            endCallbackSlice();
            if (loopLane)
                clockLabel = e.detail;
            break;
        case EventKind::TimerFire:
            endCallbackSlice();
            break;
        case EventKind::Start:
        case EventKind::Resume:
            if (e.cause < seq) {
                const auto ck = events[e.cause].eventKind();
                if (ck == EventKind::Schedule || ck == EventKind::TimerFire)
                    endCallbackSlice();
            }
            stack.push_back(lane);
            break;
        case EventKind::Callback:
            endCallbackSlice();
            stack.push_back(lane);
            inCallback = true;
            callbackLabel = e.detail;
            break;
        default:
            if (isLaneEnd(kind) || kind == EventKind::Suspend) {
                if (auto it = std::find(stack.rbegin(), stack.rend(), lane); it != stack.rend())
                    stack.erase(std::next(it).base());
            }
            break;
        }
        const std::uint32_t now = stack.empty() ? NoLane : stack.back();
        const bool loopRuns = now != NoLane && trace.lanes[now].kind == LaneKind::Loop;
        const std::uint32_t label = loopRuns && inCallback ? callbackLabel : 0;
        if (now != owner || label != segmentLabel || kind == EventKind::Callback) {
            // The loop's clock jump ends what ran before it at the time of the previous event.
            const bool jump = kind == EventKind::Clock && loopLane && seq > 0;
            if (owner != NoLane) {
                pushSegment({segmentBegin, seq, segmentLabel, owner, SpanState::Running, false,
                             jump && seq - 1 >= segmentBegin, segmentJump});
            } else if (idleOpen) {
                // A gap where nothing ran: worth drawing when the clock moved on.
                if (clockLabel != 0 || time(seq) > segmentTime(segmentBegin))
                    pushSegment(
                        {segmentBegin, seq, clockLabel, NoLane, SpanState::Idle, false, false, segmentJump});
            }
            owner = now;
            segmentBegin = seq;
            segmentLabel = label;
            segmentJump = jump;
            idleOpen = now == NoLane;
            clockLabel = jump ? e.detail : 0;
        }
    }

    // Whatever is still open runs to the end of the trace.
    if (eventCount > 0) {
        const std::uint32_t last = eventCount - 1;
        for (std::uint32_t lane = 0; lane < laneCount; ++lane)
            closeSpan(lane, last, true);
        if (owner != NoLane)
            pushSegment({segmentBegin, last, segmentLabel, owner, SpanState::Running, true});
    }

    // Prefix sums of running length, for merged spans' colour.
    for (auto &row : m_rows) {
        row.runSteps.resize(row.spans.size() + 1);
        row.runNs.resize(row.spans.size() + 1);
        std::uint64_t steps = 0;
        std::int64_t ns = 0;
        for (std::size_t i = 0; i < row.spans.size(); ++i) {
            row.runSteps[i] = steps;
            row.runNs[i] = ns;
            const auto &s = row.spans[i];
            if (s.state == SpanState::Running) {
                steps += s.end - s.begin;
                ns += spanEndNs(s) - spanStartNs(s);
            }
        }
        row.runSteps.back() = steps;
        row.runNs.back() = ns;
    }
}

std::size_t TimelineLayout::memoryUsage() const
{
    std::size_t bytes = m_rows.capacity() * sizeof(TimelineRow) + m_rowOfLane.capacity() * sizeof(int)
        + m_arrows.capacity() * sizeof(TimelineArrow);
    for (const auto &row : m_rows) {
        bytes += row.spans.capacity() * sizeof(TimelineSpan) + row.events.capacity() * sizeof(std::uint32_t)
            + row.outputs.capacity() * sizeof(std::uint32_t) + row.runSteps.capacity() * sizeof(std::uint64_t)
            + row.runNs.capacity() * sizeof(std::int64_t);
    }
    return bytes;
}

int TimelineLayout::rowOfLane(std::uint32_t lane) const
{
    return lane < m_rowOfLane.size() ? m_rowOfLane[lane] : -1;
}

std::string_view TimelineLayout::rowName(int row) const
{
    return m_trace->laneName(m_rows[std::size_t(row)].lane);
}

LaneKind TimelineLayout::rowKind(int row) const
{
    return m_trace->lanes[m_rows[std::size_t(row)].lane].kind;
}

std::string_view TimelineLayout::spanLabel(const TimelineSpan &span) const
{
    return m_trace->strings.contains(span.label) ? m_trace->strings.at(span.label) : std::string_view {};
}

std::size_t TimelineLayout::arrowCount(TimelineArrow::Kind kind) const
{
    return std::size_t(std::count_if(m_arrows.begin(), m_arrows.end(),
                                     [kind](const TimelineArrow &a) { return a.kind == kind; }));
}

XRange TimelineLayout::dataRange(TimelineAxis axis) const
{
    if (eventCount() == 0)
        return {0, 0};
    return {x(0, axis), x(std::uint32_t(eventCount() - 1), axis)};
}

std::pair<std::size_t, std::size_t> TimelineLayout::spansIn(int row, XRange range, TimelineAxis axis) const
{
    const auto &spans = m_rows[std::size_t(row)].spans;
    // Spans never overlap within a row, so both their starts and their ends ascend.
    const auto first = std::partition_point(
        spans.begin(), spans.end(), [&](const TimelineSpan &s) { return spanEnd(s, axis) < range.start; });
    const auto last = std::partition_point(
        first, spans.end(), [&](const TimelineSpan &s) { return spanStart(s, axis) <= range.end; });
    return {std::size_t(first - spans.begin()), std::size_t(last - spans.begin())};
}

namespace {
template<class Seqs, class X>
std::pair<std::size_t, std::size_t> seqsIn(const Seqs &seqs, XRange range, X &&x)
{
    const auto first
        = std::partition_point(seqs.begin(), seqs.end(), [&](std::uint32_t s) { return x(s) < range.start; });
    const auto last
        = std::partition_point(first, seqs.end(), [&](std::uint32_t s) { return x(s) <= range.end; });
    return {std::size_t(first - seqs.begin()), std::size_t(last - seqs.begin())};
}
} // namespace

std::pair<std::size_t, std::size_t> TimelineLayout::eventsIn(int row, XRange range, TimelineAxis axis) const
{
    return seqsIn(m_rows[std::size_t(row)].events, range, [&](std::uint32_t s) { return x(s, axis); });
}

std::pair<std::size_t, std::size_t> TimelineLayout::outputsIn(int row, XRange range, TimelineAxis axis) const
{
    return seqsIn(m_rows[std::size_t(row)].outputs, range, [&](std::uint32_t s) { return x(s, axis); });
}

std::pair<std::size_t, std::size_t> TimelineLayout::arrowsIn(XRange range, TimelineAxis axis) const
{
    const auto first = std::partition_point(m_arrows.begin(), m_arrows.end(), [&](const TimelineArrow &a) {
        return x(a.to, axis) < range.start;
    });
    const double reach = range.end + range.width();
    const auto last = std::partition_point(first, m_arrows.end(),
                                           [&](const TimelineArrow &a) { return x(a.to, axis) <= reach; });
    return {std::size_t(first - m_arrows.begin()), std::size_t(last - m_arrows.begin())};
}

float TimelineLayout::busyFraction(int rowIndex, std::size_t first, std::size_t last, TimelineAxis axis) const
{
    const TimelineRow &row = m_rows[std::size_t(rowIndex)];
    if (last <= first)
        return 0;
    const auto &a = row.spans[first];
    const auto &b = row.spans[last - 1];
    if (axis == TimelineAxis::Time) {
        const auto extent = spanEndNs(b) - spanStartNs(a);
        if (extent > 0)
            return float(double(row.runNs[last] - row.runNs[first]) / double(extent));
        // Zero time (a burst at one instant): fall through to the share of steps.
    }
    const auto extent = b.end - a.begin;
    return extent > 0 ? float(double(row.runSteps[last] - row.runSteps[first]) / double(extent)) : 0.f;
}

void TimelineLayout::lodSpans(int rowIndex, XRange range, TimelineAxis axis, double pixelsPerUnit,
                              double minPixels, std::vector<LodSpan> &out) const
{
    out.clear();
    if (rowIndex < 0 || rowIndex >= rowCount() || !(pixelsPerUnit > 0))
        return;
    const auto &spans = m_rows[std::size_t(rowIndex)].spans;
    const auto [first, last] = spansIn(rowIndex, range, axis);
    const double minUnits = minPixels / pixelsPerUnit;
    auto single = [&](std::size_t i) {
        const auto &s = spans[i];
        out.push_back({spanStart(s, axis), spanEnd(s, axis), std::uint32_t(i), 1,
                       s.state == SpanState::Running ? 1.f : 0.f});
    };
    std::size_t i = first;
    while (i < last) {
        const double s = spanStart(spans[i], axis);
        const double e = spanEnd(spans[i], axis);
        if (e - s >= minUnits) {
            single(i++);
            continue;
        }
        // A narrow span: every span starting within minPixels of it joins it (found by binary search,
        // so a million sub-pixel spans cost a few hundred steps, not a million).
        const double limit = s + minUnits;
        auto j = std::size_t(
            std::partition_point(spans.begin() + std::ptrdiff_t(i) + 1, spans.begin() + std::ptrdiff_t(last),
                                 [&](const TimelineSpan &sp) { return spanStart(sp, axis) < limit; })
            - spans.begin());
        if (j - 1 > i && spanEnd(spans[j - 1], axis) - spanStart(spans[j - 1], axis) >= minUnits)
            --j; // a wide span that merely starts in the bucket is drawn whole, on its own
        if (j == i + 1) {
            single(i++);
            continue;
        }
        out.push_back({s, spanEnd(spans[j - 1], axis), std::uint32_t(i), std::uint32_t(j - i),
                       busyFraction(rowIndex, i, j, axis)});
        i = j;
    }
}

LaneState TimelineLayout::laneStateAt(int rowIndex, std::int64_t seq) const
{
    if (rowIndex < 0 || rowIndex >= rowCount() || seq < 0)
        return LaneState::NotStarted;
    const auto &spans = m_rows[std::size_t(rowIndex)].spans;
    // The last span that began at or before seq (spans are sorted and never overlap).
    const auto it = std::partition_point(spans.begin(), spans.end(),
                                         [&](const TimelineSpan &s) { return std::int64_t(s.begin) <= seq; });
    if (it == spans.begin())
        return LaneState::NotStarted;
    const TimelineSpan &s = *(it - 1);
    if (!s.open && seq >= std::int64_t(s.end) && it == spans.end())
        return LaneState::Done; // its last span closed: the lane ended
    switch (s.state) {
    case SpanState::Pending:
        return LaneState::NotStarted;
    case SpanState::Suspended:
        return LaneState::Waiting;
    default:
        return LaneState::Running;
    }
}

bool TimelineLayout::rowFinishes(int rowIndex) const
{
    if (rowIndex < 0 || rowIndex >= rowCount())
        return false;
    const auto &spans = m_rows[std::size_t(rowIndex)].spans;
    return !spans.empty() && !spans.back().open;
}

std::int64_t TimelineLayout::eventAt(double xv, TimelineAxis axis) const
{
    const auto n = std::int64_t(eventCount());
    if (n == 0)
        return -1;
    if (axis == TimelineAxis::Steps) {
        const double r = std::floor(xv + 0.5);
        return r < 0 ? -1 : std::min<std::int64_t>(std::int64_t(r), n - 1);
    }
    // The first event later than xv, by a binary search over seqs (times never go back).
    std::uint32_t lo = 0, hi = std::uint32_t(n);
    while (lo < hi) {
        const auto mid = lo + (hi - lo) / 2;
        if (double(m_trace->time(mid)) * 1e-9 <= xv)
            lo = mid + 1;
        else
            hi = mid;
    }
    return std::int64_t(lo) - 1;
}

std::int64_t TimelineLayout::nearestEventInRow(int rowIndex, double xv, TimelineAxis axis,
                                               double maxDistance) const
{
    if (rowIndex < 0 || rowIndex >= rowCount())
        return -1;
    const auto &seqs = m_rows[std::size_t(rowIndex)].events;
    const auto p
        = std::partition_point(seqs.begin(), seqs.end(), [&](std::uint32_t s) { return x(s, axis) < xv; });
    std::int64_t best = -1;
    double bestDistance = maxDistance;
    if (p != seqs.begin()) {
        const auto s = *(p - 1);
        const double d = xv - x(s, axis);
        if (d <= bestDistance) {
            best = s;
            bestDistance = d;
        }
    }
    if (p != seqs.end()) {
        // The last of the events sharing that x: it is drawn on top.
        const double px = x(*p, axis);
        const auto q = std::partition_point(p, seqs.end(), [&](std::uint32_t s) { return x(s, axis) <= px; });
        const auto s = *(q - 1);
        const double d = px - xv;
        if (d <= bestDistance)
            best = s;
    }
    return best;
}

} // namespace coroscope
