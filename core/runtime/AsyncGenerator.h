#pragma once

#include "Task.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <utility>

namespace coroscope {

template<class Y>
class AnextAwaiter;

// An async generator (`async def` with `yield`): it can co_await inside the task that iterates it
// and co_yield values to it. Each `co_await anext(gen)` runs it inline, like awaiting a coroutine,
// up to its next co_yield (a value) or its end (nullopt: StopAsyncIteration):
//
//     while (auto v = co_await anext(gen))    // async for v in gen:
//         print(*v);
template<class Y>
class [[nodiscard]] AsyncGenerator
{
public:
    struct promise_type {
        promise_type(std::source_location where = std::source_location::current())
            : function(where.function_name())
        {
        }
        AsyncGenerator get_return_object() { return AsyncGenerator(Handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }

        // Both a yield and the end hand control back to the consumer (symmetric transfer).
        struct BackToConsumer {
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) const noexcept
            {
                return h.promise().consumer;
            }
            void await_resume() const noexcept {}
        };
        BackToConsumer final_suspend() noexcept { return {}; }
        template<class V>
        BackToConsumer yield_value(V &&v)
        {
            current.emplace(std::forward<V>(v));
            return {};
        }
        void return_void() {}
        void unhandled_exception() { exception = std::current_exception(); }
        template<class A>
        auto await_transform(A &&awaitable, std::source_location loc = std::source_location::current())
        {
            return std::forward<A>(awaitable).awaiter(loc);
        }

        const char *function;
        std::coroutine_handle<> consumer;
        std::optional<Y> current;
        std::exception_ptr exception;
    };
    using Handle = std::coroutine_handle<promise_type>;

    explicit AsyncGenerator(Handle h)
        : m_h(h)
    {
    }
    AsyncGenerator(AsyncGenerator &&o) noexcept
        : m_h(std::exchange(o.m_h, {}))
    {
    }
    AsyncGenerator &operator=(AsyncGenerator &&) = delete;
    ~AsyncGenerator()
    {
        if (m_h)
            m_h.destroy();
    }

    std::string name() const { return coroutineName(m_h.promise().function); }
    Handle handle() const { return m_h; }

private:
    Handle m_h;
};

template<class Y>
class AnextAwaiter
{
public:
    AnextAwaiter(AsyncGenerator<Y> &gen, std::source_location loc)
        : m_gen(gen)
        , m_loc(loc)
    {
    }
    bool await_ready() const { return m_gen.handle().done(); }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> consumer)
    {
        auto &rt = Runtime::current();
        auto &p = m_gen.handle().promise();
        p.consumer = consumer;
        p.current.reset();
        rt.record(EventKind::Enter, NoEvent, m_gen.name(), rt.location(m_loc));
        m_entered = true;
        return m_gen.handle();
    }
    std::optional<Y> await_resume()
    {
        auto &rt = Runtime::current();
        auto &p = m_gen.handle().promise();
        if (auto e = std::exchange(p.exception, nullptr)) {
            rt.record(EventKind::Leave, NoEvent, "raised " + describeException(e));
            std::rethrow_exception(e);
        }
        if (!p.current) {
            if (m_entered)
                rt.record(EventKind::Leave, NoEvent, "StopAsyncIteration");
            return std::nullopt;
        }
        rt.record(EventKind::Leave, NoEvent, "yield " + repr(*p.current));
        return std::move(p.current);
    }

private:
    AsyncGenerator<Y> &m_gen;
    std::source_location m_loc;
    bool m_entered = false; // false when the generator had already finished: nothing ran
};

template<class Y>
struct Anext {
    AsyncGenerator<Y> &gen;
    AnextAwaiter<Y> awaiter(std::source_location loc) && { return AnextAwaiter<Y>(gen, loc); }
};

// anext(gen): the next value of an async generator, or nullopt at its end.
template<class Y>
Anext<Y> anext(AsyncGenerator<Y> &gen)
{
    return {gen};
}

// anext(obj) for a class with Python's __anext__ spelled `anext()`: a coroutine that raises
// StopAsyncIteration at the end. Gives nullopt there instead, so both kinds loop the same way. The
// adapter itself is not in the trace: `async for` awaits __anext__() at the loop's line.
namespace detail {
template<class A>
auto anextOf(A &iterator, std::source_location where)
    -> Task<std::optional<typename decltype(iterator.anext())::value_type>>
{
    try {
        co_return co_await at(where, iterator.anext());
    } catch (const StopAsyncIteration &) {
    }
    co_return std::nullopt;
}
} // namespace detail

template<class A>
    requires requires(A &a) { a.anext(); }
auto anext(A &iterator, std::source_location where = std::source_location::current())
{
    return detail::unrecorded(detail::anextOf(iterator, where));
}

} // namespace coroscope
