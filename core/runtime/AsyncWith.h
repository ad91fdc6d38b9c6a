#pragma once

#include "Task.h"

#include <exception>

namespace coroscope {

// `async with cm as x: body`: awaits cm.aenter() (Python's __aenter__), runs the body with what it
// returned, then awaits cm.aexit(exception) (__aexit__) on every path; a true result from aexit
// swallows the exception. The body is a coroutine lambda, awaited inline:
//
//     co_await async_with(Connection(name), [&](Connection &conn) -> Task<> { ... });
template<class CM, class Body>
Task<> async_with(CM cm, Body body)
{
    auto &&entered = co_await cm.aenter();
    std::exception_ptr error;
    try {
        co_await body(entered);
    } catch (...) {
        error = std::current_exception(); // (no co_await inside a handler: aexit runs below)
    }
    const bool swallow = co_await cm.aexit(error);
    if (error && !swallow)
        std::rethrow_exception(error);
}

} // namespace coroscope
