#include "Samples.h"

#include <array>
#include <cassert>

// Each sample's top-level code, defined in its s_<id>.cpp.
namespace coroscope::samples {
namespace gen_send { void module(); }
namespace gen_order { void module(); }
namespace echo_send { void module(); }
namespace producer_consumer { void module(); }
namespace yield_from_sample { void module(); } // not yield_from: that is the function it shows
namespace hello_sleep { void module(); }
namespace coroutine_object { void module(); }
namespace gather_order { void module(); }
namespace ensure_future_wait { void module(); }
namespace create_task_wait { void module(); }
namespace await_coroutine_vs_task { void module(); }
namespace three_sleepers { void module(); }
namespace sequential_vs_gather { void module(); }
namespace callback_vs_await { void module(); }
namespace gen_close_throw { void module(); }
namespace iterator_protocol { void module(); }
namespace function_kinds { void module(); }
namespace async_context_manager { void module(); }
namespace async_iterator { void module(); }
namespace blocking_call { void module(); }
namespace cancel_timeout { void module(); }
namespace queue_pipeline { void module(); }
namespace wget_sample { void module(); } // not wget: that is the coroutine it shows
namespace download_100 { void module(); }
namespace http_server { void module(); }
namespace executor_submit { void module(); }
namespace executor_map_timeout { void module(); }
namespace future_callback { void module(); }
namespace run_in_executor { void module(); }
namespace lock_shared_state { void module(); }
namespace taskgroup_failure { void module(); }
namespace event_start { void module(); }
} // namespace coroscope::samples

