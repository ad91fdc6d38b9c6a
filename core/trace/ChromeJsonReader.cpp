#include "ChromeJsonReader.h"

#include "ChromeTraceExport.h"
#include "ChromeTraceImport.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coroscope {

namespace od = simdjson::builtin::ondemand;

// Carried details repeat (a task's name, a sleep's argument): each text is kept once and found again
// through a direct-mapped table of the recent ones, by a hash of its length and its first and last 8
// bytes. A text that misses (a collision, one with escapes) is only kept again.
struct DetailCache {
    static constexpr int kBits = 10;
    std::uint32_t slots[1 << kBits] = {}; // index into ChromeDocument::details; 0: empty
};

struct ChromeJsonReader::Parser {
    od::parser parser;
    DetailCache details; // lives as long as the reader: the fast path's windows share it
};

namespace {

static_assert(ChromeJsonReader::kPadding >= simdjson::SIMDJSON_PADDING);

// A name or word against a literal: a compare the compiler unrolls, no strlen.
template<std::size_t N> bool is(std::string_view s, const char (&literal)[N])
{
    return s.size() == N - 1 && std::memcmp(s.data(), literal, N - 1) == 0;
}

// The first 8 bytes of a member name as written (`raw` points past its opening quote; simdjson's padding
// makes reading past a short name safe), in little-endian order, for rawIs().
[[gnu::always_inline]] inline std::uint64_t nameWord(const char *raw)
{
    std::uint64_t w;
    std::memcpy(&w, raw, 8);
    if constexpr (std::endian::native == std::endian::big)
        w = __builtin_bswap64(w);
    return w;
}

// A name's word (nameWord) against a literal of up to 7 bytes and the quote that must follow it (which
// cannot be an escaped one): one masked compare, without finding the name's end first.
template<std::size_t N> [[gnu::always_inline]] inline bool rawIs(std::uint64_t word, const char (&literal)[N])
{
    static_assert(N <= 8, "a literal of up to 7 bytes");
    std::uint64_t bits = std::uint64_t('"') << (8 * (N - 1));
    for (std::size_t i = 0; i + 1 < N; ++i)
        bits |= std::uint64_t(std::uint8_t(literal[i])) << (8 * i);
    const std::uint64_t mask = N == 8 ? ~std::uint64_t(0) : (std::uint64_t(1) << (8 * N)) - 1;
    return (word & mask) == bits;
}

// eventKindFromName() for the hot path: only the names of the same length are compared, byte by byte
// (a library memcmp call per event cost more than the compare).
bool kindFromName(std::string_view name, std::uint8_t &out)
{
    struct Table {
        std::uint8_t first[17] = {}, count[17] = {};
        std::uint8_t order[EventKindCount] = {};
        const char *names[EventKindCount] = {};
        Table()
        {
            std::uint8_t n = 0;
            for (std::size_t length = 0; length < 17; ++length) {
                first[length] = n;
                for (int k = 0; k < EventKindCount; ++k)
                    if (eventKindName(EventKind(k)).size() == length)
                        order[n++] = std::uint8_t(k);
                count[length] = std::uint8_t(n - first[length]);
            }
            for (int k = 0; k < EventKindCount; ++k)
                names[k] = eventKindName(EventKind(k)).data();
        }
    };
    static const Table table;
    if (name.size() >= 17)
        return false;
    for (int i = 0; i < table.count[name.size()]; ++i) {
        const std::uint8_t k = table.order[table.first[name.size()] + i];
        const char *candidate = table.names[k];
        std::size_t j = 0;
        while (j < name.size() && candidate[j] == name[j])
            ++j;
        if (j == name.size()) {
            out = k;
            return true;
        }
    }
    return false;
}

// The first '"' or '\\' at or after `p`, 16 bytes at a time (8 without SSE2; the document's padding makes
// reading past a string's end safe): where a string without escapes ends, or where its first escape is.
[[gnu::always_inline]] inline const char *quoteOrBackslash(const char *p)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (;; p += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const int hit
            = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (hit)
            return p + __builtin_ctz(unsigned(hit));
    }
#else
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    for (;; p += 8) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        const std::uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
        // A byte of q or b is zero where v has a quote or a backslash (exact for the first such byte).
        const std::uint64_t hit = (((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
        if (hit)
            return p + __builtin_ctzll(hit) / 8;
    }
#endif
}

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

std::string describe(const char *p, const char *end)
{
    if (p >= end)
        return "the end of input";
    const auto c = static_cast<unsigned char>(*p);
    return c >= 0x20 && c < 0x7f ? fmt::format("'{}'", char(c)) : fmt::format("byte 0x{:02x}", unsigned(c));
}

// A JSON number as written, scanned once: its text, its shape, and the value of its parts when they
// are short enough to add up without overflow (what nearly every number of a trace is).
struct Number {
    std::string_view text;
    bool integral = true;   // no fraction, no exponent
    bool negative = false;
    int intDigits = 0;
    int fracDigits = 0;
    std::uint64_t whole = 0; // the integer part, when intDigits <= 19
    std::uint64_t frac = 0;  // the fraction's digits, when fracDigits <= 19
    bool exponent = false;
};

// A raw token is exactly one JSON number (whitespace after it aside): true, with what it says. Anything
// else is a syntax error for JsonSyntaxCheck to name.
// The digits at `p` (at most 8 of them, at least 8 readable bytes) and how many there are, eight bytes
// at a time: a number of a trace has a handful of digits, and a loop over them cost a third of its scan.
[[gnu::always_inline]] inline int digits8(const char *p, std::uint64_t &value)
{
    std::uint64_t chunk;
    std::memcpy(&chunk, p, 8);
    const std::uint64_t x = chunk - 0x3030303030303030ull;
    // The high bit of each byte that is not '0'...'9'.
    const std::uint64_t bad = (x | (x + 0x7676767676767676ull)) & 0x8080808080808080ull;
    const int count = bad ? __builtin_ctzll(bad) / 8 : 8;
    if (count == 0) {
        value = 0;
        return 0;
    }
    // The digits into the high bytes (zeros below them are leading zeros), then the classic SWAR sum.
    std::uint64_t v = x << (8 * (8 - count));
    v = (v * 10) + (v >> 8);
    v = (((v & 0x000000FF000000FFull) * (100 + (1000000ull << 32)))
         + (((v >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32))))
        >> 32;
    value = v;
    return count;
}

// A run of digits at `p`: how many, and their value while it fits (up to 19 digits; more leave `fits`
// false). The byte after a token is a structural character, a blank or simdjson's padding, never a digit.
[[gnu::always_inline]] inline int digitRun(const char *p, std::uint64_t &value)
{
    std::uint64_t v = 0;
    int n = digits8(p, v);
    if (n < 8) {
        value = v;
        return n;
    }
    int total = 8;
    for (;;) {
        std::uint64_t more = 0;
        const int m = digits8(p + total, more);
        static constexpr std::uint64_t pow10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
        if (total + m <= 19)
            v = v * pow10[m] + more;
        total += m;
        if (m < 8)
            break;
    }
    value = v;
    return total;
}

// What nearly every number of a trace is: a token of one to sixteen digits, no sign, fraction, exponent or
// leading zero, and nothing after it. True with its value; false for anything else, which the full scan
// (scanNumber) then reads or refuses.
[[gnu::always_inline]] inline bool plainDigits(std::string_view token, std::uint64_t &value)
{
    if (token.empty() || token.size() > 16 || (token[0] == '0' && token.size() > 1))
        return false;
    if (token.size() <= 8)
        return digits8(token.data(), value) == int(token.size());
    std::uint64_t high = 0, low = 0;
    if (digits8(token.data(), high) != 8 || digits8(token.data() + 8, low) != int(token.size()) - 8)
        return false;
    static constexpr std::uint64_t pow10[9]
        = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    value = high * pow10[token.size() - 8] + low;
    return true;
}

[[gnu::always_inline]] inline bool scanNumber(std::string_view token, Number &out)
{
    const char *p = token.data(), *end = p + token.size();
    out.negative = *p == '-';
    p += out.negative;
    const char *digits = p;
    out.intDigits = digitRun(p, out.whole);
    p += out.intDigits;
    if (out.intDigits == 0 || (out.intDigits > 1 && *digits == '0'))
        return false;
    if (*p == '.') {
        out.integral = false;
        ++p;
        out.fracDigits = digitRun(p, out.frac);
        p += out.fracDigits;
        if (out.fracDigits == 0)
            return false;
    }
    if (*p == 'e' || *p == 'E') {
        out.integral = false;
        out.exponent = true;
        ++p;
        if (*p == '+' || *p == '-')
            ++p;
        digits = p;
        while (unsigned(*p - '0') < 10)
            ++p;
        if (p == digits)
            return false;
    }
    out.text = std::string_view(token.data(), std::size_t(p - token.data()));
    while (p < end && isSpace(*p))
        ++p;
    return p == end;
}

// An integral number's value; false when it does not fit in 64 bits.
bool integerValue(const Number &n, std::int64_t &out)
{
    if (n.intDigits <= 18) {
        out = n.negative ? -std::int64_t(n.whole) : std::int64_t(n.whole);
        return true;
    }
    auto r = std::from_chars(n.text.data(), n.text.data() + n.text.size(), out);
    return r.ec == std::errc() && r.ptr == n.text.data() + n.text.size();
}

// Microseconds (Chrome's unit) as written to nanoseconds: exact for up to three decimals, else rounded.
// False when out of range.
bool microsToNs(const Number &n, std::int64_t &ns)
{
    if (!n.exponent && n.fracDigits <= 3 && n.intDigits <= 15) { // |whole| < 10^15 µs
        std::uint64_t frac = n.frac;
        for (int places = n.fracDigits; places < 3; ++places)
            frac *= 10;
        const auto magnitude = std::int64_t(n.whole * 1000 + frac);
        ns = n.negative ? -magnitude : magnitude;
        return true;
    }
    double v = 0;
    auto r = std::from_chars(n.text.data(), n.text.data() + n.text.size(), v);
    if (r.ec != std::errc() || !std::isfinite(v) || std::fabs(v) > double(kChromeMaxMicros))
        return false;
    ns = std::llround(v * 1000.0);
    return true;
}

} // namespace

// The walk itself: one instance per simdjson document.
class ChromeJsonWalker
{
public:
    using Pass = ChromeJsonReader::Pass;
    using Failure = ChromeJsonReader::Failure;

