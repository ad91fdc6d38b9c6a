#include "TraceFile.h"

#include "AtomicFile.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <new>
#include <type_traits>

namespace coroscope {

namespace {

constexpr std::string_view kMagic = "CORSCOPE";
constexpr std::size_t kHeaderSize = 16; // magic, version, flags
constexpr std::size_t kSectionHeaderSize = 12; // tag, u64 payload length
constexpr std::size_t kEventSize = 20;   // version 2: u32 time past the epoch's base, then as in 1
constexpr std::size_t kEventSizeV1 = 24; // version 1: i64 time, u32 lane, cause, detail, loc + kind
constexpr std::size_t kEpochSize = 12;   // u32 first seq, i64 base
constexpr std::size_t kLaneMinSize = 13; // kind u8, parent u32, created u32, name length u32
constexpr std::size_t kTimerDueSize = 12;
constexpr std::size_t kLocationSize = 8;
constexpr std::uint64_t kNoIndex = std::numeric_limits<std::uint64_t>::max();

// Required sections in file order; END! closes the file. Other tags are skipped (forward compatibility).
constexpr std::array<std::string_view, 6> kRequired = {"META", "STRS", "LOCS", "LANE", "TDUE", "EVNT"};
constexpr std::string_view kEndTag = "END!";
// Optional, after EVNT: bookmarked steps with notes. Written only when there are some, so a trace
// without annotations has exactly the bytes it always had.
constexpr std::string_view kNoteTag = "NOTE";
constexpr std::size_t kNoteMinSize = 8; // seq u32, note length u32

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. Returns the offset of the
// first bad byte, or npos.
std::size_t invalidUtf8At(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = std::uint8_t(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0, min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return i;
        }
        if (s.size() - i <= n)
            return i;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto cc = std::uint8_t(s[i + k]);
            if ((cc & 0xc0) != 0x80)
                return i;
            cp = cp << 6 | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += n + 1;
    }
    return std::string_view::npos;
}

// CRC-32 (the zlib / PNG one), sliced by 8 so that checking a 24 MB file costs milliseconds.
constexpr auto makeCrcTables()
{
    std::array<std::array<std::uint32_t, 256>, 8> t {};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t i = 0; i < 256; ++i)
        for (std::size_t s = 1; s < 8; ++s)
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
    return t;
}
constexpr auto kCrc = makeCrcTables();

std::uint32_t crc32(std::string_view bytes)
{
    std::uint32_t c = 0xffffffffu;
    auto p = reinterpret_cast<const unsigned char *>(bytes.data());
    std::size_t n = bytes.size();
    for (; n >= 8; p += 8, n -= 8) {
        const std::uint32_t x = c
            ^ (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16
               | std::uint32_t(p[3]) << 24);
        c = kCrc[7][x & 0xff] ^ kCrc[6][(x >> 8) & 0xff] ^ kCrc[5][(x >> 16) & 0xff] ^ kCrc[4][x >> 24]
            ^ kCrc[3][p[4]] ^ kCrc[2][p[5]] ^ kCrc[1][p[6]] ^ kCrc[0][p[7]];
    }
    for (; n; ++p, --n)
        c = kCrc[0][(c ^ *p) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

// Explicit little-endian encoding; on little-endian hosts these compile to plain loads and stores.
template<typename T> T load(const char *p)
{
    using U = std::make_unsigned_t<T>;
    U v = 0;
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(&v, p, sizeof v);
    } else {
        for (std::size_t i = 0; i < sizeof v; ++i)
            v |= U(std::uint8_t(p[i])) << (8 * i);
    }
    return T(v);
}

// What follows the time in an event record, in both versions: lane, cause, detail, loc + kind.
struct EventFields {
    std::uint32_t lane, cause, detail, loc, kind;
};
inline EventFields loadFields(const char *p)
{
    const auto packed = load<std::uint32_t>(p + 12);
    return {load<std::uint32_t>(p), load<std::uint32_t>(p + 4), load<std::uint32_t>(p + 8), packed & 0xffffff,
            packed >> 24};
}

template<typename T> void store(char *p, T value)
{
    using U = std::make_unsigned_t<T>;
    const auto v = U(value);
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(p, &v, sizeof v);
    } else {
        for (std::size_t i = 0; i < sizeof v; ++i)
            p[i] = char(std::uint8_t(v >> (8 * i)));
    }
}

class Writer
{
public:
    explicit Writer(std::size_t reserve) { m_out.reserve(reserve); }

