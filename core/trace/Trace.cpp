#include "Trace.h"

#include <algorithm>
#include <cstring>

namespace coroscope {

namespace {
constexpr std::string_view kEventKindNames[] = {
    "create", "start", "suspend", "resume", "output", "enter", "leave", "done", "error",
    "cancel", "schedule", "callback", "timer-arm", "timer-fire", "timer-cancel", "clock", "fault", "submit", "sync",
};
static_assert(std::size(kEventKindNames) == EventKindCount);

constexpr std::string_view kLaneKindNames[] = {"module", "loop", "task", "coroutine", "generator", "worker", "process"};
static_assert(std::size(kLaneKindNames) == int(LaneKind::Count_));
} // namespace

std::string_view eventKindName(EventKind kind)
{
    const auto i = std::size_t(kind);
    return i < std::size(kEventKindNames) ? kEventKindNames[i] : std::string_view("?");
}

bool eventKindFromName(std::string_view name, EventKind &out)
{
    for (std::size_t i = 0; i < std::size(kEventKindNames); ++i) {
        if (kEventKindNames[i] == name) {
            out = EventKind(i);
            return true;
        }
    }
    return false;
}

std::string_view laneKindName(LaneKind kind)
{
    const auto i = std::size_t(kind);
    return i < std::size(kLaneKindNames) ? kLaneKindNames[i] : std::string_view("?");
}

bool laneKindFromName(std::string_view name, LaneKind &out)
{
    for (std::size_t i = 0; i < std::size(kLaneKindNames); ++i) {
        if (kLaneKindNames[i] == name) {
            out = LaneKind(i);
            return true;
        }
    }
    return false;
}

std::string Trace::detailLine(const Event &e) const
{
    std::string text(detail(e));
    for (auto &c : text)
        if (c == '\n' || c == '\t')
            c = ' ';
    return text;
}

std::string Trace::locationText(const Event &e) const
{
    const auto &l = location(e);
    if (l.line == 0)
        return {};
    std::string_view file = fileName(l);
    if (auto slash = file.rfind('/'); slash != std::string_view::npos)
        file.remove_prefix(slash + 1);
    return std::string(file) + ':' + std::to_string(l.line);
}

std::size_t Trace::epochAt(std::uint32_t seq) const
{
    const auto it = std::upper_bound(epochs.begin(), epochs.end(), seq,
                                     [](std::uint32_t s, const TimeEpoch &e) { return s < e.firstSeq; });
    return it == epochs.begin() ? 0 : std::size_t(it - epochs.begin() - 1);
}

std::int64_t Trace::epochBase(std::uint32_t seq) const
{
    return epochs.empty() ? 0 : epochs[epochAt(seq)].base;
}

void Trace::openEpoch(std::int64_t base)
{
    const auto next = std::uint32_t(events.size());
    if (epochs.empty())
        epochs.push_back({0, base});
    else if (epochs.back().firstSeq >= next) // no event in it yet: it takes the new base
        epochs.back().base = base;
    else
        epochs.push_back({next, base});
}

void EventClock::seek(std::uint32_t seq)
{
    const auto &epochs = m_trace->epochs;
    if (epochs.empty()) {
        m_first = 0;
        m_count = 0xffffffffu;
        m_base = 0;
        return;
    }
    const auto i = m_trace->epochAt(seq);
    m_first = epochs[i].firstSeq;
    m_count = (i + 1 < epochs.size() ? epochs[i + 1].firstSeq : 0xffffffffu) - m_first;
    m_base = epochs[i].base;
}

std::uint32_t TimerFireIndex::fireOf(const EventArray &events, std::uint32_t arm) const
{
    std::lock_guard guard(m_mutex);
    if (m_indexed > events.size()) { // the events were replaced: start again
        m_fires.clear();
        m_indexed = 0;
    }
    const auto byCause = [&events](std::uint32_t a, std::uint32_t b) {
        return events[a].cause != events[b].cause ? events[a].cause < events[b].cause : a < b;
    };
    if (m_indexed < events.size()) {
        const auto old = m_fires.size();
        for (auto seq = m_indexed; seq < events.size(); ++seq) {
            const Event &e = events[seq];
            if (e.eventKind() == EventKind::TimerFire && e.cause != NoEvent)
                m_fires.push_back(std::uint32_t(seq));
        }
        m_indexed = events.size();
        const auto mid = m_fires.begin() + std::ptrdiff_t(old);
        std::sort(mid, m_fires.end(), byCause);
        std::inplace_merge(m_fires.begin(), mid, m_fires.end(), byCause);
    }
    const auto it = std::partition_point(m_fires.begin(), m_fires.end(),
                                         [&](std::uint32_t fire) { return events[fire].cause < arm; });
    return it != m_fires.end() && events[*it].cause == arm ? *it : NoEvent;
}

std::int64_t Trace::dueTime(std::uint32_t armEvent) const
{
    auto it = std::lower_bound(timerDues.begin(), timerDues.end(), armEvent,
                               [](const TimerDue &t, std::uint32_t seq) { return t.armEvent < seq; });
    if (it != timerDues.end() && it->armEvent == armEvent && it->due != ImpliedDue)
        return it->due;
    const auto fire = timerFireOf(armEvent);
    return fire < events.size() ? time(fire) : -1;
}

void Trace::dropImpliedTimerDues()
{
    if (timerDues.empty())
        return;
    std::vector<TimerDue> kept;
    kept.reserve(timerDues.size());
    for (const TimerDue &t : timerDues) {
        if (t.due == ImpliedDue)
            continue;
        const auto fire = timerFireOf(t.armEvent);
        if (fire < events.size() && time(fire) == t.due)
            continue;
        kept.push_back(t);
    }
    kept.shrink_to_fit();
    timerDues = std::move(kept);
}

std::string Trace::metaValue(std::string_view key) const
{
    for (const auto &[k, v] : metadata)
        if (k == key)
            return v;
    return {};
}

const Annotation *Trace::annotationAt(std::uint32_t seq) const
{
    auto it = std::lower_bound(annotations.begin(), annotations.end(), seq,
                               [](const Annotation &a, std::uint32_t s) { return a.seq < s; });
    return it != annotations.end() && it->seq == seq ? &*it : nullptr;
}

void Trace::setAnnotation(Annotation a)
{
    auto it = std::lower_bound(annotations.begin(), annotations.end(), a.seq,
                               [](const Annotation &x, std::uint32_t s) { return x.seq < s; });
    if (it != annotations.end() && it->seq == a.seq)
        *it = std::move(a);
    else
        annotations.insert(it, std::move(a));
}

bool Trace::removeAnnotation(std::uint32_t seq)
{
    auto it = std::lower_bound(annotations.begin(), annotations.end(), seq,
                               [](const Annotation &x, std::uint32_t s) { return x.seq < s; });
    if (it == annotations.end() || it->seq != seq)
        return false;
    annotations.erase(it);
    return true;
}

bool Trace::operator==(const Trace &o) const
{
    bool sameEvents = events.size() == o.events.size();
    EventClock mine(*this), theirs(o);
    for (std::uint32_t i = 0; sameEvents && i < events.size(); ++i) {
        const Event &a = events[i], &b = o.events[i];
        sameEvents = mine(i) == theirs(i) && a.lane == b.lane && a.cause == b.cause && a.detail == b.detail
            && a.loc == b.loc && a.kind == b.kind;
    }
    return sameEvents && lanes == o.lanes && strings == o.strings && locations == o.locations
        && timerDues == o.timerDues && metadata == o.metadata && clock == o.clock
        && annotations == o.annotations;
}

} // namespace coroscope
