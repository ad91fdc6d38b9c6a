#include "LoopState.h"

#include <algorithm>

namespace coroscope {

LoopState loopStateAt(const Trace &trace, std::uint32_t seq)
{
    LoopStateTracker tracker(trace);
    return tracker.at(seq);
}

LoopStateTracker::LoopStateTracker(const Trace &trace)
    : m_trace(trace)
{
}

const LoopState &LoopStateTracker::at(std::uint32_t seq)
{
    if (m_trace.events.empty())
        return m_state;
    seq = std::min<std::uint32_t>(seq, std::uint32_t(m_trace.events.size() - 1));
    if (std::int64_t(seq) < m_position) {
        m_state = {};
        m_runningStack.clear();
        m_inCallback = false;
        m_position = -1;
    }
    while (m_position < std::int64_t(seq))
        apply(std::uint32_t(++m_position));
    return m_state;
}

void LoopStateTracker::apply(std::uint32_t seq)
{
    const Event &e = m_trace.events[seq];
    m_state.clock = e.time;
    // A plain callback has no end event: its slice ends when the loop takes the next entry.
    auto endCallbackSlice = [&] {
        if (m_inCallback && !m_runningStack.empty())
            m_runningStack.pop_back();
        m_inCallback = false;
    };
    auto consume = [&](std::uint32_t cause) {
        auto it = std::find_if(m_state.ready.begin(), m_state.ready.end(),
                               [cause](const LoopState::Ready &r) { return r.event == cause; });
        if (it == m_state.ready.end())
            return false;
        m_state.ready.erase(it);
        return true;
    };
    auto disarm = [&](std::uint32_t arm) {
        std::erase_if(m_state.timers, [arm](const LoopState::Timer &t) { return t.armEvent == arm; });
    };
    // Who runs: a stack, because a generator runs inside its caller and a callback inside the loop.
    auto setRunning = [&] { m_state.running = m_runningStack.empty() ? NoLane : m_runningStack.back(); };

    switch (e.eventKind()) {
    case EventKind::Schedule:
        m_state.ready.push_back({seq, e.lane, e.detail});
        break;
    case EventKind::TimerArm: {
        LoopState::Timer t{seq, e.lane, m_trace.dueTime(seq), e.detail};
        auto pos = std::upper_bound(m_state.timers.begin(), m_state.timers.end(), t,
                                    [](const LoopState::Timer &a, const LoopState::Timer &b) {
                                        return a.due != b.due ? a.due < b.due : a.armEvent < b.armEvent;
                                    });
        m_state.timers.insert(pos, t);
        break;
    }
    case EventKind::Clock:
        endCallbackSlice();
        break;
    case EventKind::TimerFire:
        endCallbackSlice();
        disarm(e.cause);
        m_state.ready.push_back({seq, e.lane, e.detail});
        break;
    case EventKind::TimerCancel:
        disarm(e.cause);
        break;
    case EventKind::Start:
    case EventKind::Resume:
        if (e.cause != NoEvent && std::any_of(m_state.ready.begin(), m_state.ready.end(),
                                              [&](const LoopState::Ready &r) { return r.event == e.cause; })) {
            endCallbackSlice();
            consume(e.cause);
        }
        m_runningStack.push_back(e.lane);
        break;
    case EventKind::Callback:
        endCallbackSlice();
        consume(e.cause);
        m_runningStack.push_back(e.lane);
        m_inCallback = true;
        break;
    case EventKind::Suspend:
    case EventKind::Done:
    case EventKind::Error:
    case EventKind::Cancel:
        // The lane stops; whoever it interrupted (its caller, or the loop) runs again.
        if (auto it = std::find(m_runningStack.rbegin(), m_runningStack.rend(), e.lane); it != m_runningStack.rend())
            m_runningStack.erase(std::next(it).base());
        break;
    default:
        break;
    }
    setRunning();
}

} // namespace coroscope
