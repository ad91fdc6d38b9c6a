#include "Blocking.h"

#include "EventLoop.h"
#include "Runtime.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace coroscope {

void blocking_sleep(double seconds, std::source_location where)
{
    auto &rt = Runtime::current();
    const auto what = fmt::format("time.sleep({}) blocks", seconds);
    const auto loc = rt.location(where);
    if (auto *loop = rt.loop()) {
        loop->block(seconds, what, loc);
        return;
    }
    auto &rec = rt.recorder();
    const auto ns = std::int64_t(seconds * 1e9 + 0.5);
    if (rt.options().clock == ClockMode::Real)
        std::this_thread::sleep_for(std::chrono::nanoseconds(ns)); // events carry the wall clock
    else
        rec.setNow(rec.now() + ns);
    rt.record(EventKind::Clock, rt.currentSlice(), what, loc);
}

} // namespace coroscope
