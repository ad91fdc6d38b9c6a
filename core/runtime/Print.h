#pragma once

#include "Repr.h"
#include "Runtime.h"

#include <fmt/format.h>

#include <source_location>

#include <string>
#include <type_traits>

namespace coroscope {

namespace detail {
// The first argument of print(), converted where the call is written: its defaulted
// source_location is the caller's line (a variadic function cannot default one itself).
struct PrintFirst {
    template<class T>
    PrintFirst(const T &value, std::source_location where = std::source_location::current())
        : text(str(value))
        , where(where)
    {
    }
    std::string text;
    std::source_location where;
};
} // namespace detail

// Python's print(*args): str() of each argument, joined by spaces, recorded as an Output event on
// the lane that prints it, with the line that printed it.
template<class... A>
void print(detail::PrintFirst first, const A &...rest)
{
    std::string line = std::move(first.text);
    ((line += " " + str(rest)), ...);
    auto &rt = Runtime::current();
    rt.print(std::move(line), rt.location(first.where));
}
inline void print(std::source_location where = std::source_location::current())
{
    auto &rt = Runtime::current();
    rt.print({}, rt.location(where));
}

namespace detail {
// An f-string field with no format spec shows str(value): f"{2.0}" is "2.0" and f"{True}" is
// "True", where fmt alone gives "2" and "true". With a spec ("{:.1f}") fmt formats as usual.
struct FFloat {
    double value;
};
struct FBool {
    bool value;
};
template<class T>
decltype(auto) fArg(T &&v)
{
    using D = std::decay_t<T>;
    if constexpr (std::is_same_v<D, bool>)
        return FBool{v};
    else if constexpr (std::is_floating_point_v<D>)
        return FFloat{double(v)};
    else
        return std::forward<T>(v);
}
template<class T>
using FArg = std::remove_cvref_t<decltype(fArg(std::declval<T>()))>;
} // namespace detail

// f-strings: f("{} start", name) reads like f"{name} start".
template<class... A>
std::string f(fmt::format_string<detail::FArg<A>...> format, A &&...args)
{
    return fmt::vformat(fmt::string_view(format), fmt::make_format_args(detail::fArg(args)...));
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

namespace coroscope::detail {
// "{}" shows str(value); any spec goes to fmt's own formatter for the underlying type.
template<class T, class Base>
struct FFieldFormatter : Base {
    bool plain = true;
    constexpr auto parse(fmt::format_parse_context &ctx)
    {
        plain = ctx.begin() == ctx.end() || *ctx.begin() == '}';
        return Base::parse(ctx);
    }
    template<class Context>
    auto format(const T &v, Context &ctx) const
    {
        if (plain)
            return fmt::format_to(ctx.out(), "{}", coroscope::str(v.value));
        return Base::format(v.value, ctx);
    }
};
} // namespace coroscope::detail

template<>
struct fmt::formatter<coroscope::detail::FFloat>
    : coroscope::detail::FFieldFormatter<coroscope::detail::FFloat, fmt::formatter<double>> {};
template<>
struct fmt::formatter<coroscope::detail::FBool>
    : coroscope::detail::FFieldFormatter<coroscope::detail::FBool, fmt::formatter<bool>> {};
