#pragma once

#include "TimelineLayout.h"

#include <cstdint>
#include <vector>

namespace coroscope {

// How many lanes of a group are in each state over the run: what a collapsed group's summary lane
// draws ("100 waiting, 3 running, 17 done"), however many lanes it holds. One byte per event of the
// group's extent says what that event changes (every event belongs to one lane, every lane to at
// most one group), with the counts kept every 256 events: a query replays at most 256 bytes, and a
// million-event group costs about a megabyte, not the 24 MB full counts per change took.
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
    // Whether some member runs just after one of the events [first, last].
    bool runsBetween(std::int64_t first, std::int64_t last) const;
    // The most lanes alive (pending, running or waiting) at once, and the first event where that is so.
    std::uint32_t peakAlive() const { return m_peakAlive; }
    std::uint32_t peakSeq() const { return m_peakSeq; }
    // The group's extent: its first change and the last event of its lanes (the header's line).
    std::uint32_t firstSeq() const { return m_base; }
    std::uint32_t lastSeq() const { return m_lastSeq; }
    bool isEmpty() const { return m_marks.empty(); }
    std::size_t memoryUsage() const;

private:
    static constexpr std::size_t kBlock = 256;

    int m_members = 0;
    std::uint32_t m_base = 0; // the event m_marks[0] is about
    std::vector<std::uint8_t> m_marks; // what each event from m_base on changes
    std::vector<Counts> m_blockStart; // the counts before each block of kBlock events
    std::vector<std::uint8_t> m_blockRuns; // whether a member runs after some event of the block
    Counts m_final;
    std::uint32_t m_peakAlive = 0;
    std::uint32_t m_peakSeq = 0;
    std::uint32_t m_lastSeq = 0;
};

} // namespace coroscope