    ChromeJsonWalker(ChromeDocument &doc, Pass pass, Failure &failure, DetailCache &details, const char *base,
                     const char *end)
        : m_doc(doc)
        , m_pass(pass)
        , m_failure(failure)
        , m_details(details)
        , m_base(base)
        , m_end(end)
    { }

    std::uint64_t m_spliceAt = ~std::uint64_t(0);
    std::uint64_t m_shift = 0;
    std::int64_t m_delta = 0;
    std::uint64_t m_eventsAt = ~std::uint64_t(0);

    bool document(od::document &doc);
    bool eventsWindow(od::document &doc, int eventDepth);

private:
    // --- positions and failures -------------------------------------------------------------
    std::uint64_t offsetOf(const char *p) const
    {
        std::uint64_t o = std::uint64_t(p - m_base);
        if (o >= m_spliceAt)
            o += m_shift;
        return std::uint64_t(std::int64_t(o) + m_delta);
    }
    bool syntax(const char *at)
    {
        if (m_failure.message.empty() && !m_failure.syntax) {
            m_failure.syntax = true;
            m_failure.offset = offsetOf(at);
        }
        return false;
    }
    bool syntax(od::value &v) { return syntax(v.raw_json_token().data()); }
    bool fail(const char *at, std::string message)
    {
        if (m_failure.message.empty() && !m_failure.syntax) {
            m_failure.offset = offsetOf(at);
            m_failure.message = std::move(message);
        }
        return false;
    }
    bool expected(std::string_view token, std::string_view what)
    {
        return fail(token.data(), fmt::format("expected {}, found {}", what, describe(token.data(), m_end)));
    }
    // After a complete value: data other than whitespace would follow it.
    bool atEnd(od::document &doc)
    {
        const char *rest = nullptr;
        if (doc.current_location().get(rest) == simdjson::SUCCESS && rest < m_end)
            return fail(rest, "unexpected data after the end of the JSON document");
        return true;
    }

