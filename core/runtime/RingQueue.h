#pragma once

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>

namespace coroscope {

// A FIFO in one growable power-of-two array: the loop's ready queue. std::deque allocates and
// frees a block every few hundred pushes and its front/pop_front walk a map of blocks; here a push
// and a pop are an index increment once the array has grown to the run's widest iteration.
template<class T> class RingQueue
{
public:
    RingQueue() = default;
    RingQueue(const RingQueue &) = delete;
    RingQueue &operator=(const RingQueue &) = delete;
    ~RingQueue() { clear(); }

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    T &front() { return m_items[m_head]; }
    const T &front() const { return m_items[m_head]; }
    T &operator[](std::size_t i) { return m_items[(m_head + i) & m_mask]; }
    const T &operator[](std::size_t i) const { return m_items[(m_head + i) & m_mask]; }

    void push_back(T item)
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        m_items[(m_head + m_size) & m_mask] = std::move(item);
        ++m_size;
    }
    void pop_front()
    {
        if constexpr (!std::is_trivially_destructible_v<T>)
            m_items[m_head] = T {}; // drop what the slot holds now (a callback's captures)
        m_head = (m_head + 1) & m_mask;
        --m_size;
    }
    void clear()
    {
        while (!empty())
            pop_front();
    }

private:
    void grow()
    {
        const std::size_t cap = m_capacity ? m_capacity * 2 : 64;
        auto items = std::make_unique<T[]>(cap);
        for (std::size_t i = 0; i < m_size; ++i)
            items[i] = std::move((*this)[i]);
        m_items = std::move(items);
        m_head = 0;
        m_mask = cap - 1;
        m_capacity = cap;
    }

    std::unique_ptr<T[]> m_items;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
    std::size_t m_mask = 0;
    std::size_t m_capacity = 0; // m_mask + 1 once allocated: one compare per push
};

} // namespace coroscope
