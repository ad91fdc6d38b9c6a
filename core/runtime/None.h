#pragma once

#include <optional>
#include <type_traits>

namespace coroscope {

// Python's None: the value of `yield` without an operand, of a coroutine that returns nothing,
// of a future completed with set_result(None).
struct None_t {
    bool operator==(const None_t &) const = default;
    // `q.put(None)` into a queue of optionals, `x = None`: None is every optional's empty state.
    template<class T>
    operator std::optional<T>() const
    {
        return std::nullopt;
    }
};
inline constexpr None_t None{};

// What a Future<T> / Task<T> stores: void becomes None_t.
template<class T>
using Stored = std::conditional_t<std::is_void_v<T>, None_t, T>;

} // namespace coroscope