    void raw(std::string_view s) { m_out.append(s); }
    void u8(std::uint8_t v) { m_out.push_back(char(v)); }
    template<typename T> void put(T v)
    {
        char b[sizeof v];
        store(b, v);
        m_out.append(b, sizeof v);
    }
    void u32(std::uint32_t v) { put(v); }
    void str(std::string_view s)
    {
        u32(std::uint32_t(s.size()));
        m_out.append(s);
    }
    // Returns where the length goes; endSection() fills it in once the payload is written.
    std::size_t beginSection(std::string_view tag)
    {
        m_out.append(tag);
        const auto at = m_out.size();
        put(std::uint64_t(0));
        return at;
    }
    void endSection(std::size_t lengthAt)
    {
        store(m_out.data() + lengthAt, std::uint64_t(m_out.size() - lengthAt - 8));
    }
    char *grow(std::size_t n)
    {
        const auto at = m_out.size();
        m_out.resize(at + n);
        return m_out.data() + at;
    }
    std::string take() { return std::move(m_out); }
    std::string_view view() const { return m_out; }

private:
    std::string m_out;
};

void setError(TraceFileError *error, std::string message, std::uint64_t offset)
{
    if (error)
        *error = TraceFileError {std::move(message), offset};
}

// Reads one file. Every read is bounds-checked against the current limit (the end of the section being
// read, or of the file), and every count against the bytes left, before anything is allocated.
class Parser
{
public:
    Parser(std::string_view bytes, TraceFileError *error)
        : m_bytes(bytes)
        , m_limit(bytes.size())
        , m_error(error)
    { }

    std::optional<Trace> run()
    {
        if (!parse())
            return std::nullopt;
        return std::move(m_trace);
    }

private:
    bool parse()
    {
        if (!header())
            return false;
        std::size_t next = 0; // index into kRequired
        for (;;) {
            m_section = {};
            m_limit = m_bytes.size();
            const std::size_t at = m_pos;
            if (!need(kSectionHeaderSize, "the next section header"))
                return false;
            const std::string_view tag = take(4);
            const auto length = get<std::uint64_t>();
            if (!std::all_of(tag.begin(), tag.end(), [](char c) { return c >= 0x20 && c <= 0x7e; }))
                return fail(at,
                            fmt::format("invalid section tag {:02x} {:02x} {:02x} {:02x}",
                                        std::uint8_t(tag[0]), std::uint8_t(tag[1]), std::uint8_t(tag[2]),
                                        std::uint8_t(tag[3])));
            if (length > m_bytes.size() - m_pos)
                return fail(m_bytes.size(),
                            fmt::format("file truncated at byte {} while reading section {} "
                                        "(it declares {} bytes, {} remain)",
                                        m_bytes.size(), tag, length, m_bytes.size() - m_pos));
            m_section = tag;
            m_limit = m_pos + std::size_t(length);

            if (tag == kEndTag) {
                if (next < kRequired.size())
                    return fail(at, fmt::format("missing section {} (found END!)", kRequired[next]));
                return end(at);
            }
            if (tag == kNoteTag) {
                if (next < kRequired.size())
                    return fail(at, fmt::format("section NOTE out of order: it must follow EVNT (expected {})",
                                                kRequired[next]));
                if (m_sawNotes)
                    return fail(at, "duplicate section NOTE");
                m_sawNotes = true;
                if (!notes())
                    return false;
                if (m_pos != m_limit)
                    return fail(m_pos,
                                fmt::format("section NOTE has {} unexpected bytes at its end", m_limit - m_pos));
                continue;
            }
            const auto known = std::find(kRequired.begin(), kRequired.end(), tag);
            if (known == kRequired.end()) {
                m_pos = m_limit; // written by a newer version: not needed to understand this one
                continue;
            }
            const auto index = std::size_t(known - kRequired.begin());
            if (index < next)
                return fail(at, fmt::format("duplicate section {}", tag));
            if (index > next)
                return fail(at, fmt::format("section {} out of order: expected {}", tag, kRequired[next]));
            if (!section(index))
                return false;
            if (m_pos != m_limit)
                return fail(
                    m_pos,
                    fmt::format("section {} has {} unexpected bytes at its end", tag, m_limit - m_pos));
            ++next;
        }
    }

    bool fail(std::uint64_t offset, std::string message)
    {
        setError(m_error, std::move(message), offset);
        return false;
    }

    std::string describe(std::string_view what, std::uint64_t index) const
    {
        return index == kNoIndex ? std::string(what) : fmt::format("{} {}", what, index);
    }

