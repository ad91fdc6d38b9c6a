#include "TraceStream.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace coroscope {

namespace {

constexpr std::string_view kHeader = "coroscope-pytrace 1";
// A binary batch's event: kind, lane, cause, detail, location, time, due; little-endian int64s.
constexpr std::size_t kFields = 7;
constexpr std::size_t kRecordBytes = kFields * 8;

std::int64_t littleEndian64(const char *p)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | std::uint8_t(p[i]);
    return std::int64_t(v);
}

// The next space-separated field of `rest` (which moves past it).
std::string_view field(std::string_view &rest)
{
    const auto space = rest.find(' ');
    auto f = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    return f;
}

bool number(std::string_view text, std::int64_t &out)
{
    if (text.empty())
        return false;
    const auto *end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && p == end;
}

std::string unescape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        const char c = text[++i];
        out += c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    return out;
}

} // namespace

TraceStream::TraceStream() = default;

bool TraceStream::feed(std::string_view bytes)
{
    if (!ok())
        return false;
    m_bytes += bytes.size();
    while (!bytes.empty()) {
        if (m_batchLeft > 0) {
            bytes = binary(bytes);
            if (!ok())
                return false;
            continue;
        }
        const auto nl = bytes.find('\n');
        if (nl == std::string_view::npos) {
            m_partial.append(bytes);
            break;
        }
        bool good;
        if (m_partial.empty()) {
            good = line(bytes.substr(0, nl));
        } else {
            m_partial.append(bytes.substr(0, nl));
            const std::string whole = std::move(m_partial);
            m_partial.clear();
            good = line(whole);
        }
        if (!good)
            return false;
        bytes.remove_prefix(nl + 1);
    }
    return true;
}

std::string_view TraceStream::binary(std::string_view bytes)
{
    // A record cut by the end of the last chunk is completed first.
    if (!m_partial.empty()) {
        const auto need = kRecordBytes - m_partial.size();
        const auto take = std::min(need, bytes.size());
        m_partial.append(bytes.substr(0, take));
        bytes.remove_prefix(take);
        if (m_partial.size() < kRecordBytes)
            return bytes;
        const char *p = m_partial.data();
        --m_batchLeft;
        if (!addEvent('B', littleEndian64(p), littleEndian64(p + 8), littleEndian64(p + 16), littleEndian64(p + 24),
                      littleEndian64(p + 32), littleEndian64(p + 40), littleEndian64(p + 48)))
            return {};
        m_partial.clear();
    }
    while (m_batchLeft > 0 && bytes.size() >= kRecordBytes) {
        const char *p = bytes.data();
        --m_batchLeft;
        if (!addEvent('B', littleEndian64(p), littleEndian64(p + 8), littleEndian64(p + 16), littleEndian64(p + 24),
                      littleEndian64(p + 32), littleEndian64(p + 40), littleEndian64(p + 48)))
            return {};
        bytes.remove_prefix(kRecordBytes);
    }
    if (m_batchLeft > 0 && !bytes.empty()) {
        m_partial.assign(bytes);
        return {};
    }
    return bytes;
}

bool TraceStream::finish()
{
    if (!ok())
        return false;
    if (m_batchLeft > 0) {
        m_partial.clear();
        return fail(fmt::format("the stream ends {} events before the end of its binary batch", m_batchLeft));
    }
    if (!m_partial.empty()) {
        const std::string last = std::move(m_partial);
        m_partial.clear();
        return line(last);
    }
    return true;
}

bool TraceStream::fail(std::string message)
{
    m_error = fmt::format("Python trace stream, line {}: {}", m_lineNumber, message);
    return false;
}

bool TraceStream::line(std::string_view text)
{
    ++m_lineNumber;
    if (!m_headerSeen) {
        if (text != kHeader)
            return fail(fmt::format("expected \"{}\", found \"{}\" (not a Coroscope tracer stream, or "
                                    "another version of it)",
                                    kHeader, text.substr(0, 60)));
        m_headerSeen = true;
        return true;
    }
    if (m_complete)
        return fail("a record after the end marker X");
    if (text.empty())
        return fail("an empty line");
    if (text.size() > 1 && text[1] != ' ')
        return fail(fmt::format("a record tag is one letter followed by a space, found \"{}\"", text.substr(0, 20)));
    return readRecord(text[0], text.size() > 2 ? text.substr(2) : std::string_view());
}

