#pragma once

#include "TimelineLayout.h"

#include <cstdint>
#include <vector>

namespace coroscope {

// How many lanes of a group are in each state over the run, as a step function over events: what
// a collapsed group's summary lane draws ("100 waiting, 3 running, 17 done"), however many lanes
// it holds. Built from the layout's spans in O(n log n); every query is a binary search.
class LaneGroupActivity
{
public:
    struct Counts {
        std::uint32_t pending = 0; // created, first step not taken
        std::uint32_t running = 0;
        std::uint32_t waiting = 0;
        std::uint32_t done = 0;
        std::uint32_t alive() const { return pending + running + waiting; }
        bool operator==(const Counts &) const = default;
    };

    LaneGroupActivity() = default;
    LaneGroupActivity(const TimelineLayout &layout, const std::vector<int> &rows) { build(layout, rows); }
    void build(const TimelineLayout &layout, const std::vector<int> &rows);

    int members() const { return m_members; }
    // The counts just after event `seq` (-1: before the first event: all zero).
    Counts at(std::int64_t seq) const;
    // Index of the change in effect just after `seq`, or -1 before the first change.
    std::int64_t changeAt(std::int64_t seq) const;
    std::size_t changeCount() const { return m_seqs.size(); }
    std::uint32_t changeSeq(std::size_t i) const { return m_seqs[i]; }
    const Counts &changeCounts(std::size_t i) const { return m_counts[i]; }
    // Whether a member runs at some point of changes [first, last] (indices, inclusive).
    bool runsWithin(std::int64_t first, std::int64_t last) const;
    // The most lanes alive (pending, running or waiting) at once, and the first event where that is so.
    std::uint32_t peakAlive() const { return m_peakAlive; }
    std::uint32_t peakSeq() const { return m_peakSeq; }
    // The first and last event of the group's lanes (their extent), for the header line.
    std::uint32_t firstSeq() const { return m_seqs.empty() ? 0 : m_seqs.front(); }
    std::uint32_t lastSeq() const { return m_lastSeq; }
    std::size_t memoryUsage() const;

private:
    int m_members = 0;
    std::vector<std::uint32_t> m_seqs; // ascending, one per event that changed a count
    std::vector<Counts> m_counts; // in effect from m_seqs[i] on
    std::vector<std::uint32_t> m_ranPrefix; // m_ranPrefix[i]: changes [0, i) with running > 0
    std::uint32_t m_peakAlive = 0;
    std::uint32_t m_peakSeq = 0;
    std::uint32_t m_lastSeq = 0;
};

} // namespace coroscope
