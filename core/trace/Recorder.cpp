#include "Recorder.h"

#include <algorithm>
#include <chrono>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace coroscope {

Recorder::Recorder(std::uint64_t budget)
    : m_budget(budget)
{
    // Reserve address space for the whole budget up front (capped): the vector never reallocates
    // and copies mid-run, and untouched pages cost no memory.
    m_trace.events.reserve(std::size_t(std::min<std::uint64_t>(budget, 1u << 22)));
    adviseHugePages();
    updateFastEnd();
}

void Recorder::updateFastEnd()
{
    Event *end = nullptr;
    if (m_enabled && !m_shared.load(std::memory_order_relaxed) && !m_realStart) {
        auto &events = m_trace.events;
        const auto room = std::min<std::uint64_t>(m_budget, events.capacity());
        end = events.data() + room;
    }
    m_fastEnd.store(end, std::memory_order_relaxed);
}

void Recorder::adviseHugePages()
{
#ifdef __linux__
    // A big run touches its event array page by page: with 4 KiB pages a page fault (~3 us on a VM)
    // comes every 170 events, more than the recording itself. Transparent huge pages, where the
    // system leaves them to the program's advice, make that one fault per 2 MiB.
    constexpr std::uintptr_t huge = 2u << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(m_trace.events.data()) + huge - 1) & ~(huge - 1);
    const auto end
        = reinterpret_cast<std::uintptr_t>(m_trace.events.data() + m_trace.events.capacity()) & ~(huge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#endif
}

std::uint32_t Recorder::addLane(std::string_view name, LaneKind kind, std::uint32_t parent, std::uint32_t cause)
{
    return locked([&] {
        const auto lane = std::uint32_t(m_trace.lanes.size());
        // The name is interned once, for the lane and its Create event's detail (not when nothing
        // is recorded: the bare scheduler's benchmark hashes no names, and its lanes have none).
        const auto nameId = m_enabled ? m_trace.strings.intern(name) : 0;
        const auto created = std::uint32_t(m_trace.events.size());
        append(EventKind::Create, lane, cause, nameId, 0);
        m_trace.lanes.push_back(Lane{nameId, kind, parent, created});
        return lane;
    });
}

void Recorder::renameLane(std::uint32_t lane, std::string_view name)
{
    locked([&] { m_trace.lanes[lane].nameId = m_trace.strings.intern(name); });
}

std::uint32_t Recorder::locationSlow(const std::source_location &where)
{
    return locked([&] {
        const LocKey key{where.file_name(), where.line()};
        if (auto it = m_locIds.find(key); it != m_locIds.end())
            return it->second;
        const auto id = std::uint32_t(m_trace.locations.size());
        m_trace.locations.push_back({m_trace.strings.intern(where.file_name()), where.line()});
        m_libraryLocs.resize(id + 1);
        m_libraryLocs[id] = std::string_view(where.file_name()).find("core/runtime/") != std::string_view::npos;
        m_locIds.emplace(key, id);
        return id;
    });
}

void Recorder::timerFired(std::uint32_t armEvent)
{
    auto &dues = m_trace.timerDues;
    const auto it = std::lower_bound(dues.begin(), dues.end(), armEvent,
                                     [](const TimerDue &t, std::uint32_t seq) { return t.armEvent < seq; });
    if (it == dues.end() || it->armEvent != armEvent || it->due != now())
        return; // no due noted, or a late fire (the real clock): the entry stays
    it->due = ImpliedDue;
    if (++m_impliedDues >= 64 && m_impliedDues * 2 >= dues.size())
        compactTimerDues();
}

void Recorder::insertTimerDue(std::uint32_t armEvent, std::int64_t due)
{
    auto &dues = m_trace.timerDues;
    const auto it = std::lower_bound(dues.begin(), dues.end(), armEvent,
                                     [](const TimerDue &t, std::uint32_t seq) { return t.armEvent < seq; });
    if (it != dues.end() && it->armEvent == armEvent) {
        if (it->due == ImpliedDue)
            --m_impliedDues;
        it->due = due;
    } else {
        dues.insert(it, {armEvent, due});
    }
}

void Recorder::compactTimerDues()
{
    std::erase_if(m_trace.timerDues, [](const TimerDue &t) { return t.due == ImpliedDue; });
    m_impliedDues = 0;
}

void Recorder::finish()
{
    compactTimerDues();
    m_trace.timerDues.shrink_to_fit();
    auto &epochs = m_trace.epochs;
    while (epochs.size() > 1 && epochs.back().firstSeq >= m_trace.events.size())
        epochs.pop_back(); // opened by a clock jump after the last event
}

std::int64_t Recorder::steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace coroscope
