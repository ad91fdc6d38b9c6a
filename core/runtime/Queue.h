#pragma once

#include "AsyncioEvent.h"
#include "HeapQ.h"
#include "Task.h"

#include <deque>
#include <vector>

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

namespace detail {
// Where a queue keeps its items (Queue._init / _put / _get): first in first out, a heap, a stack.
template<class T>
struct FifoItems {
    std::deque<T> items;
    void put(T item) { items.push_back(std::move(item)); }
    T get()
    {
        T item = std::move(items.front());
        items.pop_front();
        return item;
    }
    std::size_t size() const { return items.size(); }
};
template<class T>
struct HeapItems {
    std::vector<T> items;
    void put(T item) { heapq::heappush(items, std::move(item)); }
    T get() { return heapq::heappop(items); }
    std::size_t size() const { return items.size(); }
};
template<class T>
struct LifoItems {
    std::vector<T> items;
    void put(T item) { items.push_back(std::move(item)); }
    T get()
    {
        T item = std::move(items.back());
        items.pop_back();
        return item;
    }
    std::size_t size() const { return items.size(); }
};
} // namespace detail

// asyncio.Queue, as CPython writes it: put() waits while the queue is full, get() while it is
// empty, each on a future of its own; a put wakes the first waiting getter and a get the first
// waiting putter (first in, first out). join() waits until task_done() has been called for every
// item put (on an Event of the queue's own, which shows as "Queue.join()").
template<class T, class Items = detail::FifoItems<T>>
class BasicQueue
{
public:
    explicit BasicQueue(std::size_t maxsize = 0)
        : m_maxsize(maxsize)
        , m_finished(asyncio::SyncPrimitive::Owned{"Queue.join()"})
    {
        m_finished.set();
    }
    BasicQueue(const BasicQueue &) = delete;
    BasicQueue &operator=(const BasicQueue &) = delete;

    std::size_t qsize() const { return m_items.size(); }
    std::size_t maxsize() const { return m_maxsize; }
    bool empty() const { return m_items.size() == 0; }
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
            auto getter = makeFuture<void>(*Runtime::current().loop(), m_getLabel);
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
        m_items.put(std::move(item));
        ++m_unfinished;
        m_finished.clear();
        wakeupNext(m_getters);
    }

    T get_nowait()
    {
        if (empty())
            throw QueueEmpty();
        T item = m_items.get();
        wakeupNext(m_putters);
        return item;
    }

    // Throws ValueError("task_done() called too many times").
    void task_done()
    {
        if (m_unfinished <= 0)
            throw ValueError("task_done() called too many times");
        if (--m_unfinished == 0)
            m_finished.set();
    }

    Task<> join()
    {
        if (m_unfinished > 0)
            co_await detail::unrecorded(m_finished.wait());
    }

    // What a task waiting in get() shows ("Queue.get (empty)"; as_completed's queue says so).
    void setGetLabel(std::string label) { m_getLabel = std::move(label); }

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
    Items m_items;
    std::deque<Future<void>> m_getters;
    std::deque<Future<void>> m_putters;
    int m_unfinished = 0;
    asyncio::Event m_finished;
    std::string m_getLabel = "Queue.get (empty)";
};

template<class T>
using Queue = BasicQueue<T, detail::FifoItems<T>>;
// asyncio.PriorityQueue: the lowest item first (heapq, as CPython: equal items in heap order).
template<class T>
using PriorityQueue = BasicQueue<T, detail::HeapItems<T>>;
// asyncio.LifoQueue: the last item put first.
template<class T>
using LifoQueue = BasicQueue<T, detail::LifoItems<T>>;

} // namespace coroscope
