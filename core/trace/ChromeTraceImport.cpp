#include "ChromeTraceImport.h"

#include "ChromeDocument.h"
#include "ChromeJsonReader.h"
#include "ForeignTraceBuilder.h"
#include "HugePages.h"
#include "JsonSyntaxCheck.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <numeric>

namespace coroscope {

namespace {

// The fast path reads the traceEvents array in windows of about this many bytes, each small enough for
// simdjson's index of it to stay in the cache; documents under kFastMinimum are read whole.
constexpr std::size_t kWindow = std::size_t(1) << 16;
constexpr std::size_t kCutSearch = std::size_t(64) << 10;
constexpr std::size_t kFastMinimum = 4 * kWindow;
constexpr std::size_t kPrefault = std::size_t(4) << 20;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Past whitespace, a UTF-8 byte order mark and whitespace again: where the JSON value starts.
std::size_t valueStart(std::string_view json)
{
    std::size_t p = 0;
    while (p < json.size() && isSpace(json[p]))
        ++p;
    if (json.substr(p, 3) == "\xef\xbb\xbf")
        p += 3;
    while (p < json.size() && isSpace(json[p]))
        ++p;
    return p;
}

// A copy for simdjson: padded, the byte order mark (which simdjson does not skip) blanked.
std::unique_ptr<char[]> paddedCopy(std::string_view head, std::string_view tail = {})
{
    const std::size_t n = head.size() + tail.size();
    auto copy = std::make_unique_for_overwrite<char[]>(n + ChromeJsonReader::kPadding);
    if (!head.empty())
        std::memcpy(copy.get(), head.data(), head.size());
    if (!tail.empty())
        std::memcpy(copy.get() + head.size(), tail.data(), tail.size());
    std::memset(copy.get() + n, ' ', ChromeJsonReader::kPadding);
    const std::size_t bom = std::string_view(copy.get(), std::min<std::size_t>(n, 64)).find("\xef\xbb\xbf");
    if (bom != std::string_view::npos && bom < valueStart(std::string_view(copy.get(), n)))
        std::memset(copy.get() + bom, ' ', 3);
    return copy;
}

class ChromeTraceImporter
{
public:
    explicit ChromeTraceImporter(std::string_view json)
        : m_json(json)
    { }

    std::optional<Trace> read(TraceFileError *error)
    {
        // What the JSON reader cannot say: that there is something to read, and what it starts with.
        const std::size_t start = valueStart(m_json);
        if (start >= m_json.size())
            return refuse(error, refusal(start));
        if (m_json[start] != '{' && m_json[start] != '[') {
            const auto c = static_cast<unsigned char>(m_json[start]);
            const std::string found
                = c >= 0x20 && c < 0x7f ? fmt::format("'{}'", char(c)) : fmt::format("byte 0x{:02x}", unsigned(c));
            return refuse(error, jsonErrorAt(m_json, start,
                                             fmt::format("not a Coroscope trace or Chrome trace JSON: it starts with {}",
                                                         found)));
        }

        ChromeDocument doc;
        TraceFileError problem;
        if (!pass(doc, ChromeJsonReader::Pass::Native, problem))
            return refuse(error, problem);
        Trace trace;
        if (doc.haveHeader) {
            if (buildNative(doc, problem))
                return std::move(doc.trace);
            if (!m_needOffsets)
                return refuse(error, problem);
            // An event is wrong, and the message names where it is: read again, keeping the offsets.
            ChromeDocument again;
            again.keepOffsets = true;
            if (pass(again, ChromeJsonReader::Pass::Native, problem) && buildNative(again, problem))
                return std::move(again.trace); // not reached: the same bytes fail the same way
            return refuse(error, problem);
        }
        // No "coroscope" object: another tool's trace. Read again for the Chrome fields.
        ChromeDocument foreign;
        if (!pass(foreign, ChromeJsonReader::Pass::Foreign, problem))
            return refuse(error, problem);
        std::string message;
        if (!ForeignTraceBuilder(foreign).build(trace, message))
            return refuse(error, jsonErrorAt(m_json, 0, message));
        return trace;
    }

private:
    static std::optional<Trace> refuse(TraceFileError *error, TraceFileError problem)
    {
        if (error)
            *error = std::move(problem);
        return std::nullopt;
    }