    // Makes sure `n` more bytes are there before reading them unchecked.
    bool need(std::size_t n, std::string_view what, std::uint64_t index = kNoIndex)
    {
        if (n <= m_limit - m_pos) [[likely]]
            return true;
        if (m_section.empty())
            fail(m_limit,
                 fmt::format("file truncated at byte {} while reading {}", m_limit, describe(what, index)));
        else
            fail(m_limit,
                 fmt::format("section {} is too short: it ends at byte {} while reading {}", m_section,
                             m_limit, describe(what, index)));
        return false;
    }

    // A count of records of at least `size` bytes each must fit in what is left of the section.
    bool fits(std::uint64_t count, std::size_t size, std::string_view what, std::size_t countAt)
    {
        const std::size_t left = m_limit - m_pos;
        if (count <= left / size)
            return true;
        fail(countAt,
             fmt::format("{} count {} does not fit in section {} (each needs at least {} bytes, {} remain)",
                         what, count, m_section, size, left));
        return false;
    }

    std::string_view take(std::size_t n)
    {
        const auto s = m_bytes.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    template<typename T> T get()
    {
        const T v = load<T>(m_bytes.data() + m_pos);
        m_pos += sizeof(T);
        return v;
    }
    bool count32(std::uint32_t &count, std::size_t size, std::string_view what)
    {
        const auto at = m_pos;
        if (!need(4, fmt::format("the {} count", what)))
            return false;
        count = get<std::uint32_t>();
        return fits(count, size, what, at);
    }
    bool str(std::string_view &out, std::string_view what, std::uint64_t index)
    {
        if (!need(4, what, index))
            return false;
        const auto length = get<std::uint32_t>();
        if (!need(length, what, index))
            return false;
        out = take(length);
        return true;
    }

    bool header()
    {
        const auto n = std::min(m_bytes.size(), kMagic.size());
        if (m_bytes.empty())
            return fail(0, "empty file: not a Coroscope trace file");
        if (m_bytes.substr(0, n) != kMagic.substr(0, n))
            return fail(0, "not a Coroscope trace file (bad magic)");
        if (!need(kHeaderSize, "the file header"))
            return false;
        m_pos = kMagic.size();
        const auto version = get<std::uint32_t>();
        if (version < OldestTraceFormatVersion || version > TraceFormatVersion)
            return fail(8,
                        fmt::format("unsupported trace format version {} (this build reads versions {} to {})",
                                    version, OldestTraceFormatVersion, TraceFormatVersion));
        m_version = version;
        const auto flags = get<std::uint32_t>();
        if (flags != 0)
            return fail(12, fmt::format("unsupported flags {:#010x} (this build reads flags 0)", flags));
        return true;
    }

    bool section(std::size_t index)
    {
        switch (index) {
        case 0:
            return meta();
        case 1:
            return strings();
        case 2:
            return locations();
        case 3:
            return lanes();
        case 4:
            return timerDues();
        default:
            return events();
        }
    }

    bool meta()
    {
        if (!need(1, "the clock mode"))
            return false;
        const auto clock = get<std::uint8_t>();
        if (clock > std::uint8_t(ClockMode::Real))
            return fail(m_pos - 1, fmt::format("clock mode {} out of range (0 = virtual, 1 = real)", clock));
        m_trace.clock = ClockMode(clock);
        std::uint32_t count = 0;
        if (!count32(count, 8, "metadata entry"))
            return false;
        m_trace.metadata.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
            std::string_view key, value;
            if (!str(key, "metadata key", i) || !str(value, "metadata value", i))
                return false;
            m_trace.metadata.emplace_back(key, value);
        }
        return true;
    }

