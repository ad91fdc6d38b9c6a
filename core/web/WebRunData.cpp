#include "WebRunData.h"

#include "samples/Samples.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

namespace coroscope {

namespace {

// Unsigned LEB128: 7 bits a byte, low first.
void putVarint(std::string &out, std::uint64_t v)
{
    while (v >= 0x80) {
        out.push_back(char(0x80 | (v & 0x7f)));
        v >>= 7;
    }
    out.push_back(char(v));
}

// Zigzag: 0, -1, 1, -2 as 0, 1, 2, 3 (small magnitudes stay small either way).
std::uint64_t zigzag(std::int64_t v)
{
    return v >= 0 ? std::uint64_t(v) << 1 : ((std::uint64_t(-(v + 1))) << 1) | 1;
}

std::string base64(std::string_view bytes)
{
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const auto n = std::uint32_t(std::uint8_t(bytes[i])) << 16 | std::uint32_t(std::uint8_t(bytes[i + 1])) << 8
            | std::uint8_t(bytes[i + 2]);
        out += {table[n >> 18], table[(n >> 12) & 63], table[(n >> 6) & 63], table[n & 63]};
    }
    if (i + 1 == bytes.size()) {
        const auto n = std::uint32_t(std::uint8_t(bytes[i])) << 16;
        out += {table[n >> 18], table[(n >> 12) & 63], '=', '='};
    } else if (i + 2 == bytes.size()) {
        const auto n = std::uint32_t(std::uint8_t(bytes[i])) << 16 | std::uint32_t(std::uint8_t(bytes[i + 1])) << 8;
        out += {table[n >> 18], table[(n >> 12) & 63], table[(n >> 6) & 63], '='};
    }
    return out;
}

// The length of the valid UTF-8 sequence at the start of `s`, or 0.
std::size_t utf8Length(std::string_view s)
{
    const auto b = [&](std::size_t i) { return std::uint8_t(s[i]); };
    const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xc0) == 0x80; };
    const std::uint8_t c = b(0);
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        return cont(1) ? 2 : 0;
    if (c >= 0xe0 && c <= 0xef) {
        if (!cont(1) || !cont(2))
            return 0;
        if ((c == 0xe0 && b(1) < 0xa0) || (c == 0xed && b(1) > 0x9f))
            return 0; // overlong, or a UTF-16 surrogate
        return 3;
    }
    if (c >= 0xf0 && c <= 0xf4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if ((c == 0xf0 && b(1) < 0x90) || (c == 0xf4 && b(1) > 0x8f))
            return 0;
        return 4;
    }
    return 0;
}

// A JSON string that can sit inside <script>: '<', '>', '&', U+2028 and U+2029 escaped, broken
// UTF-8 (a program may print any bytes) as U+FFFD.
void appendString(std::string &out, std::string_view s)
{
    out.push_back('"');
    while (!s.empty()) {
        const unsigned char c = std::uint8_t(s[0]);
        const std::size_t n = utf8Length(s);
        if (n == 0) {
            out += "\\ufffd";
            s.remove_prefix(1);
            continue;
        }
        if (n == 1) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '<':
            case '>':
            case '&': out += fmt::format("\\u{:04x}", unsigned(c)); break;
            default:
                if (c < 0x20)
                    out += fmt::format("\\u{:04x}", unsigned(c));
                else
                    out.push_back(char(c));
            }
        } else if (n == 3 && c == 0xe2 && std::uint8_t(s[1]) == 0x80 && (std::uint8_t(s[2]) & 0xfe) == 0xa8) {
            out += std::uint8_t(s[2]) == 0xa8 ? "\\u2028" : "\\u2029";
        } else {
            out.append(s.substr(0, n));
        }
        s.remove_prefix(n);
    }
    out.push_back('"');
}

std::string quoted(std::string_view s)
{
    std::string out;
    appendString(out, s);
    return out;
}

std::string_view baseName(std::string_view path)
{
    if (const auto slash = path.find_last_of("/\\"); slash != std::string_view::npos)
        path.remove_prefix(slash + 1);
    return path;
}

// {"count":N,"data":"base64"}
std::string packed(std::size_t count, std::string_view bytes)
{
    return fmt::format("{{\"count\":{},\"data\":\"{}\"}}", count, base64(bytes));
}

std::string sourceJson(std::string_view file, std::string_view text)
{
    return fmt::format("{{\"file\":{},\"text\":{}}}", quoted(file), quoted(text));
}

} // namespace

std::string webRunTitle(const Trace &trace)
{
    if (const Sample *sample = findSample(trace.metaValue("sample")))
        return std::string(sample->title);
    if (const auto script = trace.metaValue("script"); !script.empty())
        return std::string(baseName(script));
    if (const auto title = trace.metaValue("title"); !title.empty())
        return title;
    return "Coroscope run";
}