    // The syntax error JsonSyntaxCheck finds at or before `start`'s document end.
    TraceFileError refusal(std::size_t start) const
    {
        const std::string_view text = untilNul();
        if (auto e = JsonSyntaxCheck::firstError(text, kChromeMaxDepth))
            return jsonErrorAt(text, e->offset, e->message);
        return jsonErrorAt(text, start, "not a trace");
    }

    // The input up to and including its first NUL byte: JSON holds none, so the first error is there
    // or before, and nothing after it needs reading (a file of zeros may be gigabytes long).
    std::string_view untilNul() const
    {
        // size first: memchr on the null data() of an empty input is undefined (UBSan).
        if (const void *nul = m_json.empty() ? nullptr : std::memchr(m_json.data(), 0, m_json.size()))
            return m_json.substr(0, std::size_t(static_cast<const char *>(nul) - m_json.data()) + 1);
        return m_json;
    }

    bool pass(ChromeDocument &doc, ChromeJsonReader::Pass which, TraceFileError &problem)
    {
        if (m_json.size() >= kFastMinimum && fastPass(doc, which))
            return true;
        const bool keepOffsets = doc.keepOffsets;
        doc = ChromeDocument {};
        doc.keepOffsets = keepOffsets;
        return exactPass(doc, which, problem);
    }

    // The whole input as one simdjson document; any refusal is named exactly.
    bool exactPass(ChromeDocument &doc, ChromeJsonReader::Pass which, TraceFileError &problem)
    {
        const std::string_view text = untilNul();
        const auto copy = paddedCopy(text);
        ChromeJsonReader reader(doc, which);
        if (reader.readDocument(copy.get(), text.size()))
            return true;
        const auto &failure = reader.failure();
        if (failure.syntax) {
            if (auto e = JsonSyntaxCheck::firstError(text, kChromeMaxDepth)) {
                problem = jsonErrorAt(text, e->offset, e->message);
                return false;
            }
            problem = jsonErrorAt(text, failure.offset, "malformed JSON");
            return false;
        }
        problem = jsonErrorAt(text, failure.offset, failure.message);
        return false;
    }

    // Where the next window may end: a ',' between two events ('}' before it and '{' after it, blanks
    // aside) at `from` or after, within kCutSearch bytes; npos when there is none. Only a guess: a window
    // counts only when it reads as whole events, which a wrong cut never does.
    std::size_t findCut(std::size_t from) const
    {
        const std::size_t limit = std::min(m_json.size(), from + kCutSearch);
        const char *data = m_json.data();
        for (std::size_t p = from; p < limit;) {
            const void *hit = std::memchr(data + p, ',', limit - p);
            if (!hit)
                return std::string_view::npos;
            const std::size_t comma = std::size_t(static_cast<const char *>(hit) - data);
            std::size_t before = comma, after = comma + 1;
            while (before > 0 && isSpace(data[before - 1]))
                --before;
            while (after < m_json.size() && isSpace(data[after]))
                ++after;
            if (before > 0 && data[before - 1] == '}' && after < m_json.size() && data[after] == '{')
                return comma;
            p = comma + 1;
        }
        return std::string_view::npos;
    }