    // --- values -----------------------------------------------------------------------------
    // A member name, unescaped only when it holds an escape (names without one are compared raw).
    bool key(od::field &f, std::string_view &out)
    {
        const char *raw = f.key().raw();
        const char *p = quoteOrBackslash(raw);
        if (*p == '"') {
            out = std::string_view(raw, std::size_t(p - raw));
            return true;
        }
        if (f.unescaped_key().get(out) != simdjson::SUCCESS)
            return syntax(raw - 1);
        return true;
    }
    // Steps past a string read raw. A string left unread would be skipped by simdjson, which takes one
    // followed by ':' for a member name and steps over the colon too: ["a":1] would pass.
    bool consume(od::value &v)
    {
        od::raw_json_string ignored;
        return v.get_raw_json_string().get(ignored) == simdjson::SUCCESS || syntax(v.raw_json_token().data());
    }
    bool string(od::value &v, std::string_view &out, std::string_view what = "a string")
    {
        const std::string_view token = v.raw_json_token();
        if (token.empty() || token[0] != '"')
            return expected(token, what);
        // Stage 1 has checked the bytes (UTF-8, no raw control character, the closing quote): a string
        // without a backslash is its raw text.
        const char *p = quoteOrBackslash(token.data() + 1);
        if (*p == '"') {
            out = std::string_view(token.data() + 1, std::size_t(p - token.data() - 1));
            return consume(v);
        }
        if (v.get_string().get(out) != simdjson::SUCCESS)
            return syntax(token.data());
        return true;
    }
    bool number(od::value &v, Number &n)
    {
        const std::string_view token = v.raw_json_token();
        if (token.empty() || !(token[0] == '-' || unsigned(token[0] - '0') < 10))
            return expected(token, "a number");
        if (!scanNumber(token, n))
            return syntax(token.data());
        return true;
    }
    [[gnu::always_inline]] bool integer(od::value &v, std::int64_t &out, std::string_view what)
    {
        std::uint64_t plain = 0;
        if (plainDigits(v.raw_json_token(), plain)) {
            out = std::int64_t(plain);
            return true;
        }
        return anyInteger(v, out, what);
    }
    [[gnu::noinline]] bool anyInteger(od::value &v, std::int64_t &out, std::string_view what)
    {
        Number n;
        if (!number(v, n))
            return false;
        if (!n.integral || !integerValue(n, out))
            return fail(n.text.data(), fmt::format("{} must be an integer, not {}", what, n.text));
        return true;
    }
    [[gnu::always_inline]] bool index(od::value &v, std::uint32_t &out, std::string_view what,
                                      bool allowMinusOne = false)
    {
        std::uint64_t plain = 0;
        if (plainDigits(v.raw_json_token(), plain) && plain < 0xffffffffu) {
            out = std::uint32_t(plain);
            return true;
        }
        return anyIndex(v, out, what, allowMinusOne);
    }
    [[gnu::noinline]] bool anyIndex(od::value &v, std::uint32_t &out, std::string_view what,
                                    bool allowMinusOne)
    {
        const char *at = v.raw_json_token().data();
        std::int64_t n = 0;
        if (!integer(v, n, what))
            return false;
        if (allowMinusOne && n == -1) {
            out = 0xffffffffu;
            return true;
        }
        if (n < 0 || n >= 0xffffffffll)
            return fail(at, fmt::format("{} {} is out of range", what, n));
        out = std::uint32_t(n);
        return true;
    }
    [[gnu::always_inline]] bool micros(od::value &v, std::int64_t &ns, std::string_view what)
    {
        std::uint64_t plain = 0;
        if (plainDigits(v.raw_json_token(), plain) && plain < std::uint64_t(kChromeMaxMicros)) {
            ns = std::int64_t(plain) * 1000;
            return true;
        }
        return anyMicros(v, ns, what);
    }
    [[gnu::noinline]] bool anyMicros(od::value &v, std::int64_t &ns, std::string_view what)
    {
        Number n;
        if (!number(v, n))
            return false;
        if (!microsToNs(n, ns))
            return fail(n.text.data(), fmt::format("{} {} is out of range", what, n.text));
        return true;
    }
    // pid and tid: numbers (within ±2^53, as doubles hold them), or strings, which some tools write.
    bool threadId(od::value &v, std::int64_t &out, int sit)
    {
        const std::string_view token = v.raw_json_token();
        const char c = token.empty() ? 0 : token[0];
        std::uint64_t plain = 0;
        if (plainDigits(token, plain) && plain < (1ull << 53)) {
            out = std::int64_t(plain);
            return true;
        }
        if (c == '-' || unsigned(c - '0') < 10) {
            Number n;
            if (!number(v, n))
                return false;
            if (n.integral && integerValue(n, out) && out > -(1ll << 53) && out < (1ll << 53))
                return true;
            double d = 0;
            std::from_chars(n.text.data(), n.text.data() + n.text.size(), d);
            if (!std::isfinite(d) || std::fabs(d) > 9e15)
                return fail(n.text.data(), fmt::format("pid/tid {} is out of range", n.text));
            out = std::int64_t(d);
            return true;
        }
        if (c == '"') {
            std::string_view s;
            if (!string(v, s))
                return false;
            out = std::int64_t(std::hash<std::string_view> {}(s)&0x3fffffffffffffll);
            return true;
        }
        return skip(v, sit);
    }
    // Any value, checked and dropped; `sit` is the nesting level it sits at (a container in it opens
    // the next one). Scalars here, containers (and what is rare) out of line.
    [[gnu::always_inline]] bool skip(od::value &v, int sit)
    {
        const std::string_view token = v.raw_json_token();
        const char c = token.empty() ? 0 : token[0];
        if (c == '"') {
            // Stage 1 has checked the bytes (UTF-8, no raw control character): only escapes remain.
            if (*quoteOrBackslash(token.data() + 1) == '"')
                return consume(v);
        } else if (c == '-' || unsigned(c - '0') < 10) {
            std::uint64_t plain = 0;
            Number n;
            return plainDigits(token, plain) || scanNumber(token, n) || syntax(token.data());
        }
        return skipOther(v, sit, token);
    }
    [[gnu::noinline]] bool skipOther(od::value &v, int sit, std::string_view token)
    {
        switch (token.empty() ? 0 : token[0]) {
        case '"': {
            std::string_view s;
            if (v.get_string().get(s) != simdjson::SUCCESS)
                return syntax(token.data());
            return true;
        }
        case '{': {
            if (sit + 1 > kChromeMaxDepth)
                return fail(token.data(), fmt::format("nesting deeper than {} levels", kChromeMaxDepth));
            od::object object;
            if (v.get_object().get(object) != simdjson::SUCCESS)
                return syntax(token.data());
            for (auto member : object) {
                if (member.error())
                    return syntax(token.data());
                od::field &f = member.value_unsafe();
                std::string_view k;
                if (!key(f, k) || !skip(f.value(), sit + 1))
                    return false;
            }
            return true;
        }
        case '[': {
            if (sit + 1 > kChromeMaxDepth)
                return fail(token.data(), fmt::format("nesting deeper than {} levels", kChromeMaxDepth));
            od::array array;
            if (v.get_array().get(array) != simdjson::SUCCESS)
                return syntax(token.data());
            for (auto element : array) {
                if (element.error())
                    return syntax(token.data());
                od::value &e = element.value_unsafe();
                if (!skip(e, sit + 1))
                    return false;
            }
            return true;
        }
        case 't':
        case 'f':
        case 'n': {
            std::string_view word = token;
            while (!word.empty() && isSpace(word.back()))
                word.remove_suffix(1);
            if (!is(word, "true") && !is(word, "false") && !is(word, "null"))
                return syntax(token.data());
            return true;
        }
        default:
            return syntax(token.data());
        }
    }
    bool boolean(od::value &v, bool &out, int sit)
    {
        std::string_view word = v.raw_json_token();
        while (!word.empty() && isSpace(word.back()))
            word.remove_suffix(1);
        if (is(word, "true") || is(word, "false")) {
            out = is(word, "true");
            return true;
        }
        return skip(v, sit);
    }
    ChromeText keep(std::string_view s)
    {
        if (m_doc.arena.size() + s.size() > 0xffffffffu)
            return ChromeText {0xffffffffu, 0};
        ChromeText t {std::uint32_t(m_doc.arena.size()), std::uint32_t(s.size())};
        m_doc.arena.append(s);
        return t;
    }
    bool keepText(const char *at, std::string_view s, ChromeText &out)
    {
        out = keep(s);
        if (out.offset == 0xffffffffu)
            return fail(at, "the texts of this trace exceed 4 GiB");
        return true;
    }
    // A carried event's detail, as its index in m_doc.details (DetailCache); 0 for the empty text.
    bool keepDetail(const char *at, std::string_view s, std::uint32_t &out)
    {
        out = 0;
        if (s.empty())
            return true;
        std::uint32_t *slot = nullptr;
        const auto where = reinterpret_cast<std::uintptr_t>(s.data());
        if (where >= reinterpret_cast<std::uintptr_t>(m_base)
            && where < reinterpret_cast<std::uintptr_t>(m_end)) {
            // Raw text in the padded document: 8 bytes from its start are readable.
            std::uint64_t first = 0, last = 0;
            std::memcpy(&first, s.data(), 8);
            if (s.size() < 8)
                first &= (std::uint64_t(1) << (8 * s.size())) - 1;
            else
                std::memcpy(&last, s.data() + s.size() - 8, 8);
            const std::uint64_t h
                = ((first * 0x9e3779b97f4a7c15ull) ^ (last + s.size())) * 0xc2b2ae3d27d4eb4full;
            slot = &m_details.slots[h >> (64 - DetailCache::kBits)];
            if (const std::uint32_t i = *slot) {
                const ChromeText t = m_doc.details[i];
                if (t.length == s.size()
                    && std::memcmp(m_doc.arena.data() + t.offset, s.data(), s.size()) == 0) {
                    out = i;
                    return true;
                }
            }
        }
        ChromeText t;
        if (!keepText(at, s, t))
            return false;
        out = std::uint32_t(m_doc.details.size());
        m_doc.details.push_back(t);
        if (slot)
            *slot = out;
        return true;
    }