namespace coroscope {

namespace {

constexpr std::array kChapters{
    Chapter{1, "Generators: coroutines built from yield", "生成器：用 yield 构建的协程"},
    Chapter{2, "async/await basics", "async/await 基础"},
    Chapter{3, "asyncio in practice", "asyncio 实战"},
    Chapter{4, "Network I/O", "网络 I/O"},
    Chapter{5, "Threads: concurrent.futures", "线程：concurrent.futures"},
    Chapter{6, "Beyond the notes", "笔记之外"},
};

using namespace samples;
constexpr auto V = ClockMode::Virtual;
constexpr auto R = ClockMode::Real;

constexpr std::array kSamples{
    Sample{"gen-send", 1, "Generator with send()", "生成器与 send()",
           "next() runs to the first yield; send() resumes it with a value.",
           "next() 运行到第一个 yield；send() 带着一个值让它继续。",
           "s_gen_send.cpp", V, gen_send::module},
    Sample{"gen-order", 1, "Where a generator pauses", "生成器在哪里暂停",
           "Each yield is a pause point: the order of A / 1 / B 10 / 2.",
           "每个 yield 都是暂停点：A / 1 / B 10 / 2 的顺序。",
           "s_gen_order.cpp", V, gen_order::module},
    Sample{"echo-send", 1, "Echo with send()", "用 send() 回声",
           "Priming with next(), then two-way communication with send().",
           "先用 next() 预激，再用 send() 双向通信。",
           "s_echo_send.cpp", V, echo_send::module},
    Sample{"producer-consumer", 1, "Producer drives a consumer", "生产者驱动消费者",
           "A producer drives a consumer coroutine with send() and close().",
           "生产者用 send() 和 close() 驱动消费者协程。",
           "s_producer_consumer.cpp", V, producer_consumer::module},
    Sample{"yield-from", 1, "yield from: a delegating generator", "yield from：委派生成器",
           "The caller's send() goes straight to the subgenerator; its return value comes back through yield from.",
           "调用方的 send() 直达子生成器；子生成器的返回值经 yield from 传回。",
           "s_yield_from.cpp", V, yield_from_sample::module},
    Sample{"gen-close-throw", 1, "throw() and close()", "throw() 与 close()",
           "throw() raises inside the generator at its pause point; close() runs finally blocks.",
           "throw() 在生成器的暂停点抛出异常；close() 会执行 finally 块。",
           "s_gen_close_throw.cpp", V, gen_close_throw::module},
    Sample{"iterator-protocol", 1, "The iterator protocol", "迭代器协议",
           "Iterable vs iterator, iter(), next(), StopIteration and its value.",
           "可迭代对象与迭代器，iter()、next()、StopIteration 及其返回值。",
           "s_iterator_protocol.cpp", V, iterator_protocol::module},
    Sample{"hello-sleep", 2, "Hello, sleep", "你好，sleep",
           "The smallest coroutine: print, await sleep(1), print.",
           "最小的协程：打印，await sleep(1)，再打印。",
           "s_hello_sleep.cpp", V, hello_sleep::module},
    Sample{"coroutine-object", 2, "Awaiting a coroutine object", "await 一个协程对象",
           "await on a coroutine runs it like a call, in the same task.",
           "await 一个协程就像调用函数，在同一个任务里运行。",
           "s_coroutine_object.cpp", V, coroutine_object::module},
    Sample{"gather-order", 2, "gather: who ends first", "gather：谁先结束",
           "gather runs two tasks concurrently: 1-start, 2-start, 2-end, 1-end.",
           "gather 并发运行两个任务：1-start、2-start、2-end、1-end。",
           "s_gather_order.cpp", V, gather_order::module},
    Sample{"ensure-future-wait", 2, "ensure_future and wait", "ensure_future 与 wait",
           "Two tasks interleave at their awaits: 1, 3, 2, 4.",
           "两个任务在各自的 await 处交替：1、3、2、4。",
           "s_ensure_future_wait.cpp", V, ensure_future_wait::module},
    Sample{"create-task-wait", 2, "create_task and wait", "create_task 与 wait",
           "create_task schedules; the task starts only when the creator yields.",
           "create_task 只是排队；创建者让出控制权后任务才开始。",
           "s_create_task_wait.cpp", V, create_task_wait::module},
    Sample{"await-coroutine-vs-task", 2, "await a coroutine vs a task", "await 协程与 await 任务",
           "Awaiting coroutines runs them one after another; tasks run concurrently.",
           "await 协程是一个接一个地运行；任务则并发运行。",
           "s_await_coroutine_vs_task.cpp", V, await_coroutine_vs_task::module},
    Sample{"three-sleepers", 2, "Three sleepers", "三个睡眠者",
           "Concurrent sleeps overlap: 3 x 1 s takes 1 s.",
           "并发的睡眠相互重叠：3 个 1 秒只需 1 秒。",
           "s_three_sleepers.cpp", V, three_sleepers::module},
    Sample{"sequential-vs-gather", 2, "Sequential awaits vs gather", "顺序 await 与 gather",
           "Sequential awaits add up; gather takes the longest one.",
           "顺序 await 的时间相加；gather 只取最长的那个。",
           "s_sequential_vs_gather.cpp", V, sequential_vs_gather::module},
    Sample{"function-kinds", 2, "The four kinds of function", "四种函数",
           "function, generator, coroutine, async generator.",
           "普通函数、生成器、协程、异步生成器。",
           "s_function_kinds.cpp", V, function_kinds::module},
    Sample{"callback-vs-await", 2, "Callbacks vs await", "回调与 await",
           "Callback-style async with call_later vs the same work with await.",
           "用 call_later 的回调式异步，与用 await 完成同样的工作。",
           "s_callback_vs_await.cpp", V, callback_vs_await::module},
    Sample{"async-context-manager", 3, "async with", "async with 异步上下文管理器",
           "async with awaits __aenter__ and __aexit__; two uses interleave.",
           "async with 会 await __aenter__ 和 __aexit__；两次使用交错进行。",
           "s_async_context_manager.cpp", V, async_context_manager::module},
    Sample{"async-iterator", 3, "async for", "async for 异步迭代",
           "async for over a class iterator and an async generator, concurrently.",
           "并发地对类迭代器和异步生成器做 async for。",
           "s_async_iterator.cpp", V, async_iterator::module},
    Sample{"blocking-call", 3, "A blocking call stalls the loop", "阻塞调用卡住事件循环",
           "A blocking call inside a coroutine stalls every other task.",
           "协程里的阻塞调用会让其他所有任务停下。",
           "s_blocking_call.cpp", V, blocking_call::module},
    Sample{"cancel-timeout", 3, "Cancellation and timeouts", "取消与超时",
           "wait_for timeout, Task.cancel() and CancelledError, gather with sleep(result=...).",
           "wait_for 超时、Task.cancel() 与 CancelledError、带 sleep(result=...) 的 gather。",
           "s_cancel_timeout.cpp", V, cancel_timeout::module},
    Sample{"queue-pipeline", 3, "Queue between producer and consumer", "生产者与消费者之间的队列",
           "asyncio.Queue(maxsize=2) between a producer and a consumer task.",
           "在生产者任务和消费者任务之间使用 asyncio.Queue(maxsize=2)。",
           "s_queue_pipeline.cpp", V, queue_pipeline::module},
    Sample{"wget", 4, "wget three hosts", "wget 三个网站",
           "Three concurrent HTTP/1.0 GETs against a loopback server that answers each Host after its own delay.",
           "对本机服务器并发发出三个 HTTP/1.0 GET，服务器按各自的 Host 延迟作答。",
           "s_wget.cpp", R, wget_sample::module},
    Sample{"download-100", 4, "Download 100 pages", "下载 100 个页面",
           "10 sequential downloads vs 100 concurrent ones from a loopback server.",
           "从本机服务器顺序下载 10 个页面，与并发下载 100 个页面对比。",
           "s_download_100.cpp", R, download_100::module},
    Sample{"http-server", 4, "An asyncio server", "asyncio 服务器",
           "One async server answers three clients concurrently.",
           "一个异步服务器并发地回应三个客户端。",
           "s_http_server.cpp", R, http_server::module},
    Sample{"executor-submit", 5, "submit() and result()", "submit() 与 result()",
           "ThreadPoolExecutor(max_workers=2).submit and Future.result().",
           "ThreadPoolExecutor(max_workers=2).submit 与 Future.result()。",
           "s_executor_submit.cpp", R, executor_submit::module},
    Sample{"executor-map-timeout", 5, "map() with a timeout", "带超时的 map()",
           "Executor.map, and map with a timeout that expires.",
           "Executor.map，以及超时到期的 map。",
           "s_executor_map_timeout.cpp", R, executor_map_timeout::module},
    Sample{"future-callback", 5, "Done callbacks and as_completed", "完成回调与 as_completed",
           "add_done_callback and as_completed.",
           "add_done_callback 与 as_completed。",
           "s_future_callback.cpp", R, future_callback::module},
    Sample{"run-in-executor", 5, "run_in_executor", "run_in_executor",
           "The event loop hands blocking work to worker threads and keeps ticking.",
           "事件循环把阻塞的工作交给工作线程，自己继续运转。",
           "s_run_in_executor.cpp", R, run_in_executor::module},
    Sample{"lock-shared-state", 6, "Shared state behind a Lock", "用 Lock 保护共享状态",
           "An await between reading and writing loses an update; async with lock keeps each update whole.",
           "读与写之间的 await 会丢失更新；async with lock 让每次更新完整进行。",
           "s_lock_shared_state.cpp", V, lock_shared_state::module},
    Sample{"taskgroup-failure", 6, "A TaskGroup whose child fails", "子任务失败的 TaskGroup",
           "The first failure cancels its siblings; the errors arrive as an ExceptionGroup that except* takes apart.",
           "第一个失败会取消其他子任务；错误以 ExceptionGroup 抛出，由 except* 拆开处理。",
           "s_taskgroup_failure.cpp", V, taskgroup_failure::module},
    Sample{"event-start", 6, "An Event releases its waiters", "Event 放行所有等待者",
           "Three tasks wait on one Event; set() wakes them all, in the order they began to wait.",
           "三个任务等待同一个 Event；set() 按等待的先后顺序唤醒它们全部。",
           "s_event_start.cpp", V, event_start::module},
};

} // namespace

std::span<const Chapter> chapterList()
{
    return kChapters;
}

std::span<const Sample> sampleList()
{
    return kSamples;
}

const Sample *findSample(std::string_view id)
{
    for (const auto &s : kSamples)
        if (s.id == id)
            return &s;
    return nullptr;
}

std::string_view sampleSource(const Sample &sample)
{
    return embeddedSampleSource(sample.cppFile);
}

std::string_view pythonMirror(const Sample &sample)
{
    return embeddedPythonMirror(sample.pythonFile());
}

RunResult runSample(const Sample &sample, RunOptions options)
{
    return runSample(sample, sample.clock, std::move(options));
}

RunResult runSample(const Sample &sample, ClockMode mode, RunOptions options)
{
    assert(sample.runsOn(mode));
    options.clock = mode;
    return runProgram(sample.module, std::move(options),
                      {{"sample", std::string(sample.id)},
                       {"source", std::string(sample.cppFile)},
                       {"mirror", sample.pythonFile()}});
}

} // namespace coroscope
