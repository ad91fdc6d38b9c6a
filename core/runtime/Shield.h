#pragma once

#include "Task.h"

namespace coroscope {

namespace detail {
template<class T>
std::string shieldLabel(const Future<T> &inner)
{
    if (auto *task = dynamic_cast<const TaskBase *>(&inner.base()))
        return "shield(" + task->coroName() + "())";
    return "shield(Future)";
}
} // namespace detail

// asyncio.shield(aw): an outer future that follows `inner`; cancelling the outer one (or the task
// awaiting it) leaves `inner` running. As CPython's: a done inner comes back as it is, and each side
// holds a done callback (_inner_done_callback / _outer_done_callback) linking it to the other.
template<class T>
Future<T> shield(Future<T> inner)
{
    if (inner.done())
        return inner;
    auto outer = makeFuture<T>(inner.base().loop(), detail::shieldLabel(inner));
    // Neither side's callback holds its own future: a pair that never completes keeps nothing alive.
    auto *slot = inner.slot();
    const auto innerToken = inner.base().addDoneCallback(
        [outer, slot](FutureBase &done, std::uint32_t) mutable {
            Future<T> in(done.shared_from_this(), slot);
            if (outer.cancelled()) {
                if (!in.cancelled())
                    in.exception(); // marks its exception retrieved
                return;
            }
            if (in.cancelled())
                outer.cancel();
            else if (auto e = in.exception())
                outer.set_exception(e);
            else
                outer.set_result(in.result());
        },
        "_inner_done_callback", true);
    std::weak_ptr<FutureBase> weakInner = inner.shared();
    outer.base().addDoneCallback(
        [weakInner, innerToken](FutureBase &, std::uint32_t) {
            if (auto in = weakInner.lock(); in && !in->done())
                in->removeDoneCallback(innerToken);
        },
        "_outer_done_callback", true);
    return outer;
}

template<class T>
Future<T> shield(Task<T> coro)
{
    return shield(create_task(std::move(coro)));
}

} // namespace coroscope