    // --- the document -----------------------------------------------------------------------
    bool events(od::value &v, int depth);
    bool events(od::array &array, int depth);
    bool event(od::value &v, int depth);
    bool nativeEvent(const char *at, od::object &object, int depth);
    bool foreignEvent(const char *at, od::object &object, int depth);
    bool header(od::value &v, int depth);
    bool lane(od::value &v, int depth);

    ChromeDocument &m_doc;
    Pass m_pass;
    Failure &m_failure;
    DetailCache &m_details;
    const char *m_base;
    const char *m_end;
};

bool ChromeJsonWalker::document(od::document &doc)
{
    const char *start = nullptr;
    if (doc.current_location().get(start) != simdjson::SUCCESS)
        return syntax(m_base);
    od::json_type type;
    if (doc.type().get(type) != simdjson::SUCCESS)
        return syntax(start);
    bool haveEvents = false;
    if (type == od::json_type::array) {
        haveEvents = true;
        od::array array;
        if (doc.get_array().get(array) != simdjson::SUCCESS)
            return syntax(start);
        if (m_eventsAt != ~std::uint64_t(0) && offsetOf(start) != m_eventsAt)
            return fail(start, "the events are not where the fast path cut them out");
        if (!events(array, 1))
            return false;
    } else if (type == od::json_type::object) {
        od::object object;
        if (doc.get_object().get(object) != simdjson::SUCCESS)
            return syntax(start);
        for (auto member : object) {
            if (member.error())
                return syntax(start);
            od::field &f = member.value_unsafe();
            std::string_view k;
            if (!key(f, k))
                return false;
            od::value &v = f.value();
            if (is(k, "traceEvents")) {
                const std::string_view token = v.raw_json_token();
                if (haveEvents)
                    return fail(token.data(), "\"traceEvents\" appears twice");
                haveEvents = true;
                if (m_eventsAt != ~std::uint64_t(0) && offsetOf(token.data()) != m_eventsAt)
                    return fail(token.data(), "the events are not where the fast path cut them out");
                if (!events(v, 2))
                    return false;
            } else if (is(k, "coroscope") && m_pass == Pass::Native) {
                if (!header(v, 2))
                    return false;
            } else if (!skip(v, 1)) {
                return false;
            }
        }
    } else {
        return fail(start,
                    fmt::format("not a Coroscope trace or Chrome trace JSON: it starts with {}",
                                describe(start, m_end)));
    }
    if (!atEnd(doc))
        return false;
    if (!haveEvents)
        return fail(m_base, "no \"traceEvents\" array: not a Chrome trace");
    return true;
}

bool ChromeJsonWalker::eventsWindow(od::document &doc, int eventDepth)
{
    od::array array;
    if (doc.get_array().get(array) != simdjson::SUCCESS)
        return syntax(m_base);
    return events(array, eventDepth - 1) && atEnd(doc);
}

bool ChromeJsonWalker::events(od::value &v, int depth)
{
    const std::string_view token = v.raw_json_token();
    if (token.empty() || token[0] != '[')
        return expected(token, "'[' (the traceEvents array)");
    od::array array;
    if (v.get_array().get(array) != simdjson::SUCCESS)
        return syntax(token.data());
    return events(array, depth);
}

bool ChromeJsonWalker::events(od::array &array, int depth)
{
    for (auto element : array) {
        if (element.error())
            return syntax(m_base);
        od::value &e = element.value_unsafe();
        if (!event(e, depth + 1))
            return false;
    }
    return true;
}

bool ChromeJsonWalker::event(od::value &v, int depth)
{
    const std::string_view token = v.raw_json_token();
    if (token.empty() || token[0] != '{')
        return expected(token, "'{' (a trace event)");
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS)
        return syntax(token.data());
    return m_pass == Pass::Native ? nativeEvent(token.data(), object, depth)
                                  : foreignEvent(token.data(), object, depth);
}

