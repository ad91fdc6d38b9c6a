#include "TraceIndex.h"

#include <algorithm>

namespace coroscope {

namespace {

std::string_view baseName(std::string_view path)
{
    if (auto slash = path.find_last_of("/\\"); slash != std::string_view::npos)
        path.remove_prefix(slash + 1);
    return path;
}

} // namespace

void TraceIndex::build(const Trace &trace, std::string_view cppFile)
{
    const auto &events = trace.events;
    m_eventCount = events.size();
    m_outputs.clear();
    m_locLine.assign(trace.locations.size(), 0);
    if (!cppFile.empty()) {
        for (std::size_t i = 1; i < trace.locations.size(); ++i) {
            const auto &l = trace.locations[i];
            if (trace.strings.contains(l.file) && baseName(trace.fileName(l)) == baseName(cppFile))
                m_locLine[i] = int(l.line);
        }
    }
    auto lineOf = [&](const Event &e) { return e.loc < m_locLine.size() ? m_locLine[e.loc] : 0; };

    m_shownLine.assign(events.size(), {});
    m_ownLine.assign(events.size(), 0);
    m_entersLine.assign(events.size(), false);
    std::vector<int> laneLine(trace.lanes.size(), 0); // the last line seen on each lane
    for (std::size_t seq = 0; seq < events.size(); ++seq) {
        const Event &e = events[seq];
        if (e.eventKind() == EventKind::Output)
            m_outputs.push_back(std::uint32_t(seq));
        const bool laneKnown = e.lane < laneLine.size();
        const int own = lineOf(e);
        m_ownLine[seq] = own;
        if (own) {
            m_entersLine[seq] = !laneKnown || laneLine[e.lane] != own;
            m_shownLine[seq] = {own, true};
            if (laneKnown)
                laneLine[e.lane] = own;
            continue;
        }
        // A loop event (timer fire, callback) stands for the work that queued it: follow its causes.
        if (laneKnown && trace.lanes[e.lane].kind == LaneKind::Loop) {
            std::uint32_t cause = e.cause;
            for (int hop = 0; hop < 4 && cause != NoEvent && cause < seq; ++hop) {
                if (int line = m_ownLine[cause]) {
                    m_shownLine[seq] = {line, false};
                    break;
                }
                cause = events[cause].cause;
            }
            continue;
        }
        if (laneKnown && laneLine[e.lane])
            m_shownLine[seq] = {laneLine[e.lane], false};
    }
}

int TraceIndex::outputCountAt(std::int64_t seq) const
{
    if (seq < 0)
        return 0;
    return int(std::upper_bound(m_outputs.begin(), m_outputs.end(), std::uint64_t(seq),
                                [](std::uint64_t s, std::uint32_t o) { return s < o; })
               - m_outputs.begin());
}

std::int64_t TraceIndex::nextOutputAfter(std::int64_t seq) const
{
    const int n = outputCountAt(seq);
    return n < int(m_outputs.size()) ? std::int64_t(m_outputs[std::size_t(n)]) : -1;
}

TraceIndex::SourceLine TraceIndex::sourceLineAt(std::int64_t seq) const
{
    if (seq < 0 || std::size_t(seq) >= m_shownLine.size())
        return {};
    return m_shownLine[std::size_t(seq)];
}

int TraceIndex::ownLine(std::int64_t seq) const
{
    if (seq < 0 || std::size_t(seq) >= m_ownLine.size())
        return 0;
    return m_ownLine[std::size_t(seq)];
}

bool TraceIndex::entersLine(std::int64_t seq) const
{
    if (seq < 0 || std::size_t(seq) >= m_entersLine.size())
        return false;
    return m_entersLine[std::size_t(seq)];
}

std::int64_t TraceIndex::nextHitAfter(std::int64_t seq, const std::set<int> &lines) const
{
    if (lines.empty())
        return -1;
    for (std::size_t s = std::size_t(std::max<std::int64_t>(seq + 1, 0)); s < m_ownLine.size(); ++s)
        if (m_entersLine[s] && lines.count(m_ownLine[s]))
            return std::int64_t(s);
    return -1;
}

} // namespace coroscope