    // The traceEvents array in windows of whole events (each read as "[" events "]" in a scratch buffer),
    // then the head of the document and everything after the last window as one document. False (and
    // nothing reported) when the document does not lend itself to it or anything in it is refused:
    // the exact pass then reads it whole and says why.
    bool fastPass(ChromeDocument &doc, ChromeJsonReader::Pass which)
    {
        const std::size_t start = valueStart(m_json);
        std::size_t open = 0;
        int eventDepth = 0;
        if (m_json[start] == '[') {
            open = start;
            eventDepth = 2;
        } else {
            const std::size_t key = m_json.substr(0, start + kCutSearch).find("\"traceEvents\"");
            if (key == std::string_view::npos)
                return false;
            std::size_t p = key + 13;
            while (p < m_json.size() && isSpace(m_json[p]))
                ++p;
            if (p >= m_json.size() || m_json[p] != ':')
                return false;
            ++p;
            while (p < m_json.size() && isSpace(m_json[p]))
                ++p;
            if (p >= m_json.size() || m_json[p] != '[')
                return false;
            open = p;
            eventDepth = 3;
        }

        ChromeJsonReader reader(doc, which);
        auto scratch = std::make_unique_for_overwrite<char[]>(kWindow + kCutSearch + 2 + ChromeJsonReader::kPadding);
        std::size_t from = open + 1; // where the next window's first event starts
        std::size_t windows = 0;
        bool reserved = false;
        std::size_t prefaulted = 0; // the input is mapped this far (a file's pages come in batches)
        while (from + kWindow + kCutSearch < m_json.size()) {
            if (from + 2 * kWindow + kCutSearch > prefaulted) {
                const std::size_t n = std::min(kPrefault, m_json.size() - prefaulted);
                prefaultForRead(m_json.data() + prefaulted, n);
                prefaulted += n;
            }
            const std::size_t cut = findCut(from + kWindow);
            if (cut == std::string_view::npos)
                break;
            const std::size_t length = cut - from;
            scratch[0] = '[';
            std::memcpy(scratch.get() + 1, m_json.data() + from, length);
            scratch[length + 1] = ']';
            std::memset(scratch.get() + length + 2, ' ', ChromeJsonReader::kPadding);
            const Sizes before {doc.carried.size(), doc.carriedOffsets.size(), doc.details.size(),
                                doc.foreign.size(), doc.arena.size()};
            if (!reader.readEvents(scratch.get(), length + 2, from, eventDepth)) {
                // The array may end in this window, or something in it is wrong: the tail reads the rest.
                doc.carried.resize(before.carried);
                doc.carriedOffsets.resize(before.offsets);
                doc.details.resize(before.details);
                doc.foreign.resize(before.foreign);
                doc.arena.resize(before.arena);
                break;
            }
            ++windows;
            // The first window that keeps events says how many the rest will keep (an export's first
            // windows hold only the lanes' metadata events, which keep none).
            if (!reserved && (doc.carried.size() > before.carried || doc.foreign.size() > before.foreign)) {
                reserveLike(doc, before, length, m_json.size() - cut);
                reserved = true;
            }
            from = cut + 1;
        }
        if (windows == 0)
            return false;
        const std::string_view head = m_json.substr(0, open + 1), tail = m_json.substr(from);
        if (std::memchr(tail.data(), 0, tail.size()))
            return false;
        const auto copy = paddedCopy(head, tail);
        ChromeJsonReader last(doc, which);
        return last.readDocument(copy.get(), head.size() + tail.size(), head.size(), from - head.size(), open);
    }

    struct Sizes {
        std::size_t carried, offsets, details, foreign, arena;
    };

    // Room for what the `rest` bytes still to read will keep, judged by a window of `window` bytes
    // that grew the document from `before`: growing by doubling would copy it all twice and fault in
    // small pages. Bounded by the bytes present.
    void reserveLike(ChromeDocument &doc, Sizes before, std::size_t window, std::size_t rest) const
    {
        const double scale = double(rest) / double(std::max<std::size_t>(window, 1)) * 1.05;
        auto room = [&](std::size_t have, std::size_t had, std::size_t atMost) {
            return std::min(have + std::size_t(double(have - had) * scale) + 1024, atMost);
        };
        // The smallest native event is over 32 bytes of JSON, the smallest foreign one kept over 16.
        doc.carried.reserve(room(doc.carried.size(), before.carried, m_json.size() / 32));
        doc.foreign.reserve(room(doc.foreign.size(), before.foreign, m_json.size() / 16));
        doc.arena.reserve(room(doc.arena.size(), before.arena, m_json.size()));
        adviseHugePages(doc.carried.data(), doc.carried.capacity() * sizeof(ChromeCarried));
        adviseHugePages(doc.foreign.data(), doc.foreign.capacity() * sizeof(ChromeForeign));
        adviseHugePages(doc.arena.data(), doc.arena.capacity());
    }

