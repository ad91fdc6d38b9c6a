#include "IoPoller.h"

#include "Exceptions.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace coroscope {

IoPoller::IoPoller()
    : m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (m_epoll < 0 || m_wakeFd < 0)
        throw OSError(std::string("cannot create the event loop's poller: ") + std::strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = m_wakeFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

IoPoller::~IoPoller()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

void IoPoller::watch(int fd, bool read, bool write)
{
    const bool known = std::find(m_watched.begin(), m_watched.end(), fd) != m_watched.end();
    if (!read && !write) {
        if (known) {
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            std::erase(m_watched, fd);
        }
        return;
    }
    epoll_event ev{};
    ev.events = (read ? EPOLLIN : 0u) | (write ? EPOLLOUT : 0u);
    ev.data.fd = fd;
    if (epoll_ctl(m_epoll, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev) == 0 && !known)
        m_watched.push_back(fd);
}

std::vector<IoPoller::Ready> IoPoller::wait(std::int64_t timeoutNs)
{
    epoll_event events[64];
    // Round up: waking a little late is harmless, waking early would spin until the timer is due.
    const int timeoutMs = timeoutNs < 0 ? -1 : int((timeoutNs + 999'999) / 1'000'000);
    int n;
    do {
        n = epoll_wait(m_epoll, events, 64, timeoutMs);
    } while (n < 0 && errno == EINTR);
    std::vector<Ready> out;
    for (int i = 0; i < n; ++i) {
        if (events[i].data.fd == m_wakeFd) {
            std::uint64_t count;
            [[maybe_unused]] auto r = ::read(m_wakeFd, &count, sizeof count);
            continue;
        }
        const auto e = events[i].events;
        out.push_back({events[i].data.fd, (e & (EPOLLIN | EPOLLHUP | EPOLLERR)) != 0,
                       (e & (EPOLLOUT | EPOLLHUP | EPOLLERR)) != 0});
    }
    return out;
}

void IoPoller::wake()
{
    const std::uint64_t one = 1;
    [[maybe_unused]] auto r = ::write(m_wakeFd, &one, sizeof one);
}

} // namespace coroscope
