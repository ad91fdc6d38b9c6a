#include "TraceStream.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace coroscope {

namespace {

constexpr std::string_view kHeader = "coroscope-pytrace 1";

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

bool TraceStream::finish()
{
    if (!ok())
        return false;
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
    case 'L':
    case 'E': {
        std::int64_t lane = 0, cause, detail, loc = 0, time;
        EventKind kind = EventKind::Create;
        LaneKind laneKind = LaneKind::Task;
        std::int64_t parent = -1;
        if (tag == 'L') {
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
        } else {
            if (!eventKindFromName(field(rest), kind) || kind == EventKind::Create)
                return fail("E: unknown event kind (a lane's Create comes with its L record)");
            if (!number(field(rest), lane) || !number(field(rest), cause) || !number(field(rest), detail)
                || !number(field(rest), loc) || !number(field(rest), time) || !rest.empty())
                return fail("E: expected \"E kind lane cause detail-string location time\"");
            if (lane < 0 || std::uint64_t(lane) >= t.lanes.size())
                return fail(fmt::format("E: lane {} is not defined", lane));
            if (loc < 0 || std::uint64_t(loc) >= m_locations.size())
                return fail(fmt::format("E: location {} is not defined", loc));
        }
        if (seq >= 0xffffffffu)
            return fail("more than 2^32 - 1 events");
        if (cause < -1 || (cause >= 0 && std::uint64_t(cause) >= seq))
            return fail(fmt::format("{}: cause {} is not an earlier event", tag, cause));
        bool good = true;
        const auto detailId = string(std::uint64_t(detail), good);
        if (!good || detail < 0)
            return fail(fmt::format("{}: string {} is not defined", tag, detail));
        // The tracer stamps under one lock, so times never go back; clamp rather than refuse.
        if (!t.events.empty())
            time = std::max(time, t.events.back().time);
        if (tag == 'L')
            t.lanes.push_back(Lane{std::string(t.strings.at(detailId)), laneKind,
                                   parent < 0 ? NoLane : std::uint32_t(parent), std::uint32_t(seq)});
        Event &e = t.events.emplace_back();
        e.time = time;
        e.lane = std::uint32_t(lane);
        e.cause = cause < 0 ? NoEvent : std::uint32_t(cause);
        e.detail = detailId;
        e.loc = m_locations[std::size_t(loc)];
        e.kind = std::uint32_t(kind);
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
        t.lanes[std::size_t(lane)].name = std::string(t.strings.at(nameId));
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
