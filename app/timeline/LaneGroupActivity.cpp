#include "LaneGroupActivity.h"

#include <algorithm>

namespace coroscope {

namespace {

// What happens to a group's counts at one event, packed in a byte: a span of state `out` ends, one
// of state `in` begins, the lane ends. Every event belongs to one lane and every lane to at most
// one group, so an event carries at most one of each: a byte per event replaces a sort.
enum State : std::uint8_t { None, Pending, Running, Waiting };
constexpr std::uint8_t kDone = 0x10;

State stateOf(SpanState s)
{
    return s == SpanState::Pending ? Pending : s == SpanState::Suspended ? Waiting : Running;
}

void add(LaneGroupActivity::Counts &c, State s, std::uint32_t d)
{
    switch (s) {
    case Pending: c.pending += d; break;
    case Running: c.running += d; break;
    case Waiting: c.waiting += d; break;
    case None: break;
    }
}

} // namespace

void LaneGroupActivity::build(const TimelineLayout &layout, const std::vector<int> &rows)
{
    m_members = int(rows.size());
    m_seqs.clear();
    m_counts.clear();
    m_ranPrefix.clear();
    m_peakAlive = m_peakSeq = m_lastSeq = 0;

    const std::size_t events = layout.eventCount();
    std::vector<std::uint8_t> marks(events, 0); // low 2 bits: out, next 2: in, kDone
    std::uint32_t first = std::uint32_t(events), last = 0;
    for (int r : rows) {
        const TimelineRow &row = layout.row(r);
        for (const TimelineSpan &s : row.spans) {
            const State state = stateOf(s.state);
            marks[s.begin] |= std::uint8_t(state << 2);
            if (!s.open)
                marks[s.end] |= state;
            first = std::min(first, s.begin);
            last = std::max(last, s.end);
        }
        if (!row.spans.empty() && !row.spans.back().open)
            marks[row.spans.back().end] |= kDone;
        if (!row.events.empty())
            m_lastSeq = std::max(m_lastSeq, row.events.back());
    }

    Counts now;
    for (std::uint32_t seq = first; seq <= last && seq < events; ++seq) {
        const std::uint8_t m = marks[seq];
        if (m == 0)
            continue;
        add(now, State(m & 3), std::uint32_t(-1)); // unsigned: -1 wraps, as it should
        add(now, State((m >> 2) & 3), 1);
        if (m & kDone)
            ++now.done;
        if (!m_counts.empty() && m_counts.back() == now)
            continue;
        m_seqs.push_back(seq);
        m_counts.push_back(now);
        if (now.alive() > m_peakAlive) {
            m_peakAlive = now.alive();
            m_peakSeq = seq;
        }
    }
    m_ranPrefix.resize(m_counts.size() + 1);
    m_ranPrefix[0] = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        m_ranPrefix[i + 1] = m_ranPrefix[i] + (m_counts[i].running > 0 ? 1 : 0);
}

std::int64_t LaneGroupActivity::changeAt(std::int64_t seq) const
{
    if (seq < 0)
        return -1;
    const auto it = std::partition_point(m_seqs.begin(), m_seqs.end(),
                                         [&](std::uint32_t s) { return std::int64_t(s) <= seq; });
    return std::int64_t(it - m_seqs.begin()) - 1;
}

LaneGroupActivity::Counts LaneGroupActivity::at(std::int64_t seq) const
{
    const std::int64_t i = changeAt(seq);
    return i < 0 ? Counts {} : m_counts[std::size_t(i)];
}

bool LaneGroupActivity::runsWithin(std::int64_t first, std::int64_t last) const
{
    first = std::max<std::int64_t>(first, 0);
    last = std::min<std::int64_t>(last, std::int64_t(m_counts.size()) - 1);
    if (last < first)
        return false;
    return m_ranPrefix[std::size_t(last) + 1] > m_ranPrefix[std::size_t(first)];
}

std::size_t LaneGroupActivity::memoryUsage() const
{
    return m_seqs.capacity() * sizeof(std::uint32_t) + m_counts.capacity() * sizeof(Counts)
        + m_ranPrefix.capacity() * sizeof(std::uint32_t);
}

} // namespace coroscope