// The fields a Coroscope export carries: args.seq and the rest make a native event; every other
// event (metadata, async ends, flows) is only checked.
bool ChromeJsonWalker::nativeEvent(const char *at, od::object &object, int depth)
{
    enum class Field { Ts, Tid, Args, Other, Unknown };
    enum class Arg { Seq, Kind, Detail, D, Loc, Cause, T, Other, Unknown };
    bool hasSeq = false, hasTs = false, hasT = false, hasKind = false;
    std::int64_t tid = 0, ts = 0, t = 0;
    std::uint32_t seq = 0, cause = NoEvent, loc = 0, detail = 0;
    std::uint32_t detailId = 0; // args.d: checked, not kept (the text decides)
    std::uint8_t kind = 0;

    auto args = [&](od::value &value) {
        const std::string_view token = value.raw_json_token();
        if (token.empty() || token[0] != '{')
            return skip(value, depth + 1);
        od::object fields;
        if (value.get_object().get(fields) != simdjson::SUCCESS)
            return syntax(token.data());
        for (auto member : fields) {
            if (member.error())
                return syntax(token.data());
            od::field &f = member.value_unsafe();
            const std::uint64_t raw = nameWord(f.key().raw());
            Arg which = rawIs(raw, "seq") ? Arg::Seq
                : rawIs(raw, "kind")      ? Arg::Kind
                : rawIs(raw, "detail")    ? Arg::Detail
                : rawIs(raw, "d")         ? Arg::D
                : rawIs(raw, "loc")       ? Arg::Loc
                : rawIs(raw, "cause")     ? Arg::Cause
                : rawIs(raw, "t")         ? Arg::T
                : rawIs(raw, "at")        ? Arg::Other
                                          : Arg::Unknown;
            if (which == Arg::Unknown) { // any other name, or one spelled with escapes
                std::string_view k;
                if (!key(f, k))
                    return false;
                which = is(k, "seq") ? Arg::Seq
                    : is(k, "kind")  ? Arg::Kind
                    : is(k, "detail") ? Arg::Detail
                    : is(k, "d")      ? Arg::D
                    : is(k, "loc")    ? Arg::Loc
                    : is(k, "cause")  ? Arg::Cause
                    : is(k, "t")      ? Arg::T
                                      : Arg::Other;
            }
            od::value &a = f.value();
            bool ok = true;
            switch (which) {
            case Arg::Seq:
                hasSeq = true;
                ok = index(a, seq, "args.seq");
                break;
            case Arg::Kind: {
                std::string_view name;
                const char *kindAt = a.raw_json_token().data();
                if (!string(a, name))
                    return false;
                if (!kindFromName(name, kind))
                    return fail(kindAt, fmt::format("unknown event kind \"{}\"", name));
                hasKind = true;
                break;
            }
            case Arg::Detail: {
                std::string_view s;
                const char *sAt = a.raw_json_token().data();
                ok = string(a, s) && keepDetail(sAt, s, detail);
                break;
            }
            case Arg::D:
                ok = index(a, detailId, "args.d");
                break;
            case Arg::Loc:
                ok = index(a, loc, "args.loc");
                break;
            case Arg::Cause:
                ok = index(a, cause, "args.cause");
                break;
            case Arg::T:
                hasT = true;
                ok = integer(a, t, "args.t");
                break;
            default:
                ok = skip(a, depth + 1);
                break;
            }
            if (!ok)
                return false;
        }
        return true;
    };

    for (auto member : object) {
        if (member.error())
            return syntax(at);
        od::field &f = member.value_unsafe();
        const std::uint64_t raw = nameWord(f.key().raw());
        // The names an export writes, matched as written; the ones not needed are checked and dropped.
        Field which = rawIs(raw, "ts") ? Field::Ts
            : rawIs(raw, "tid")        ? Field::Tid
            : rawIs(raw, "args")       ? Field::Args
            : (rawIs(raw, "ph") || rawIs(raw, "pid") || rawIs(raw, "cat") || rawIs(raw, "name") || rawIs(raw, "id")
               || rawIs(raw, "dur") || rawIs(raw, "s") || rawIs(raw, "bp"))
            ? Field::Other
            : Field::Unknown;
        if (which == Field::Unknown) {
            std::string_view k;
            if (!key(f, k))
                return false;
            which = is(k, "ts") ? Field::Ts : is(k, "tid") ? Field::Tid : is(k, "args") ? Field::Args : Field::Other;
        }
        od::value &v = f.value();
        bool ok = true;
        if (which == Field::Ts) {
            hasTs = true;
            ok = micros(v, ts, "ts");
        } else if (which == Field::Tid) {
            ok = threadId(v, tid, depth + 1);
        } else if (which == Field::Args) {
            ok = args(v);
        } else {
            ok = skip(v, depth + 1);
        }
        if (!ok)
            return false;
    }
    if (!hasSeq)
        return true; // a detail it had stays kept: the cache may have handed it out already
    if (!hasKind)
        return fail(at, fmt::format("event {} has args.seq but no args.kind", seq));
    if (!hasTs && !hasT)
        return fail(at, fmt::format("event {} has no time (ts)", seq));
    if (tid < 1 || tid > 0xffffffffll)
        return fail(at, fmt::format("event {} has tid {}, which names no lane", seq, tid));
    ChromeCarried c;
    c.time = hasT ? t : ts;
    c.seq = seq;
    c.lane = std::uint32_t(tid - 1);
    c.cause = cause;
    c.loc = loc;
    c.detail = detail;
    c.kind = kind;
    m_doc.carried.push_back(c);
    if (m_doc.keepOffsets)
        m_doc.carriedOffsets.push_back(offsetOf(at));
    return true;
}