    bool strings()
    {
        const auto countAt = m_pos;
        std::uint32_t count = 0;
        if (!count32(count, 4, "string"))
            return false;
        if (count == 0)
            return fail(countAt, "the string table is empty (string 0, the empty string, is required)");
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto at = m_pos;
            std::string_view s;
            if (!str(s, "string", i))
                return false;
            if (i == 0) {
                if (!s.empty())
                    return fail(at, "string 0 must be the empty string");
                continue;
            }
            // Ids are positions: a repeated string would make interning hand out different ids.
            if (const auto id = m_trace.strings.intern(s); id != i)
                return fail(at,
                            s.empty() ? fmt::format("string {} is empty (only string 0 may be)", i)
                                      : fmt::format("string {} duplicates string {}", i, id));
        }
        return true;
    }

    bool locations()
    {
        const auto countAt = m_pos;
        std::uint32_t count = 0;
        if (!count32(count, kLocationSize, "location"))
            return false;
        if (count == 0)
            return fail(countAt, "the location table is empty (location 0, unknown, is required)");
        m_trace.locations.clear();
        m_trace.locations.reserve(count);
        const auto stringCount = m_trace.strings.size();
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto at = m_pos;
            SourceLocation l;
            l.file = get<std::uint32_t>();
            l.line = get<std::uint32_t>();
            if (l.file >= stringCount)
                return fail(at,
                            fmt::format("location {}: file string id {} out of range ({} strings)", i, l.file,
                                        stringCount));
            if (i == 0 && l != SourceLocation {})
                return fail(at, "location 0 must be unknown (file 0, line 0)");
            m_trace.locations.push_back(l);
        }
        return true;
    }

    bool lanes()
    {
        std::uint32_t count = 0;
        if (!count32(count, kLaneMinSize, "lane"))
            return false;
        m_trace.lanes.reserve(count);
        m_laneCreatedAt.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto at = m_pos;
            if (!need(kLaneMinSize - 4, "lane", i))
                return false;
            Lane lane;
            const auto kind = get<std::uint8_t>();
            if (kind >= std::uint8_t(LaneKind::Count_))
                return fail(at, fmt::format("lane {}: lane kind {} out of range", i, kind));
            lane.kind = LaneKind(kind);
            lane.parent = get<std::uint32_t>();
            // A parent exists before its children: this also rules out cycles for views walking up the tree.
            if (lane.parent != NoLane && lane.parent >= i)
                return fail(at + 1,
                            fmt::format("lane {}: parent lane {} out of range (parents come before "
                                        "their children)",
                                        i, lane.parent));
            m_laneCreatedAt.push_back(m_pos); // checked once the events are known
            lane.created = get<std::uint32_t>();
            std::string_view name;
            if (!str(name, "the name of lane", i))
                return false;
            lane.nameId = m_trace.strings.intern(name); // (the strings were read before: ids stay as written)
            m_trace.lanes.push_back(lane);
        }
        return true;
    }

    bool timerDues()
    {
        std::uint32_t count = 0;
        if (!count32(count, kTimerDueSize, "timer due"))
            return false;
        m_duesAt = m_pos;
        m_trace.timerDues.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
            TimerDue t;
            t.armEvent = get<std::uint32_t>();
            t.due = get<std::int64_t>();
            // Trace::dueTime() binary-searches them.
            if (i > 0 && t.armEvent <= m_trace.timerDues.back().armEvent)
                return fail(m_pos - kTimerDueSize,
                            fmt::format("timer due {}: arm events must increase ({} after {})", i, t.armEvent,
                                        m_trace.timerDues.back().armEvent));
            m_trace.timerDues.push_back(t);
        }
        return true;
    }

    bool events()
    {
        const auto countAt = m_pos;
        if (!need(8, "the event count"))
            return false;
        const auto count = get<std::uint64_t>();
        if (m_version == 1)
            return eventsV1(count, countAt);
        if (!epochs(count))
            return false;
        if (!fits(count, kEventSize, "event", countAt))
            return false;
        if (count > NoEvent) // seqs are u32 and NoEvent is reserved
            return fail(countAt, fmt::format("event count {} exceeds the maximum {}", count, NoEvent));

        auto &events = m_trace.events;
        events.resize(std::size_t(count));
        const auto n = counts();
        const char *p = m_bytes.data() + m_pos;
        const auto &epochs = m_trace.epochs;
        std::size_t epoch = 0;
        std::uint64_t nextEpochAt = 0;
        std::int64_t base = 0;
        std::uint32_t maxLo = 0; // base + maxLo must not overflow an i64
        std::int64_t previousTime = std::numeric_limits<std::int64_t>::min();
        // The hot loop: decode and range-check, diagnosing only when something is off.
        for (std::uint32_t seq = 0; seq < count; ++seq, p += kEventSize) {
            if (seq == nextEpochAt) [[unlikely]] {
                while (epoch + 1 < epochs.size() && epochs[epoch + 1].firstSeq <= seq)
                    ++epoch;
                base = epochs[epoch].base;
                maxLo = std::uint32_t(std::min<std::uint64_t>(
                    0xffffffffu, std::uint64_t(std::numeric_limits<std::int64_t>::max()) - std::uint64_t(base)));
                if (base < 0)
                    maxLo = 0xffffffffu;
                nextEpochAt = epoch + 1 < epochs.size() ? epochs[epoch + 1].firstSeq : count;
            }
            const auto lo = load<std::uint32_t>(p);
            const auto f = loadFields(p + 4);
            const std::int64_t time = base + std::int64_t(std::min(lo, maxLo));
            if (lo > maxLo || time < previousTime || !fieldsInRange(f, seq, n)) [[unlikely]]
                return lo > maxLo ? fail(std::size_t(p - m_bytes.data()),
                                         fmt::format("event {}: time {} past its epoch's base {} is beyond the "
                                                     "largest time",
                                                     seq, lo, base))
                                  : badEvent(seq, std::size_t(p - m_bytes.data()), 4, time, previousTime);
            previousTime = time;
            Event &e = events[seq];
            e.timeLo = lo;
            setFields(e, f);
        }
        m_pos += std::size_t(count) * kEventSize;
        return crossChecks();
    }

    // Version 2's epoch table, between the event count and the events.
    bool epochs(std::uint64_t eventCount)
    {
        const auto countAt = m_pos;
        std::uint32_t count = 0;
        if (!count32(count, kEpochSize, "epoch"))
            return false;
        if (count == 0)
            return fail(countAt, "the epoch table is empty (epoch 0, from event 0, is required)");
        auto &epochs = m_trace.epochs;
        epochs.clear();
        epochs.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto at = m_pos;
            TimeEpoch e;
            e.firstSeq = get<std::uint32_t>();
            e.base = get<std::int64_t>();
            if (i == 0 && e.firstSeq != 0)
                return fail(at, fmt::format("epoch 0 starts at event {} (it must start at event 0)", e.firstSeq));
            if (i > 0 && e.firstSeq <= epochs.back().firstSeq)
                return fail(at, fmt::format("epoch {}: first event {} does not follow epoch {}'s {}", i,
                                            e.firstSeq, i - 1, epochs.back().firstSeq));
            if (i > 0 && e.firstSeq >= eventCount)
                return fail(at, fmt::format("epoch {}: first event {} out of range ({} events)", i, e.firstSeq,
                                            eventCount));
            epochs.push_back(e);
        }
        return true;
    }

    // Version 1: 24-byte events with their full time; the epochs are made as the recorder makes them.
    bool eventsV1(std::uint64_t count, std::size_t countAt)
    {
        if (!fits(count, kEventSizeV1, "event", countAt))
            return false;
        if (count > NoEvent)
            return fail(countAt, fmt::format("event count {} exceeds the maximum {}", count, NoEvent));
        auto &events = m_trace.events;
        events.reserve(std::size_t(count));
        const auto n = counts();
        const char *p = m_bytes.data() + m_pos;
        std::int64_t previousTime = std::numeric_limits<std::int64_t>::min();
        for (std::uint32_t seq = 0; seq < count; ++seq, p += kEventSizeV1) {
            const auto time = load<std::int64_t>(p);
            const auto f = loadFields(p + 8);
            if (time < previousTime || !fieldsInRange(f, seq, n)) [[unlikely]]
                return badEvent(seq, std::size_t(p - m_bytes.data()), 8, time, previousTime);
            previousTime = time;
            Event e;
            setFields(e, f);
            m_trace.append(e, time);
        }
        m_pos += std::size_t(count) * kEventSizeV1;
        return crossChecks();
    }

    // How many lanes, strings and locations the file holds: what an event's ids must stay below.
    struct Counts {
        std::size_t lanes, strings, locations;
    };
    Counts counts() const { return {m_trace.lanes.size(), m_trace.strings.size(), m_trace.locations.size()}; }
    // Each id names something the file holds (a cause only an earlier event).
    static bool fieldsInRange(const EventFields &f, std::uint32_t seq, const Counts &n)
    {
        return f.lane < n.lanes && (f.cause < seq || f.cause == NoEvent) && f.detail < n.strings
            && f.loc < n.locations && f.kind < std::uint32_t(EventKindCount);
    }
    static void setFields(Event &e, const EventFields &f)
    {
        e.lane = f.lane;
        e.cause = f.cause;
        e.detail = f.detail;
        e.loc = f.loc;
        e.kind = f.kind;
    }

    // `fields`: where the lane is in the record (after the time: 4 bytes in version 2, 8 in 1).
    bool badEvent(std::uint32_t seq, std::size_t at, std::size_t fields, std::int64_t time,
                  std::int64_t previousTime)
    {
        const char *p = m_bytes.data() + at + fields;
        const auto lane = load<std::uint32_t>(p);
        const auto cause = load<std::uint32_t>(p + 4);
        const auto detail = load<std::uint32_t>(p + 8);
        const auto packed = load<std::uint32_t>(p + 12);
        at += fields;
        if (time < previousTime)
            return fail(at - fields,
                        fmt::format("event {}: time {} is before the previous event's {} "
                                    "(events must be in time order)",
                                    seq, time, previousTime));
        if (lane >= m_trace.lanes.size())
            return fail(
                at,
                fmt::format("event {}: lane id {} out of range ({} lanes)", seq, lane, m_trace.lanes.size()));
        if (cause >= seq && cause != NoEvent)
            return fail(at + 4,
                        fmt::format("event {}: cause {} does not precede it (causes must point backwards)",
                                    seq, cause));
        if (detail >= m_trace.strings.size())
            return fail(at + 8,
                        fmt::format("event {}: detail string id {} out of range ({} strings)", seq, detail,
                                    m_trace.strings.size()));
        if ((packed >> 24) >= std::uint32_t(EventKindCount))
            return fail(at + 12, fmt::format("event {}: event kind {} out of range", seq, packed >> 24));
        return fail(at + 12,
                    fmt::format("event {}: location id {} out of range ({} locations)", seq,
                                packed & 0xffffff, m_trace.locations.size()));
    }

    // References from earlier sections into the events.
    bool crossChecks()
    {
        const auto count = m_trace.events.size();
        for (std::size_t i = 0; i < m_trace.lanes.size(); ++i) {
            // == count is allowed: the recorder notes the next seq even when the budget drops the Create.
            if (m_trace.lanes[i].created > count)
                return fail(m_laneCreatedAt[i],
                            fmt::format("lane {}: created by event {}, beyond the {} events", i,
                                        m_trace.lanes[i].created, count));
        }
        for (std::size_t i = 0; i < m_trace.timerDues.size(); ++i) {
            const auto arm = m_trace.timerDues[i].armEvent;
            const auto at = m_duesAt + i * kTimerDueSize;
            if (arm >= count)
                return fail(
                    at, fmt::format("timer due {}: arm event {} out of range ({} events)", i, arm, count));
            if (m_trace.events[arm].eventKind() != EventKind::TimerArm)
                return fail(at,
                            fmt::format("timer due {}: event {} is a {} event, not timer-arm", i, arm,
                                        eventKindName(m_trace.events[arm].eventKind())));
        }
        return true;
    }

    bool notes()
    {
        std::uint32_t count = 0;
        if (!count32(count, kNoteMinSize, "annotation"))
            return false;
        const auto events = m_trace.events.size();
        m_trace.annotations.reserve(count);
        for (std::uint32_t i = 0; i < count; ++i) {
            const auto at = m_pos;
            if (!need(4, "annotation", i))
                return false;
            Annotation a;
            a.seq = get<std::uint32_t>();
            if (a.seq >= events)
                return fail(at, fmt::format("annotation {}: event {} out of range ({} events)", i, a.seq, events));
            // One per event, sorted: annotationAt() binary-searches them.
            if (i > 0 && a.seq <= m_trace.annotations.back().seq)
                return fail(at, fmt::format("annotation {}: events must increase ({} after {})", i, a.seq,
                                            m_trace.annotations.back().seq));
            const auto noteAt = m_pos;
            std::string_view note;
            if (!str(note, "the note of annotation", i))
                return false;
            if (note.size() > MaxAnnotationBytes)
                return fail(noteAt, fmt::format("annotation {}: note of {} bytes is longer than {}", i,
                                                note.size(), MaxAnnotationBytes));
            if (const auto bad = invalidUtf8At(note); bad != std::string_view::npos)
                return fail(noteAt + 4 + bad, fmt::format("annotation {}: note is not valid UTF-8", i));
            a.note = note;
            m_trace.annotations.push_back(std::move(a));
        }
        return true;
    }

    bool end(std::size_t at)
    {
        if (m_limit - m_pos != 4)
            return fail(at + 4, fmt::format("section END! has length {} (expected 4)", m_limit - m_pos));
        const auto stored = get<std::uint32_t>();
        const auto actual = crc32(m_bytes.substr(0, at));
        if (stored != actual)
            return fail(at + kSectionHeaderSize,
                        fmt::format("checksum mismatch: the file says {:#010x}, its contents give {:#010x}",
                                    stored, actual));
        if (m_pos != m_bytes.size())
            return fail(m_pos,
                        fmt::format("{} trailing bytes after the END! section", m_bytes.size() - m_pos));
        return true;
    }

    std::string_view m_bytes;
    std::size_t m_pos = 0;
    std::size_t m_limit; // end of the section being read, or of the file
    std::string_view m_section; // its tag, for messages; empty outside sections
    TraceFileError *m_error;
    Trace m_trace;
    std::vector<std::size_t> m_laneCreatedAt; // offsets of Lane::created, for crossChecks()
    std::size_t m_duesAt = 0;
    bool m_sawNotes = false;
    std::uint32_t m_version = TraceFormatVersion;
};

} // namespace