bool TraceStream::addEvent(char what, std::int64_t kind, std::int64_t lane, std::int64_t cause, std::int64_t detail,
                           std::int64_t loc, std::int64_t time, std::int64_t due)
{
    Trace &t = m_trace;
    const auto seq = t.events.size();
    if (seq >= 0xffffffffu)
        return fail("more than 2^32 - 1 events");
    // A lane's Create comes only with its L record.
    if (kind < 0 || kind >= EventKindCount || ((kind == std::int64_t(EventKind::Create)) != (what == 'L')))
        return fail(fmt::format("{}: unknown event kind {}", what, kind));
    if (lane < 0 || std::uint64_t(lane) >= t.lanes.size())
        return fail(fmt::format("{}: lane {} is not defined", what, lane));
    if (loc < 0 || std::uint64_t(loc) >= m_locations.size())
        return fail(fmt::format("{}: location {} is not defined", what, loc));
    if (cause < -1 || (cause >= 0 && std::uint64_t(cause) >= seq))
        return fail(fmt::format("{}: cause {} is not an earlier event", what, cause));
    if (detail < 0 || std::uint64_t(detail) >= m_strings.size())
        return fail(fmt::format("{}: string {} is not defined", what, detail));
    // The tracer stamps under one lock, so times never go back; clamp rather than refuse.
    if (!t.events.empty())
        time = std::max(time, t.endTime());
    Event e;
    e.lane = std::uint32_t(lane);
    e.cause = cause < 0 ? NoEvent : std::uint32_t(cause);
    e.detail = m_strings[std::size_t(detail)];
    e.loc = m_locations[std::size_t(loc)];
    e.kind = std::uint32_t(kind);
    t.append(e, time);
    if (due >= 0) {
        if (kind != std::int64_t(EventKind::TimerArm))
            return fail(fmt::format("{}: a due time on a {} event", what, eventKindName(EventKind(kind))));
        t.timerDues.push_back({std::uint32_t(seq), due});
    }
    return true;
}

std::uint32_t TraceStream::string(std::uint64_t streamId, bool &good)
{
    if (streamId >= m_strings.size()) {
        good = false;
        return 0;
    }
    return m_strings[streamId];
}

