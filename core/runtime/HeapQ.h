#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace coroscope::heapq {

// Python's heapq.heappush / heappop, step for step (the same sift-down and sift-up, comparing with
// `<` only), so that items that compare equal leave a heap in the order CPython's leave it: not the
// order they came in.
template<class T>
void siftdown(std::vector<T> &heap, std::size_t startpos, std::size_t pos)
{
    T newitem = std::move(heap[pos]);
    while (pos > startpos) {
        const std::size_t parentpos = (pos - 1) >> 1;
        if (newitem < heap[parentpos]) {
            heap[pos] = std::move(heap[parentpos]);
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = std::move(newitem);
}

template<class T>
void siftup(std::vector<T> &heap, std::size_t pos)
{
    const std::size_t endpos = heap.size();
    const std::size_t startpos = pos;
    T newitem = std::move(heap[pos]);
    std::size_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        const std::size_t rightpos = childpos + 1;
        if (rightpos < endpos && !(heap[childpos] < heap[rightpos]))
            childpos = rightpos;
        heap[pos] = std::move(heap[childpos]);
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    heap[pos] = std::move(newitem);
    siftdown(heap, startpos, pos);
}

template<class T>
void heappush(std::vector<T> &heap, T item)
{
    heap.push_back(std::move(item));
    siftdown(heap, 0, heap.size() - 1);
}

// The heap must not be empty.
template<class T>
T heappop(std::vector<T> &heap)
{
    T last = std::move(heap.back());
    heap.pop_back();
    if (heap.empty())
        return last;
    T top = std::move(heap.front());
    heap.front() = std::move(last);
    siftup(heap, 0);
    return top;
}

// heapq.heapify: sifts each parent up, last parent first.
template<class T>
void heapify(std::vector<T> &heap)
{
    for (std::size_t i = heap.size() / 2; i-- > 0;)
        siftup(heap, i);
}

} // namespace coroscope::heapq
