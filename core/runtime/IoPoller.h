#pragma once

#include <cstdint>
#include <vector>

namespace coroscope {

// epoll, level-triggered, plus an eventfd so that another thread can wake a waiting loop
// (call_soon_threadsafe). Linux only, like the selectors asyncio uses there.
class IoPoller
{
public:
    struct Ready {
        int fd;
        bool readable;
        bool writable;
    };

    IoPoller();
    ~IoPoller();
    IoPoller(const IoPoller &) = delete;
    IoPoller &operator=(const IoPoller &) = delete;

    // Sets what to watch `fd` for; both false stops watching it.
    void watch(int fd, bool read, bool write);
    // Waits up to `timeoutNs` (-1: until something happens); returns the ready descriptors.
    std::vector<Ready> wait(std::int64_t timeoutNs);
    // Thread-safe: makes a current or the next wait() return at once.
    void wake();

private:
    int m_epoll = -1;
    int m_wakeFd = -1;
    std::vector<int> m_watched; // fds registered with epoll
};

} // namespace coroscope
