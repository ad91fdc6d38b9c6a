#include "LoopState.h"

#include <algorithm>
#include <charconv>

namespace coroscope {

std::string_view SyncDetail::field(std::string_view key) const
{
    std::string_view r = rest;
    while (!r.empty()) {
        const auto space = r.find(' ');
        const auto item = r.substr(0, space);
        if (item.size() > key.size() && item.starts_with(key) && item[key.size()] == '=')
            return item.substr(key.size() + 1);
        if (space == std::string_view::npos)
            break;
        r.remove_prefix(space + 1);
    }
    return {};
}

SyncDetail parseSyncDetail(std::string_view detail)
{
    SyncDetail d;
    const auto space = detail.find(' ');
    d.name = detail.substr(0, space);
    if (const auto dash = d.name.rfind('-'); dash != std::string_view::npos)
        d.kind = d.name.substr(0, dash);
    else
        d.kind = d.name;
    if (space == std::string_view::npos)
        return d;
    auto rest = detail.substr(space + 1);
    const auto verbEnd = rest.find(' ');
    d.verb = rest.substr(0, verbEnd);
    if (verbEnd != std::string_view::npos)
        d.rest = rest.substr(verbEnd + 1);
    return d;
}

LoopState loopStateAt(const Trace &trace, std::uint32_t seq)
{
    LoopStateTracker tracker(trace);
    return tracker.at(seq);
}

namespace {
// Checkpoints hold copies of the queues: past this many entries in all of them, keep half as many.
constexpr std::size_t kCheckpointBudget = std::size_t(1) << 22; // ~4M entries, some 64 MiB at worst

std::size_t entriesOf(const LoopState &s, const std::vector<std::uint32_t> &stack)
{
    return 1 + s.ready.size() + s.timers.size() + stack.size() + s.primitives.size();
}

int toInt(std::string_view text, int fallback)
{
    int v = fallback;
    if (text.empty() || std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc())
        return fallback;
    return v;
}

LoopState::Primitive *findPrimitive(LoopState &s, std::string_view name)
{
    // Backwards: the primitives a program touches are usually its newest.
    for (auto it = s.primitives.rbegin(); it != s.primitives.rend(); ++it)
        if (it->name == name)
            return &*it;
    return nullptr;
}

void removeWaiter(LoopState::Primitive &p, std::uint32_t lane)
{
    auto it = std::find_if(p.waiters.begin(), p.waiters.end(),
                           [lane](const LoopState::Primitive::Waiter &w) { return w.lane == lane; });
    if (it != p.waiters.end())
        p.waiters.erase(it);
}

// One `sync` event: the primitive's holders, waiters and counters move as the runtime's did.
void applySync(LoopState &s, const Trace &trace, const Event &e, std::uint32_t seq)
{
    const SyncDetail d = parseSyncDetail(trace.strings.at(e.detail));
    auto *p = findPrimitive(s, d.name);
    if (d.verb == "created" || !p) {
        if (p && d.verb == "created")
            *p = {};
        else
            p = &s.primitives.emplace_back();
        p->name = std::string(d.name);
        p->kind = std::string(d.kind);
    }
    p->lastEvent = seq;
    if (const auto v = d.field("value"); !v.empty())
        p->value = toInt(v, p->value);
    if (const auto v = d.field("parties"); !v.empty())
        p->parties = toInt(v, p->parties);
    if (const auto v = d.field("lock"); !v.empty())
        p->lock = std::string(v);
    const auto lane = e.lane;
    if (d.verb == "acquire") {
        removeWaiter(*p, lane);
        if (p->kind == "Lock")
            p->holders.clear();
        p->holders.push_back(lane);
    } else if (d.verb == "release") {
        auto it = std::find(p->holders.begin(), p->holders.end(), lane);
        if (it == p->holders.end() && !p->holders.empty())
            it = p->holders.begin(); // a semaphore may be released by a lane that did not acquire it
        if (it != p->holders.end())
            p->holders.erase(it);
    } else if (d.verb == "wait") {
        p->waiters.push_back({lane, false});
    } else if (d.verb == "cancel" || d.verb == "leave" || d.verb == "pass") {
        removeWaiter(*p, lane);
    } else if (d.verb == "set") {
        p->set = true;
    } else if (d.verb == "clear" || d.verb == "reset") {
        p->set = false;
    } else if (d.verb == "abort") {
        p->set = true;
    }
}

// A wake-up scheduled by a release / set / notify: its waiter is marked woken.
void markWoken(LoopState &s, const Trace &trace, const Event &schedule)
{
    const Event &cause = trace.events[schedule.cause];
    if (cause.eventKind() != EventKind::Sync)
        return;
    const SyncDetail d = parseSyncDetail(trace.strings.at(cause.detail));
    if (auto *p = findPrimitive(s, d.name))
        for (auto &w : p->waiters)
            if (w.lane == schedule.lane)
                w.woken = true;
}
} // namespace

LoopStateTracker::LoopStateTracker(const Trace &trace, std::uint32_t checkpointInterval)
    : m_trace(trace)
    , m_times(trace)
    , m_interval(std::max<std::uint32_t>(1, checkpointInterval))
{
}

const LoopState &LoopStateTracker::at(std::uint32_t seq)
{
    if (m_trace.events.empty())
        return m_now.state;
    seq = std::min<std::uint32_t>(seq, std::uint32_t(m_trace.events.size() - 1));
    if (std::int64_t(seq) < m_now.position) {
        // The last checkpoint at or before seq, or the very beginning.
        auto it = std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), std::int64_t(seq),
                                   [](std::int64_t s, const Replay &c) { return s < c.position; });
        m_now = it == m_checkpoints.begin() ? Replay{} : *std::prev(it);
    }
    while (m_now.position < std::int64_t(seq)) {
        apply(std::uint32_t(++m_now.position));
        if ((m_now.position + 1) % m_interval == 0)
            keepCheckpoint();
    }
    return m_now.state;
}