namespace {
// The phases another tool's trace may hold that Coroscope shows (ForeignTraceBuilder): they need a ts.
bool isShown(char ph)
{
    return std::strchr("XBEbenSTpFstfiIR", ph) != nullptr && ph != 0;
}
} // namespace

// Every Chrome field the mapping of another tool's trace uses.
bool ChromeJsonWalker::foreignEvent(const char *at, od::object &object, int depth)
{
    ChromeForeign e;
    const int sit = depth + 1;
    // An id as written: a string's text, a number's digits (what Perfetto keys async tracks by).
    auto idText = [&](od::value &v, ChromeText &out, bool &has) {
        const std::string_view token = v.raw_json_token();
        std::string_view s;
        if (!token.empty() && token[0] == '"') {
            if (!string(v, s))
                return false;
        } else if (!token.empty() && (token[0] == '-' || (token[0] >= '0' && token[0] <= '9'))) {
            Number n;
            if (!number(v, n))
                return false;
            s = n.text;
        } else {
            return skip(v, sit);
        }
        has = true;
        return keepText(token.data(), s, out);
    };
    auto text = [&](od::value &v, ChromeText &out) {
        const std::string_view token = v.raw_json_token();
        if (token.empty() || token[0] != '"')
            return skip(v, sit);
        std::string_view s;
        return string(v, s) && keepText(token.data(), s, out);
    };

    for (auto member : object) {
        if (member.error())
            return syntax(at);
        od::field &f = member.value_unsafe();
        std::string_view k;
        if (!key(f, k))
            return false;
        od::value &v = f.value();
        bool ok = true;
        if (is(k, "ph")) {
            std::string_view s;
            ok = string(v, s);
            e.ph = s.size() == 1 ? s[0] : '?';
        } else if (is(k, "ts")) {
            e.flags |= ChromeForeign::HasTs;
            ok = micros(v, e.ts, "ts");
        } else if (is(k, "dur")) {
            e.flags |= ChromeForeign::HasDur;
            ok = micros(v, e.dur, "dur");
        } else if (is(k, "pid")) {
            ok = threadId(v, e.pid, sit);
        } else if (is(k, "tid")) {
            ok = threadId(v, e.tid, sit);
        } else if (is(k, "name")) {
            ok = text(v, e.name);
        } else if (is(k, "cat")) {
            ok = text(v, e.cat);
        } else if (is(k, "id")) {
            bool has = false;
            ok = idText(v, e.id, has);
            if (has)
                e.flags |= ChromeForeign::HasId;
        } else if (is(k, "id2")) {
            const std::string_view token = v.raw_json_token();
            if (token.empty() || token[0] != '{') {
                ok = skip(v, sit);
            } else {
                od::object fields;
                if (v.get_object().get(fields) != simdjson::SUCCESS)
                    return syntax(token.data());
                for (auto m2 : fields) {
                    if (m2.error())
                        return syntax(token.data());
                    od::field &f2 = m2.value_unsafe();
                    std::string_view k2;
                    if (!key(f2, k2))
                        return false;
                    bool has = false;
                    if ((is(k2, "global") || is(k2, "local")) && !e.has(ChromeForeign::HasId)) {
                        if (!idText(f2.value(), e.id, has))
                            return false;
                        if (has)
                            e.flags |= ChromeForeign::HasId | (is(k2, "local") ? ChromeForeign::LocalId : 0);
                    } else if (!skip(f2.value(), sit + 1)) {
                        return false;
                    }
                }
            }
        } else if (is(k, "s")) {
            ChromeText s;
            ok = text(v, s);
            if (s.length > 0)
                e.scope = m_doc.arena[s.offset];
        } else if (is(k, "bp")) {
            ChromeText s;
            ok = text(v, s);
            if (m_doc.text(s) == "e")
                e.flags |= ChromeForeign::BindEnclosing;
        } else if (is(k, "bind_id")) {
            // Perfetto reads a numeric bind_id as it is and a string one as hex ("0x1f").
            const std::string_view token = v.raw_json_token();
            std::string_view s;
            if (!token.empty() && token[0] == '"') {
                ok = string(v, s);
                if (s.starts_with("0x") || s.starts_with("0X"))
                    s.remove_prefix(2);
                if (ok && !s.empty() && std::from_chars(s.data(), s.data() + s.size(), e.bindId, 16).ec == std::errc())
                    e.flags |= ChromeForeign::HasBindId;
            } else if (!token.empty() && (token[0] == '-' || (token[0] >= '0' && token[0] <= '9'))) {
                Number n;
                ok = number(v, n);
                if (ok && n.integral
                    && std::from_chars(n.text.data(), n.text.data() + n.text.size(), e.bindId).ec == std::errc())
                    e.flags |= ChromeForeign::HasBindId;
            } else {
                ok = skip(v, sit);
            }
        } else if (is(k, "flow_in") || is(k, "flow_out")) {
            bool b = false;
            ok = boolean(v, b, sit);
            if (b)
                e.flags |= is(k, "flow_in") ? ChromeForeign::FlowIn : ChromeForeign::FlowOut;
        } else if (is(k, "args")) {
            const std::string_view token = v.raw_json_token();
            if (token.empty() || token[0] != '{') {
                ok = skip(v, sit);
            } else {
                od::object fields;
                if (v.get_object().get(fields) != simdjson::SUCCESS)
                    return syntax(token.data());
                for (auto m2 : fields) {
                    if (m2.error())
                        return syntax(token.data());
                    od::field &f2 = m2.value_unsafe();
                    std::string_view k2;
                    if (!key(f2, k2))
                        return false;
                    if (!(is(k2, "name") ? text(f2.value(), e.argName) : skip(f2.value(), sit)))
                        return false;
                }
            }
        } else {
            ok = skip(v, sit);
        }
        if (!ok)
            return false;
    }
    if (e.ph == 'M' || isShown(e.ph)) {
        if (e.ph != 'M' && !e.has(ChromeForeign::HasTs))
            return fail(at, fmt::format("a \"{}\" event has no \"ts\"", e.ph));
        m_doc.foreign.push_back(e);
    }
    return true;
}