std::string serializeTrace(const Trace &trace)
{
    std::size_t estimate = 256 + trace.events.size() * kEventSize + trace.epochs.size() * kEpochSize
        + trace.locations.size() * kLocationSize
        + trace.timerDues.size() * kTimerDueSize;
    for (std::uint32_t i = 0; i < trace.strings.size(); ++i)
        estimate += 4 + trace.strings.at(i).size();
    for (std::uint32_t i = 0; i < trace.lanes.size(); ++i)
        estimate += kLaneMinSize + trace.laneName(i).size();
    for (const auto &[key, value] : trace.metadata)
        estimate += 8 + key.size() + value.size();
    for (const auto &a : trace.annotations)
        estimate += kNoteMinSize + a.note.size();

    Writer w(estimate);
    w.raw(kMagic);
    w.u32(TraceFormatVersion);
    w.u32(0); // flags

    auto at = w.beginSection("META");
    w.u8(std::uint8_t(trace.clock));
    w.u32(std::uint32_t(trace.metadata.size()));
    for (const auto &[key, value] : trace.metadata) {
        w.str(key);
        w.str(value);
    }
    w.endSection(at);

    at = w.beginSection("STRS");
    w.u32(trace.strings.size());
    for (std::uint32_t i = 0; i < trace.strings.size(); ++i)
        w.str(trace.strings.at(i));
    w.endSection(at);

    at = w.beginSection("LOCS");
    w.u32(std::uint32_t(trace.locations.size()));
    for (const auto &l : trace.locations) {
        w.u32(l.file);
        w.u32(l.line);
    }
    w.endSection(at);

    at = w.beginSection("LANE");
    w.u32(std::uint32_t(trace.lanes.size()));
    for (const auto &lane : trace.lanes) {
        w.u8(std::uint8_t(lane.kind));
        w.u32(lane.parent);
        w.u32(lane.created);
        w.str(trace.strings.at(lane.nameId)); // inline (the format's), though every name is in the table now
    }
    w.endSection(at);

    at = w.beginSection("TDUE");
    const auto implied = std::count_if(trace.timerDues.begin(), trace.timerDues.end(),
                                       [](const TimerDue &t) { return t.due == ImpliedDue; });
    w.u32(std::uint32_t(trace.timerDues.size() - std::size_t(implied)));
    for (const auto &t : trace.timerDues) {
        if (t.due == ImpliedDue) // (a trace still being recorded): its TimerFire says it
            continue;
        w.u32(t.armEvent);
        w.put(t.due);
    }
    w.endSection(at);

    at = w.beginSection("EVNT");
    const auto eventCount = trace.events.size();
    w.put(std::uint64_t(eventCount));
    // The epochs that hold events (the recorder may have opened one after the last event).
    std::size_t epochCount = 1;
    while (epochCount < trace.epochs.size() && trace.epochs[epochCount].firstSeq < eventCount)
        ++epochCount;
    w.u32(std::uint32_t(epochCount));
    for (std::size_t i = 0; i < epochCount; ++i) {
        const TimeEpoch e = trace.epochs.empty() ? TimeEpoch{} : trace.epochs[i];
        w.u32(e.firstSeq);
        w.put(e.base);
    }
    char *p = w.grow(eventCount * kEventSize);
    for (const Event &e : trace.events) {
        store(p, e.timeLo);
        store(p + 4, e.lane);
        store(p + 8, e.cause);
        store(p + 12, e.detail);
        store(p + 16, std::uint32_t(e.loc) | std::uint32_t(e.kind) << 24);
        p += kEventSize;
    }
    w.endSection(at);

    if (!trace.annotations.empty()) {
        at = w.beginSection(kNoteTag);
        w.u32(std::uint32_t(trace.annotations.size()));
        for (const auto &a : trace.annotations) {
            w.u32(a.seq);
            w.str(a.note);
        }
        w.endSection(at);
    }

    const auto checksum = crc32(w.view());
    at = w.beginSection(kEndTag);
    w.u32(checksum);
    w.endSection(at);
    return w.take();
}

