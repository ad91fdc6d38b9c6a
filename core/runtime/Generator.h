#pragma once

#include "Exceptions.h"
#include "None.h"
#include "Repr.h"
#include "Runtime.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <utility>

namespace coroscope {

namespace detail {

// The recorded hand-over between a generator and whoever drives it (next/send/throw/close):
// the caller's lane suspends in the call, the generator's lane runs to its next yield, and the
// caller resumes with the yielded value. Both directions carry a cause, so both draw as arrows.
class GeneratorTransfer
{
public:
    // `call` is "next()", "send('foo')", "throw(ValueError('bad job'))", "close()".
    // `continuedFrom`: the caller's hand-over already happened (a `yield from` delegate returned,
    // event `continuedFrom`), so no new Suspend is recorded on the caller's lane.
    GeneratorTransfer(std::uint32_t genLane, bool started, std::string_view call, std::string_view passed,
                      const std::source_location &where, std::uint32_t continuedFrom = NoEvent);
    ~GeneratorTransfer();
    // The generator reached a co_yield (its Suspend is `suspendEvent`): the caller gets `value`.
    // `resumeCaller` false: a delegating generator's caller records it (the first yield after `yield from`).
    void yielded(std::uint32_t suspendEvent, std::string_view valueRepr, bool resumeCaller = true);
    // The generator returned / raised: record its end and (unless a delegating generator takes
    // over) the caller's resumption with the outcome. Returns the end event.
    std::uint32_t returned(std::string_view valueRepr, bool resumeCaller = true);
    // Returns the end event; `resumeCaller` as for returned().
    std::uint32_t raised(const std::exception_ptr &e, bool resumeCaller = true);

private:
    Runtime &m_rt;
    std::uint32_t m_genLane;
    std::uint32_t m_callerLane;
    std::uint32_t m_callEvent;
    bool m_entered = false;
};

std::string generatorLaneName(const char *function);
bool isGeneratorExit(const std::exception_ptr &e);

// Whether a sent value is Python's None: None itself, or an empty optional.
template<class S>
bool isNoneValue(const S &value)
{
    if constexpr (std::is_same_v<S, None_t>)
        return true;
    else if constexpr (is_optional<S>::value)
        return !value.has_value();
    else
        return false;
}

template<class Y, class S>
struct YieldFromState {
    virtual ~YieldFromState() = default;
    // Forward to the delegate; true when it yielded again (its value now in the outer's slot),
    // false when it finished (its return value kept for the `co_yield yield_from(...)` expression).
    virtual bool forward(std::optional<S> value, std::exception_ptr thrown, std::string_view call,
                         const std::source_location &where) = 0;
    // The delegate's return value, the value of the `yield from` expression.
    virtual std::string resultRepr() const = 0;
    std::uint32_t endEvent = NoEvent; // the delegate's Done, once it has returned
    // What the delegate ended with, to be raised at the `yield from` in the delegating generator
    // (as Python does); for close(), the GeneratorExit goes on even when the delegate returned.
    std::exception_ptr raised;
};

} // namespace detail

template<class G>
struct YieldFrom {
    G generator;
};
// `r = co_yield yield_from(sub())` is Python's `r = yield from sub()`.
template<class G>
YieldFrom<G> yield_from(G &&generator)
{
    return {std::forward<G>(generator)};
}

// A Python generator: Generator[Yield, Send, Return]. Lazy: the body starts at the first next().
// `S x = co_yield v;` yields v and receives what send() passed in (S{} for next()).
template<class Y, class S = None_t, class R = void>
class [[nodiscard]] Generator
{
public:
    using yield_type = Y;
    using send_type = S;
    using return_type = Stored<R>;

    struct promise_type;
    using Handle = std::coroutine_handle<promise_type>;

    struct PromiseCommon {
        explicit PromiseCommon(const std::source_location &where)
            : lane(Runtime::current().newLane(detail::generatorLaneName(where.function_name()), LaneKind::Generator))
        {
        }
        std::suspend_always initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void unhandled_exception() { exception = std::current_exception(); }

