#include "ChromeTraceExport.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>
#include <vector>

namespace coroscope {

namespace {

void appendJsonString(std::string &out, std::string_view s)
{
    out.push_back('"');
    std::size_t run = 0; // start of the current run of bytes that need no escape
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            fmt::format_to(std::back_inserter(out), "\\u{:04x}", unsigned(c));
            break;
        }
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

// Nanoseconds as the microseconds Chrome expects, exactly: "12", "12.5", "0.001".
void appendMicros(std::string &out, std::int64_t value)
{
    std::uint64_t ns = std::uint64_t(value);
    if (value < 0) {
        out.push_back('-');
        ns = 0 - ns; // the magnitude, also for INT64_MIN
    }
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, ns / 1000).ptr);
    if (const auto frac = ns % 1000) {
        char buf[4] = {'.', char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10)};
        std::size_t n = 4;
        while (buf[n - 1] == '0')
            --n;
        out.append(buf, n);
    }
}

bool endsRun(EventKind k)
{
    return k == EventKind::Suspend || k == EventKind::Done || k == EventKind::Error || k == EventKind::Cancel;
}

bool isWakeUp(EventKind k)
{
    return k == EventKind::Start || k == EventKind::Resume || k == EventKind::Callback
        || k == EventKind::Enter;
}

std::string suspensionName(const Trace &trace, const Event &e)
{
    const auto what = trace.detail(e);
    return what.empty() ? std::string("suspended") : fmt::format("await {}", what);
}

class ChromeWriter
{
public:
    explicit ChromeWriter(const Trace &trace)
        : m_trace(trace)
    {
        m_out.reserve(256 + trace.events.size() * 190);
    }

    std::string take()
    {
        m_out += "{\"displayTimeUnit\":\"ns\",\n\"traceEvents\":[\n";
        writeThreads();
        computeTimes();
        writeEvents();
        // The tables come last: some Perfetto versions stop reading at a top-level key they do not
        // know, which is harmless once the events are read.
        m_out += "],\n";
        writeHeader();
        m_out += "}\n";
        return std::move(m_out);
    }

private:
    void writeHeader()
    {
        const Trace &t = m_trace;
        m_out += "\"coroscope\":{\"version\":";
        appendInt(m_out, kChromeFormatVersion);
        m_out += ",\"clock\":";
        m_out += t.clock == ClockMode::Real ? "\"real\"" : "\"virtual\"";
        m_out += ",\"events\":";
        appendInt(m_out, std::int64_t(t.events.size()));
        m_out += ",\n\"metadata\":[";
        for (std::size_t i = 0; i < t.metadata.size(); ++i) {
            m_out += i ? ",[" : "[";
            appendJsonString(m_out, t.metadata[i].first);
            m_out.push_back(',');
            appendJsonString(m_out, t.metadata[i].second);
            m_out.push_back(']');
        }
        m_out += "],\n\"strings\":[";
        for (std::uint32_t i = 0; i < t.strings.size(); ++i) {
            if (i)
                m_out.push_back(',');
            appendJsonString(m_out, t.strings.at(i));
        }
        m_out += "],\n\"locations\":[";
        for (std::size_t i = 0; i < t.locations.size(); ++i) {
            m_out += i ? ",[" : "[";
            appendInt(m_out, t.locations[i].file);
            m_out.push_back(',');
            appendInt(m_out, t.locations[i].line);
            m_out.push_back(']');
        }
        m_out += "],\n\"lanes\":[";
        for (std::size_t i = 0; i < t.lanes.size(); ++i) {
            const Lane &l = t.lanes[i];
            m_out += i ? ",\n{\"name\":" : "\n{\"name\":";
            appendJsonString(m_out, t.strings.at(l.nameId));
            m_out += ",\"kind\":";
            appendJsonString(m_out, laneKindName(l.kind));
            m_out += ",\"parent\":";
            appendInt(m_out, l.parent == NoLane ? -1 : std::int64_t(l.parent));
            m_out += ",\"created\":";
            appendInt(m_out, l.created);
            m_out.push_back('}');
        }
        m_out += "],\n\"timerDues\":[";
        bool firstDue = true;
        for (const TimerDue &d : t.timerDues) {
            if (d.due == ImpliedDue)
                continue; // (a trace still being recorded): its TimerFire says it
            m_out += firstDue ? "[" : ",[";
            firstDue = false;
            appendInt(m_out, d.armEvent);
            m_out.push_back(',');
            appendInt(m_out, d.due);
            m_out.push_back(']');
        }
        m_out += "]}";
    }

