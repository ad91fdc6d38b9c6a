#pragma once

#include "Task.h"

#include <exception>
#include <type_traits>

namespace coroscope {

// `async with cm as x: body`: awaits cm.aenter() (Python's __aenter__), runs the body with what it
// returned, then awaits cm.aexit(exception) (__aexit__) on every path; a true result from aexit
// swallows the exception. The body is a coroutine lambda, awaited inline:
//
//     co_await async_with(Connection(name), [&](Connection &conn) -> Task<> { ... });
//
// As in Python, only __aenter__ and __aexit__ show as coroutines entered at the `async with` line;
// the body runs in the coroutine that holds it.
namespace detail {
template<class Body, class Entered>
auto callBody(Body &body, Entered &&entered)
{
    // The body takes what __aenter__ returned, or the object it points to, or nothing (a Lock's
    // __aenter__ returns None).
    if constexpr (std::is_invocable_v<Body &, Entered &>)
        return body(entered);
    else if constexpr (requires { body(*entered); })
        return body(*entered);
    else
        return body();
}

// CM is a reference for an lvalue (a Lock, a TaskGroup the caller keeps) and a value for a temporary.
template<class CM, class Body>
Task<> asyncWith(CM cm, Body body, std::source_location where)
{
    auto &&entered = co_await at(where, cm.aenter());
    std::exception_ptr error;
    try {
        co_await unrecorded(callBody(body, entered));
    } catch (...) {
        error = std::current_exception(); // (no co_await inside a handler: aexit runs below)
    }
    bool swallow = false;
    if constexpr (std::is_same_v<typename decltype(cm.aexit(error))::value_type, None_t>)
        co_await at(where, cm.aexit(error)); // __aexit__ returned None: the exception goes on
    else
        swallow = bool(co_await at(where, cm.aexit(error)));
    if (error && !swallow)
        std::rethrow_exception(error);
}
} // namespace detail

template<class CM, class Body>
Task<> async_with(CM &&cm, Body body, std::source_location where = std::source_location::current())
{
    return detail::unrecorded(detail::asyncWith<CM>(std::forward<CM>(cm), std::move(body), where));
}

} // namespace coroscope
