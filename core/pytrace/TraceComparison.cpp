#include "TraceComparison.h"

#include "trace/LoopState.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>

namespace coroscope {

namespace {

using Where = std::function<std::string(const Trace &, const SourceLocation &)>;

// Lanes named so that the two runs can be matched: "averager()", "averager() #2", ...
std::vector<std::string> laneKeys(const Trace &trace)
{
    std::map<std::string, int> seen;
    std::vector<std::string> keys;
    for (std::uint32_t i = 0; i < trace.lanes.size(); ++i) {
        const std::string name(trace.laneName(i));
        const int n = ++seen[name];
        keys.push_back(n == 1 ? name : fmt::format("{} #{}", name, n));
    }
    return keys;
}

struct Steps {
    std::vector<std::string> keys;           // lane keys
    std::vector<std::string> all;            // "lane: step", in trace order
    std::vector<std::vector<std::string>> byLane;
    std::vector<std::uint32_t> outputs;      // seqs of Output events
};

Steps steps(const Trace &trace, const Where &where)
{
    Steps s;
    s.keys = laneKeys(trace);
    s.byLane.resize(trace.lanes.size());
    std::vector<std::uint32_t> index(trace.events.size());
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        const Event &e = trace.events[i];
        if (e.lane >= trace.lanes.size())
            continue;
        index[i] = std::uint32_t(s.byLane[e.lane].size());
        std::string step = fmt::format("{} {} @{}", eventKindName(e.eventKind()), trace.detailLine(e), trace.time(std::uint32_t(i)));
        // An error's line is where CPython's traceback last touched the user's code (the editor
        // marks it); C++ exceptions carry no traceback, so that line is not compared.
        if (e.loc != 0 && e.eventKind() != EventKind::Error)
            step += " " + where(trace, trace.locations[e.loc]);
        if (e.cause != NoEvent && e.cause < i) {
            const Event &c = trace.events[e.cause];
            step += fmt::format(" <- {}#{}", s.keys[c.lane], index[e.cause]);
        }
        s.all.push_back(s.keys[e.lane] + ": " + step);
        s.byLane[e.lane].push_back(std::move(step));
        if (e.eventKind() == EventKind::Output)
            s.outputs.push_back(std::uint32_t(i));
    }
    return s;
}

std::string loopState(const Trace &trace, const std::vector<std::string> &keys, LoopStateTracker &tracker,
                      std::uint32_t seq)
{
    const LoopState &state = tracker.at(seq);
    std::string out = "ready [";
    for (std::size_t i = 0; i < state.ready.size(); ++i)
        out += fmt::format("{}{} {}", i ? ", " : "", keys[state.ready[i].lane], trace.strings.at(state.ready[i].name));
    out += "] timers [";
    for (std::size_t i = 0; i < state.timers.size(); ++i)
        out += fmt::format("{}{} @{}", i ? ", " : "", trace.strings.at(state.timers[i].name), state.timers[i].due);
    out += "]";
    // The primitives' holders and waiters (woken ones starred), when the program has any.
    if (!state.primitives.empty()) {
        out += " sync [";
        for (std::size_t i = 0; i < state.primitives.size(); ++i) {
            const auto &p = state.primitives[i];
            out += fmt::format("{}{} value={} set={} held(", i ? ", " : "", p.name, p.value, p.set);
            for (std::size_t h = 0; h < p.holders.size(); ++h)
                out += (h ? " " : "") + keys[p.holders[h]];
            out += ") waiting(";
            for (std::size_t w = 0; w < p.waiters.size(); ++w)
                out += (w ? " " : "") + keys[p.waiters[w].lane] + (p.waiters[w].woken ? "*" : "");
            out += ")";
        }
        out += "]";
    }
    return out;
}

std::string fileName(std::string_view path)
{
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

} // namespace

std::optional<std::size_t> firstDifference(const Trace &left, const Trace &right, const ComparisonOptions &options)
{
    const Steps a = steps(left, options.leftWhere);
    const Steps b = steps(right, options.rightWhere);
    const auto n = std::min(a.all.size(), b.all.size());
    for (std::size_t i = 0; i < n; ++i)
        if (a.all[i] != b.all[i])
            return i;
    if (a.all.size() != b.all.size())
        return n;
    return std::nullopt;
}

std::vector<std::string> comparableSteps(const Trace &trace, const Where &where)
{
    return steps(trace, where).all;
}

std::vector<std::string> compareTraces(const Trace &left, const Trace &right, const ComparisonOptions &options,
                                       std::string_view leftName, std::string_view rightName)
{
    std::vector<std::string> diffs;
    const auto add = [&](std::string d) {
        if (diffs.size() < options.maxDifferences)
            diffs.push_back(std::move(d));
    };
    const Steps a = steps(left, options.leftWhere);
    const Steps b = steps(right, options.rightWhere);

    // The same lanes, in the order they were created.
    if (a.keys != b.keys) {
        for (const auto &k : a.keys)
            if (std::find(b.keys.begin(), b.keys.end(), k) == b.keys.end())
                add(fmt::format("lane '{}' only on {}", k, leftName));
        for (const auto &k : b.keys)
            if (std::find(a.keys.begin(), a.keys.end(), k) == a.keys.end())
                add(fmt::format("lane '{}' only on {}", k, rightName));
        if (diffs.empty())
            add("the lanes are created in another order");
    }
    // Lane by lane: the same steps.
    for (std::size_t la = 0; la < a.keys.size(); ++la) {
        const auto it = std::find(b.keys.begin(), b.keys.end(), a.keys[la]);
        if (it == b.keys.end())
            continue;
        const auto &sa = a.byLane[la];
        const auto &sb = b.byLane[std::size_t(it - b.keys.begin())];
        const auto n = std::min(sa.size(), sb.size());
        std::size_t i = 0;
        while (i < n && sa[i] == sb[i])
            ++i;
        if (i < n)
            add(fmt::format("lane '{}', step {}: {} '{}', {} '{}'", a.keys[la], i, leftName, sa[i], rightName, sb[i]));
        else if (sa.size() != sb.size())
            add(fmt::format("lane '{}': {} steps on {}, {} on {} (next: '{}')", a.keys[la], sa.size(), leftName,
                            sb.size(), rightName, sa.size() > sb.size() ? sa[n] : sb[n]));
    }
    // Across lanes: the same interleaving.
    {
        const auto n = std::min(a.all.size(), b.all.size());
        std::size_t i = 0;
        while (i < n && a.all[i] == b.all[i])
            ++i;
        if (i < n)
            add(fmt::format("order, event {}: {} '{}', {} '{}'", i, leftName, a.all[i], rightName, b.all[i]));
        else if (a.all.size() != b.all.size())
            add(fmt::format("{} events on {}, {} on {}", a.all.size(), leftName, b.all.size(), rightName));
    }
    // The loop's state at every printed line.
    if (a.keys == b.keys) {
        LoopStateTracker ta(left), tb(right);
        const auto n = std::min(a.outputs.size(), b.outputs.size());
        for (std::size_t k = 0; k < n; ++k) {
            const auto sa = loopState(left, a.keys, ta, a.outputs[k]);
            const auto sb = loopState(right, b.keys, tb, b.outputs[k]);
            if (sa != sb) {
                add(fmt::format("loop state at output {} ('{}'): {} {}, {} {}", k,
                                left.detailLine(left.events[a.outputs[k]]), leftName, sa, rightName, sb));
                break;
            }
        }
    }
    return diffs;
}

Where cppPortWhere(std::string cppFile, std::string_view cppSource)
{
    auto lines = std::make_shared<std::vector<int>>();
    std::size_t start = 0;
    while (start <= cppSource.size()) {
        auto nl = cppSource.find('\n', start);
        if (nl == std::string_view::npos)
            nl = cppSource.size();
        const auto line = cppSource.substr(start, nl - start);
        int py = 0;
        if (const auto mark = line.rfind("// py:"); mark != std::string_view::npos) {
            const auto digits = line.substr(mark + 6);
            std::from_chars(digits.data(), digits.data() + digits.size(), py);
        }
        lines->push_back(py);
        start = nl + 1;
    }
    const auto base = fileName(cppFile);
    return [lines, base](const Trace &trace, const SourceLocation &loc) -> std::string {
        if (fileName(trace.strings.at(loc.file)) != base)
            return "lib";
        if (loc.line == 0 || loc.line > lines->size() || (*lines)[loc.line - 1] == 0)
            return fmt::format("cpp:{}", loc.line);
        return std::to_string((*lines)[loc.line - 1]);
    };
}

Where pythonWhere(std::string pythonFile)
{
    const auto base = fileName(pythonFile);
    return [base](const Trace &trace, const SourceLocation &loc) -> std::string {
        if (fileName(trace.strings.at(loc.file)) != base)
            return "lib";
        return std::to_string(loc.line);
    };
}

} // namespace coroscope