// The "coroscope" object: the tables a native trace needs beyond its events.
bool ChromeJsonWalker::header(od::value &v, int depth)
{
    const std::string_view token = v.raw_json_token();
    if (m_doc.haveHeader)
        return fail(token.data(), "\"coroscope\" appears twice");
    m_doc.haveHeader = true;
    m_doc.headerOffset = offsetOf(token.data());
    if (token.empty() || token[0] != '{')
        return expected(token, "'{' (the coroscope object)");
    Trace &t = m_doc.trace;
    bool haveStrings = false, haveLocations = false;
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS)
        return syntax(token.data());

    // Each element of the array `value`, given to element(value, at).
    auto array = [&](od::value &value, std::string_view what, auto &&element) {
        const std::string_view atoken = value.raw_json_token();
        if (atoken.empty() || atoken[0] != '[')
            return expected(atoken, what);
        od::array elements;
        if (value.get_array().get(elements) != simdjson::SUCCESS)
            return syntax(atoken.data());
        for (auto item : elements) {
            if (item.error())
                return syntax(atoken.data());
            od::value &e = item.value_unsafe();
            if (!element(e, e.raw_json_token().data()))
                return false;
        }
        return true;
    };

    for (auto member : object) {
        if (member.error())
            return syntax(token.data());
        od::field &f = member.value_unsafe();
        std::string_view k;
        if (!key(f, k))
            return false;
        od::value &value = f.value();
        const char *at = value.raw_json_token().data();
        bool ok = true;
        if (is(k, "version")) {
            std::int64_t version = 0;
            if (!integer(value, version, "version"))
                return false;
            if (version != kChromeFormatVersion)
                return fail(at, fmt::format("unsupported Coroscope export version {} (this build reads version {})",
                                            version, kChromeFormatVersion));
        } else if (is(k, "clock")) {
            std::string_view s;
            if (!string(value, s))
                return false;
            if (!is(s, "virtual") && !is(s, "real"))
                return fail(at, fmt::format("unknown clock \"{}\" (virtual or real)", s));
            t.clock = is(s, "real") ? ClockMode::Real : ClockMode::Virtual;
        } else if (is(k, "events")) {
            m_doc.eventsAt = offsetOf(at);
            ok = integer(value, m_doc.declaredEvents, "events");
        } else if (is(k, "metadata")) {
            ok = array(value, "'['", [&](od::value &pair, const char *pairAt) {
                std::string key, val;
                int i = 0;
                const bool good = array(pair, "'[' (a [key, value] pair)", [&](od::value &s, const char *sAt) {
                    std::string_view text;
                    if (i >= 2)
                        return fail(sAt, "a metadata entry has more than two strings");
                    if (!string(s, text))
                        return false;
                    (i++ == 0 ? key : val).assign(text);
                    return true;
                });
                if (!good)
                    return false;
                if (i != 2)
                    return fail(pairAt, "a metadata entry must be [key, value]");
                t.metadata.emplace_back(std::move(key), std::move(val));
                return true;
            });
        } else if (is(k, "strings")) {
            if (haveStrings)
                return fail(at, "\"strings\" appears twice");
            haveStrings = true;
            std::uint32_t i = 0;
            ok = array(value, "'['", [&](od::value &s, const char *sAt) {
                std::string_view text;
                if (!string(s, text))
                    return false;
                if (i == 0 && !text.empty())
                    return fail(sAt, "string 0 must be the empty string");
                if (i > 0 && t.strings.intern(text) != i)
                    return fail(sAt, fmt::format("string {} duplicates an earlier one", i));
                ++i;
                return true;
            });
        } else if (is(k, "locations")) {
            if (haveLocations)
                return fail(at, "\"locations\" appears twice");
            haveLocations = true;
            t.locations.clear();
            ok = array(value, "'['", [&](od::value &pair, const char *pairAt) {
                SourceLocation l;
                int i = 0;
                const bool good = array(pair, "'[' (a [file, line] pair)", [&](od::value &n, const char *nAt) {
                    if (i >= 2)
                        return fail(nAt, "a location has more than two numbers");
                    return index(n, i++ == 0 ? l.file : l.line, "a location field");
                });
                if (!good)
                    return false;
                if (i != 2)
                    return fail(pairAt, "a location must be [file string id, line]");
                if (t.locations.empty() && !(l == SourceLocation {}))
                    return fail(pairAt, "location 0 must be [0, 0]");
                m_doc.locationOffsets.push_back(offsetOf(pairAt));
                t.locations.push_back(l);
                return true;
            });
        } else if (is(k, "lanes")) {
            ok = array(value, "'['", [&](od::value &l, const char *) { return lane(l, depth + 2); });
        } else if (is(k, "timerDues")) {
            ok = array(value, "'['", [&](od::value &pair, const char *pairAt) {
                TimerDue d;
                int i = 0;
                const bool good
                    = array(pair, "'[' (an [arm seq, due] pair)", [&](od::value &n, const char *nAt) {
                          if (i >= 2)
                              return fail(nAt, "a timer due has more than two numbers");
                          return i++ == 0 ? index(n, d.armEvent, "timer arm seq") : integer(n, d.due, "timer due");
                      });
                if (!good)
                    return false;
                if (i != 2)
                    return fail(pairAt, "a timer due must be [arm seq, due time]");
                if (!t.timerDues.empty() && d.armEvent <= t.timerDues.back().armEvent)
                    return fail(pairAt, "timer dues must have strictly increasing arm seqs");
                m_doc.dueOffsets.push_back(offsetOf(pairAt));
                t.timerDues.push_back(d);
                return true;
            });
        } else {
            ok = skip(value, depth + 1);
        }
        if (!ok)
            return false;
    }
    return true;
}

