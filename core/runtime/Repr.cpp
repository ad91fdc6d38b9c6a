#include "Repr.h"

#include <cmath>

namespace coroscope {

std::string reprString(std::string_view s)
{
    // Python prefers single quotes unless the text holds a single quote and no double quote.
    const bool hasSingle = s.find('\'') != std::string_view::npos;
    const bool hasDouble = s.find('"') != std::string_view::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out(1, quote);
    for (unsigned char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c == quote)
                out += std::string("\\") + char(c);
            else if (c < 0x20 || c == 0x7f)
                out += fmt::format("\\x{:02x}", c);
            else
                out += char(c); // UTF-8 passes through, as Python prints printable non-ASCII
        }
    }
    out += quote;
    return out;
}

std::string reprDouble(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d < 0 ? "-inf" : "inf";
    // Python's repr: the shortest round-trip digits, fixed notation when -4 <= exponent < 16.
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    const std::string sci(buf, end);
    const auto ePos = sci.find('e');
    const int exponent = std::stoi(sci.substr(ePos + 1));
    const bool negative = sci[0] == '-';
    std::string digits;
    for (char c : sci.substr(0, ePos))
        if (c >= '0' && c <= '9')
            digits += c;
    std::string out = negative ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
        out += digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        out += fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
    } else if (exponent < 0) {
        out += "0." + std::string(std::size_t(-exponent - 1), '0') + digits;
    } else {
        const auto intLen = std::size_t(exponent + 1);
        if (digits.size() <= intLen)
            out += digits + std::string(intLen - digits.size(), '0') + ".0";
        else
            out += digits.substr(0, intLen) + "." + digits.substr(intLen);
    }
    return out;
}

} // namespace coroscope
