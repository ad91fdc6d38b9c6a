#include "Generator.h"

namespace coroscope::detail {

GeneratorTransfer::GeneratorTransfer(std::uint32_t genLane, bool started, std::string_view call,
                                     std::string_view passed, const std::source_location &where,
                                     std::uint32_t continuedFrom)
    : m_rt(Runtime::current())
    , m_genLane(genLane)
    , m_callerLane(m_rt.currentLane())
{
    m_rt.checkBudget();
    auto &rec = m_rt.recorder();
    m_callEvent = continuedFrom != NoEvent
        ? continuedFrom
        : rec.record(EventKind::Suspend, m_callerLane, NoEvent, call, where.line() ? m_rt.location(where) : 0);
    const auto ev = rec.record(started ? EventKind::Resume : EventKind::Start, m_genLane, m_callEvent,
                               started ? passed : std::string_view());
    m_rt.enter(m_genLane, ev);
    m_entered = true;
}

GeneratorTransfer::~GeneratorTransfer()
{
    if (m_entered)
        m_rt.leave();
}

void GeneratorTransfer::yielded(std::uint32_t suspendEvent, std::string_view valueRepr, bool resumeCaller)
{
    m_rt.leave();
    m_entered = false;
    if (resumeCaller)
        m_rt.recorder().record(EventKind::Resume, m_callerLane, suspendEvent, valueRepr);
}

std::uint32_t GeneratorTransfer::returned(std::string_view valueRepr, bool resumeCaller)
{
    auto &rec = m_rt.recorder();
    const auto done = rec.record(EventKind::Done, m_genLane, NoEvent, valueRepr);
    m_rt.leave();
    m_entered = false;
    if (resumeCaller)
        rec.record(EventKind::Resume, m_callerLane, done,
                   valueRepr == "None" ? std::string("StopIteration()")
                                       : "StopIteration(" + std::string(valueRepr) + ")");
    return done;
}

std::uint32_t GeneratorTransfer::raised(const std::exception_ptr &e, bool resumeCaller)
{
    auto &rec = m_rt.recorder();
    const bool closed = isGeneratorExit(e);
    const auto end = closed ? rec.record(EventKind::Done, m_genLane, NoEvent, "closed")
                            : rec.record(EventKind::Error, m_genLane, NoEvent, describeException(e));
    m_rt.leave();
    m_entered = false;
    if (resumeCaller) // inside `yield from`, the delegating generator resumes instead
        rec.record(EventKind::Resume, m_callerLane, end, closed ? std::string("None") : "raised " + describeException(e));
    return end;
}

bool isGeneratorExit(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const GeneratorExit &) {
        return true;
    } catch (...) {
        return false;
    }
}

std::string generatorLaneName(const char *function)
{
    return coroutineName(function);
}

} // namespace coroscope::detail
