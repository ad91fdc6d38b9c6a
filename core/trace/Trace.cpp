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

constexpr std::string_view kLaneKindNames[] = {"module", "loop", "task", "coroutine", "generator", "worker"};
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

std::int64_t Trace::dueTime(std::uint32_t armEvent) const
{
    auto it = std::lower_bound(timerDues.begin(), timerDues.end(), armEvent,
                               [](const TimerDue &t, std::uint32_t seq) { return t.armEvent < seq; });
    return it != timerDues.end() && it->armEvent == armEvent ? it->due : -1;
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
    const auto sameEvents = events.size() == o.events.size()
        && std::equal(events.begin(), events.end(), o.events.begin(), [](const Event &a, const Event &b) {
               return a.time == b.time && a.lane == b.lane && a.cause == b.cause && a.detail == b.detail
                   && a.loc == b.loc && a.kind == b.kind;
           });
    return sameEvents && lanes == o.lanes && strings == o.strings && locations == o.locations
        && timerDues == o.timerDues && metadata == o.metadata && clock == o.clock
        && annotations == o.annotations;
}

} // namespace coroscope