    void writeThreads()
    {
        std::string title = m_trace.metaValue("title");
        if (title.empty())
            title = m_trace.metaValue("sample");
        std::string name = title.empty() ? std::string("Coroscope") : "Coroscope: " + title;
        // A traced script says which Python it ran on ("Coroscope: gather-order (CPython 3.12.1)").
        if (const auto python = m_trace.metaValue("python"); !python.empty() && m_trace.metaValue("runtime") == "cpython")
            name += " (CPython " + python + ")";
        m_out += "{\"ph\":\"M\",\"pid\":1,\"tid\":0,\"name\":\"process_name\",\"args\":{\"name\":";
        appendJsonString(m_out, name);
        m_out += "}}";
        for (std::size_t i = 0; i < m_trace.lanes.size(); ++i) {
            m_out += ",\n{\"ph\":\"M\",\"pid\":1,\"tid\":";
            appendInt(m_out, std::int64_t(i) + 1);
            m_out += ",\"name\":\"thread_name\",\"args\":{\"name\":";
            appendJsonString(m_out, m_trace.laneName(std::uint32_t(i)));
            m_out += "}},\n{\"ph\":\"M\",\"pid\":1,\"tid\":";
            appendInt(m_out, std::int64_t(i) + 1);
            m_out += ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":";
            appendInt(m_out, std::int64_t(i));
            m_out += "}}";
        }
    }

    // Display times: the clock, but strictly increasing, so that runs of zero-time steps (generators,
    // the virtual clock between jumps) stay apart and in order. The true time travels in args "t".
    void computeTimes()
    {
        const auto &events = m_trace.events;
        const std::int64_t step = m_trace.clock == ClockMode::Virtual ? 1000 : 1; // 1 us, or 1 ns
        m_display.resize(events.size());
        std::int64_t prev = 0;
        EventClock time(m_trace);
        for (std::uint32_t i = 0; i < events.size(); ++i) {
            const std::int64_t t = time(i);
            if (i == 0 || (t > prev && std::uint64_t(t) - std::uint64_t(prev) >= std::uint64_t(step)))
                m_display[i] = t;
            else // overflow-safe prev + step: absurd clocks must not make undefined behaviour
                m_display[i] = prev > std::numeric_limits<std::int64_t>::max() - step ? prev : prev + step;
            prev = m_display[i];
        }
        // Where each running span (start/resume) ends: the lane's next suspend/done/error/cancel,
        // its next start/resume, or the end of the trace.
        m_runEnd.assign(events.size(), NoEvent);
        std::vector<std::uint32_t> open(m_trace.lanes.size(), NoEvent);
        for (std::uint32_t i = 0; i < events.size(); ++i) {
            const Event &e = events[i];
            if (e.lane >= open.size())
                continue;
            const auto k = e.eventKind();
            if (k == EventKind::Start || k == EventKind::Resume || endsRun(k)) {
                if (open[e.lane] != NoEvent)
                    m_runEnd[open[e.lane]] = i;
                open[e.lane] = (k == EventKind::Start || k == EventKind::Resume) ? i : NoEvent;
            }
        }
    }

    std::int64_t lastDisplay() const { return m_display.empty() ? 0 : m_display.back(); }

    void common(char ph, std::uint32_t lane, std::int64_t ts)
    {
        m_out += ",\n{\"ph\":\"";
        m_out.push_back(ph);
        m_out += "\",\"pid\":1,\"tid\":";
        appendInt(m_out, std::int64_t(lane) + 1);
        m_out += ",\"ts\":";
        appendMicros(m_out, ts);
    }

