#include "TraceText.h"

namespace coroscope {

QString TraceText::time(std::int64_t ns)
{
    const bool fine = ns % 1'000'000 != 0;
    return tr("%1 s").arg(double(ns) / 1e9, 0, 'f', fine ? 6 : 3);
}

QString TraceText::kind(EventKind kind)
{
    switch (kind) {
    case EventKind::Create: return tr("create");
    case EventKind::Start: return tr("start");
    case EventKind::Suspend: return tr("suspend");
    case EventKind::Resume: return tr("resume");
    case EventKind::Output: return tr("output");
    case EventKind::Enter: return tr("enter");
    case EventKind::Leave: return tr("leave");
    case EventKind::Done: return tr("done");
    case EventKind::Error: return tr("error");
    case EventKind::Cancel: return tr("cancel");
    case EventKind::Schedule: return tr("schedule");
    case EventKind::Callback: return tr("callback");
    case EventKind::TimerArm: return tr("timer-arm");
    case EventKind::TimerFire: return tr("timer-fire");
    case EventKind::TimerCancel: return tr("timer-cancel");
    case EventKind::Clock: return tr("clock");
    case EventKind::Fault: return tr("fault");
    case EventKind::Submit: return tr("submit");
    case EventKind::Sync: return tr("sync");
    default: break; // a kind newer than this build of the app: its name in the trace format
    }
    return str(eventKindName(kind));
}

QString TraceText::kindHelp(EventKind kind)
{
    switch (kind) {
    case EventKind::Create: return tr("A task, coroutine, generator or worker came to life.");
    case EventKind::Start: return tr("Its code began to run.");
    case EventKind::Suspend: return tr("It stopped at an await or a yield and waits.");
    case EventKind::Resume: return tr("It continues after its await or yield.");
    case EventKind::Output: return tr("A line was printed.");
    case EventKind::Enter: return tr("An awaited coroutine runs inline, in the same task.");
    case EventKind::Leave: return tr("That inline coroutine returned.");
    case EventKind::Done: return tr("Its code returned.");
    case EventKind::Error: return tr("It ended with an exception.");
    case EventKind::Cancel: return tr("It was cancelled.");
    case EventKind::Schedule: return tr("A callback entered the event loop's ready queue.");
    case EventKind::Callback: return tr("The event loop ran a callback.");
    case EventKind::TimerArm: return tr("A timer was armed.");
    case EventKind::TimerFire: return tr("A due timer moved its callback to the ready queue.");
    case EventKind::TimerCancel: return tr("An armed timer was cancelled.");
    case EventKind::Clock: return tr("Nothing was ready: the clock jumped to the next timer.");
    case EventKind::Fault: return tr("The run was stopped.");
    case EventKind::Submit: return tr("Work was handed to a worker: an executor's thread, a new thread or a new process.");
    case EventKind::Sync:
        return tr("A lock, event, condition, semaphore or barrier acted: taken, released, set, waited for.");
    default: break;
    }
    return {};
}

QString TraceText::laneName(const Trace &trace, std::uint32_t lane)
{
    if (lane >= trace.lanes.size())
        return {};
    const Lane &l = trace.lanes[lane];
    if (l.kind == LaneKind::Loop)
        return tr("event loop");
    const auto name = trace.laneName(lane);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

QString TraceText::detail(const Trace &trace, const Event &e)
{
    if (!trace.strings.contains(e.detail))
        return {};
    return str(trace.detail(e));
}

QString TraceText::location(const Trace &trace, const Event &e)
{
    if (e.loc >= trace.locations.size())
        return {};
    const auto &l = trace.locations[e.loc];
    if (l.line == 0 || !trace.strings.contains(l.file))
        return {};
    return QString::fromStdString(trace.locationText(e));
}

} // namespace coroscope