bool ChromeJsonWalker::lane(od::value &v, int depth)
{
    const std::string_view token = v.raw_json_token();
    if (token.empty() || token[0] != '{')
        return expected(token, "'{' (a lane)");
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS)
        return syntax(token.data());
    Lane lane;
    std::string name;
    for (auto member : object) {
        if (member.error())
            return syntax(token.data());
        od::field &f = member.value_unsafe();
        std::string_view k;
        if (!key(f, k))
            return false;
        od::value &value = f.value();
        bool ok = true;
        if (is(k, "name")) {
            std::string_view s;
            ok = string(value, s);
            name.assign(s);
        } else if (is(k, "kind")) {
            const char *at = value.raw_json_token().data();
            std::string_view s;
            if (!string(value, s))
                return false;
            if (!laneKindFromName(s, lane.kind))
                return fail(at, fmt::format("unknown lane kind \"{}\"", s));
        } else if (is(k, "parent")) {
            ok = index(value, lane.parent, "lane parent", true);
        } else if (is(k, "created")) {
            ok = index(value, lane.created, "lane created");
        } else {
            ok = skip(value, depth + 1);
        }
        if (!ok)
            return false;
    }
    Trace &t = m_doc.trace;
    const auto id = std::uint32_t(t.lanes.size());
    if (lane.parent != NoLane && lane.parent >= id)
        return fail(token.data(), fmt::format("lane {}'s parent {} is not an earlier lane", id, lane.parent));
    m_doc.laneOffsets.push_back(offsetOf(token.data()));
    m_doc.laneNames.push_back(std::move(name));
    t.lanes.push_back(lane);
    return true;
}

// ---------------------------------------------------------------------------------------------

ChromeJsonReader::ChromeJsonReader(ChromeDocument &doc, Pass pass)
    : m_doc(doc)
    , m_pass(pass)
    , m_parser(std::make_unique<Parser>())
{
}

ChromeJsonReader::~ChromeJsonReader() = default;

bool ChromeJsonReader::readDocument(const char *data, std::size_t length, std::uint64_t spliceAt,
                                    std::uint64_t shift, std::uint64_t eventsAt)
{
    ChromeJsonWalker walker(m_doc, m_pass, m_failure, m_parser->details, data, data + length);
    walker.m_spliceAt = spliceAt;
    walker.m_shift = shift;
    walker.m_eventsAt = eventsAt;
    od::document doc;
    if (m_parser->parser.iterate(data, length, length + kPadding).get(doc) != simdjson::SUCCESS) {
        m_failure.syntax = true;
        m_failure.offset = 0;
        return false;
    }
    return walker.document(doc);
}

bool ChromeJsonReader::readEvents(const char *data, std::size_t length, std::uint64_t origin, int eventDepth)
{
    ChromeJsonWalker walker(m_doc, m_pass, m_failure, m_parser->details, data, data + length);
    walker.m_delta = std::int64_t(origin) - 1;
    od::document doc;
    if (m_parser->parser.iterate(data, length, length + kPadding).get(doc) != simdjson::SUCCESS) {
        m_failure.syntax = true;
        m_failure.offset = origin;
        return false;
    }
    return walker.eventsWindow(doc, eventDepth);
}

} // namespace coroscope
