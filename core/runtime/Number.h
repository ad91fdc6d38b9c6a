#pragma once

#include "Repr.h"

#include <concepts>
#include <string>

#include <fmt/format.h>

namespace coroscope {

// A Python number that remembers whether it is an int or a float, for ports whose Python passes
// both to one parameter: slow("a", 2) and slow("c", 0.1) sleep as sleep(2) and sleep(0.1), and
// print as 2 and 0.1 (a double alone would read 2.0).
class Number
{
public:
    template<std::integral I>
    Number(I i)
        : m_value(double(i))
        , m_int(true)
    {
    }
    Number(double d)
        : m_value(d)
        , m_int(false)
    {
    }
    double value() const { return m_value; }
    bool isInt() const { return m_int; }
    operator double() const { return m_value; }
    std::string repr() const { return m_int ? std::to_string((long long)m_value) : reprDouble(m_value); }
    std::string str() const { return repr(); }

private:
    double m_value;
    bool m_int;
};

} // namespace coroscope

template<>
struct fmt::formatter<coroscope::Number> : fmt::formatter<std::string> {
    auto format(const coroscope::Number &n, fmt::format_context &ctx) const
    {
        return fmt::formatter<std::string>::format(n.repr(), ctx);
    }
};
