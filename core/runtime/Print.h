#pragma once

#include "Repr.h"
#include "Runtime.h"

#include <fmt/format.h>

#include <string>

namespace coroscope {

// Python's print(*args): str() of each argument, joined by spaces, recorded as an Output event on
// the lane that prints it.
template<class... A>
void print(const A &...args)
{
    std::string line;
    std::size_t i = 0;
    ((line += (i++ ? " " : "") + str(args)), ...);
    Runtime::current().print(std::move(line));
}

// f-strings: f("{} start", name) reads like f"{name} start".
template<class... A>
std::string f(fmt::format_string<A...> format, A &&...args)
{
    return fmt::format(format, std::forward<A>(args)...);
}

// str.upper(): ASCII letters, as the samples need; other characters pass through unchanged.
inline std::string upper(std::string s)
{
    for (auto &c : s)
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
    return s;
}

} // namespace coroscope
