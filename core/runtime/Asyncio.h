#pragma once

// Everything a sample needs, under the names asyncio uses.
#include "AsCompleted.h"
#include "AsyncGenerator.h"
#include "AsyncWith.h"
#include "AsyncioEvent.h"
#include "AsyncioTimeout.h"
#include "Barrier.h"
#include "Blocking.h"
#include "Builtins.h"
#include "Condition.h"
#include "EventLoop.h"
#include "Executor.h"
#include "Finally.h"
#include "ExceptionGroup.h"
#include "Exceptions.h"
#include "Future.h"
#include "Gather.h"
#include "Generator.h"
#include "Iter.h"
#include "Lock.h"
#include "Number.h"
#include "Print.h"
#include "Queue.h"
#include "Runtime.h"
#include "Semaphore.h"
#include "Shield.h"
#include "Sleep.h"
#include "Streams.h"
#include "Task.h"
#include "TaskGroup.h"
#include "TaskRef.h"
#include "Timeout.h"
#include "ToThread.h"
#include "Wait.h"

namespace coroscope {

// asyncio.get_running_loop()
EventLoop &get_running_loop();

// loop.create_future()
template<class T = void>
Future<T> create_future(std::string description = "Future")
{
    return makeFuture<T>(get_running_loop(), std::move(description));
}

namespace detail {
// asyncio.run's body, type-erased: a fresh loop, main as Task-1, run to completion, then cancel
// and drain whatever tasks are left, as asyncio.runners._cancel_all_tasks does.
void runMain(const std::function<std::shared_ptr<FutureBase>(EventLoop &)> &spawn, const std::string &what,
             const std::source_location &where);
} // namespace detail

// asyncio.run(main()): returns main's result or throws its exception.
template<class T>
Stored<T> run(Task<T> main, std::source_location where = std::source_location::current())
{
    const std::string what = "asyncio.run(" + main.name() + ")";
    Future<T> task;
    detail::runMain(
        [&](EventLoop &loop) {
            task = TaskState<T>::spawn(loop, std::move(main), {});
            return task.shared();
        },
        what, where);
    return task.result();
}

} // namespace coroscope