        struct YieldAwaiter {
            promise_type *p;
            bool await_ready() const noexcept { return false; }
            void await_suspend(std::coroutine_handle<>) const noexcept {}
            S await_resume() const
            {
                if (auto e = std::exchange(p->thrownIn, nullptr))
                    std::rethrow_exception(e);
                return p->sent ? std::move(*p->sent) : S{};
            }
        };
        template<class V>
            requires std::convertible_to<V, Y>
        YieldAwaiter yield_value(V &&v, std::source_location loc = std::source_location::current())
        {
            auto &self = static_cast<promise_type &>(*this);
            self.yielded.emplace(std::forward<V>(v));
            auto &rt = Runtime::current();
            self.suspendEvent = rt.record(EventKind::Suspend, NoEvent, "yield " + repr(*self.yielded), rt.location(loc));
            return YieldAwaiter{&self};
        }

        // yield from: the sub-generator's yields pass straight through to our caller.
        template<class R2>
        struct YieldFromAwaiter : detail::YieldFromState<Y, S> {
            YieldFromAwaiter(Generator<Y, S, R2> g, promise_type *o, std::source_location l)
                : sub(std::move(g))
                , outer(o)
                , loc(l)
            {
            }
            Generator<Y, S, R2> sub;
            promise_type *outer;
            std::source_location loc;
            std::optional<Stored<R2>> result;

            bool await_ready() const noexcept { return false; }
            bool await_suspend(std::coroutine_handle<>)
            {
                // This lane parks in `yield from` (one Suspend); the delegate runs from it, and its
                // yields go straight to our caller, whose own hand-over records the resumption.
                auto &rt = Runtime::current();
                const auto call = "yield from " + sub.name();
                const auto parked = rt.record(EventKind::Suspend, NoEvent, call, rt.location(loc));
                try {
                    outer->yielded.emplace(sub.resumeWith({}, nullptr, call, loc, true, parked));
                } catch (const StopIteration &) {
                    result = sub.returnValue();
                    // Finished without yielding: we carry on at once, with its value.
                    rt.record(EventKind::Resume, sub.lastEndEvent(), resultRepr());
                    return false;
                }
                outer->suspendEvent = sub.lastSuspendEvent();
                outer->delegate = this;
                return true;
            }
            std::string resultRepr() const override { return result ? repr(*result) : std::string("None"); }
            bool forward(std::optional<S> value, std::exception_ptr thrown, std::string_view call,
                         const std::source_location &where) override
            {
                try {
                    outer->yielded.emplace(sub.resumeWith(std::move(value), thrown, call, where, true));
                    outer->suspendEvent = sub.lastSuspendEvent();
                    return true;
                } catch (const StopIteration &) {
                    result = sub.returnValue();
                    this->endEvent = sub.lastEndEvent();
                    if (thrown && detail::isGeneratorExit(thrown))
                        this->raised = thrown;
                    return false;
                } catch (...) {
                    this->raised = std::current_exception();
                    this->endEvent = sub.lastEndEvent();
                    return false;
                }
            }
            Stored<R2> await_resume()
            {
                outer->delegate = nullptr;
                if (auto e = std::exchange(outer->thrownIn, nullptr))
                    std::rethrow_exception(e);
                return std::move(*result);
            }
        };
        template<class R2>
        YieldFromAwaiter<R2> yield_value(YieldFrom<Generator<Y, S, R2>> &&yf,
                                         std::source_location loc = std::source_location::current())
        {
            return YieldFromAwaiter<R2>(std::move(yf.generator), &static_cast<promise_type &>(*this), loc);
        }

        std::uint32_t lane;
        std::uint32_t suspendEvent = NoEvent;
        std::optional<Y> yielded;
        std::optional<S> sent;
        std::exception_ptr thrownIn;
        std::exception_ptr exception;
        detail::YieldFromState<Y, S> *delegate = nullptr;
        bool started = false;
    };