std::string webRunJson(const Trace &trace, const WebRunView &view)
{
    const auto n = std::uint32_t(trace.events.size());
    std::string out = "{\"format\":1";
    out += ",\"title\":" + quoted(webRunTitle(trace));
    out += fmt::format(",\"clock\":\"{}\"", trace.clock == ClockMode::Real ? "real" : "virtual");

    // Metadata, less the script's text (it is the Python source below).
    out += ",\"meta\":[";
    bool first = true;
    for (const auto &[key, value] : trace.metadata) {
        if (key == "script-text")
            continue;
        out += fmt::format("{}[{},{}]", first ? "" : ",", quoted(key), quoted(value));
        first = false;
    }
    out += "]";

    out += ",\"strings\":[";
    for (std::uint32_t id = 0; id < trace.strings.size(); ++id) {
        if (id)
            out.push_back(',');
        appendString(out, trace.strings.at(id));
    }
    out += "]";

    std::string bytes;
    for (const Lane &lane : trace.lanes) {
        putVarint(bytes, lane.nameId);
        putVarint(bytes, std::uint64_t(lane.kind));
        putVarint(bytes, lane.parent == NoLane ? 0 : std::uint64_t(lane.parent) + 1);
        putVarint(bytes, lane.created);
    }
    out += ",\"lanes\":" + packed(trace.lanes.size(), bytes);

    bytes.clear();
    for (const SourceLocation &l : trace.locations) {
        putVarint(bytes, l.file);
        putVarint(bytes, l.line);
    }
    out += ",\"locations\":" + packed(trace.locations.size(), bytes);

    // Events by column (kinds, lanes, causes, details, locations, times): each column's values are
    // alike, so most take one byte. A cause is the zigzag distance back to it, plus one (0: none); a
    // time the zigzag difference from the event before, in nanoseconds.
    bytes.clear();
    bytes.reserve(std::size_t(n) * 8);
    for (std::uint32_t s = 0; s < n; ++s)
        putVarint(bytes, trace.events[s].kind);
    for (std::uint32_t s = 0; s < n; ++s)
        putVarint(bytes, trace.events[s].lane);
    for (std::uint32_t s = 0; s < n; ++s) {
        const auto cause = trace.events[s].cause;
        putVarint(bytes, cause == NoEvent ? 0 : zigzag(std::int64_t(s) - std::int64_t(cause)) + 1);
    }
    for (std::uint32_t s = 0; s < n; ++s)
        putVarint(bytes, trace.events[s].detail);
    for (std::uint32_t s = 0; s < n; ++s)
        putVarint(bytes, trace.events[s].loc);
    EventClock time(trace);
    std::int64_t last = 0;
    for (std::uint32_t s = 0; s < n; ++s) {
        const std::int64_t t = time(s);
        putVarint(bytes, zigzag(t - last));
        last = t;
    }
    out += ",\"events\":" + packed(n, bytes);

    // Dues the fires do not imply: the arming event (as a difference from the previous one) and the
    // due, as a difference from the arming event's time.
    bytes.clear();
    std::size_t dues = 0;
    std::uint32_t previousArm = 0;
    for (const TimerDue &d : trace.timerDues) {
        if (d.due == ImpliedDue || d.armEvent >= n || d.armEvent < previousArm)
            continue;
        putVarint(bytes, d.armEvent - previousArm);
        putVarint(bytes, zigzag(d.due - trace.time(d.armEvent)));
        previousArm = d.armEvent;
        ++dues;
    }
    out += ",\"timerDues\":" + packed(dues, bytes);

    out += ",\"annotations\":[";
    first = true;
    for (const Annotation &a : trace.annotations) {
        if (a.seq >= n)
            continue;
        out += fmt::format("{}[{},{}]", first ? "" : ",", a.seq, quoted(a.note));
        first = false;
    }
    out += "]";

    // The sources the panes show: a sample's C++ port and its Python mirror, or the script that ran.
    const Sample *sample = findSample(trace.metaValue("sample"));
    const bool cpython = trace.metaValue("runtime") == "cpython";
    std::string python, cpp, primaryFile;
    if (sample)
        cpp = sourceJson(baseName(sample->cppFile), sampleSource(*sample));
    if (cpython) {
        const std::string script = trace.metaValue("script");
        std::string text = trace.metaValue("script-text");
        if (text.empty() && sample)
            text = std::string(pythonMirror(*sample));
        primaryFile = std::string(baseName(script));
        if (!text.empty())
            python = sourceJson(primaryFile, text);
    } else if (sample) {
        python = sourceJson(sample->pythonFile(), pythonMirror(*sample));
        primaryFile = std::string(baseName(sample->cppFile));
    }
    out += fmt::format(",\"sources\":{{\"primary\":\"{}\",\"primaryFile\":{},\"cpp\":{},\"python\":{}}}",
                       cpython ? "python" : sample ? "cpp" : "", quoted(primaryFile), cpp.empty() ? "null" : cpp,
                       python.empty() ? "null" : python);
    if (sample)
        out += fmt::format(",\"sample\":{{\"id\":{},\"title\":{},\"titleZh\":{},\"summary\":{},\"summaryZh\":{}}}",
                           quoted(sample->id), quoted(sample->title), quoted(sample->titleZh),
                           quoted(sample->summary), quoted(sample->summaryZh));
    else
        out += ",\"sample\":null";

    out += fmt::format(",\"view\":{{\"step\":{},\"lang\":{}}}", view.step ? std::to_string(*view.step) : "null",
                       quoted(view.lang));
    out += fmt::format(",\"kept\":{{\"events\":{},\"of\":{}}}", n, std::max<std::uint64_t>(view.totalEvents, n));
    out += "}";
    return out;
}

} // namespace coroscope
