#pragma once

#include "Sleep.h"
#include "Task.h"

#include <algorithm>
#include <memory>
#include <tuple>
#include <type_traits>
#include <unordered_set>
#include <variant>
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
            const auto *task = dynamic_cast<const TaskBase *>(&f);
            CancelledError e(task && task->endedByCancelledError() ? std::string() : f.cancelMessage());
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
    explicit GatheringFuture(EventLoop &loop, bool returnExceptions = false)
        : FutureBase(loop)
        , m_returnExceptions(returnExceptions)
    {
    }
    const std::string &description() const override { return m_description; }

    // As 3.11's gather, one argument at a time: the done callback is added as soon as the child's
    // future exists, so a child that is already done has its callback scheduled before the next
    // argument becomes a task. A future given twice is watched once and counted once (arg_to_fut).
    template<class F>
    F watch(F future)
    {
        watchChild(future.shared());
        return future;
    }
    void watchChild(std::shared_ptr<FutureBase> child)
    {
        const bool seen = seenBefore(child.get());
        m_children.push_back(child);
        if (!seen) {
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

    // After the last watch(): how the result is read, and the name it waits under.
    void setCollect(std::function<R()> collect)
    {
        m_collect = std::move(collect);
        m_description = detail::describeGather(m_children);
        m_descriptionId = 0;
        m_seen = {};
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
    std::string m_description = "gather()";
    // arg_to_fut's lookup: a scan for a few children, a hash set for many (a gather of 10,000
    // tasks scanned 50 M pairs).
    bool seenBefore(const FutureBase *child)
    {
        constexpr std::size_t scanned = 16;
        if (m_children.size() < scanned)
            return std::any_of(m_children.begin(), m_children.end(), [child](const auto &c) { return c.get() == child; });
        if (m_seen.empty())
            for (const auto &c : m_children)
                m_seen.insert(c.get());
        return !m_seen.insert(child).second;
    }

    void childDone(FutureBase &child, std::uint32_t ev)
    {
        ++m_finished;
        if (done())
            return;
        if (!m_returnExceptions) {
            if (child.cancelled()) { // the child's cancel message travels on, as in 3.11
                setException(std::make_exception_ptr(child.makeCancelledError()), ev);
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
            // 3.11 takes the error from `fut` after its results loop (`for fut in children`) has
            // rebound it: the last child in argument order, not the one that just finished.
            setException(std::make_exception_ptr(m_children.back()->makeCancelledError()), ev);
            return;
        }
        this->value = m_collect();
        finish(State::Finished, ev);
    }

    std::vector<std::shared_ptr<FutureBase>> m_children;
    std::unordered_set<const FutureBase *> m_seen; // while watching, once there are many children
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
    auto outer = std::make_shared<GatheringFuture<R>>(*Runtime::current().loop());
    // Braced initialisation evaluates left to right: tasks are made (and watched) in argument order.
    auto futures = std::tuple<detail::FutureOf<A>...>{outer->watch(ensure_future(std::forward<A>(aws)))...};
    outer->setCollect([futures]() -> R { return std::apply([](auto &...f) { return R{f.result()...}; }, futures); });
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

// asyncio.gather(*aws, return_exceptions=True): every child's Outcome, in argument order.
template<class... A>
auto gather(ReturnExceptions, A &&...aws)
{
    static_assert(sizeof...(A) > 0, "gather() needs at least one awaitable");
    using R = detail::GatherResult<Outcome<detail::ValueOf<A>>...>;
    auto outer = std::make_shared<GatheringFuture<R>>(*Runtime::current().loop(), true);
    auto futures = std::tuple<detail::FutureOf<A>...>{outer->watch(ensure_future(std::forward<A>(aws)))...};
    outer->setCollect([futures]() -> R { return std::apply([](auto &...f) { return R{f.outcome()...}; }, futures); });
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

// One item of gather(*aws) over a list: a coroutine (made a task inside gather, in its turn) or a
// future.
template<class T>
using GatherArg = std::variant<Task<T>, Future<T>>;

namespace detail {
// gather(*aws) over a list of one type: each item becomes a future and is watched in turn, as
// asyncio's loop over its arguments does; `read` makes the result from the futures.
template<class R, class T, class Read>
Future<R> gatherList(std::vector<GatherArg<T>> aws, bool returnExceptions, Read read)
{
    auto outer = std::make_shared<GatheringFuture<R>>(*Runtime::current().loop(), returnExceptions);
    std::vector<Future<T>> futures;
    for (auto &a : aws)
        futures.push_back(outer->watch(std::visit([](auto &x) { return ensure_future(std::move(x)); }, a)));
    outer->setCollect([futures, read]() {
        R out;
        for (auto &f : futures)
            out.push_back(read(f));
        return out;
    });
    ValueSlot<R> *slot = outer.get();
    return Future<R>(std::move(outer), slot);
}

template<class T, class Items>
std::vector<GatherArg<T>> gatherArgs(Items items)
{
    std::vector<GatherArg<T>> out;
    for (auto &i : items)
        out.emplace_back(std::move(i));
    return out;
}
} // namespace detail

template<class T>
Future<std::vector<Stored<T>>> gather(std::vector<GatherArg<T>> aws)
{
    return detail::gatherList<std::vector<Stored<T>>>(std::move(aws), false,
                                                      [](const Future<T> &f) { return f.result(); });
}

// gather(*aws, return_exceptions=True) over a list of one type: every child's Outcome.
template<class T>
Future<std::vector<Outcome<Stored<T>>>> gather(ReturnExceptions, std::vector<GatherArg<T>> aws)
{
    return detail::gatherList<std::vector<Outcome<Stored<T>>>>(std::move(aws), true,
                                                               [](const Future<T> &f) { return f.outcome(); });
}

// gather over a list of futures of one type.
template<class T>
Future<std::vector<Stored<T>>> gather(std::vector<Future<T>> futures)
{
    return gather(detail::gatherArgs<T>(std::move(futures)));
}

template<class T>
Future<std::vector<Outcome<Stored<T>>>> gather(ReturnExceptions, std::vector<Future<T>> futures)
{
    return gather(return_exceptions, detail::gatherArgs<T>(std::move(futures)));
}

template<class T>
Future<std::vector<Stored<T>>> gather(std::vector<Task<T>> coros)
{
    return gather(detail::gatherArgs<T>(std::move(coros)));
}

} // namespace coroscope