    struct PromiseVoid : PromiseCommon {
        using PromiseCommon::PromiseCommon;
        void return_void() { returned.emplace(); }
        std::optional<None_t> returned;
    };
    struct PromiseValue : PromiseCommon {
        using PromiseCommon::PromiseCommon;
        template<class V>
        void return_value(V &&v)
        {
            returned.emplace(std::forward<V>(v));
        }
        std::optional<return_type> returned;
    };
    struct promise_type : std::conditional_t<std::is_void_v<R>, PromiseVoid, PromiseValue> {
        using Base = std::conditional_t<std::is_void_v<R>, PromiseVoid, PromiseValue>;
        // The default argument is evaluated in the generator function: function_name() names it.
        promise_type(std::source_location where = std::source_location::current())
            : Base(where)
        {
        }
        Generator get_return_object() { return Generator(Handle::from_promise(*this)); }
    };

    Generator() = default;
    explicit Generator(Handle h)
        : m_h(h)
    {
    }
    Generator(Generator &&o) noexcept
        : m_h(std::exchange(o.m_h, {}))
    {
    }
    // Dropping a suspended generator closes it, as Python does when the last reference goes: its
    // finally blocks run (recorded as "close() (finalized)"), what they raise is ignored.
    Generator &operator=(Generator &&o) noexcept
    {
        if (this != &o) {
            finalize();
            m_h = std::exchange(o.m_h, {});
        }
        return *this;
    }
    ~Generator() { finalize(); }

    // next(gen): runs to the next yield and returns its value; StopIteration when the body returns.
    Y next(std::source_location where = std::source_location::current())
    {
        return resumeWith({}, nullptr, "next()", where);
    }
    // gen.send(value): the value becomes the result of the pending co_yield.
    Y send(S value, std::source_location where = std::source_location::current())
    {
        // As Python: only None may start a generator (the value would have no yield to land in).
        if (m_h && !m_h.promise().started && !detail::isNoneValue(value))
            throw TypeError("can't send non-None value to a just-started generator");
        const auto call = "send(" + repr(value) + ")";
        return resumeWith(std::move(value), nullptr, call, where);
    }
    // gen.send(None) is next(gen), whatever the send type.
    Y send(None_t, std::source_location where = std::source_location::current())
        requires(!std::is_same_v<S, None_t>)
    {
        return resumeWith({}, nullptr, "send(None)", where);
    }
    // gen.throw(exc): raises exc at the paused co_yield; returns the next yielded value.
    template<class E>
    Y throw_(E exc, std::source_location where = std::source_location::current())
    {
        return throwIn(std::make_exception_ptr(std::move(exc)), where);
    }
    Y throwIn(std::exception_ptr e, const std::source_location &where)
    {
        return resumeWith({}, e, "throw(" + reprException(e) + ")", where);
    }
    // gen.close(): GeneratorExit at the paused co_yield; cleanup code runs; a yield there is an error.
    void close(std::source_location where = std::source_location::current())
    {
        if (!m_h || m_h.done())
            return;
        if (!m_h.promise().started) { // never started: nothing to unwind, Python just marks it closed
            m_h.destroy();
            m_h = {};
            return;
        }
        try {
            resumeWith({}, std::make_exception_ptr(GeneratorExit()), "close()", where);
        } catch (const GeneratorExit &) {
            return;
        } catch (const StopIteration &) {
            return;
        }
        throw RuntimeError("generator ignored GeneratorExit");
    }

    // gi_frame is None: the body has returned, raised or been closed.
    bool finished() const { return !m_h || m_h.done(); }
    std::string name() const
    {
        auto &rec = Runtime::current().recorder();
        return rec.text(rec.laneNameId(m_h.promise().lane));
    }
    std::uint32_t lane() const { return m_h.promise().lane; }
    std::uint32_t lastSuspendEvent() const { return m_h.promise().suspendEvent; }
    std::uint32_t lastEndEvent() const { return m_endEvent; }
    std::optional<return_type> returnValue() const { return m_h ? m_h.promise().returned : std::nullopt; }

