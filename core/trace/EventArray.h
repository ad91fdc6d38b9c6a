#pragma once

#include "Event.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace coroscope {

// A trace's events: a growable array with the part of std::vector<Event>'s interface the readers
// use, and appendUnchecked() for the recorder, which knows there is room. Its append is then a few
// stores and an increment: std::vector's emplace_back stayed an out-of-line call with a capacity
// check of its own, 9 instructions of every event (callgrind). Events are trivially copyable, so
// the array grows with realloc (mremap for a large one: no copy).
class EventArray
{
public:
    static_assert(std::is_trivially_copyable_v<Event>);
    using value_type = Event;
    using size_type = std::size_t;
    using iterator = Event *;
    using const_iterator = const Event *;

    EventArray() = default;
    EventArray(const EventArray &other) { *this = other; }
    EventArray(EventArray &&other) noexcept
        : m_data(std::exchange(other.m_data, nullptr))
        , m_size(std::exchange(other.m_size, 0))
        , m_capacity(std::exchange(other.m_capacity, 0))
    {
    }
    EventArray &operator=(const EventArray &other)
    {
        if (this != &other) {
            m_size = 0;
            reserve(other.m_size);
            if (other.m_size)
                std::memcpy(m_data, other.m_data, other.m_size * sizeof(Event));
            m_size = other.m_size;
        }
        return *this;
    }
    EventArray &operator=(EventArray &&other) noexcept
    {
        if (this != &other) {
            std::free(m_data);
            m_data = std::exchange(other.m_data, nullptr);
            m_size = std::exchange(other.m_size, 0);
            m_capacity = std::exchange(other.m_capacity, 0);
        }
        return *this;
    }
    ~EventArray() { std::free(m_data); }

    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    bool empty() const { return m_size == 0; }
    Event *data() { return m_data; }
    const Event *data() const { return m_data; }
    Event &operator[](std::size_t i) { return m_data[i]; }
    const Event &operator[](std::size_t i) const { return m_data[i]; }
    Event &back() { return m_data[m_size - 1]; }
    const Event &back() const { return m_data[m_size - 1]; }
    Event *begin() { return m_data; }
    Event *end() { return m_data + m_size; }
    const Event *begin() const { return m_data; }
    const Event *end() const { return m_data + m_size; }

    void reserve(std::size_t n)
    {
        if (n > m_capacity)
            reallocate(n);
    }
    Event &emplace_back()
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        return appendUnchecked();
    }
    void push_back(const Event &e) { emplace_back() = e; }
    // The caller has made sure that size() < capacity().
    Event &appendUnchecked() { return *::new (m_data + m_size++) Event{}; }
    void pop_back() { --m_size; }
    void clear() { m_size = 0; }
    // New events are value-initialized, as std::vector's resize() makes them.
    void resize(std::size_t n)
    {
        reserve(n);
        for (auto i = m_size; i < n; ++i)
            ::new (m_data + i) Event{};
        m_size = n;
    }
    void shrink_to_fit()
    {
        if (m_size < m_capacity)
            reallocate(m_size);
    }

private:
    [[gnu::noinline]] void grow() { reallocate(m_capacity ? m_capacity * 2 : 16); }
    void reallocate(std::size_t n)
    {
        if (n == 0) {
            std::free(m_data);
            m_data = nullptr;
            m_capacity = 0;
            return;
        }
        if (n > std::size_t(-1) / sizeof(Event))
            throw std::bad_alloc();
        auto *p = static_cast<Event *>(std::realloc(m_data, n * sizeof(Event)));
        if (!p)
            throw std::bad_alloc();
        m_data = p;
        m_capacity = n;
    }

    Event *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace coroscope
