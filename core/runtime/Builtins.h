#pragma once

#include "AsyncGenerator.h"
#include "Generator.h"
#include "Task.h"

#include <string>
#include <type_traits>

namespace coroscope {

// type(x).__name__ for the four kinds of function's results and the plain values the samples use.
template<class T>
std::string type_name(const T &)
{
    if constexpr (std::is_same_v<T, bool>)
        return "bool";
    else if constexpr (std::is_integral_v<T>)
        return "int";
    else if constexpr (std::is_floating_point_v<T>)
        return "float";
    else if constexpr (std::is_convertible_v<const T &, std::string_view>)
        return "str";
    else if constexpr (std::is_same_v<T, None_t>)
        return "NoneType";
    else
        return "object";
}
template<class Y, class S, class R>
std::string type_name(const Generator<Y, S, R> &)
{
    return "generator";
}
template<class T>
std::string type_name(const Task<T> &)
{
    return "coroutine";
}
template<class Y>
std::string type_name(const AsyncGenerator<Y> &)
{
    return "async_generator";
}

} // namespace coroscope
