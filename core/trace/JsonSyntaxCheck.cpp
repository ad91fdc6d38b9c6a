#include "JsonSyntaxCheck.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace coroscope {

TraceFileError jsonErrorAt(std::string_view json, std::size_t offset, std::string_view message)
{
    offset = std::min(offset, json.size());
    std::size_t line = 1, lineStart = 0;
    // p < end first: memchr on the null data() of an empty input is undefined (UBSan).
    for (const char *p = json.data(), *end = json.data() + offset;
         p < end && (p = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)))); ++p) {
        ++line;
        lineStart = std::size_t(p - json.data()) + 1;
    }
    return TraceFileError {fmt::format("line {}, column {}: {}", line, offset - lineStart + 1, message), offset};
}

std::optional<JsonSyntaxCheck::Error> JsonSyntaxCheck::firstError(std::string_view json, int maxDepth)
{
    JsonSyntaxCheck check(json, maxDepth);
    check.document();
    return std::move(check.m_error);
}

bool JsonSyntaxCheck::fail(std::size_t at, std::string message)
{
    if (!m_error)
        m_error = Error {std::min(at, m_json.size()), std::move(message)};
    return false;
}

void JsonSyntaxCheck::ws()
{
    while (m_pos < m_json.size()) {
        const char c = m_json[m_pos];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return;
        ++m_pos;
    }
}

std::string JsonSyntaxCheck::describeHere() const
{
    if (atEnd())
        return "the end of input";
    const auto c = static_cast<unsigned char>(m_json[m_pos]);
    return c >= 0x20 && c < 0x7f ? fmt::format("'{}'", char(c)) : fmt::format("byte 0x{:02x}", unsigned(c));
}

bool JsonSyntaxCheck::document()
{
    ws();
    if (m_json.substr(m_pos, 3) == "\xef\xbb\xbf")
        m_pos += 3;
    ws();
    if (atEnd())
        return fail(m_pos, m_json.empty() ? "empty file: not a trace" : "no JSON value: not a trace");
    // The open containers: '{' or '['.
    std::vector<char> stack;
    for (;;) {
        // A value.
        ws();
        if (atEnd())
            return fail(m_pos, "unexpected end of input, expected a value");
        const char c = m_json[m_pos];
        bool closed = true; // a complete value was read
        if (c == '{' || c == '[') {
            if (int(stack.size()) + 1 > m_maxDepth)
                return fail(m_pos, fmt::format("nesting deeper than {} levels", m_maxDepth));
            stack.push_back(c);
            ++m_pos;
            ws();
            if (!atEnd() && m_json[m_pos] == (c == '{' ? '}' : ']')) {
                ++m_pos;
                stack.pop_back();
            } else {
                closed = false;
                if (c == '{' && !memberKey())
                    return false;
            }
        } else if (c == '"') {
            if (!string())
                return false;
        } else if (c == 't' || c == 'f' || c == 'n') {
            if (!literal(c == 't' ? "true" : c == 'f' ? "false" : "null"))
                return false;
        } else if (!number()) {
            return false;
        }
        if (!closed)
            continue;
        // Close every container that ends here; stop at a ',' that asks for another value.
        for (;;) {
            if (stack.empty()) {
                ws();
                if (!atEnd())
                    return fail(m_pos, "unexpected data after the end of the JSON document");
                return true;
            }
            const char close = stack.back() == '{' ? '}' : ']';
            ws();
            if (atEnd())
                return fail(m_pos, fmt::format("unexpected end of input, expected ',' or '{}'", close));
            const char n = m_json[m_pos];
            if (n != ',' && n != close)
                return fail(m_pos, fmt::format("expected ',' or '{}', found {}", close, describeHere()));
            ++m_pos;
            if (n == ',') {
                if (close == '}' && !memberKey())
                    return false;
                break;
            }
            stack.pop_back();
        }
    }
}

bool JsonSyntaxCheck::memberKey()
{
    ws();
    if (atEnd())
        return fail(m_pos, "unexpected end of input, expected a member name");
    if (m_json[m_pos] != '"')
        return fail(m_pos, fmt::format("expected a member name in quotes, found {}", describeHere()));
    if (!string())
        return false;
    ws();
    if (atEnd())
        return fail(m_pos, "unexpected end of input, expected ':' after a member name");
    if (m_json[m_pos] != ':')
        return fail(m_pos, fmt::format("expected ':' after a member name, found {}", describeHere()));
    ++m_pos;
    return true;
}

