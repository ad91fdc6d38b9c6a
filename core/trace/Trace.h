#pragma once

#include "Event.h"
#include "EventArray.h"
#include "Lane.h"
#include "StringTable.h"

#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace coroscope {

struct SourceLocation {
    std::uint32_t file = 0; // string id of the file name
    std::uint32_t line = 0;
    bool operator==(const SourceLocation &) const = default;
};

// The due time of an armed timer, keyed by the seq of its TimerArm event (kept in seq order). Only
// the dues a TimerFire does not imply are kept: a timer that fired at its due nanosecond (always, on
// the virtual clock) has none; cancelled ones, those still armed at the end and late fires do.
struct TimerDue {
    std::uint32_t armEvent = 0;
    std::int64_t due = 0;
    bool operator==(const TimerDue &) const = default;
};
// A due the recorder found implied by its TimerFire while recording, not yet compacted away (only
// seen in a trace still being recorded): readers skip it.
inline constexpr std::int64_t ImpliedDue = std::numeric_limits<std::int64_t>::min();

// A run of events sharing a time base: from `firstSeq` to the next epoch's, an event happened at
// `base` + Event::timeLo. An event more than 2^32-1 ns (4.29 s) past its epoch's base opens the next
// one, so most traces have a single epoch and a time costs one add.
struct TimeEpoch {
    std::uint32_t firstSeq = 0;
    std::int64_t base = 0;
    bool operator==(const TimeEpoch &) const = default;
};

// Which TimerFire fired which TimerArm: built when first asked, extended as events are appended.
// A copy starts empty (it is a cache, rebuilt from the events).
class TimerFireIndex
{
public:
    TimerFireIndex() = default;
    TimerFireIndex(const TimerFireIndex &) noexcept { }
    TimerFireIndex &operator=(const TimerFireIndex &) noexcept
    {
        reset();
        return *this;
    }
    // The TimerFire whose cause is `arm`, or NoEvent.
    std::uint32_t fireOf(const EventArray &events, std::uint32_t arm) const;
    void reset()
    {
        std::lock_guard guard(m_mutex);
        m_fires.clear();
        m_indexed = 0;
    }

private:
    mutable std::mutex m_mutex; // views on several threads may ask at once
    mutable std::vector<std::uint32_t> m_fires; // TimerFire seqs, by their cause (the arm): 4 B a timer
    mutable std::size_t m_indexed = 0; // events scanned so far
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
    EventArray events;
    std::vector<TimeEpoch> epochs{TimeEpoch{}}; // by firstSeq; never empty, epochs[0].firstSeq = 0
    std::vector<Lane> lanes;
    StringTable strings;
    std::vector<SourceLocation> locations{SourceLocation{}}; // id 0 = unknown
    std::vector<TimerDue> timerDues;
    std::vector<std::pair<std::string, std::string>> metadata; // e.g. {"sample", "gather-order"}
    ClockMode clock = ClockMode::Virtual;
    std::vector<Annotation> annotations; // sorted by seq, at most one per event

    // Lane `lane`'s name ("Task-1 main()"): valid as long as the trace (strings never move).
    std::string_view laneName(std::uint32_t lane) const { return strings.at(lanes[lane].nameId); }
    // Appends a lane, its name interned; returns its index.
    std::uint32_t addLane(std::string_view name, LaneKind kind, std::uint32_t parent, std::uint32_t created)
    {
        lanes.push_back(Lane{strings.intern(name), kind, parent, created});
        return std::uint32_t(lanes.size() - 1);
    }

    // When event `seq` happened (ns). One branch with one epoch; a binary search otherwise (scans
    // use an EventClock instead).
    std::int64_t time(std::uint32_t seq) const
    {
        const std::int64_t lo = events[seq].timeLo;
        if (epochs.size() == 1) [[likely]]
            return epochs.front().base + lo;
        return epochBase(seq) + lo;
    }
    // The same for `e`, which must be one of `events` (not a copy).
    std::int64_t timeOf(const Event &e) const { return time(std::uint32_t(&e - events.data())); }
    // The time of the last event, or 0 for an empty trace.
    std::int64_t endTime() const
    {
        if (events.empty())
            return 0;
        const auto last = std::uint32_t(events.size() - 1);
        // The last event is in the last epoch unless one was opened after it.
        return epochs.back().firstSeq <= last ? epochs.back().base + events[last].timeLo : time(last);
    }
    // The index in `epochs` of the epoch holding event `seq`.
    std::size_t epochAt(std::uint32_t seq) const;
    std::int64_t epochBase(std::uint32_t seq) const;
    // Appends `e` as having happened at `time` (its timeLo is set), opening an epoch when the time
    // does not fit the current one. Returns its seq.
    std::uint32_t append(Event e, std::int64_t time)
    {
        const TimeEpoch &last = epochs.back();
        if (time < last.base || std::uint64_t(time) - std::uint64_t(last.base) > 0xffffffffu) [[unlikely]]
            openEpoch(time);
        e.timeLo = std::uint32_t(std::uint64_t(time) - std::uint64_t(epochs.back().base));
        events.push_back(e);
        return std::uint32_t(events.size() - 1);
    }
    // The next event appended starts an epoch with this base.
    void openEpoch(std::int64_t base);

    std::string_view detail(const Event &e) const { return strings.at(e.detail); }
    const SourceLocation &location(const Event &e) const { return locations[e.loc]; }
    std::string_view fileName(const SourceLocation &l) const { return strings.at(l.file); }
    // "file.cpp:12", or empty when unknown.
    std::string locationText(const Event &e) const;
    // The detail with tabs and newlines as spaces: one event, one line of a listing.
    std::string detailLine(const Event &e) const;
    // Due time of the timer armed by `armEvent`: its timerDues entry, else the time of the
    // TimerFire that fired it, else -1.
    std::int64_t dueTime(std::uint32_t armEvent) const;
    // The TimerFire whose cause is `armEvent`, or NoEvent.
    std::uint32_t timerFireOf(std::uint32_t armEvent) const { return m_fires.fireOf(events, armEvent); }
    // Drops the timerDues entries that the timer's TimerFire implies (it fired at its due), and
    // ImpliedDue ones. For producers that record every due (the Python tracer's stream).
    void dropImpliedTimerDues();
    std::string metaValue(std::string_view key) const;
    // The annotation on event `seq`, or null.
    const Annotation *annotationAt(std::uint32_t seq) const;
    // Adds or replaces the annotation on `a.seq`, keeping the list sorted.
    void setAnnotation(Annotation a);
    // False when there was none.
    bool removeAnnotation(std::uint32_t seq);

    // Equal events (at equal times, however the epochs split them) and equal tables.
    bool operator==(const Trace &) const;

private:
    TimerFireIndex m_fires;
};

// Reads event times in increasing seq order (or near it) without a search per event: one compare
// while the seq stays in the current epoch.
class EventClock
{
public:
    explicit EventClock(const Trace &trace)
        : m_trace(&trace)
    { }
    std::int64_t operator()(std::uint32_t seq)
    {
        if (seq - m_first >= m_count) [[unlikely]]
            seek(seq);
        return m_base + std::int64_t(m_trace->events[seq].timeLo);
    }

private:
    void seek(std::uint32_t seq);
    const Trace *m_trace;
    std::uint32_t m_first = 0;
    std::uint32_t m_count = 0; // seqs in the current epoch (to the end of the seq range for the last)
    std::int64_t m_base = 0;
};

} // namespace coroscope
