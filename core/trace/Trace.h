#pragma once

#include "Event.h"
#include "Lane.h"
#include "StringTable.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace coroscope {

struct SourceLocation {
    std::uint32_t file = 0; // string id of the file name
    std::uint32_t line = 0;
    bool operator==(const SourceLocation &) const = default;
};

// The due time of an armed timer, keyed by the seq of its TimerArm event (kept in seq order).
struct TimerDue {
    std::uint32_t armEvent = 0;
    std::int64_t due = 0;
    bool operator==(const TimerDue &) const = default;
};

enum class ClockMode : std::uint8_t { Virtual, Real };

// A bookmarked step with an optional short note (a teacher's "look here"), saved with the trace.
struct Annotation {
    std::uint32_t seq = 0; // the event it marks
    std::string note;      // UTF-8, at most MaxAnnotationBytes; may be empty (a bare bookmark)
    bool operator==(const Annotation &) const = default;
};
inline constexpr std::size_t MaxAnnotationBytes = 1000;

// A recorded run: plain data, shared by the runtime (writer), the file formats and the views.
struct Trace {
    std::vector<Event> events;
    std::vector<Lane> lanes;
    StringTable strings;
    std::vector<SourceLocation> locations{SourceLocation{}}; // id 0 = unknown
    std::vector<TimerDue> timerDues;
    std::vector<std::pair<std::string, std::string>> metadata; // e.g. {"sample", "gather-order"}
    ClockMode clock = ClockMode::Virtual;
    std::vector<Annotation> annotations; // sorted by seq, at most one per event

    std::string_view detail(const Event &e) const { return strings.at(e.detail); }
    const SourceLocation &location(const Event &e) const { return locations[e.loc]; }
    std::string_view fileName(const SourceLocation &l) const { return strings.at(l.file); }
    // "file.cpp:12", or empty when unknown.
    std::string locationText(const Event &e) const;
    // The detail with tabs and newlines as spaces: one event, one line of a listing.
    std::string detailLine(const Event &e) const;
    // Due time of the timer armed by `armEvent`, or -1.
    std::int64_t dueTime(std::uint32_t armEvent) const;
    std::string metaValue(std::string_view key) const;
    // The annotation on event `seq`, or null.
    const Annotation *annotationAt(std::uint32_t seq) const;
    // Adds or replaces the annotation on `a.seq`, keeping the list sorted.
    void setAnnotation(Annotation a);
    // False when there was none.
    bool removeAnnotation(std::uint32_t seq);

    bool operator==(const Trace &) const;
};

} // namespace coroscope
