#include "ChromeTrace.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <new>
#include <utility>
#include <vector>

namespace coroscope {

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

namespace {

constexpr int kChromeFormatVersion = 1;
// Times beyond ±10^15 us (31 years) are refused, so that ts + dur and shifts to the first event never
// overflow 64-bit nanoseconds.
constexpr std::int64_t kMaxMicros = 1'000'000'000'000'000;

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
            appendJsonString(m_out, l.name);
            m_out += ",\"kind\":";
            appendJsonString(m_out, laneKindName(l.kind));
            m_out += ",\"parent\":";
            appendInt(m_out, l.parent == NoLane ? -1 : std::int64_t(l.parent));
            m_out += ",\"created\":";
            appendInt(m_out, l.created);
            m_out.push_back('}');
        }
        m_out += "],\n\"timerDues\":[";
        for (std::size_t i = 0; i < t.timerDues.size(); ++i) {
            m_out += i ? ",[" : "[";
            appendInt(m_out, t.timerDues[i].armEvent);
            m_out.push_back(',');
            appendInt(m_out, t.timerDues[i].due);
            m_out.push_back(']');
        }
        m_out += "]}";
    }

    void writeThreads()
    {
        std::string title = m_trace.metaValue("title");
        if (title.empty())
            title = m_trace.metaValue("sample");
        m_out += "{\"ph\":\"M\",\"pid\":1,\"tid\":0,\"name\":\"process_name\",\"args\":{\"name\":";
        appendJsonString(m_out, title.empty() ? std::string("Coroscope") : "Coroscope: " + title);
        m_out += "}}";
        for (std::size_t i = 0; i < m_trace.lanes.size(); ++i) {
            m_out += ",\n{\"ph\":\"M\",\"pid\":1,\"tid\":";
            appendInt(m_out, std::int64_t(i) + 1);
            m_out += ",\"name\":\"thread_name\",\"args\":{\"name\":";
            appendJsonString(m_out, m_trace.lanes[i].name);
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
        for (std::size_t i = 0; i < events.size(); ++i) {
            const std::int64_t t = events[i].time;
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
        if (m_display[seq] != e.time) {
            m_out += ",\"t\":";
            appendInt(m_out, e.time);
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
                appendJsonString(m_out, laneOk ? std::string_view(m_trace.lanes[e.lane].name) : "?");
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

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

namespace {

// A JSON number as written: its text, and whether it has a fraction or an exponent.
struct Number {
    std::string_view text;
    bool integral = true;
};

// One native event carried in a JSON event's args, resolved once the tables are known.
struct Carried {
    std::int64_t time = 0;
    std::uint64_t offset = 0; // where its JSON event starts, for error messages
    std::uint32_t seq = 0;
    std::uint32_t lane = 0;
    std::uint32_t cause = NoEvent;
    std::uint32_t loc = 0;
    std::uint32_t detailOffset = 0;
    std::uint32_t detailLength = 0;
    std::uint32_t detailId = 0xffffffffu; // args.d, when given
    std::uint8_t kind = 0;
};

// A slice or instant of a foreign Chrome trace.
struct ForeignEvent {
    std::int64_t ts = 0;
    std::int64_t dur = 0; // slices; -1 for an instant
    std::uint32_t lane = 0;
    std::uint32_t nameOffset = 0;
    std::uint32_t nameLength = 0;
};

class ChromeReader
{
public:
    explicit ChromeReader(std::string_view json)
        : m_json(json)
    { }

    std::optional<Trace> read(TraceFileError *error)
    {
        const bool ok = parseDocument() && build();
        if (!ok) {
            if (error)
                *error = TraceFileError {m_message, m_errorOffset};
            return std::nullopt;
        }
        return std::move(m_trace);
    }

private:
    // --- errors -----------------------------------------------------------------------------
    bool failAt(std::size_t offset, std::string_view message)
    {
        if (!m_message.empty())
            return false;
        offset = std::min(offset, m_json.size());
        std::size_t line = 1, lineStart = 0;
        // p < end first: memchr on the null data() of an empty input is undefined (UBSan).
        for (const char *p = m_json.data(), *end = m_json.data() + offset;
             p < end && (p = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)))); ++p) {
            ++line;
            lineStart = std::size_t(p - m_json.data()) + 1;
        }
        m_message = fmt::format("line {}, column {}: {}", line, offset - lineStart + 1, message);
        m_errorOffset = offset;
        return false;
    }
    bool fail(std::string_view message) { return failAt(m_pos, message); }

    // --- lexing -----------------------------------------------------------------------------
    bool atEnd() const { return m_pos >= m_json.size(); }
    char cur() const { return m_json[m_pos]; }
    void ws()
    {
        if (m_pos < m_json.size() && static_cast<unsigned char>(m_json[m_pos]) > ' ') [[likely]]
            return;
        while (m_pos < m_json.size()) {
            const char c = m_json[m_pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return;
            ++m_pos;
        }
    }
    bool expect(char c, std::string_view what)
    {
        ws();
        if (m_pos < m_json.size() && m_json[m_pos] == c) [[likely]] {
            ++m_pos;
            return true;
        }
        return expectFailed(c, what);
    }
    [[gnu::noinline, gnu::cold]] bool expectFailed(char c, std::string_view what)
    {
        if (atEnd())
            return fail(fmt::format("unexpected end of input, expected {}", what));
        if (cur() != c)
            return fail(fmt::format("expected {}, found {}", what, describeHere()));
        ++m_pos;
        return true;
    }
    std::string describeHere() const
    {
        if (atEnd())
            return "the end of input";
        const auto c = static_cast<unsigned char>(cur());
        return c >= 0x20 && c < 0x7f ? fmt::format("'{}'", char(c))
                                     : fmt::format("byte 0x{:02x}", unsigned(c));
    }
    // After a member or element: true and `more` = whether another follows (',' eaten), or the close.
    bool next(char close, bool &more)
    {
        ws();
        if (m_pos < m_json.size()) [[likely]] {
            const char c = m_json[m_pos];
            if (c == ',' || c == close) {
                ++m_pos;
                more = c == ',';
                return true;
            }
        }
        return nextFailed(close);
    }
    [[gnu::noinline, gnu::cold]] bool nextFailed(char close)
    {
        if (atEnd())
            return fail(fmt::format("unexpected end of input, expected ',' or '{}'", close));
        return fail(fmt::format("expected ',' or '{}', found {}", close, describeHere()));
    }
    // Opens an object or array; `empty` tells whether it closed at once.
    bool open(char c, int depth, std::string_view what, bool &empty)
    {
        if (depth > kChromeMaxDepth)
            return fail(fmt::format("nesting deeper than {} levels", kChromeMaxDepth));
        if (!expect(c, what))
            return false;
        ws();
        const char close = c == '{' ? '}' : ']';
        empty = !atEnd() && cur() == close;
        if (empty)
            ++m_pos;
        return true;
    }

    static int hexDigit(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }
    bool hex4(std::uint32_t &out)
    {
        if (m_json.size() - m_pos < 4)
            return fail("unexpected end of input in a \\u escape");
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const int d = hexDigit(m_json[m_pos]);
            if (d < 0)
                return fail("a \\u escape needs four hex digits");
            out = out << 4 | std::uint32_t(d);
            ++m_pos;
        }
        return true;
    }
    static void appendUtf8(std::string &out, std::uint32_t cp)
    {
        if (cp < 0x80) {
            out.push_back(char(cp));
        } else if (cp < 0x800) {
            out.push_back(char(0xc0 | cp >> 6));
            out.push_back(char(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
            out.push_back(char(0xe0 | cp >> 12));
            out.push_back(char(0x80 | (cp >> 6 & 0x3f)));
            out.push_back(char(0x80 | (cp & 0x3f)));
        } else {
            out.push_back(char(0xf0 | cp >> 18));
            out.push_back(char(0x80 | (cp >> 12 & 0x3f)));
            out.push_back(char(0x80 | (cp >> 6 & 0x3f)));
            out.push_back(char(0x80 | (cp & 0x3f)));
        }
    }

    // A string: a view into the input when it has no escapes, else decoded into m_scratch (valid until
    // the next string is read).
    bool string(std::string_view &out)
    {
        if (!expect('"', "a string"))
            return false;
        const std::size_t begin = m_pos;
        const char *data = m_json.data();
        std::size_t i = m_pos;
        const std::size_t n = m_json.size();
        // Eight bytes at a time while none is '"', '\\' or a control character.
        constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
        while (i + 8 <= n) {
            std::uint64_t v;
            std::memcpy(&v, data + i, 8);
            const std::uint64_t quote = v ^ (ones * '"'), slash = v ^ (ones * '\\');
            const std::uint64_t special
                = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((v - ones * 0x20) & ~v);
            if (special & highs)
                break;
            i += 8;
        }
        while (i < n) {
            const auto c = static_cast<unsigned char>(data[i]);
            if (c == '"') {
                out = m_json.substr(begin, i - begin);
                m_pos = i + 1;
                return true;
            }
            if (c == '\\')
                break;
            if (c < 0x20) {
                m_pos = i;
                return fail("control character inside a string (it must be escaped)");
            }
            ++i;
        }
        if (i >= n) {
            m_pos = n;
            return failAt(begin - 1, "unterminated string");
        }
        m_scratch.assign(data + begin, i - begin);
        m_pos = i;
        while (m_pos < n) {
            const auto c = static_cast<unsigned char>(data[m_pos]);
            if (c == '"') {
                ++m_pos;
                out = m_scratch;
                return true;
            }
            if (c < 0x20)
                return fail("control character inside a string (it must be escaped)");
            if (c != '\\') {
                m_scratch.push_back(char(c));
                ++m_pos;
                continue;
            }
            if (++m_pos >= n)
                break;
            const char e = data[m_pos++];
            switch (e) {
            case '"':
                m_scratch.push_back('"');
                break;
            case '\\':
                m_scratch.push_back('\\');
                break;
            case '/':
                m_scratch.push_back('/');
                break;
            case 'b':
                m_scratch.push_back('\b');
                break;
            case 'f':
                m_scratch.push_back('\f');
                break;
            case 'n':
                m_scratch.push_back('\n');
                break;
            case 'r':
                m_scratch.push_back('\r');
                break;
            case 't':
                m_scratch.push_back('\t');
                break;
            case 'u': {
                std::uint32_t cp = 0;
                if (!hex4(cp))
                    return false;
                if (cp >= 0xd800 && cp < 0xdc00 && m_pos + 1 < n && data[m_pos] == '\\'
                    && data[m_pos + 1] == 'u') {
                    const std::size_t save = m_pos;
                    m_pos += 2;
                    std::uint32_t low = 0;
                    if (!hex4(low))
                        return false;
                    if (low >= 0xdc00 && low < 0xe000)
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                    else
                        m_pos = save; // a lone high surrogate: kept as it is, like the next escape
                }
                appendUtf8(m_scratch, cp);
                break;
            }
            default:
                m_pos -= 2;
                return fail(fmt::format("invalid escape '\\{}' in a string", e));
            }
        }
        m_pos = n;
        return failAt(begin - 1, "unterminated string");
    }

    bool number(Number &out)
    {
        ws();
        const std::size_t begin = m_pos;
        const std::size_t n = m_json.size();
        auto digits = [&] {
            const std::size_t s = m_pos;
            while (m_pos < n && m_json[m_pos] >= '0' && m_json[m_pos] <= '9')
                ++m_pos;
            return m_pos - s;
        };
        out.integral = true;
        if (m_pos < n && m_json[m_pos] == '-')
            ++m_pos;
        const std::size_t intStart = m_pos;
        const std::size_t intDigits = digits();
        if (intDigits == 0)
            return failAt(begin, fmt::format("expected a number, found {}", describeHere()));
        if (intDigits > 1 && m_json[intStart] == '0')
            return failAt(begin, "a number must not start with 0");
        if (m_pos < n && m_json[m_pos] == '.') {
            ++m_pos;
            out.integral = false;
            if (digits() == 0)
                return fail("expected a digit after the decimal point");
        }
        if (m_pos < n && (m_json[m_pos] == 'e' || m_json[m_pos] == 'E')) {
            ++m_pos;
            out.integral = false;
            if (m_pos < n && (m_json[m_pos] == '+' || m_json[m_pos] == '-'))
                ++m_pos;
            if (digits() == 0)
                return fail("expected a digit in the exponent");
        }
        out.text = m_json.substr(begin, m_pos - begin);
        return true;
    }

    bool integer(std::int64_t &out, std::string_view what)
    {
        const std::size_t at = (ws(), m_pos);
        Number num;
        if (!number(num))
            return false;
        auto r = std::from_chars(num.text.data(), num.text.data() + num.text.size(), out);
        if (!num.integral || r.ec != std::errc() || r.ptr != num.text.data() + num.text.size())
            return failAt(at, fmt::format("{} must be an integer, not {}", what, num.text));
        return true;
    }

    bool index(std::uint32_t &out, std::string_view what, bool allowMinusOne = false)
    {
        const std::size_t at = (ws(), m_pos);
        std::int64_t v = 0;
        if (!integer(v, what))
            return false;
        if (allowMinusOne && v == -1) {
            out = 0xffffffffu;
            return true;
        }
        if (v < 0 || v >= 0xffffffffll)
            return failAt(at, fmt::format("{} {} is out of range", what, v));
        out = std::uint32_t(v);
        return true;
    }

    // Microseconds (Chrome's unit) to nanoseconds: exact for up to three decimals, else rounded.
    bool micros(std::int64_t &ns, std::string_view what)
    {
        const std::size_t at = (ws(), m_pos);
        Number num;
        if (!number(num))
            return false;
        const std::string_view t = num.text;
        const auto dot = t.find('.');
        if (t.find_first_of("eE") == std::string_view::npos
            && t.size() - (dot == t.npos ? t.size() : dot) <= 4) {
            std::int64_t whole = 0;
            const std::string_view intPart = t.substr(0, dot);
            auto r = std::from_chars(intPart.data(), intPart.data() + intPart.size(), whole);
            const std::int64_t limit = kMaxMicros;
            if (r.ec == std::errc() && whole > -limit && whole < limit) {
                std::int64_t frac = 0;
                int places = 0;
                if (dot != t.npos)
                    for (char c : t.substr(dot + 1)) {
                        frac = frac * 10 + (c - '0');
                        ++places;
                    }
                for (; places < 3; ++places)
                    frac *= 10;
                ns = whole * 1000 + (t.front() == '-' ? -frac : frac);
                return true;
            }
        }
        double v = 0;
        auto r = std::from_chars(t.data(), t.data() + t.size(), v);
        if (r.ec != std::errc() || !std::isfinite(v) || std::fabs(v) > double(kMaxMicros))
            return failAt(at, fmt::format("{} {} is out of range", what, t));
        ns = std::llround(v * 1000.0);
        return true;
    }

    bool literal(std::string_view word)
    {
        if (m_json.substr(m_pos, word.size()) != word)
            return fail(fmt::format("expected a value, found {}", describeHere()));
        m_pos += word.size();
        return true;
    }

    // Skips one value of any shape without recursion; `depth` is the nesting level it sits at.
    bool skipValue(int depth)
    {
        std::array<char, kChromeMaxDepth + 1> stack {};
        int n = 0;
        for (;;) {
            ws();
            if (atEnd())
                return fail("unexpected end of input, expected a value");
            const char c = cur();
            bool closed = true; // a complete value was consumed
            if (c == '{' || c == '[') {
                if (depth + n + 1 > kChromeMaxDepth)
                    return fail(fmt::format("nesting deeper than {} levels", kChromeMaxDepth));
                stack[std::size_t(n++)] = c;
                ++m_pos;
                ws();
                if (!atEnd() && cur() == (c == '{' ? '}' : ']')) {
                    ++m_pos;
                    --n;
                } else {
                    closed = false;
                    if (c == '{' && !memberKey())
                        return false;
                }
            } else if (c == '"') {
                std::string_view ignored;
                if (!string(ignored))
                    return false;
            } else if (c == 't') {
                if (!literal("true"))
                    return false;
            } else if (c == 'f') {
                if (!literal("false"))
                    return false;
            } else if (c == 'n') {
                if (!literal("null"))
                    return false;
            } else {
                Number ignored;
                if (!number(ignored))
                    return false;
            }
            if (!closed)
                continue;
            // Close every container that ends here; stop at a ',' that asks for another value.
            for (;;) {
                if (n == 0)
                    return true;
                const char close = stack[std::size_t(n - 1)] == '{' ? '}' : ']';
                bool more = false;
                if (!next(close, more))
                    return false;
                if (more) {
                    if (close == '}' && !memberKey())
                        return false;
                    break;
                }
                --n;
            }
        }
    }

    // `"key" :`
    bool memberKey(std::string_view *key = nullptr)
    {
        std::string_view k;
        ws();
        if (atEnd() || cur() != '"') [[unlikely]]
            return memberKeyFailed();
        if (!string(k) || !expect(':', "':' after a member name"))
            return false;
        if (key)
            *key = k;
        return true;
    }

    [[gnu::noinline, gnu::cold]] bool memberKeyFailed()
    {
        return atEnd() ? fail("unexpected end of input, expected a member name")
                       : fail(fmt::format("expected a member name in quotes, found {}", describeHere()));
    }

    // Calls member(key) for each member of an object at `depth`; member must consume the value.
    template<typename F> bool object(int depth, std::string_view what, F &&member)
    {
        bool empty = false;
        if (!open('{', depth, what, empty))
            return false;
        for (bool more = !empty; more;) {
            std::string_view key;
            if (!memberKey(&key))
                return false;
            if (!member(key) || !next('}', more))
                return false;
        }
        return true;
    }

    template<typename F> bool array(int depth, std::string_view what, F &&element)
    {
        bool empty = false;
        if (!open('[', depth, what, empty))
            return false;
        for (bool more = !empty; more;) {
            if (!element() || !next(']', more))
                return false;
        }
        return true;
    }

    // --- document ---------------------------------------------------------------------------
    bool parseDocument()
    {
        ws();
        if (m_json.substr(m_pos, 3) == "\xef\xbb\xbf")
            m_pos += 3;
        ws();
        if (atEnd())
            return fail(m_json.empty() ? "empty file: not a trace" : "no JSON value: not a trace");
        bool haveEvents = false;
        if (cur() == '[') {
            haveEvents = true;
            if (!traceEvents(1))
                return false;
        } else if (cur() == '{') {
            const bool ok = object(1, "'{'", [&](std::string_view key) {
                if (key == "traceEvents") {
                    if (haveEvents)
                        return fail("\"traceEvents\" appears twice");
                    haveEvents = true;
                    return traceEvents(2);
                }
                if (key == "coroscope")
                    return header(2);
                return skipValue(1);
            });
            if (!ok)
                return false;
        } else {
            return fail(
                fmt::format("not a Coroscope trace or Chrome trace JSON: it starts with {}", describeHere()));
        }
        ws();
        if (!atEnd())
            return fail("unexpected data after the end of the JSON document");
        if (!haveEvents)
            return failAt(0, "no \"traceEvents\" array: not a Chrome trace");
        return true;
    }

    bool traceEvents(int depth)
    {
        return array(depth, "'[' (the traceEvents array)", [&] { return traceEvent(depth + 1); });
    }

    bool traceEvent(int depth)
    {
        ws();
        const std::size_t at = m_pos;
        char ph = 0;
        bool hasSeq = false, hasTs = false, hasT = false;
        std::int64_t pid = 0, tid = 0, ts = 0, dur = -1, t = 0;
        std::uint32_t seq = 0, cause = NoEvent, loc = 0, detailId = 0xffffffffu;
        std::uint8_t kind = 0;
        bool hasKind = false;
        std::size_t kindAt = 0;
        const std::size_t arenaMark = m_arena.size();
        std::uint32_t detailOffset = 0, detailLength = 0;
        m_name.clear();
        m_argName.clear();

        auto readId = [&](std::int64_t &out) {
            ws();
            if (!atEnd() && (cur() == '-' || (cur() >= '0' && cur() <= '9'))) {
                Number num;
                const std::size_t p = m_pos;
                if (!number(num))
                    return false;
                if (num.integral) {
                    auto r = std::from_chars(num.text.data(), num.text.data() + num.text.size(), out);
                    if (r.ec == std::errc() && out > -(1ll << 53) && out < (1ll << 53))
                        return true;
                }
                double v = 0;
                std::from_chars(num.text.data(), num.text.data() + num.text.size(), v);
                if (!std::isfinite(v) || std::fabs(v) > 9e15)
                    return failAt(p, fmt::format("pid/tid {} is out of range", num.text));
                out = std::int64_t(v);
                return true;
            }
            if (!atEnd() && cur() == '"') { // some tools write ids as strings
                std::string_view s;
                if (!string(s))
                    return false;
                out = std::int64_t(std::hash<std::string_view> {}(s)&0x3fffffffffffffll);
                return true;
            }
            return skipValue(depth + 1);
        };

        auto args = [&](std::string_view key) -> bool {
            if (key == "seq") {
                hasSeq = true;
                return index(seq, "args.seq");
            }
            if (key == "kind") {
                std::string_view name;
                kindAt = (ws(), m_pos);
                if (!string(name))
                    return false;
                EventKind k;
                if (!eventKindFromName(name, k))
                    return failAt(kindAt, fmt::format("unknown event kind \"{}\"", name));
                kind = std::uint8_t(k);
                hasKind = true;
                return true;
            }
            if (key == "detail") {
                std::string_view s;
                if (!string(s))
                    return false;
                if (m_arena.size() + s.size() > 0xffffffffu)
                    return fail("the event details exceed 4 GiB");
                detailOffset = std::uint32_t(m_arena.size());
                detailLength = std::uint32_t(s.size());
                m_arena.append(s);
                return true;
            }
            if (key == "d")
                return index(detailId, "args.d");
            if (key == "loc")
                return index(loc, "args.loc");
            if (key == "cause")
                return index(cause, "args.cause");
            if (key == "t") {
                hasT = true;
                return integer(t, "args.t");
            }
            if (key == "name") {
                ws();
                if (!atEnd() && cur() == '"') {
                    std::string_view s;
                    if (!string(s))
                        return false;
                    m_argName.assign(s);
                    return true;
                }
            }
            return skipValue(depth + 1);
        };

        const bool ok = object(depth, "'{' (a trace event)", [&](std::string_view key) -> bool {
            if (key.size() == 2 && key == "ph") {
                std::string_view s;
                if (!string(s))
                    return false;
                ph = s.size() == 1 ? s[0] : '?';
                return true;
            }
            if (key == "ts") {
                hasTs = true;
                return micros(ts, "ts");
            }
            if (key == "dur")
                return micros(dur, "dur");
            if (key == "pid")
                return readId(pid);
            if (key == "tid")
                return readId(tid);
            if (key == "name") {
                ws();
                if (!atEnd() && cur() == '"') {
                    std::string_view s;
                    if (!string(s))
                        return false;
                    m_name.assign(s);
                    return true;
                }
                return skipValue(depth + 1);
            }
            if (key == "args") {
                ws();
                if (!atEnd() && cur() == '{')
                    return object(depth + 1, "'{'", args);
            }
            return skipValue(depth + 1);
        });
        if (!ok)
            return false;

        if (hasSeq) {
            if (!hasKind)
                return failAt(at, fmt::format("event {} has args.seq but no args.kind", seq));
            if (!hasTs && !hasT)
                return failAt(at, fmt::format("event {} has no time (ts)", seq));
            if (tid < 1 || tid > 0xffffffffll)
                return failAt(at, fmt::format("event {} has tid {}, which names no lane", seq, tid));
            Carried c;
            c.time = hasT ? t : ts;
            c.offset = at;
            c.seq = seq;
            c.lane = std::uint32_t(tid - 1);
            c.cause = cause;
            c.loc = loc;
            c.detailOffset = detailOffset;
            c.detailLength = detailLength;
            c.detailId = detailId;
            c.kind = kind;
            m_carried.push_back(c);
            return true;
        }
        m_arena.resize(arenaMark);
        // Foreign events: kept only while the trace turns out to have no Coroscope header.
        if (ph == 'M') {
            if (m_name == "thread_name" && !m_argName.empty())
                m_threadNames[{pid, tid}] = m_argName;
            return true;
        }
        if (ph != 'X' && ph != 'B' && ph != 'E' && ph != 'i' && ph != 'I')
            return true;
        if (!hasTs)
            return failAt(at, fmt::format("a \"{}\" event has no \"ts\"", ph));
        const std::uint32_t lane = foreignLane(pid, tid);
        if (ph == 'B') {
            m_open[lane].push_back({ts, m_name});
            return true;
        }
        ForeignEvent f;
        f.lane = lane;
        if (ph == 'E') {
            auto &stack = m_open[lane];
            if (stack.empty())
                return true; // an end without a begin (the trace started mid-slice): nothing to show
            f.ts = stack.back().first;
            f.dur = std::max<std::int64_t>(ts - f.ts, 0);
            m_name = stack.back().second;
            stack.pop_back();
        } else {
            f.ts = ts;
            f.dur = ph == 'X' ? std::max<std::int64_t>(dur, 0) : -1;
        }
        if (m_names.size() + m_name.size() > 0xffffffffu)
            return fail("the event names exceed 4 GiB");
        f.nameOffset = std::uint32_t(m_names.size());
        f.nameLength = std::uint32_t(m_name.size());
        m_names += m_name;
        m_foreign.push_back(f);
        return true;
    }

    std::uint32_t foreignLane(std::int64_t pid, std::int64_t tid)
    {
        auto [it, inserted] = m_lanes.try_emplace({pid, tid}, std::uint32_t(m_laneKeys.size()));
        if (inserted) {
            m_laneKeys.emplace_back(pid, tid);
            m_open.emplace_back();
        }
        return it->second;
    }

    // The "coroscope" object: the tables a native trace needs beyond its events.
    bool header(int depth)
    {
        if (m_haveHeader)
            return fail("\"coroscope\" appears twice");
        m_haveHeader = true;
        m_headerOffset = (ws(), m_pos);
        Trace &t = m_trace;
        bool haveStrings = false, haveLocations = false;
        return object(depth, "'{' (the coroscope object)", [&](std::string_view key) -> bool {
            if (key == "version") {
                const std::size_t at = (ws(), m_pos);
                std::int64_t v = 0;
                if (!integer(v, "version"))
                    return false;
                if (v != kChromeFormatVersion)
                    return failAt(at,
                                  fmt::format("unsupported Coroscope export version {} (this build reads "
                                              "version {})",
                                              v, kChromeFormatVersion));
                return true;
            }
            if (key == "clock") {
                const std::size_t at = (ws(), m_pos);
                std::string_view s;
                if (!string(s))
                    return false;
                if (s != "virtual" && s != "real")
                    return failAt(at, fmt::format("unknown clock \"{}\" (virtual or real)", s));
                t.clock = s == "real" ? ClockMode::Real : ClockMode::Virtual;
                return true;
            }
            if (key == "events") {
                m_eventsAt = (ws(), m_pos);
                std::int64_t v = 0;
                if (!integer(v, "events"))
                    return false;
                m_declaredEvents = v;
                return true;
            }
            if (key == "metadata") {
                return array(depth + 1, "'['", [&] {
                    std::string k, v;
                    int i = 0;
                    const std::size_t at = (ws(), m_pos);
                    const bool ok = array(depth + 2, "'[' (a [key, value] pair)", [&] {
                        std::string_view s;
                        if (i >= 2 || !string(s))
                            return i >= 2 ? fail("a metadata entry has more than two strings") : false;
                        (i++ == 0 ? k : v).assign(s);
                        return true;
                    });
                    if (!ok)
                        return false;
                    if (i != 2)
                        return failAt(at, "a metadata entry must be [key, value]");
                    t.metadata.emplace_back(std::move(k), std::move(v));
                    return true;
                });
            }
            if (key == "strings") {
                if (haveStrings)
                    return fail("\"strings\" appears twice");
                haveStrings = true;
                std::uint32_t i = 0;
                return array(depth + 1, "'['", [&] {
                    const std::size_t at = (ws(), m_pos);
                    std::string_view s;
                    if (!string(s))
                        return false;
                    if (i == 0 && !s.empty())
                        return failAt(at, "string 0 must be the empty string");
                    if (i > 0 && t.strings.intern(s) != i)
                        return failAt(at, fmt::format("string {} duplicates an earlier one", i));
                    ++i;
                    return true;
                });
            }
            if (key == "locations") {
                if (haveLocations)
                    return fail("\"locations\" appears twice");
                haveLocations = true;
                t.locations.clear();
                return array(depth + 1, "'['", [&] {
                    SourceLocation l;
                    int i = 0;
                    const std::size_t at = (ws(), m_pos);
                    const bool ok = array(depth + 2, "'[' (a [file, line] pair)", [&] {
                        if (i >= 2)
                            return fail("a location has more than two numbers");
                        return index(i++ == 0 ? l.file : l.line, "a location field");
                    });
                    if (!ok)
                        return false;
                    if (i != 2)
                        return failAt(at, "a location must be [file string id, line]");
                    if (t.locations.empty() && !(l == SourceLocation {}))
                        return failAt(at, "location 0 must be [0, 0]");
                    m_locationOffsets.push_back(at);
                    t.locations.push_back(l);
                    return true;
                });
            }
            if (key == "lanes") {
                return array(depth + 1, "'['", [&] {
                    Lane lane;
                    const std::size_t at = (ws(), m_pos);
                    const bool ok = object(depth + 2, "'{' (a lane)", [&](std::string_view k) -> bool {
                        if (k == "name") {
                            std::string_view s;
                            if (!string(s))
                                return false;
                            lane.name.assign(s);
                            return true;
                        }
                        if (k == "kind") {
                            const std::size_t kat = (ws(), m_pos);
                            std::string_view s;
                            if (!string(s))
                                return false;
                            if (!laneKindFromName(s, lane.kind))
                                return failAt(kat, fmt::format("unknown lane kind \"{}\"", s));
                            return true;
                        }
                        if (k == "parent")
                            return index(lane.parent, "lane parent", true);
                        if (k == "created")
                            return index(lane.created, "lane created");
                        return skipValue(depth + 3);
                    });
                    if (!ok)
                        return false;
                    const auto id = std::uint32_t(t.lanes.size());
                    if (lane.parent != NoLane && lane.parent >= id)
                        return failAt(
                            at, fmt::format("lane {}'s parent {} is not an earlier lane", id, lane.parent));
                    m_laneOffsets.push_back(at);
                    t.lanes.push_back(std::move(lane));
                    return true;
                });
            }
            if (key == "timerDues") {
                return array(depth + 1, "'['", [&] {
                    TimerDue d;
                    int i = 0;
                    const std::size_t at = (ws(), m_pos);
                    const bool ok = array(depth + 2, "'[' (an [arm seq, due] pair)", [&] {
                        if (i >= 2)
                            return fail("a timer due has more than two numbers");
                        return i++ == 0 ? index(d.armEvent, "timer arm seq") : integer(d.due, "timer due");
                    });
                    if (!ok)
                        return false;
                    if (i != 2)
                        return failAt(at, "a timer due must be [arm seq, due time]");
                    if (!t.timerDues.empty() && d.armEvent <= t.timerDues.back().armEvent)
                        return failAt(at, "timer dues must have strictly increasing arm seqs");
                    m_dueOffsets.push_back(at);
                    t.timerDues.push_back(d);
                    return true;
                });
            }
            return skipValue(depth + 1);
        });
    }

    // --- building the trace -----------------------------------------------------------------
    bool build() { return m_haveHeader ? buildNative() : buildForeign(); }

    bool buildNative()
    {
        Trace &t = m_trace;
        if (t.locations.empty())
            return failAt(m_headerOffset, "the location table is empty (location 0, unknown, is required)");
        for (std::size_t i = 0; i < t.locations.size(); ++i)
            if (t.locations[i].file >= t.strings.size())
                return failAt(
                    m_locationOffsets[i],
                    fmt::format("location {} names string {}, which does not exist", i, t.locations[i].file));
        auto &c = m_carried;
        if (m_declaredEvents >= 0 && std::uint64_t(m_declaredEvents) != c.size())
            return failAt(
                m_eventsAt,
                fmt::format("the header announces {} events but {} carry a seq", m_declaredEvents, c.size()));
        if (c.size() > 0xffffffffu)
            return failAt(m_headerOffset, "too many events");
        if (!std::is_sorted(c.begin(), c.end(),
                            [](const Carried &a, const Carried &b) { return a.seq < b.seq; }))
            std::stable_sort(c.begin(), c.end(),
                             [](const Carried &a, const Carried &b) { return a.seq < b.seq; });
        const auto count = std::uint32_t(c.size());
        t.events.resize(count);
        const auto laneCount = t.lanes.size();
        const auto locCount = t.locations.size();
        for (std::uint32_t i = 0; i < count; ++i) {
            const Carried &r = c[i];
            if (r.seq != i)
                return failAt(r.offset,
                              r.seq < i ? fmt::format("event seq {} appears twice", r.seq)
                                        : fmt::format("event seq {} is missing", i));
            if (r.lane >= laneCount)
                return failAt(r.offset,
                              fmt::format("event {} is on tid {}, but there are {} lanes", i,
                                          std::uint64_t(r.lane) + 1, laneCount));
            if (r.loc >= locCount || r.loc >= (1u << 24))
                return failAt(r.offset,
                              fmt::format("event {} names location {}, which does not exist", i, r.loc));
            if (r.cause != NoEvent && r.cause >= i)
                return failAt(r.offset, fmt::format("event {}'s cause {} does not precede it", i, r.cause));
            if (i > 0 && r.time < c[i - 1].time)
                return failAt(
                    r.offset,
                    fmt::format("event {} is earlier than event {}: events must be in time order", i, i - 1));
            Event &e = t.events[i];
            e.time = r.time;
            e.lane = r.lane;
            e.cause = r.cause;
            e.loc = r.loc;
            e.kind = r.kind;
            const std::string_view detail = std::string_view(m_arena).substr(r.detailOffset, r.detailLength);
            if (r.detailId < t.strings.size() && t.strings.at(r.detailId) == detail)
                e.detail = r.detailId; // the id given matches its text: no hashing needed
            else
                e.detail = detail.empty() ? 0 : t.strings.intern(detail);
        }
        for (std::size_t i = 0; i < t.lanes.size(); ++i)
            if (t.lanes[i].created > count)
                return failAt(m_laneOffsets[i],
                              fmt::format("lane {} was created by event {}, past the last event", i,
                                          t.lanes[i].created));
        for (std::size_t i = 0; i < t.timerDues.size(); ++i) {
            const auto arm = t.timerDues[i].armEvent;
            if (arm >= count || t.events[arm].eventKind() != EventKind::TimerArm)
                return failAt(m_dueOffsets[i],
                              fmt::format("timer due {} names event {}, which is not a timer-arm", i, arm));
        }
        return true;
    }

    bool buildForeign()
    {
        if (m_foreign.empty())
            return failAt(
                0,
                "this JSON holds no events Coroscope can show: it needs slices (\"X\", or \"B\" and "
                "\"E\") or instants (\"i\") with a pid, tid and ts");
        // Slices still open at the end run to the trace's last time.
        std::int64_t last = 0;
        for (const auto &f : m_foreign)
            last = std::max(last, f.ts + std::max<std::int64_t>(f.dur, 0));
        for (std::uint32_t lane = 0; lane < m_open.size(); ++lane)
            for (auto &[ts, name] : m_open[lane]) {
                ForeignEvent f {ts, std::max<std::int64_t>(last - ts, 0), lane, std::uint32_t(m_names.size()),
                                std::uint32_t(name.size())};
                m_names += name;
                m_foreign.push_back(f);
            }

        // Points in time: slice begins and ends, instants. At equal times ends come first, outer slices
        // begin before inner ones and end after them.
        struct Point {
            std::int64_t time;
            std::int64_t order; // tie-break, see above
            std::uint32_t index;
            std::uint8_t type; // 0 end, 1 begin, 2 instant
        };
        std::vector<Point> points;
        points.reserve(m_foreign.size() * 2);
        for (std::uint32_t i = 0; i < m_foreign.size(); ++i) {
            const auto &f = m_foreign[i];
            if (f.dur < 0) {
                points.push_back({f.ts, 0, i, 2});
            } else {
                points.push_back({f.ts, -f.dur, i, 1});
                points.push_back({f.ts + f.dur, -f.ts, i, 0});
            }
        }
        std::stable_sort(points.begin(), points.end(), [](const Point &a, const Point &b) {
            if (a.time != b.time)
                return a.time < b.time;
            if (a.type != b.type)
                return a.type < b.type;
            return a.order < b.order;
        });
        const std::int64_t origin = points.front().time;

        Trace &t = m_trace;
        t.clock = ClockMode::Real;
        t.metadata.emplace_back("source", "chrome-json");
        const auto laneCount = m_laneKeys.size();
        t.lanes.resize(laneCount);
        for (std::size_t i = 0; i < laneCount; ++i) {
            const auto &key = m_laneKeys[i];
            auto it = m_threadNames.find(key);
            t.lanes[i].name = it != m_threadNames.end() ? it->second
                                                        : fmt::format("pid {} tid {}", key.first, key.second);
            t.lanes[i].kind = LaneKind::Task;
        }
        std::vector<int> depth(laneCount, 0);
        std::vector<bool> created(laneCount, false), started(laneCount, false);
        t.events.reserve(points.size() + laneCount);
        auto push = [&](std::int64_t time, std::uint32_t lane, EventKind kind, std::string_view detail) {
            Event e;
            e.time = time - origin;
            e.lane = lane;
            e.kind = std::uint8_t(kind);
            e.detail = detail.empty() ? 0 : t.strings.intern(detail);
            t.events.push_back(e);
        };
        for (const Point &p : points) {
            const auto &f = m_foreign[p.index];
            const std::string_view name = std::string_view(m_names).substr(f.nameOffset, f.nameLength);
            const auto lane = f.lane;
            if (!created[lane]) {
                created[lane] = true;
                t.lanes[lane].created = std::uint32_t(t.events.size());
                push(p.time, lane, EventKind::Create, t.lanes[lane].name);
            }
            if (p.type == 2) {
                push(p.time, lane, EventKind::Output, name);
            } else if (p.type == 1) {
                const EventKind k = depth[lane] > 0 ? EventKind::Enter
                    : started[lane]                 ? EventKind::Resume
                                                    : EventKind::Start;
                started[lane] = true;
                ++depth[lane];
                push(p.time, lane, k, name);
            } else if (depth[lane] > 0) {
                --depth[lane];
                // What a foreign thread waits for between slices is unknown: the suspend says nothing.
                push(p.time, lane, depth[lane] > 0 ? EventKind::Leave : EventKind::Suspend, {});
            }
            if (t.events.size() >= 0xffffffffu)
                return failAt(0, "too many events");
        }
        return true;
    }

    std::string_view m_json;
    std::size_t m_pos = 0;
    std::string m_scratch;
    std::string m_message;
    std::uint64_t m_errorOffset = 0;

    Trace m_trace;
    bool m_haveHeader = false;
    std::size_t m_headerOffset = 0;
    std::int64_t m_declaredEvents = -1;
    std::size_t m_eventsAt = 0;
    std::vector<std::size_t> m_locationOffsets, m_laneOffsets, m_dueOffsets;

    std::vector<Carried> m_carried;
    std::string m_arena; // carried details, back to back

    std::string m_name, m_argName; // the current event's name and args.name
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> m_threadNames;
    std::map<std::pair<std::int64_t, std::int64_t>, std::uint32_t> m_lanes;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_laneKeys;
    std::vector<std::vector<std::pair<std::int64_t, std::string>>> m_open; // B events awaiting their E
    std::vector<ForeignEvent> m_foreign;
    std::string m_names;
};

} // namespace

std::optional<Trace> parseChromeTrace(std::string_view json, TraceFileError *error)
{
    try {
        return ChromeReader(json).read(error);
    } catch (const std::bad_alloc &) {
        if (error)
            *error = TraceFileError {"not enough memory to read this trace", 0};
        return std::nullopt;
    }
}

bool looksLikeChromeTrace(std::string_view firstBytes)
{
    if (firstBytes.substr(0, 3) == "\xef\xbb\xbf")
        firstBytes.remove_prefix(3);
    const auto i = firstBytes.find_first_not_of(" \t\r\n");
    return i != std::string_view::npos && (firstBytes[i] == '{' || firstBytes[i] == '[');
}

std::optional<Trace> readAnyTraceFile(const std::string &path, TraceFileError *error)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        if (error)
            *error = TraceFileError {fmt::format("cannot open {}: {}", path, std::strerror(errno)), 0};
        return std::nullopt;
    }
    char head[64];
    const std::size_t n = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
    const std::string_view first(head, n);
    if (looksLikeNativeTrace(first) || !looksLikeChromeTrace(first))
        return readTraceFile(path, error);
    std::string bytes;
    try {
        f = std::fopen(path.c_str(), "rb");
        if (!f) {
            if (error)
                *error = TraceFileError {fmt::format("cannot open {}: {}", path, std::strerror(errno)), 0};
            return std::nullopt;
        }
        char buf[1 << 16];
        for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, f)) > 0;) {
            // JSON never holds a NUL byte: a file running into zeros (a sparse or damaged file, possibly
            // gigabytes of them) is refused there, by the parser and with its position, without reading on.
            if (const void *nul = std::memchr(buf, 0, got)) {
                bytes.append(buf, std::size_t(static_cast<const char *>(nul) - buf) + 1);
                std::fclose(f);
                if (auto trace = parseChromeTrace(bytes, error); !trace)
                    return std::nullopt;
                if (error)
                    *error = TraceFileError {"NUL byte in JSON", bytes.size() - 1};
                return std::nullopt;
            }
            bytes.append(buf, got);
        }
        const bool failed = std::ferror(f);
        std::fclose(f);
        if (failed) {
            if (error)
                *error = TraceFileError {fmt::format("cannot read {}", path), bytes.size()};
            return std::nullopt;
        }
    } catch (const std::bad_alloc &) {
        if (error)
            *error = TraceFileError {fmt::format("cannot read {}: not enough memory", path), 0};
        return std::nullopt;
    }
    return parseChromeTrace(bytes, error);
}

} // namespace coroscope