bool writeTraceFile(const Trace &trace, const std::string &path, std::string *error)
{
    return writeFileAtomically(serializeTrace(trace), path, error);
}

std::optional<Trace> parseTrace(std::string_view bytes, TraceFileError *error)
{
    return Parser(bytes, error).run();
}

namespace {

// Reads `n` bytes at `pos` of a regular file without disturbing its stream position.
bool readAt(std::FILE *f, std::uint64_t pos, char *out, std::size_t n)
{
#if defined(__unix__) || defined(__APPLE__)
    std::size_t done = 0;
    while (done < n) {
        const auto got = ::pread(fileno(f), out + done, n - done, off_t(pos + done));
        if (got <= 0)
            return false;
        done += std::size_t(got);
    }
    return true;
#else
    return std::fseek(f, long(pos), SEEK_SET) == 0 && std::fread(out, 1, n, f) == n
        && std::fseek(f, 0, SEEK_SET) == 0;
#endif
}

// Before a regular file is read into memory: its header and the chain of section headers, walked by
// seeking, must end with END! exactly at the end of the file. A multi-gigabyte file that is not a
// trace (or a trace followed by gigabytes of anything) is refused after reading a few bytes, so the
// memory a file can cost is bounded by a trace it really holds. The messages are the parser's.
bool checkTraceFraming(std::FILE *f, std::uint64_t size, TraceFileError *error)
{
    if (size < kHeaderSize)
        return true; // read whole: the parser names what is missing
    char head[kHeaderSize];
    if (!readAt(f, 0, head, kHeaderSize))
        return true; // let the full read report it
    TraceFileError headerError;
    if (!parseTrace(std::string_view(head, kHeaderSize), &headerError) && headerError.offset < kHeaderSize) {
        setError(error, std::move(headerError.message), headerError.offset);
        return false;
    }
    for (std::uint64_t pos = kHeaderSize;;) {
        char header[kSectionHeaderSize];
        if (size - pos < kSectionHeaderSize) {
            setError(error,
                     fmt::format("file truncated at byte {} while reading the next section header", size),
                     size);
            return false;
        }
        if (!readAt(f, pos, header, kSectionHeaderSize))
            return true;
        const std::string_view tag(header, 4);
        std::uint64_t length = 0;
        for (int i = 7; i >= 0; --i)
            length = length << 8 | std::uint8_t(header[4 + i]);
        if (!std::all_of(tag.begin(), tag.end(), [](char c) { return c >= 0x20 && c <= 0x7e; })) {
            setError(error,
                     fmt::format("invalid section tag {:02x} {:02x} {:02x} {:02x}", std::uint8_t(tag[0]),
                                 std::uint8_t(tag[1]), std::uint8_t(tag[2]), std::uint8_t(tag[3])),
                     pos);
            return false;
        }
        const auto payloadAt = pos + kSectionHeaderSize;
        if (length > size - payloadAt) {
            setError(
                error,
                fmt::format("file truncated at byte {} while reading section {} (it declares {} bytes, {} "
                            "remain)",
                            size, tag, length, size - payloadAt),
                size);
            return false;
        }
        pos = payloadAt + length;
        if (tag == kEndTag) {
            if (pos != size) {
                setError(error, fmt::format("{} trailing bytes after the END! section", size - pos), pos);
                return false;
            }
            return true;
        }
    }
}

} // namespace

