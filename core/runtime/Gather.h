#pragma once

#include "Sleep.h"
#include "Task.h"

#include <algorithm>
#include <memory>
#include <tuple>
#include <type_traits>
#include <vector>

namespace coroscope {

namespace detail {

template<class A>
using FutureOf = decltype(ensure_future(std::declval<A>()));
template<class A>
using ValueOf = typename FutureOf<A>::value_type;

template<class... V>
struct AllSame : std::false_type {};
template<class V>
struct AllSame<V> : std::true_type {};
template<class V, class... Rest>
struct AllSame<V, V, Rest...> : AllSame<V, Rest...> {};

// gather's result: a list when every child has the same type, a tuple otherwise.
template<class... V>
using GatherResult = std::conditional_t<AllSame<V...>::value, std::vector<std::tuple_element_t<0, std::tuple<V...>>>,
                                        std::tuple<V...>>;

std::string describeGather(const std::vector<std::shared_ptr<FutureBase>> &children);

} // namespace detail

// One result of gather(return_exceptions, ...): the value, or the exception the child ended with.
template<class V>
struct Outcome {
    std::optional<V> value;
    std::exception_ptr error;

    bool ok() const { return !error; }
    const V &operator*() const { return *value; }
    std::string repr() const { return error ? reprException(error) : coroscope::repr(*value); }
    std::string str() const { return error ? describeException(error) : coroscope::str(*value); }

    static Outcome of(const FutureBase &f, const std::optional<V> &v)
    {
        if (f.cancelled()) {
            // 3.11's gather(return_exceptions=True) makes CancelledError('' or the cancel message):
            // with an argument, so it reads CancelledError(''), not CancelledError().
            CancelledError e(f.cancelMessage());
            e.setArgument();
            return {std::nullopt, std::make_exception_ptr(e)};
        }
        if (auto e = f.exception())
            return {std::nullopt, e};
        return {v, nullptr};
    }
};

struct ReturnExceptions {};
inline constexpr ReturnExceptions return_exceptions{};

// asyncio's _GatheringFuture: done when every child is; the first exception (or cancellation) of a
// child completes it early unless return_exceptions. Cancelling it cancels the children.
template<class R>
class GatheringFuture final : public FutureBase, public ValueSlot<R>
{
public:
    GatheringFuture(EventLoop &loop, std::vector<std::shared_ptr<FutureBase>> children, std::function<R()> collect,
                    bool returnExceptions = false)
        : FutureBase(loop, detail::describeGather(children))
        , m_children(std::move(children))
        , m_collect(std::move(collect))
        , m_returnExceptions(returnExceptions)
    {
    }

    void watchChildren()
    {
        // As 3.11's gather: a future given twice is watched once and counted once (arg_to_fut).
        for (std::size_t i = 0; i < m_children.size(); ++i) {
            auto &child = m_children[i];
            if (std::find(m_children.begin(), m_children.begin() + std::ptrdiff_t(i), child)
                != m_children.begin() + std::ptrdiff_t(i))
                continue;
            ++m_distinct;
            std::weak_ptr<FutureBase> weak = shared_from_this();
            child->addDoneCallback(
                [weak](FutureBase &f, std::uint32_t ev) {
                    if (auto self = weak.lock())
                        static_cast<GatheringFuture &>(*self).childDone(f, ev);
                },
                "gather: child done");
        }
    }

    bool cancel(std::string message = {}) override
    {
        if (done())
            return false;
        bool any = false;
        for (auto &child : m_children)
            any = child->cancel(message) || any;
        if (any)
            m_cancelRequested = true;
        return any;
    }

    std::string resultRepr() const override
    {
        if (cancelled())
            return "CancelledError()";
        if (m_exception)
            return reprException(m_exception);
        if (!this->value)
            return "None";
        // Python's gather() always returns a list: a mixed-type result (a std::tuple here, for
        // structured bindings) still reads "[1, 'a']" on the timeline, not "(1, 'a')".
        if constexpr (detail::is_tuple<R>::value) {
            const auto r = repr(*this->value);
            return "[" + r.substr(1, r.size() - 2) + "]";
        }
        return repr(*this->value);
    }

private:
    void childDone(FutureBase &child, std::uint32_t ev)
    {
        ++m_finished;
        if (done())
            return;
        if (!m_returnExceptions) {
            if (child.cancelled()) { // the child's cancel message travels on, as in 3.11
                setException(std::make_exception_ptr(CancelledError(child.cancelMessage())), ev);
                return;
            }
            if (auto e = child.exception()) {
                setException(e, ev);
                return;
            }
        }
        if (m_finished < m_distinct)
            return;
        if (m_cancelRequested) {
            setException(std::make_exception_ptr(CancelledError(child.cancelMessage())), ev);
            return;
        }
        this->value = m_collect();
        finish(State::Finished, ev);
    }