void LoopStateTracker::keepCheckpoint()
{
    if (!m_checkpoints.empty() && m_checkpoints.back().position >= m_now.position)
        return; // already kept on an earlier pass
    m_checkpoints.push_back(m_now);
    m_checkpointEntries += entriesOf(m_now.state, m_now.runningStack);
    if (m_checkpointEntries <= kCheckpointBudget)
        return;
    // Over budget: double the interval and keep only the checkpoints that fall on it.
    m_interval *= 2;
    std::erase_if(m_checkpoints, [this](const Replay &c) { return (c.position + 1) % m_interval != 0; });
    m_checkpointEntries = 0;
    for (const auto &c : m_checkpoints)
        m_checkpointEntries += entriesOf(c.state, c.runningStack);
}

void LoopStateTracker::apply(std::uint32_t seq)
{
    const Event &e = m_trace.events[seq];
    m_now.state.clock = m_times(seq);
    // A plain callback has no end event: its slice ends when the loop takes the next entry.
    auto endCallbackSlice = [&] {
        if (m_now.inCallback && !m_now.runningStack.empty())
            m_now.runningStack.pop_back();
        m_now.inCallback = false;
    };
    auto consume = [&](std::uint32_t cause) {
        auto it = std::find_if(m_now.state.ready.begin(), m_now.state.ready.end(),
                               [cause](const LoopState::Ready &r) { return r.event == cause; });
        if (it == m_now.state.ready.end())
            return false;
        m_now.state.ready.erase(it);
        return true;
    };
    auto disarm = [&](std::uint32_t arm) {
        std::erase_if(m_now.state.timers, [arm](const LoopState::Timer &t) { return t.armEvent == arm; });
    };
    // Who runs: a stack, because a generator runs inside its caller and a callback inside the loop.
    auto setRunning = [&] { m_now.state.running = m_now.runningStack.empty() ? NoLane : m_now.runningStack.back(); };

    switch (e.eventKind()) {
    case EventKind::Schedule:
        m_now.state.ready.push_back({seq, e.lane, e.detail});
        if (e.cause < seq)
            markWoken(m_now.state, m_trace, e);
        break;
    case EventKind::Sync:
        applySync(m_now.state, m_trace, e, seq);
        break;
    case EventKind::TimerArm: {
        LoopState::Timer t{seq, e.lane, m_trace.dueTime(seq), e.detail};
        auto pos = std::upper_bound(m_now.state.timers.begin(), m_now.state.timers.end(), t,
                                    [](const LoopState::Timer &a, const LoopState::Timer &b) {
                                        return a.due != b.due ? a.due < b.due : a.armEvent < b.armEvent;
                                    });
        m_now.state.timers.insert(pos, t);
        break;
    }
    case EventKind::Clock:
        endCallbackSlice();
        break;
    case EventKind::TimerFire:
        endCallbackSlice();
        disarm(e.cause);
        m_now.state.ready.push_back({seq, e.lane, e.detail});
        break;
    case EventKind::TimerCancel:
        disarm(e.cause);
        break;
    case EventKind::Start:
    case EventKind::Resume:
        if (e.cause != NoEvent && std::any_of(m_now.state.ready.begin(), m_now.state.ready.end(),
                                              [&](const LoopState::Ready &r) { return r.event == e.cause; })) {
            endCallbackSlice();
            consume(e.cause);
        }
        m_now.runningStack.push_back(e.lane);
        break;
    case EventKind::Enter:
        // A flow of another tool's trace may land in a nested slice: its Schedule is taken then.
        if (e.cause != NoEvent)
            consume(e.cause);
        break;
    case EventKind::Callback:
        endCallbackSlice();
        consume(e.cause);
        m_now.runningStack.push_back(e.lane);
        m_now.inCallback = true;
        break;
    case EventKind::Suspend:
    case EventKind::Done:
    case EventKind::Error:
    case EventKind::Cancel:
        // The lane stops; whoever it interrupted (its caller, or the loop) runs again.
        if (auto it = std::find(m_now.runningStack.rbegin(), m_now.runningStack.rend(), e.lane); it != m_now.runningStack.rend())
            m_now.runningStack.erase(std::next(it).base());
        break;
    default:
        break;
    }
    setRunning();
}

} // namespace coroscope