bool checkTraceFileFraming(const std::string &path, TraceFileError *error)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return true;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return true;
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return true;
    const bool ok = checkTraceFraming(f, size, error);
    std::fclose(f);
    return ok;
}

std::optional<Trace> readTraceFile(const std::string &path, TraceFileError *error)
{
    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        setError(error, fmt::format("cannot open {}: {}", path, std::strerror(errno)), 0);
        return std::nullopt;
    }
    std::string bytes;
    try {
        std::error_code ec;
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && std::filesystem::is_regular_file(path, ec) && !checkTraceFraming(f, size, error)) {
            std::fclose(f);
            return std::nullopt;
        }
        // One spare byte: reaching EOF then needs no second allocation.
        bytes.resize(ec ? std::size_t(1) << 16 : std::size_t(size) + 1);
        std::size_t used = 0;
        for (;;) {
            if (used == bytes.size())
                bytes.resize(bytes.size() * 2);
            const auto n = std::fread(bytes.data() + used, 1, bytes.size() - used, f);
            used += n;
            if (n == 0)
                break;
        }
        bytes.resize(used);
    } catch (const std::bad_alloc &) {
        std::fclose(f);
        setError(error, fmt::format("cannot read {}: not enough memory", path), 0);
        return std::nullopt;
    }
    const bool readError = std::ferror(f);
    const int savedErrno = errno;
    std::fclose(f);
    if (readError) {
        setError(error, fmt::format("cannot read {}: {}", path, std::strerror(savedErrno)), 0);
        return std::nullopt;
    }
    return parseTrace(bytes, error);
}

bool looksLikeNativeTrace(std::string_view firstBytes)
{
    return firstBytes.starts_with(kMagic);
}

} // namespace coroscope