bool JsonSyntaxCheck::string()
{
    const std::size_t quote = m_pos++;
    const std::size_t n = m_json.size();
    while (m_pos < n) {
        const auto c = static_cast<unsigned char>(m_json[m_pos]);
        if (c == '"') {
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail(m_pos, "control character inside a string (it must be escaped)");
        if (c == '\\') {
            if (!escape())
                return false;
        } else if (c >= 0x80) {
            if (!utf8(quote))
                return false;
        } else {
            ++m_pos;
        }
    }
    return fail(quote, "unterminated string");
}

bool JsonSyntaxCheck::escape()
{
    const std::size_t at = m_pos++;
    if (atEnd())
        return true; // the string's end is missing: "unterminated string" says it
    const char e = m_json[m_pos++];
    switch (e) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
        return true;
    case 'u': {
        std::uint32_t cp = 0;
        if (!hex4(cp))
            return false;
        // simdjson's rules: a high surrogate needs a low one right after it; a low one alone is refused.
        if (cp >= 0xdc00 && cp < 0xe000)
            return fail(at, "invalid \\u escape: a low surrogate without a high one before it");
        if (cp < 0xd800 || cp >= 0xdc00)
            return true;
        if (m_json.substr(m_pos, 2) != "\\u")
            return fail(at, "invalid \\u escape: a high surrogate without a low one after it");
        m_pos += 2;
        std::uint32_t low = 0;
        if (!hex4(low))
            return false;
        if (low < 0xdc00 || low >= 0xe000)
            return fail(at, "invalid \\u escape: a high surrogate without a low one after it");
        return true;
    }
    default:
        return fail(at, fmt::format("invalid escape '\\{}' in a string", e));
    }
}

bool JsonSyntaxCheck::hex4(std::uint32_t &out)
{
    out = 0;
    for (int i = 0; i < 4; ++i) {
        if (atEnd())
            return fail(m_pos, "unexpected end of input in a \\u escape");
        const char c = m_json[m_pos];
        int d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        if (d < 0)
            return fail(m_pos, "a \\u escape needs four hex digits");
        out = out << 4 | std::uint32_t(d);
        ++m_pos;
    }
    return true;
}

// One multi-byte UTF-8 sequence (Unicode 15, table 3-7: no overlong forms, no surrogates, at most
// U+10FFFF). A sequence cut by the end of input leaves the string unterminated, which is what is said.
bool JsonSyntaxCheck::utf8(std::size_t quote)
{
    const std::size_t at = m_pos;
    const auto b0 = static_cast<unsigned char>(m_json[at]);
    int length = 0;
    unsigned char lo = 0x80, hi = 0xbf; // the allowed range of the second byte
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        length = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        length = 3;
        if (b0 == 0xe0)
            lo = 0xa0;
        else if (b0 == 0xed)
            hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        length = 4;
        if (b0 == 0xf0)
            lo = 0x90;
        else if (b0 == 0xf4)
            hi = 0x8f;
    } else {
        return fail(at, fmt::format("invalid UTF-8 (byte 0x{:02x}) in a string", unsigned(b0)));
    }
    for (int i = 1; i < length; ++i) {
        if (at + std::size_t(i) >= m_json.size())
            return fail(quote, "unterminated string");
        const auto b = static_cast<unsigned char>(m_json[at + std::size_t(i)]);
        const unsigned char l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xbf;
        if (b < l || b > h)
            return fail(at, fmt::format("invalid UTF-8 (byte 0x{:02x}) in a string", unsigned(b0)));
    }
    m_pos = at + std::size_t(length);
    return true;
}

bool JsonSyntaxCheck::number()
{
    const std::size_t begin = m_pos;
    const std::size_t n = m_json.size();
    auto digits = [&] {
        const std::size_t s = m_pos;
        while (m_pos < n && m_json[m_pos] >= '0' && m_json[m_pos] <= '9')
            ++m_pos;
        return m_pos - s;
    };
    if (m_pos < n && m_json[m_pos] == '-')
        ++m_pos;
    const std::size_t intStart = m_pos;
    const std::size_t intDigits = digits();
    if (intDigits == 0)
        return fail(begin, fmt::format("expected a number, found {}", describeHere()));
    if (intDigits > 1 && m_json[intStart] == '0')
        return fail(begin, "a number must not start with 0");
    if (m_pos < n && m_json[m_pos] == '.') {
        ++m_pos;
        if (digits() == 0)
            return fail(m_pos, "expected a digit after the decimal point");
    }
    if (m_pos < n && (m_json[m_pos] == 'e' || m_json[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < n && (m_json[m_pos] == '+' || m_json[m_pos] == '-'))
            ++m_pos;
        if (digits() == 0)
            return fail(m_pos, "expected a digit in the exponent");
    }
    return true;
}

bool JsonSyntaxCheck::literal(std::string_view word)
{
    if (m_json.substr(m_pos, word.size()) != word)
        return fail(m_pos, fmt::format("expected a value, found {}", describeHere()));
    m_pos += word.size();
    return true;
}

} // namespace coroscope
