#pragma once

#include "None.h"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace coroscope {

// Python's repr() and str() for the C++ types the samples use, so that printed lines and trace
// details read exactly as CPython would print them.

std::string reprString(std::string_view s); // 'foo' with Python's quoting rules
std::string reprDouble(double d);          // shortest round-trip form, "2.0" not "2"

template<class T>
std::string repr(const T &value);
template<class T>
std::string str(const T &value);

namespace detail {
template<class T>
struct is_vector : std::false_type {};
template<class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};
template<class T>
struct is_optional : std::false_type {};
template<class T>
struct is_optional<std::optional<T>> : std::true_type {};
template<class T>
struct is_pair : std::false_type {};
template<class A, class B>
struct is_pair<std::pair<A, B>> : std::true_type {};
template<class T>
struct is_tuple : std::false_type {};
template<class... T>
struct is_tuple<std::tuple<T...>> : std::true_type {};
template<class T>
struct is_variant : std::false_type {};
template<class... T>
struct is_variant<std::variant<T...>> : std::true_type {};
template<class T>
struct is_map : std::false_type {};
template<class K, class V, class C, class A>
struct is_map<std::map<K, V, C, A>> : std::true_type {};

template<class Seq>
std::string joinRepr(const Seq &seq, char open, char close)
{
    std::string out(1, open);
    bool first = true;
    for (const auto &item : seq) {
        if (!first)
            out += ", ";
        first = false;
        out += repr(item);
    }
    out += close;
    return out;
}
} // namespace detail

template<class T>
std::string repr(const T &value)
{
    using D = std::decay_t<T>;
    if constexpr (std::is_same_v<D, None_t>)
        return "None";
    else if constexpr (std::is_same_v<D, bool>)
        return value ? "True" : "False";
    else if constexpr (std::is_integral_v<D>)
        return std::to_string(value);
    else if constexpr (std::is_floating_point_v<D>)
        return reprDouble(double(value));
    else if constexpr (std::is_convertible_v<const D &, std::string_view>)
        return reprString(std::string_view(value));
    else if constexpr (detail::is_optional<D>::value)
        return value ? repr(*value) : std::string("None");
    else if constexpr (detail::is_vector<D>::value)
        return detail::joinRepr(value, '[', ']');
    else if constexpr (detail::is_pair<D>::value)
        return "(" + repr(value.first) + ", " + repr(value.second) + ")";
    else if constexpr (detail::is_tuple<D>::value) {
        std::string out = "(";
        std::apply([&](const auto &...items) {
            std::size_t i = 0;
            ((out += (i++ ? ", " : "") + repr(items)), ...);
        }, value);
        return out + (std::tuple_size_v<D> == 1 ? ",)" : ")");
    } else if constexpr (detail::is_map<D>::value) {
        std::string out = "{";
        bool first = true;
        for (const auto &[k, v] : value) {
            out += (first ? "" : ", ") + repr(k) + ": " + repr(v);
            first = false;
        }
        return out + "}";
    } else if constexpr (detail::is_variant<D>::value) {
        return std::visit([](const auto &v) { return repr(v); }, value);
    } else if constexpr (requires { value.repr(); })
        return value.repr();
    else if constexpr (std::is_pointer_v<D> && requires { value->repr(); })
        return value ? value->repr() : std::string("None");
    else
        return "<object>";
}

template<class T>
std::string str(const T &value)
{
    using D = std::decay_t<T>;
    if constexpr (std::is_convertible_v<const D &, std::string_view>)
        return std::string(std::string_view(value));
    else if constexpr (std::is_same_v<D, char>)
        return std::string(1, value);
    else if constexpr (detail::is_variant<D>::value)
        return std::visit([](const auto &v) { return str(v); }, value);
    else if constexpr (requires { value.str(); })
        return value.str();
    else
        return repr(value);
}

} // namespace coroscope
