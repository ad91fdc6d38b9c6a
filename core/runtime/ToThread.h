#pragma once

#include "Executor.h"

namespace coroscope {

// asyncio.to_thread(fn, *args): runs fn(*args) on the loop's default executor (a worker thread
// "asyncio_0", ...) and waits for its result without blocking the loop. Real time only: the
// virtual clock cannot wait for a thread.
template<class Fn, class... A>
auto to_thread(Fn fn, A... args) -> Task<Stored<std::invoke_result_t<Fn &, A &...>>>
{
    auto &loop = *Runtime::current().loop();
    co_return co_await loop.run_in_executor(loop.defaultExecutor(), std::move(fn), std::move(args)...);
}

} // namespace coroscope
