#pragma once

#include "trace/Trace.h"

#include <cstdint>
#include <set>
#include <string_view>
#include <vector>

namespace coroscope {

// What the panes look up at every cursor position, derived once per trace so that a step (forwards or
// backwards) is a binary search or an array read, never a replay:
// - which events printed a line (the console shows those up to the cursor);
// - which line of the sample's C++ source belongs to each event (the source pane highlights it);
// - where a breakpoint on a line is hit.
// Cursor positions are event seqs; -1 means "before the first event".
class TraceIndex
{
public:
    struct SourceLine {
        int line = 0;       // 1-based line in the sample's C++ source; 0 = none
        bool exact = false; // the event itself carries it (else: inherited from an earlier event)
        bool operator==(const SourceLine &) const = default;
    };

    // `cppFile` is the sample's source file name ("s_gather_order.cpp"); locations in other files (or
    // all of them, when it is empty) have no line in the source pane.
    void build(const Trace &trace, std::string_view cppFile);

    std::size_t eventCount() const { return m_eventCount; }

    // Output events, in seq order.
    const std::vector<std::uint32_t> &outputs() const { return m_outputs; }
    // How many lines were printed up to and including `seq`.
    int outputCountAt(std::int64_t seq) const;
    // The first Output event after `seq`, or -1.
    std::int64_t nextOutputAfter(std::int64_t seq) const;

    // The C++ line shown for the cursor at `seq`: the event's own location; for a loop event without
    // one, the location of what caused it (a timer firing shows the sleep that armed it); otherwise
    // the nearest earlier event with a location on the same lane.
    SourceLine sourceLineAt(std::int64_t seq) const;
    // The line of the event's own location in the sample's source, or 0.
    int ownLine(std::int64_t seq) const;
    // True when a breakpoint on ownLine(seq) stops at `seq`: the event carries the line and the
    // lane was not already on it (a timer-arm and the suspend that follows on the same line stop once).
    bool entersLine(std::int64_t seq) const;
    // The first event after `seq` that enters one of `lines`, or -1.
    std::int64_t nextHitAfter(std::int64_t seq, const std::set<int> &lines) const;

private:
    std::size_t m_eventCount = 0;
    std::vector<std::uint32_t> m_outputs;
    std::vector<int> m_locLine;          // per location id: line in the sample's source, or 0
    std::vector<SourceLine> m_shownLine; // per event
    std::vector<int> m_ownLine;          // per event
    std::vector<bool> m_entersLine;      // per event
};

} // namespace coroscope