bool TraceStream::readRecord(char tag, std::string_view rest)
{
    Trace &t = m_trace;
    const auto seq = t.events.size();
    switch (tag) {
    case 'S': {
        std::int64_t id;
        if (!number(field(rest), id))
            return fail("S: a string id is a number");
        if (std::uint64_t(id) != m_strings.size())
            return fail(fmt::format("S: string {} defined out of order (expected {})", id, m_strings.size()));
        m_strings.push_back(t.strings.intern(unescape(rest)));
        return true;
    }
    case 'F': {
        std::int64_t id, file, lineNo;
        if (!number(field(rest), id) || !number(field(rest), file) || !number(field(rest), lineNo) || lineNo < 0)
            return fail("F: expected \"F id file-string line\"");
        if (std::uint64_t(id) != m_locations.size())
            return fail(fmt::format("F: location {} defined out of order (expected {})", id, m_locations.size()));
        if (m_locations.size() >= (1u << 24))
            return fail("F: more than 2^24 source locations");
        bool good = true;
        const auto fileId = string(std::uint64_t(file), good);
        if (!good)
            return fail(fmt::format("F: file string {} is not defined", file));
        m_locations.push_back(std::uint32_t(t.locations.size()));
        t.locations.push_back({fileId, std::uint32_t(std::min<std::int64_t>(lineNo, 0xffffffff))});
        return true;
    }
    case 'L': {
        std::int64_t lane = 0, cause, detail, time, parent = -1;
        LaneKind laneKind = LaneKind::Task;
        if (!number(field(rest), lane))
            return fail("L: expected \"L lane kind parent name-string cause time\"");
        if (!laneKindFromName(field(rest), laneKind))
            return fail("L: unknown lane kind");
        if (!number(field(rest), parent) || !number(field(rest), detail) || !number(field(rest), cause)
            || !number(field(rest), time) || !rest.empty())
            return fail("L: expected \"L lane kind parent name-string cause time\"");
        if (std::uint64_t(lane) != t.lanes.size())
            return fail(fmt::format("L: lane {} defined out of order (expected {})", lane, t.lanes.size()));
        if (parent < -1 || parent >= lane)
            return fail(fmt::format("L: parent lane {} is not an earlier lane", parent));
        bool good = true;
        const auto nameId = string(std::uint64_t(std::max<std::int64_t>(detail, 0)), good);
        if (!good || detail < 0)
            return fail(fmt::format("L: string {} is not defined", detail));
        t.lanes.push_back(Lane{nameId, laneKind,
                               parent < 0 ? NoLane : std::uint32_t(parent), std::uint32_t(seq)});
        if (!addEvent('L', std::int64_t(EventKind::Create), lane, cause, detail, 0, time, -1)) {
            t.lanes.pop_back();
            return false;
        }
        return true;
    }
    case 'E': {
        std::int64_t lane = 0, cause, detail, loc = 0, time;
        EventKind kind = EventKind::Create;
        if (!eventKindFromName(field(rest), kind) || kind == EventKind::Create)
            return fail("E: unknown event kind (a lane's Create comes with its L record)");
        if (!number(field(rest), lane) || !number(field(rest), cause) || !number(field(rest), detail)
            || !number(field(rest), loc) || !number(field(rest), time) || !rest.empty())
            return fail("E: expected \"E kind lane cause detail-string location time\"");
        return addEvent('E', std::int64_t(kind), lane, cause, detail, loc, time, -1);
    }
    case 'B': {
        std::int64_t count;
        if (!number(field(rest), count) || count <= 0 || !rest.empty())
            return fail("B: expected \"B count\" (a positive number of events)");
        if (std::uint64_t(count) > 0xffffffffu - seq)
            return fail("B: more than 2^32 - 1 events");
        m_batchLeft = std::uint64_t(count);
        return true;
    }
    case 'R': {
        std::int64_t lane, name;
        if (!number(field(rest), lane) || !number(field(rest), name) || !rest.empty())
            return fail("R: expected \"R lane name-string\"");
        if (lane < 0 || std::uint64_t(lane) >= t.lanes.size())
            return fail(fmt::format("R: lane {} is not defined", lane));
        bool good = true;
        const auto nameId = string(std::uint64_t(name), good);
        if (!good || name < 0)
            return fail(fmt::format("R: string {} is not defined", name));
        Lane &renamed = t.lanes[std::size_t(lane)];
        renamed.nameId = nameId;
        // Renamed before anything happened on it: asyncio.create_task(coro, name=...) (3.10-3.12)
        // creates "Task-N" and names it before the caller gets it back, which nobody can see; the
        // lane reads as created with its name, as the C++ runtime records it. (Only a recent Create:
        // the look back is short.)
        const auto &events = t.events;
        if (renamed.created < events.size() && events.size() - renamed.created <= 16) {
            bool untouched = true;
            for (std::size_t i = renamed.created + 1; i < events.size() && untouched; ++i)
                untouched = events[i].lane != std::uint32_t(lane);
            if (untouched)
                t.events[renamed.created].detail = nameId;
        }
        return true;
    }
    case 'T': {
        std::int64_t arm, due;
        if (!number(field(rest), arm) || !number(field(rest), due) || !rest.empty())
            return fail("T: expected \"T arm-event due\"");
        if (arm < 0 || std::uint64_t(arm) >= seq || t.events[std::size_t(arm)].eventKind() != EventKind::TimerArm)
            return fail(fmt::format("T: event {} is not a timer-arm", arm));
        if (!t.timerDues.empty() && t.timerDues.back().armEvent >= std::uint64_t(arm))
            return fail("T: timer dues out of order");
        t.timerDues.push_back({std::uint32_t(arm), due});
        return true;
    }
    case 'M': {
        const auto key = field(rest);
        if (key.empty())
            return fail("M: a metadata record needs a key");
        const auto value = unescape(rest);
        if (key == "clock")
            t.clock = value == "real" ? ClockMode::Real : ClockMode::Virtual;
        t.metadata.emplace_back(std::string(key), value);
        return true;
    }
    case 'X':
        if (!rest.empty())
            return fail("X: the end marker stands alone");
        m_complete = true;
        return true;
    default:
        return fail(fmt::format("unknown record '{}'", tag));
    }
}

} // namespace coroscope