    std::vector<std::shared_ptr<FutureBase>> m_children;
    std::function<R()> m_collect;
    std::size_t m_finished = 0;
    std::size_t m_distinct = 0;
    bool m_returnExceptions = false;
    bool m_cancelRequested = false;
};

// asyncio.gather(*aws): wraps coroutines into tasks in argument order and completes with their
// results in argument order.
template<class... A>
auto gather(A &&...aws)
{
    static_assert(sizeof...(A) > 0, "gather() needs at least one awaitable");
    using R = detail::GatherResult<detail::ValueOf<A>...>;
    // Braced initialisation evaluates left to right: tasks are created in argument order.
    auto futures = std::tuple<detail::FutureOf<A>...>{ensure_future(std::forward<A>(aws))...};
    auto &loop = *Runtime::current().loop();
    std::vector<std::shared_ptr<FutureBase>> children;
    std::apply([&](auto &...f) { (children.push_back(f.shared()), ...); }, futures);
    auto collect = [futures]() -> R {
        if constexpr (detail::AllSame<detail::ValueOf<A>...>::value)
            return std::apply([](auto &...f) { return R{f.result()...}; }, futures);
        else
            return std::apply([](auto &...f) { return R{f.result()...}; }, futures);
    };
    auto outer = std::make_shared<GatheringFuture<R>>(loop, std::move(children), std::move(collect));
    outer->watchChildren();
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

// asyncio.gather(*aws, return_exceptions=True): every child's Outcome, in argument order.
template<class... A>
auto gather(ReturnExceptions, A &&...aws)
{
    static_assert(sizeof...(A) > 0, "gather() needs at least one awaitable");
    using R = detail::GatherResult<Outcome<detail::ValueOf<A>>...>;
    auto futures = std::tuple<detail::FutureOf<A>...>{ensure_future(std::forward<A>(aws))...};
    auto &loop = *Runtime::current().loop();
    std::vector<std::shared_ptr<FutureBase>> children;
    std::apply([&](auto &...f) { (children.push_back(f.shared()), ...); }, futures);
    auto collect = [futures]() -> R {
        return std::apply([](auto &...f) { return R{f.outcome()...}; }, futures);
    };
    auto outer = std::make_shared<GatheringFuture<R>>(loop, std::move(children), std::move(collect), true);
    outer->watchChildren();
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

// gather over a list of futures of one type.
template<class T>
Future<std::vector<Stored<T>>> gather(std::vector<Future<T>> futures)
{
    using R = std::vector<Stored<T>>;
    auto &loop = *Runtime::current().loop();
    std::vector<std::shared_ptr<FutureBase>> children;
    for (auto &f : futures)
        children.push_back(f.shared());
    auto collect = [futures]() {
        R out;
        for (auto &f : futures)
            out.push_back(f.result());
        return out;
    };
    auto outer = std::make_shared<GatheringFuture<R>>(loop, std::move(children), std::move(collect));
    outer->watchChildren();
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

// gather(*futures, return_exceptions=True) over a list of one type: every child's Outcome.
template<class T>
Future<std::vector<Outcome<Stored<T>>>> gather(ReturnExceptions, std::vector<Future<T>> futures)
{
    using R = std::vector<Outcome<Stored<T>>>;
    auto &loop = *Runtime::current().loop();
    std::vector<std::shared_ptr<FutureBase>> children;
    for (auto &f : futures)
        children.push_back(f.shared());
    auto collect = [futures]() {
        R out;
        for (auto &f : futures)
            out.push_back(f.outcome());
        return out;
    };
    auto outer = std::make_shared<GatheringFuture<R>>(loop, std::move(children), std::move(collect), true);
    outer->watchChildren();
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

template<class T>
Future<std::vector<Stored<T>>> gather(std::vector<Task<T>> coros)
{
    std::vector<Future<T>> futures;
    for (auto &c : coros)
        futures.push_back(create_task(std::move(c)));
    return gather(std::move(futures));
}

} // namespace coroscope
