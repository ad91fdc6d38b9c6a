#include "LoopState.h"

#include <algorithm>

namespace coroscope {

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
    return 1 + s.ready.size() + s.timers.size() + stack.size();
}
} // namespace

LoopStateTracker::LoopStateTracker(const Trace &trace, std::uint32_t checkpointInterval)
    : m_trace(trace)
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
    m_now.state.clock = e.time;
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
