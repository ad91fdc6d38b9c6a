#pragma once

#include "Task.h"

#include <deque>

namespace coroscope {

class QueueFull : public Exception
{
public:
    QueueFull()
        : Exception({}, "QueueFull")
    {
    }
};
class QueueEmpty : public Exception
{
public:
    QueueEmpty()
        : Exception({}, "QueueEmpty")
    {
    }
};

// asyncio.Queue, as CPython writes it: put() waits while the queue is full, get() while it is
// empty, each on a future of its own; a put wakes the first waiting getter and a get the first
// waiting putter (first in, first out).
template<class T>
class Queue
{
public:
    explicit Queue(std::size_t maxsize = 0)
        : m_maxsize(maxsize)
    {
    }

    std::size_t qsize() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    bool full() const { return m_maxsize > 0 && m_items.size() >= m_maxsize; }

    Task<> put(T item)
    {
        while (full()) {
            auto putter = makeFuture<void>(*Runtime::current().loop(), "Queue.put (full)");
            m_putters.push_back(putter);
            std::exception_ptr error; // no co_await in a handler: clean up below
            try {
                co_await putter;
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                putter.cancel();
                std::erase(m_putters, putter);
                // As CPython: only a putter that was woken (not cancelled) passes the wake-up on.
                if (!full() && !putter.cancelled())
                    wakeupNext(m_putters);
                std::rethrow_exception(error);
            }
        }
        put_nowait(std::move(item));
    }

    Task<T> get()
    {
        while (empty()) {
            auto getter = makeFuture<void>(*Runtime::current().loop(), "Queue.get (empty)");
            m_getters.push_back(getter);
            std::exception_ptr error; // no co_await in a handler: clean up below
            try {
                co_await getter;
            } catch (...) {
                error = std::current_exception();
            }
            if (error) {
                getter.cancel();
                std::erase(m_getters, getter);
                // As CPython: only a getter that was woken (not cancelled) passes the wake-up on;
                // a cancelled one passing it on would send the next getter to the back of the line.
                if (!empty() && !getter.cancelled())
                    wakeupNext(m_getters);
                std::rethrow_exception(error);
            }
        }
        co_return get_nowait();
    }

    void put_nowait(T item)
    {
        if (full())
            throw QueueFull();
        m_items.push_back(std::move(item));
        wakeupNext(m_getters);
    }

    T get_nowait()
    {
        if (empty())
            throw QueueEmpty();
        T item = std::move(m_items.front());
        m_items.pop_front();
        wakeupNext(m_putters);
        return item;
    }

private:
    static void wakeupNext(std::deque<Future<void>> &waiters)
    {
        while (!waiters.empty()) {
            auto waiter = waiters.front();
            waiters.pop_front();
            if (!waiter.done()) {
                waiter.set_result(None);
                break;
            }
        }
    }

    std::size_t m_maxsize;
    std::deque<T> m_items;
    std::deque<Future<void>> m_getters;
    std::deque<Future<void>> m_putters;
};

} // namespace coroscope
