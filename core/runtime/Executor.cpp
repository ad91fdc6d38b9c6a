#include "Executor.h"

#include "EventLoop.h"

namespace coroscope {

ThreadPoolExecutor::ThreadPoolExecutor(int max_workers)
    : m_runtime(Runtime::current())
    , m_maxWorkers(max_workers > 0 ? max_workers : 1)
    , m_number(m_runtime.nextExecutorNumber())
    , m_prefix("ThreadPoolExecutor-" + std::to_string(m_number))
{
}

ThreadPoolExecutor::ThreadPoolExecutor(int max_workers, std::string thread_name_prefix)
    : ThreadPoolExecutor(max_workers)
{
    m_prefix = std::move(thread_name_prefix);
}

ThreadPoolExecutor::~ThreadPoolExecutor()
{
    shutdown(true);
}

void ThreadPoolExecutor::enqueue(std::string name, std::shared_ptr<ConcurrentState> future, std::function<void()> run)
{
    auto &rec = m_runtime.recorder();
    rec.setShared(); // workers will record from now on
    {
        // Refused work is never handed over: no Submit event (an arrow to nowhere) for it.
        std::lock_guard guard(m_mutex);
        if (m_shutdown)
            throw RuntimeError("cannot schedule new futures after shutdown");
    }
    const auto submit = m_runtime.record(EventKind::Submit, m_runtime.currentSlice(), "submit " + name);
    std::unique_lock lock(m_mutex);
    if (m_shutdown)
        throw RuntimeError("cannot schedule new futures after shutdown");
    m_queue.push_back({std::move(run), std::move(future), submit, std::move(name)});
    // _adjust_thread_count: an idle worker takes it, else start one while below max_workers.
    if (m_idle > 0) {
        --m_idle;
    } else if (int(m_threads.size()) < m_maxWorkers) {
        const auto lane = m_runtime.newLane(
            m_prefix + "_" + std::to_string(m_threads.size()),
            LaneKind::Worker, submit);
        m_threads.emplace_back([this, lane, submit] { workerMain(lane, submit); });
    }
    lock.unlock();
    m_cv.notify_one();
}

void ThreadPoolExecutor::workerMain(std::uint32_t lane, std::uint32_t cause)
{
    auto &rec = m_runtime.recorder();
    const auto start = rec.record(EventKind::Start, lane, cause);
    Runtime::ThreadScope scope(m_runtime, lane, start);
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_queue.empty() && !m_shutdown) {
            rec.record(EventKind::Suspend, lane, NoEvent, "work queue");
            m_cv.wait(lock, [this] { return !m_queue.empty() || m_shutdown; });
            const auto resumedBy = m_queue.empty() ? NoEvent : m_queue.front().submitEvent;
            rec.record(EventKind::Resume, lane, resumedBy, m_queue.empty() ? "shutdown" : m_queue.front().name);
        }
        if (m_queue.empty())
            break;
        WorkItem item = std::move(m_queue.front());
        m_queue.pop_front();
        lock.unlock();
        if (item.future->setRunning()) {
            const auto enter = rec.record(EventKind::Enter, lane, item.submitEvent, item.name);
            m_runtime.enter(lane, enter);
            std::exception_ptr error;
            try {
                item.run();
            } catch (...) {
                error = std::current_exception();
            }
            m_runtime.leave();
            const auto leave = rec.record(EventKind::Leave, lane, NoEvent,
                                          error ? "raised " + describeException(error) : item.future->resultRepr());
            item.future->finish(error, leave);
        }
        lock.lock();
        ++m_idle; // CPython releases its idle semaphore after every work item
    }
    lock.unlock();
    rec.record(EventKind::Done, lane, NoEvent, "None");
}

void ThreadPoolExecutor::shutdownQuietly()
{
    std::vector<std::thread> threads;
    {
        std::lock_guard g(m_mutex);
        m_shutdown = true;
        threads.swap(m_threads);
    }
    m_cv.notify_all();
    for (auto &t : threads)
        t.join();
}

void ThreadPoolExecutor::shutdown(bool wait, std::source_location where)
{
    std::vector<std::thread> threads;
    {
        std::lock_guard g(m_mutex);
        if (m_shutdown && m_threads.empty())
            return;
        m_shutdown = true;
        if (wait)
            threads.swap(m_threads);
    }
    m_cv.notify_all();
    if (threads.empty())
        return;
    const auto suspend = m_runtime.record(EventKind::Suspend, NoEvent, "shutdown(wait=True)",
                                          m_runtime.location(where));
    for (auto &t : threads)
        t.join();
    (void)suspend;
    m_runtime.record(EventKind::Resume, NoEvent, "None");
}

} // namespace coroscope
