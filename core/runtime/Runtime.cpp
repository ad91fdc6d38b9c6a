#include "Runtime.h"

#include "Exceptions.h"

#include <fmt/format.h>

#include <chrono>
#include <unordered_map>

namespace coroscope {

Runtime::Runtime(RunOptions options)
    : m_options(std::move(options))
    , m_recorder(m_options.eventBudget)
    , m_previousFrames(s_frames)
    , m_previous(s_current)
{
    s_current = this;
    s_frames = &m_frames;
    m_recorder.trace().clock = m_options.clock;
    if (m_options.clock == ClockMode::Real)
        m_recorder.useRealClock(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::steady_clock::now().time_since_epoch())
                                    .count());
    m_moduleLane = m_recorder.addLane("<module>", LaneKind::Module, NoLane);
    const auto start = m_recorder.record(EventKind::Start, m_moduleLane);
    m_frames.push_back({m_moduleLane, start});
}

Runtime::~Runtime()
{
    s_current = m_previous;
    s_frames = m_previousFrames;
}

Runtime::ThreadScope::ThreadScope(Runtime &runtime, std::uint32_t lane, std::uint32_t startEvent)
{
    runtime.recorder().setShared();
    s_current = &runtime;
    m_frames.push_back({lane, startEvent});
    s_frames = &m_frames;
}

Runtime::ThreadScope::~ThreadScope()
{
    s_current = nullptr;
    s_frames = nullptr;
}

std::vector<std::string> Runtime::output()
{
    std::lock_guard guard(m_outputMutex);
    return m_output;
}

std::uint32_t Runtime::newLane(std::string_view name, LaneKind kind, std::uint32_t cause)
{
    return m_recorder.addLane(name, kind, currentLane(), cause == NoEvent ? currentSlice() : cause);
}

std::uint32_t Runtime::awaitSite(std::uint32_t loc)
{
    if (!m_recorder.isLibraryLocation(loc) || m_recorder.isShared())
        return loc;
    // Back through the lane's events to the innermost Enter not matched by a Leave. It is near:
    // the library coroutine was entered in this slice, or a few switches ago. A helper awaited
    // without an Enter in this slice (noteAwaitSite) is the answer when no Enter is more inner.
    const bool siteHere = m_siteSlice != NoEvent && m_siteSlice == currentSlice();
    const std::size_t stop = siteHere ? m_siteSeq : 0;
    const auto &events = m_recorder.trace().events;
    const auto lane = currentLane();
    int depth = 0;
    constexpr std::size_t maxScan = 1 << 16;
    for (std::size_t i = events.size(), scanned = 0; i-- > stop && scanned < maxScan; ++scanned) {
        const auto &e = events[i];
        if (e.lane != lane)
            continue;
        const auto kind = e.eventKind();
        if (kind == EventKind::Leave) {
            ++depth;
        } else if (kind == EventKind::Enter) {
            if (depth > 0)
                --depth;
            else if (e.loc != 0 && !m_recorder.isLibraryLocation(e.loc))
                return e.loc;
        } else if (kind == EventKind::Start || kind == EventKind::Create) {
            break;
        }
    }
    return siteHere ? m_siteLoc : loc;
}

int Runtime::nextPrimitiveNumber(std::string_view kind)
{
    auto it = m_primitiveCounters.find(kind);
    if (it == m_primitiveCounters.end())
        it = m_primitiveCounters.emplace(std::string(kind), 0).first;
    return ++it->second;
}

void Runtime::print(std::string line, std::uint32_t loc)
{
    std::lock_guard guard(m_outputMutex); // one line at a time, in the order they are recorded
    m_recorder.record(EventKind::Output, currentLane(), NoEvent, line, loc);
    if (m_options.echo)
        m_options.echo(line);
    m_output.push_back(std::move(line));
}

void Runtime::logError(std::string report)
{
    std::lock_guard guard(m_outputMutex);
    m_errorOutput.push_back(std::move(report));
}

std::vector<std::string> Runtime::errorOutput()
{
    std::lock_guard guard(m_outputMutex);
    return m_errorOutput;
}

void Runtime::abortRun() const
{
    if (m_options.stop && m_options.stop->load(std::memory_order_relaxed))
        throw RunAborted("stopped: the run was cancelled");
    throw RunAborted(fmt::format("event budget exceeded: the program recorded {} events and was stopped "
                                 "(a runaway loop?)",
                                 m_recorder.budget()));
}

std::string coroutineName(std::string_view pretty)
{
    // Drop GCC's template suffix " [with T = ...]", find the parameter list that closes the
    // signature, then the identifier in front of it.
    if (auto with = pretty.find(" [with "); with != std::string_view::npos)
        pretty = pretty.substr(0, with);
    if (pretty.find("<lambda") != std::string_view::npos)
        return "<lambda>()";
    auto close = pretty.rfind(')');
    if (close == std::string_view::npos)
        return std::string(pretty) + "()";
    int depth = 0;
    std::size_t open = std::string_view::npos;
    for (std::size_t i = close + 1; i-- > 0;) {
        if (pretty[i] == ')')
            ++depth;
        else if (pretty[i] == '(' && --depth == 0) {
            open = i;
            break;
        }
    }
    if (open == std::string_view::npos)
        return std::string(pretty) + "()";
    auto head = pretty.substr(0, open);
    auto start = head.find_last_of(": ");
    auto name = start == std::string_view::npos ? head : head.substr(start + 1);
    // Python's protocol methods, which C++ cannot spell: aenter() stands for __aenter__.
    for (std::string_view dunder : {"aenter", "aexit", "anext", "aiter"})
        if (name == dunder)
            return "__" + std::string(name) + "__()";
    return std::string(name) + "()";
}

const std::string &coroutineNameOf(const char *prettyFunction)
{
    thread_local std::unordered_map<const char *, std::string> names;
    auto it = names.find(prettyFunction);
    if (it == names.end())
        it = names.emplace(prettyFunction, coroutineName(prettyFunction)).first;
    return it->second;
}

} // namespace coroscope
