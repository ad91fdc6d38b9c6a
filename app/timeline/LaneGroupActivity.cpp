#include "LaneGroupActivity.h"

#include <algorithm>

namespace coroscope {

namespace {

// A change of one count at one event, packed to sort fast: seq, then the code (ends before starts,
// so that no count dips below zero while one event is applied).
enum Code : std::uint64_t { PendingOut, RunningOut, WaitingOut, PendingIn, RunningIn, WaitingIn, DoneIn };

std::uint64_t pack(std::uint32_t seq, Code code)
{
    return (std::uint64_t(seq) << 3) | code;
}

Code inCode(SpanState state)
{
    return state == SpanState::Pending ? PendingIn : state == SpanState::Suspended ? WaitingIn : RunningIn;
}

} // namespace

void LaneGroupActivity::build(const TimelineLayout &layout, const std::vector<int> &rows)
{
    m_members = int(rows.size());
    m_seqs.clear();
    m_counts.clear();
    m_ranPrefix.clear();
    m_peakAlive = m_peakSeq = m_lastSeq = 0;

    std::size_t total = 0;
    for (int r : rows)
        total += 2 * layout.row(r).spans.size() + 1;
    std::vector<std::uint64_t> deltas;
    deltas.reserve(total);
    for (int r : rows) {
        const TimelineRow &row = layout.row(r);
        for (const TimelineSpan &s : row.spans) {
            const Code in = inCode(s.state);
            deltas.push_back(pack(s.begin, in));
            if (!s.open)
                deltas.push_back(pack(s.end, Code(in - PendingIn)));
        }
        if (!row.spans.empty() && !row.spans.back().open)
            deltas.push_back(pack(row.spans.back().end, DoneIn));
        if (!row.events.empty())
            m_lastSeq = std::max(m_lastSeq, row.events.back());
    }
    std::sort(deltas.begin(), deltas.end());

    Counts now;
    m_seqs.reserve(deltas.size() / 2 + 1);
    m_counts.reserve(deltas.size() / 2 + 1);
    for (std::size_t i = 0; i < deltas.size();) {
        const auto seq = std::uint32_t(deltas[i] >> 3);
        for (; i < deltas.size() && std::uint32_t(deltas[i] >> 3) == seq; ++i) {
            switch (Code(deltas[i] & 7)) {
            case PendingOut: --now.pending; break;
            case RunningOut: --now.running; break;
            case WaitingOut: --now.waiting; break;
            case PendingIn: ++now.pending; break;
            case RunningIn: ++now.running; break;
            case WaitingIn: ++now.waiting; break;
            case DoneIn: ++now.done; break;
            }
        }
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
