#pragma once

#include <source_location>

namespace coroscope {

// time.sleep(seconds): blocks the thread. Inside the event loop that stalls every task (the clock
// jumps while this lane holds the loop); outside it, it just passes the time.
void blocking_sleep(double seconds, std::source_location where = std::source_location::current());

// `time.sleep(0.25)` reads as in Python.
namespace time {
inline void sleep(double seconds, std::source_location where = std::source_location::current())
{
    blocking_sleep(seconds, where);
}
} // namespace time

} // namespace coroscope
