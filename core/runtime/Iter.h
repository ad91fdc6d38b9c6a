#pragma once

#include "Exceptions.h"
#include "Generator.h"

#include <iterator>
#include <optional>
#include <string>
#include <vector>

namespace coroscope {

// collections.abc.Iterable / Iterator as concepts: an iterable can be looped over; an iterator
// also has next() (Python's __next__) and ends with StopIteration.
template<class T>
concept Iterable = requires(T &t) {
    std::begin(t);
    std::end(t);
};
template<class T>
concept Iterator = Iterable<T> && requires(T &t) { t.next(); };

// iter(list): an iterator over a container, with next() raising StopIteration at the end.
template<class C>
class ListIterator
{
public:
    using value_type = typename C::value_type;
    explicit ListIterator(const C &items)
        : m_items(&items)
    {
    }
    value_type next()
    {
        if (m_pos >= m_items->size())
            throw StopIteration();
        return (*m_items)[m_pos++];
    }
    auto begin() const { return m_items->begin() + std::ptrdiff_t(m_pos); }
    auto end() const { return m_items->end(); }

private:
    const C *m_items;
    std::size_t m_pos = 0;
};

template<class C>
ListIterator<C> iter(const C &items)
{
    return ListIterator<C>(items);
}

template<class It>
auto next(ListIterator<It> &it)
{
    return it.next();
}

// list(iterable) / [x for x in g]: drains an iterable into a vector (a generator's next() calls
// recorded at the line of the list() call).
template<Iterable I>
auto list(I &&items, std::source_location where = std::source_location::current())
{
    std::vector<std::decay_t<decltype(*std::begin(items))>> out;
    if constexpr (requires { items.begin(where); }) {
        for (auto it = items.begin(where); it != items.end(); ++it)
            out.push_back(*it);
    } else {
        for (auto &&x : items)
            out.push_back(x);
    }
    return out;
}

} // namespace coroscope
