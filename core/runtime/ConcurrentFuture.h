#pragma once

#include "Exceptions.h"
#include "None.h"
#include "Repr.h"
#include "Runtime.h"

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

namespace coroscope {

// concurrent.futures.Future, shared between the thread that waits and the worker that completes
// it. Done callbacks run in the completing thread (or at once, in the caller, if already done).
class ConcurrentState
{
public:
    explicit ConcurrentState(std::string description)
        : m_description(std::move(description))
    {
    }
    virtual ~ConcurrentState() = default;

    const std::string &description() const { return m_description; }
    bool done() const;
    bool running() const;
    bool cancelled() const;
    bool cancel();      // only a future whose work has not started can be cancelled
    bool setRunning();  // the worker takes it; false if it was cancelled meanwhile
    // The worker finished: `e` or the value already stored; `doneEvent` is its recorded end.
    void finish(std::exception_ptr e, std::uint32_t doneEvent);
    std::uint32_t doneEvent() const;
    std::exception_ptr exception() const;
    void addDoneCallback(std::function<void()> fn);

    // Blocks this thread until done (or `timeout` seconds); records the wait on the calling lane as
    // a Suspend labelled `what` and a Resume caused by the worker's end. False on timeout.
    bool wait(std::optional<double> timeout, std::string_view what, const std::source_location &where);
    virtual std::string resultRepr() const = 0;

private:
    enum class State { Pending, Running, Finished, Cancelled };
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    State m_state = State::Pending;
    std::exception_ptr m_exception;
    std::uint32_t m_doneEvent = NoEvent;
    std::vector<std::function<void()>> m_callbacks;
    std::string m_description;
};

template<class T>
class ConcurrentValue final : public ConcurrentState
{
public:
    using ConcurrentState::ConcurrentState;
    std::optional<Stored<T>> value; // written by the worker before finish(), read after done()
    std::string resultRepr() const override
    {
        if (cancelled())
            return "CancelledError()";
        if (auto e = exception())
            return reprException(e);
        return value ? repr(*value) : std::string("None");
    }
};

template<class T>
class ConcurrentFuture
{
public:
    using value_type = Stored<T>;
    ConcurrentFuture() = default;
    explicit ConcurrentFuture(std::shared_ptr<ConcurrentValue<T>> state)
        : m_state(std::move(state))
    {
    }

    bool done() const { return m_state->done(); }
    bool running() const { return m_state->running(); }
    bool cancelled() const { return m_state->cancelled(); }
    bool cancel() { return m_state->cancel(); }

    // Future.result(timeout=None): blocks until the worker is done; TimeoutError after `timeout`.
    value_type result(std::optional<double> timeout = std::nullopt,
                      std::source_location where = std::source_location::current()) const
    {
        if (!m_state->wait(timeout, "result() of " + m_state->description(), where))
            throw TimeoutError();
        if (m_state->cancelled())
            throw CancelledError();
        if (auto e = m_state->exception())
            std::rethrow_exception(e);
        return *m_state->value;
    }
    template<class Fn>
    void add_done_callback(Fn fn)
    {
        m_state->addDoneCallback([fn = std::move(fn), self = *this]() mutable { fn(self); });
    }

    ConcurrentValue<T> &state() const { return *m_state; }
    bool operator==(const ConcurrentFuture &o) const { return m_state == o.m_state; }

private:
    std::shared_ptr<ConcurrentValue<T>> m_state;
};

} // namespace coroscope
