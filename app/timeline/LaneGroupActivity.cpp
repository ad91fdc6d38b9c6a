#include "LaneGroupActivity.h"

#include <algorithm>

namespace coroscope {

namespace {

// What one event changes, in a byte: a span of state `out` ends (low two bits), one of state `in`
// begins (next two), the lane ends (kDone).
enum State : std::uint8_t { None, Pending, Running, Waiting };
constexpr std::uint8_t kDone = 0x10;

State stateOf(SpanState s)
{
    return s == SpanState::Pending ? Pending : s == SpanState::Suspended ? Waiting : Running;
}

void add(LaneGroupActivity::Counts &c, unsigned state, std::uint32_t d)
{
    switch (state) {
    case Pending: c.pending += d; break;
    case Running: c.running += d; break;
    case Waiting: c.waiting += d; break;
    default: break;
    }
}

void apply(LaneGroupActivity::Counts &c, std::uint8_t mark)
{
    if (mark == 0)
        return;
    add(c, mark & 3u, std::uint32_t(-1)); // unsigned: -1 wraps, and the `in` below brings it back
    add(c, (mark >> 2) & 3u, 1);
    if (mark & kDone)
        ++c.done;
}

} // namespace

void LaneGroupActivity::build(const TimelineLayout &layout, const std::vector<int> &rows)
{
    m_members = int(rows.size());
    m_marks.clear();
    m_blockStart.clear();
    m_blockRuns.clear();
    m_final = {};
    m_base = m_peakAlive = m_peakSeq = m_lastSeq = 0;

    // The extent first, so that only it gets a byte per event.
    std::uint32_t first = 0xffffffffu, last = 0;
    for (int r : rows) {
        const TimelineRow &row = layout.row(r);
        if (row.spans.empty())
            continue;
        first = std::min(first, row.spans.front().begin);
        last = std::max(last, row.spans.back().end);
        if (!row.events.empty())
            m_lastSeq = std::max(m_lastSeq, row.events.back());
    }
    if (first > last)
        return;
    m_base = first;
    m_marks.assign(std::size_t(last - first) + 1, 0);
    for (int r : rows) {
        const TimelineRow &row = layout.row(r);
        for (const TimelineSpan &s : row.spans) {
            const State state = stateOf(s.state);
            m_marks[s.begin - first] |= std::uint8_t(state << 2);
            if (!s.open)
                m_marks[s.end - first] |= state;
        }
        if (!row.spans.empty() && !row.spans.back().open)
            m_marks[row.spans.back().end - first] |= kDone;
    }

    const std::size_t blocks = (m_marks.size() + kBlock - 1) / kBlock;
    m_blockStart.resize(blocks);
    m_blockRuns.assign(blocks, 0);
    Counts now;
    for (std::size_t i = 0; i < m_marks.size(); ++i) {
        if (i % kBlock == 0)
            m_blockStart[i / kBlock] = now;
        apply(now, m_marks[i]);
        if (now.running > 0)
            m_blockRuns[i / kBlock] = 1;
        if (now.alive() > m_peakAlive) {
            m_peakAlive = now.alive();
            m_peakSeq = std::uint32_t(first + i);
        }
    }
    m_final = now;
}

LaneGroupActivity::Counts LaneGroupActivity::at(std::int64_t seq) const
{
    if (m_marks.empty() || seq < std::int64_t(m_base))
        return {};
    const auto i = std::size_t(seq - m_base);
    if (i >= m_marks.size())
        return m_final;
    Counts c = m_blockStart[i / kBlock];
    for (std::size_t k = i / kBlock * kBlock; k <= i; ++k)
        apply(c, m_marks[k]);
    return c;
}

bool LaneGroupActivity::runsBetween(std::int64_t first, std::int64_t last) const
{
    if (m_marks.empty() || last < first || last < std::int64_t(m_base))
        return false;
    const std::int64_t end = std::int64_t(m_base) + std::int64_t(m_marks.size()) - 1;
    if (first > end)
        return m_final.running > 0;
    auto i = std::size_t(std::max<std::int64_t>(first, m_base) - m_base);
    const auto stop = std::size_t(std::min(last, end) - m_base);
    while (i <= stop) {
        const std::size_t block = i / kBlock, blockEnd = block * kBlock + kBlock - 1;
        if (i % kBlock == 0 && blockEnd <= stop) {
            // A whole block: its flag says.
            if (m_blockRuns[block])
                return true;
            i = blockEnd + 1;
            continue;
        }
        // Part of a block: replay it.
        Counts c = m_blockStart[block];
        for (std::size_t k = block * kBlock; k < i; ++k)
            apply(c, m_marks[k]);
        for (std::size_t k = i; k <= std::min(stop, blockEnd); ++k) {
            apply(c, m_marks[k]);
            if (c.running > 0)
                return true;
        }
        i = blockEnd + 1;
    }
    return last > end && m_final.running > 0;
}

std::size_t LaneGroupActivity::memoryUsage() const
{
    return m_marks.capacity() + m_blockStart.capacity() * sizeof(Counts) + m_blockRuns.capacity();
}

} // namespace coroscope
