#pragma once

#include <utility>

namespace coroscope {

// Python's `finally:` for coroutine bodies: runs when the scope is left by any path, including
// the GeneratorExit of close() and a frame destroyed with its generator. (A catch handler cannot
// hold a co_await or co_yield, so the RAII form is also the one that always fits.)
template<class Fn>
class [[nodiscard]] Finally
{
public:
    explicit Finally(Fn fn)
        : m_fn(std::move(fn))
    {
    }
    ~Finally() { m_fn(); }
    Finally(const Finally &) = delete;
    Finally &operator=(const Finally &) = delete;

private:
    Fn m_fn;
};

} // namespace coroscope
