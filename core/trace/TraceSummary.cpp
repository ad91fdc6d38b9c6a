#include "TraceSummary.h"

#include <fmt/format.h>

#include <array>

namespace coroscope {

std::string summarizeTrace(const Trace &trace)
{
    std::string out;
    const auto sample = trace.metaValue("sample");
    out += fmt::format("sample:   {}\n", sample.empty() ? "(none)" : sample);
    if (const auto script = trace.metaValue("script"); !script.empty())
        out += fmt::format("script:   {} (CPython {})\n", script, trace.metaValue("python"));
    out += fmt::format("clock:    {}\n", trace.clock == ClockMode::Virtual ? "virtual" : "real");
    const double duration = double(trace.endTime()) / 1e9;
    out += fmt::format("duration: {:.6f} s\n", duration);
    out += fmt::format("events:   {}\n", trace.events.size());

    std::array<std::size_t, EventKindCount> counts{};
    std::vector<std::size_t> perLane(trace.lanes.size());
    std::vector<std::string_view> printed;
    std::string fault;
    for (const auto &e : trace.events) {
        ++counts[e.kind];
        ++perLane[e.lane];
        if (e.eventKind() == EventKind::Output)
            printed.push_back(trace.detail(e));
        if (e.eventKind() == EventKind::Fault)
            fault = trace.detail(e);
    }
    for (int k = 0; k < EventKindCount; ++k)
        if (counts[k])
            out += fmt::format("  {:<13} {}\n", eventKindName(EventKind(k)), counts[k]);
    out += fmt::format("lanes:    {}\n", trace.lanes.size());
    for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
        const auto &l = trace.lanes[i];
        out += fmt::format("  {:>3}  {:<10} {:<28} {} events\n", i, laneKindName(l.kind), trace.laneName(std::uint32_t(i)), perLane[i]);
    }
    out += fmt::format("output:   {} lines\n", printed.size());
    for (auto line : printed)
        out += fmt::format("  | {}\n", line);
    if (!trace.annotations.empty()) {
        out += fmt::format("notes:    {}\n", trace.annotations.size());
        for (const auto &a : trace.annotations)
            out += fmt::format("  {:>5}  {}\n", a.seq, a.note.empty() ? "(bookmark)" : a.note);
    }
    if (!fault.empty())
        out += fmt::format("fault:    {}\n", fault);
    return out;
}

} // namespace coroscope