    // `for (auto x : gen)`: the iteration protocol, ending at StopIteration.
    class iterator
    {
    public:
        using value_type = Y;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(Generator *g, std::source_location where)
            : m_g(g)
            , m_where(where)
        {
            advance();
        }
        const Y &operator*() const { return *m_value; }
        iterator &operator++()
        {
            advance();
            return *this;
        }
        void operator++(int) { advance(); }
        bool operator==(std::default_sentinel_t) const { return !m_value; }

    private:
        void advance()
        {
            try {
                m_value.emplace(m_g->next(m_where));
            } catch (const StopIteration &) {
                m_value.reset();
            }
        }
        Generator *m_g = nullptr;
        std::source_location m_where;
        std::optional<Y> m_value;
    };
    // The default argument is evaluated where the loop is: each next() is recorded at its line.
    iterator begin(std::source_location where = std::source_location::current()) { return iterator(this, where); }
    std::default_sentinel_t end() { return {}; }

    // One hand-over: `value` (or `thrown`) goes in at the paused co_yield, the next yielded value
    // comes out; `call` is how the trace labels it on the caller's lane. `delegated`: we run inside
    // a `yield from`, so when we return, the delegating generator (not the caller) resumes.
    // `callEvent`: the caller's hand-over is already recorded (the Suspend of a `yield from` that
    // starts us); then our first yield does not resume the caller either: its caller's does.
    Y resumeWith(std::optional<S> value, std::exception_ptr thrown, std::string_view call,
                 const std::source_location &where, bool delegated = false, std::uint32_t callEvent = NoEvent)
    {
        if (!m_h || m_h.done()) {
            if (thrown) // gen.throw(exc) on a finished generator raises exc itself
                std::rethrow_exception(thrown);
            throw StopIteration(); // sending into a finished generator
        }
        auto &p = m_h.promise();
        std::uint32_t continuedFrom = callEvent;
        std::string delegateResult;
        if (p.delegate) { // inside `yield from`: the caller talks to the innermost generator
            if (p.delegate->forward(std::move(value), thrown, call, where))
                return *p.yielded;
            value.reset();
            // The delegate finished: resume our own frame with its result, or raise at the yield
            // from what it raised.
            thrown = std::exchange(p.delegate->raised, nullptr);
            continuedFrom = p.delegate->endEvent;
            delegateResult = p.delegate->resultRepr();
        }
        if (!p.started && thrown) { // throw() into a just-started generator raises at once
            p.started = true;
            m_h.destroy();
            m_h = {};
            std::rethrow_exception(thrown);
        }
        const std::string passed = thrown                              ? reprException(thrown)
                                   : !delegateResult.empty()          ? delegateResult
                                   : value                            ? repr(*value)
                                                                      : std::string("None");
        detail::GeneratorTransfer transfer(p.lane, p.started, call, passed, where, continuedFrom);
        p.started = true;
        p.sent = std::move(value);
        p.thrownIn = thrown;
        p.yielded.reset();
        m_h.resume();
        if (m_h.done()) {
            if (p.exception) {
                m_endEvent = transfer.raised(p.exception, !delegated);
                std::rethrow_exception(p.exception);
            }
            const std::string ret = repr(*p.returned);
            m_endEvent = transfer.returned(ret, !delegated);
            throw StopIteration(ret, str(*p.returned));
        }
        transfer.yielded(p.suspendEvent, repr(*p.yielded), callEvent == NoEvent);
        return *p.yielded;
    }

private:
    void finalize() noexcept
    {
        if (m_h && !m_h.done() && m_h.promise().started && Runtime::active()) {
            try {
                resumeWith({}, std::make_exception_ptr(GeneratorExit()), "close() (finalized)", std::source_location());
            } catch (...) {
            }
        }
        reset();
    }
    void reset()
    {
        if (m_h) {
            m_h.destroy();
            m_h = {};
        }
    }

    Handle m_h;
    std::uint32_t m_endEvent = NoEvent;
};

// next(gen), as the builtin reads.
template<class Y, class S, class R>
Y next(Generator<Y, S, R> &gen, std::source_location where = std::source_location::current())
{
    return gen.next(where);
}

} // namespace coroscope