    bool buildNative(ChromeDocument &doc, TraceFileError &problem)
    {
        Trace &t = doc.trace;
        auto failAt = [&](std::uint64_t offset, std::string message) {
            problem = jsonErrorAt(m_json, offset, message);
            return false;
        };
        if (t.locations.empty())
            return failAt(doc.headerOffset, "the location table is empty (location 0, unknown, is required)");
        for (std::size_t i = 0; i < t.locations.size(); ++i)
            if (t.locations[i].file >= t.strings.size())
                return failAt(doc.locationOffsets[i], fmt::format("location {} names string {}, which does not exist",
                                                                  i, t.locations[i].file));
        auto &c = doc.carried;
        if (doc.declaredEvents >= 0 && std::uint64_t(doc.declaredEvents) != c.size())
            return failAt(doc.eventsAt, fmt::format("the header announces {} events but {} carry a seq",
                                                    doc.declaredEvents, c.size()));
        if (c.size() > 0xffffffffu)
            return failAt(doc.headerOffset, "too many events");
        // Event i is wrong: the message, or (when this pass kept no offsets) a request to read again.
        auto failAtEvent = [&](std::uint32_t i, std::string message) {
            if (!doc.keepOffsets) {
                m_needOffsets = true;
                return false;
            }
            m_needOffsets = false;
            return failAt(doc.carriedOffsets[i], std::move(message));
        };
        auto bySeq = [](const ChromeCarried &a, const ChromeCarried &b) { return a.seq < b.seq; };
        if (!std::is_sorted(c.begin(), c.end(), bySeq)) {
            if (doc.keepOffsets) { // the offsets move with their events
                std::vector<std::uint32_t> order(c.size());
                std::iota(order.begin(), order.end(), 0u);
                std::stable_sort(order.begin(), order.end(),
                                 [&](std::uint32_t a, std::uint32_t b) { return c[a].seq < c[b].seq; });
                std::vector<ChromeCarried> sorted(c.size());
                std::vector<std::uint64_t> offsets(c.size());
                for (std::size_t i = 0; i < order.size(); ++i) {
                    sorted[i] = c[order[i]];
                    offsets[i] = doc.carriedOffsets[order[i]];
                }
                c = std::move(sorted);
                doc.carriedOffsets = std::move(offsets);
            } else {
                std::stable_sort(c.begin(), c.end(), bySeq);
            }
        }
        const auto count = std::uint32_t(c.size());
        t.events.reserve(count); // filled in place below: resize() would write every event twice
        adviseHugePages(t.events.data(), std::size_t(count) * sizeof(Event));
        const auto laneCount = t.lanes.size();
        const auto locCount = t.locations.size();
        // Each detail text interned once: its string id, or ~0 until an event needs it.
        std::vector<std::uint32_t> detailIds(doc.details.size(), ~std::uint32_t(0));
        detailIds[0] = 0;
        for (std::uint32_t i = 0; i < count; ++i) {
            const ChromeCarried &r = c[i];
            if (r.seq != i)
                return failAtEvent(i, r.seq < i ? fmt::format("event seq {} appears twice", r.seq)
                                                : fmt::format("event seq {} is missing", i));
            if (r.lane >= laneCount)
                return failAtEvent(i, fmt::format("event {} is on tid {}, but there are {} lanes", i,
                                                  std::uint64_t(r.lane) + 1, laneCount));
            if (r.loc >= locCount || r.loc >= (1u << 24))
                return failAtEvent(i,
                                   fmt::format("event {} names location {}, which does not exist", i, r.loc));
            if (r.cause != NoEvent && r.cause >= i)
                return failAtEvent(i, fmt::format("event {}'s cause {} does not precede it", i, r.cause));
            if (i > 0 && r.time < c[i - 1].time)
                return failAtEvent(
                    i, fmt::format("event {} is earlier than event {}: events must be in time order", i, i - 1));
            Event e;
            e.lane = r.lane;
            e.cause = r.cause;
            e.loc = r.loc;
            e.kind = r.kind;
            std::uint32_t &id = detailIds[r.detail];
            if (id == ~std::uint32_t(0))
                id = t.strings.intern(doc.text(doc.details[r.detail]));
            e.detail = id;
            t.append(e, r.time);
        }
        for (std::size_t i = 0; i < t.lanes.size(); ++i)
            t.lanes[i].nameId = t.strings.intern(doc.laneNames[i]);
        for (std::size_t i = 0; i < t.lanes.size(); ++i)
            if (t.lanes[i].created > count)
                return failAt(doc.laneOffsets[i], fmt::format("lane {} was created by event {}, past the last event",
                                                              i, t.lanes[i].created));
        for (std::size_t i = 0; i < t.timerDues.size(); ++i) {
            const auto arm = t.timerDues[i].armEvent;
            if (arm >= count || t.events[arm].eventKind() != EventKind::TimerArm)
                return failAt(doc.dueOffsets[i],
                              fmt::format("timer due {} names event {}, which is not a timer-arm", i, arm));
        }
        return true;
    }

    std::string_view m_json;
    bool m_needOffsets = false; // buildNative() failed on an event of a pass that kept no offsets
};

} // namespace

std::optional<Trace> parseChromeTrace(std::string_view json, TraceFileError *error)
{
    try {
        return ChromeTraceImporter(json).read(error);
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

} // namespace coroscope