    void nativeArgs(std::uint32_t seq)
    {
        const Event &e = m_trace.events[seq];
        m_out += ",\"args\":{\"seq\":";
        appendInt(m_out, seq);
        m_out += ",\"kind\":\"";
        m_out += eventKindName(e.eventKind());
        m_out.push_back('"');
        if (e.detail) {
            m_out += ",\"detail\":";
            appendJsonString(m_out, m_trace.detail(e));
            m_out += ",\"d\":"; // its string id: the importer checks it instead of hashing the text
            appendInt(m_out, e.detail);
        }
        if (e.loc) {
            m_out += ",\"at\":";
            appendJsonString(m_out, m_trace.locationText(e));
            m_out += ",\"loc\":";
            appendInt(m_out, e.loc);
        }
        if (e.cause != NoEvent) {
            m_out += ",\"cause\":";
            appendInt(m_out, e.cause);
        }
        if (const auto time = m_times(seq); m_display[seq] != time) {
            m_out += ",\"t\":";
            appendInt(m_out, time);
        }
        m_out += "}}";
    }

    void endSuspension(std::uint32_t lane, std::int64_t ts)
    {
        const std::uint32_t s = m_suspended[lane];
        if (s == NoEvent)
            return;
        m_suspended[lane] = NoEvent;
        common('e', lane, ts);
        m_out += ",\"cat\":\"suspend\",\"id\":";
        appendInt(m_out, s);
        m_out += ",\"name\":";
        appendJsonString(m_out, suspensionName(m_trace, m_trace.events[s]));
        m_out += "}";
    }

    void writeEvents()
    {
        const auto &events = m_trace.events;
        m_suspended.assign(m_trace.lanes.size(), NoEvent);
        for (std::uint32_t i = 0; i < events.size(); ++i) {
            const Event &e = events[i];
            const auto k = e.eventKind();
            const std::int64_t ts = m_display[i];
            const bool laneOk = e.lane < m_trace.lanes.size();
            if (laneOk && (k == EventKind::Start || k == EventKind::Resume || endsRun(k)))
                endSuspension(e.lane, ts);
            if (isWakeUp(k) && e.cause < i && events[e.cause].lane < m_trace.lanes.size()) {
                // Flow arrow from the waking event to the slice that it woke.
                common('s', events[e.cause].lane, m_display[e.cause]);
                m_out += ",\"cat\":\"wake-up\",\"name\":\"wake-up\",\"id\":";
                appendInt(m_out, i);
                m_out += "}";
                common('f', e.lane, ts);
                m_out += ",\"bp\":\"e\",\"cat\":\"wake-up\",\"name\":\"wake-up\",\"id\":";
                appendInt(m_out, i);
                m_out += "}";
            }
            if (k == EventKind::Start || k == EventKind::Resume) {
                const auto end = m_runEnd[i] == NoEvent ? lastDisplay() : m_display[m_runEnd[i]];
                common('X', e.lane, ts);
                m_out += ",\"dur\":";
                appendMicros(m_out, std::max<std::int64_t>(end - ts, 0));
                m_out += ",\"cat\":\"running\",\"name\":";
                appendJsonString(m_out, laneOk ? m_trace.laneName(e.lane) : std::string_view("?"));
            } else if (k == EventKind::Suspend && laneOk) {
                common('b', e.lane, ts);
                m_out += ",\"cat\":\"suspend\",\"id\":";
                appendInt(m_out, i);
                m_out += ",\"name\":";
                appendJsonString(m_out, suspensionName(m_trace, e));
                m_suspended[e.lane] = i;
            } else {
                common('i', e.lane, ts);
                m_out += ",\"s\":\"t\",\"cat\":\"event\",\"name\":\"";
                m_out += eventKindName(k);
                m_out.push_back('"');
            }
            nativeArgs(i);
        }
        for (std::uint32_t lane = 0; lane < m_suspended.size(); ++lane)
            endSuspension(lane, lastDisplay());
    }

    const Trace &m_trace;
    EventClock m_times{m_trace}; // nativeArgs() goes through the events in order
    std::string m_out;
    std::vector<std::int64_t> m_display;
    std::vector<std::uint32_t> m_runEnd;
    std::vector<std::uint32_t> m_suspended;
};

} // namespace

std::string serializeChromeTrace(const Trace &trace)
{
    return ChromeWriter(trace).take();
}

} // namespace coroscope
