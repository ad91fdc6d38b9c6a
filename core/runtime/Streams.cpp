#include "Streams.h"

#include "EventLoop.h"
#include "Sleep.h"

#include <cctype>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace coroscope {

namespace detail {

namespace {

constexpr std::size_t kHighWater = 64 * 1024; // asyncio's default write buffer high-water mark

EventLoop &runningLoop()
{
    auto *loop = Runtime::current().loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    if (loop->clockMode() != ClockMode::Real)
        throw RuntimeError("sockets need a real-time run (the virtual clock cannot wait for the network)");
    return *loop;
}

[[noreturn]] void throwOsError(const std::string &what, int err)
{
    const auto message = fmt::format("[Errno {}] {}", err, what);
    if (err == ECONNREFUSED || err == ECONNRESET || err == EPIPE || err == ECONNABORTED)
        throw ConnectionError(message, err == ECONNREFUSED ? "ConnectionRefusedError"
                                           : err == ECONNRESET ? "ConnectionResetError"
                                                               : "ConnectionError");
    throw OSError(message);
}

sockaddr_in address(const std::string &host, int port)
{
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(std::uint16_t(port));
    if (inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host.c_str(), &addr.sin_addr) != 1)
        throw OSError(fmt::format("cannot resolve '{}': only IPv4 addresses are supported", host));
    return addr;
}

} // namespace

// One TCP connection: both the reader's buffer and the writer's, like asyncio's transport plus
// StreamReaderProtocol.
struct StreamState : std::enable_shared_from_this<StreamState> {
    StreamState(EventLoop &l, int socket)
        : loop(l)
        , fd(socket)
    {
    }
    ~StreamState()
    {
        if (fd >= 0)
            ::close(fd);
    }

    void startReading()
    {
        reading = true;
        loop.addReader(fd, [self = shared_from_this()](std::uint32_t) { self->onReadable(); }, "socket readable");
    }
    void stopReading()
    {
        if (reading)
            loop.removeReader(fd);
        reading = false;
    }
    void onReadable()
    {
        char chunk[64 * 1024];
        const auto n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            buffer.append(chunk, std::size_t(n));
        } else if (n == 0) {
            eof = true;
            stopReading();
        } else if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
            return;
        } else {
            error = errno;
            eof = true;
            stopReading();
        }
        wakeReader();
    }
    void wakeReader()
    {
        if (readWaiter.valid() && !readWaiter.done())
            readWaiter.set_result(None);
    }
    // StreamReader._wait_for_data: one future per wait, labelled with the reading operation.
    Task<> waitForData(std::string what)
    {
        if (error)
            throwOsError(std::strerror(error), error);
        readWaiter = makeFuture<void>(loop, std::move(what));
        co_await readWaiter;
        readWaiter = {};
        if (error)
            throwOsError(std::strerror(error), error);
    }

    void write(std::string_view data)
    {
        if (closing)
            throw RuntimeError("write after close()");
        if (outgoing.empty()) {
            const auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                throwOsError(std::strerror(errno), errno);
            data.remove_prefix(n > 0 ? std::size_t(n) : 0);
        }
        if (!data.empty()) {
            if (outgoing.empty())
                loop.addWriter(fd, [self = shared_from_this()](std::uint32_t) { self->onWritable(); },
                               "socket writable");
            outgoing.append(data);
        }
    }
    void onWritable()
    {
        const auto n = ::send(fd, outgoing.data(), outgoing.size(), MSG_NOSIGNAL);
        if (n > 0)
            outgoing.erase(0, std::size_t(n));
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            outgoing.clear(); // the peer is gone: drop what cannot be sent, as a transport would
        if (!outgoing.empty())
            return;
        loop.removeWriter(fd);
        if (drainWaiter.valid() && !drainWaiter.done())
            drainWaiter.set_result(None);
        if (closing)
            scheduleConnectionLost();
    }

    void close()
    {
        if (closing)
            return;
        closing = true;
        stopReading();
        if (outgoing.empty())
            scheduleConnectionLost();
    }
    void scheduleConnectionLost()
    {
        loop.callSoon([self = shared_from_this()](std::uint32_t) { self->connectionLost(); }, "connection_lost");
    }
    void connectionLost()
    {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
        eof = true;
        wakeReader();
        if (!closed.done())
            closed.set_result(None);
    }

    EventLoop &loop;
    int fd;
    std::string buffer;
    bool eof = false;
    int error = 0;
    bool reading = false;
    Future<void> readWaiter;
    std::string outgoing;
    Future<void> drainWaiter;
    bool closing = false;
    Future<void> closed = makeFuture<void>(loop, "wait_closed");
};

struct ServerState : std::enable_shared_from_this<ServerState> {
    ServerState(EventLoop &l, ClientConnected h)
        : loop(l)
        , handler(std::move(h))
    {
    }
    ~ServerState()
    {
        if (fd >= 0)
            ::close(fd);
    }
    void onAcceptable()
    {
        // Like asyncio's _accept_connection: take every pending connection (up to the backlog).
        for (int i = 0; i < 100; ++i) {
            const int conn = ::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (conn < 0)
                return;
            int one = 1;
            ::setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            auto stream = std::make_shared<StreamState>(loop, conn);
            stream->startReading();
            create_task(handler(StreamReader(stream), StreamWriter(stream)));
        }
    }
    void close()
    {
        if (fd < 0)
            return;
        loop.removeReader(fd);
        ::close(fd);
        fd = -1;
    }

    EventLoop &loop;
    ClientConnected handler;
    std::string host;
    int port = 0;
    int fd = -1;
};

} // namespace detail

using detail::StreamState;

// ---- StreamReader ----

Task<std::string> StreamReader::readline()
{
    try {
        co_return co_await readuntil("\n");
    } catch (const IncompleteReadError &e) {
        co_return e.partial; // at EOF readline returns what is left
    }
}

Task<std::string> StreamReader::readuntil(std::string sep)
{
    auto &s = *m_state;
    for (;;) {
        // As CPython: a connection error (a reset) stays set and every read raises it, even when it
        // arrived before the read began.
        if (s.error)
            detail::throwOsError(std::strerror(s.error), s.error);
        if (auto pos = s.buffer.find(sep); pos != std::string::npos) {
            std::string chunk = s.buffer.substr(0, pos + sep.size());
            s.buffer.erase(0, pos + sep.size());
            co_return chunk;
        }
        if (s.eof) {
            std::string partial = std::move(s.buffer);
            s.buffer.clear();
            throw IncompleteReadError(std::move(partial));
        }
        co_await s.waitForData(sep == "\n" ? "readline" : "readuntil");
    }
}

Task<std::string> StreamReader::read(long n)
{
    auto &s = *m_state;
    if (s.error) // as CPython's read(): the stored exception first, even for read(0)
        detail::throwOsError(std::strerror(s.error), s.error);
    if (n == 0)
        co_return std::string();
    if (n < 0) {
        while (!s.eof)
            co_await s.waitForData("read");
        std::string all = std::move(s.buffer);
        s.buffer.clear();
        co_return all;
    }
    if (s.buffer.empty() && !s.eof)
        co_await s.waitForData("read");
    std::string chunk = s.buffer.substr(0, std::size_t(n));
    s.buffer.erase(0, chunk.size());
    co_return chunk;
}

bool StreamReader::at_eof() const
{
    return m_state->eof && m_state->buffer.empty();
}

// ---- StreamWriter ----

void StreamWriter::write(std::string_view data)
{
    m_state->write(data);
}

Task<> StreamWriter::drain()
{
    auto &s = *m_state;
    if (s.error)
        detail::throwOsError(std::strerror(s.error), s.error);
    if (s.closing) {
        co_await sleep(0); // as asyncio: give the closing transport a turn
        co_return;
    }
    if (s.outgoing.size() > detail::kHighWater) {
        s.drainWaiter = makeFuture<void>(s.loop, "drain");
        co_await s.drainWaiter;
    }
}

void StreamWriter::close()
{
    m_state->close();
}

Task<> StreamWriter::wait_closed()
{
    co_await m_state->closed;
}

bool StreamWriter::is_closing() const
{
    return m_state->closing;
}

// ---- connections and servers ----

Task<std::pair<StreamReader, StreamWriter>> open_connection(std::string host, int port)
{
    auto &loop = detail::runningLoop();
    const auto addr = detail::address(host, port);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        detail::throwOsError(std::strerror(errno), errno);
    auto state = std::make_shared<StreamState>(loop, fd); // owns fd from here on
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
        if (errno != EINPROGRESS)
            detail::throwOsError(fmt::format("Connect call failed ('{}', {})", host, port), errno);
        auto connected = makeFuture<void>(loop, "connect");
        loop.addWriter(fd, [connected](std::uint32_t) mutable {
            if (!connected.done())
                connected.set_result(None);
        }, "socket writable");
        co_await connected;
        loop.removeWriter(fd);
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        if (err)
            detail::throwOsError(fmt::format("Connect call failed ('{}', {})", host, port), err);
    }
    state->startReading();
    co_return std::pair{StreamReader(state), StreamWriter(state)};
}

Task<Server> start_server(ClientConnected handler, std::string host, int port)
{
    auto &loop = detail::runningLoop();
    auto state = std::make_shared<detail::ServerState>(loop, std::move(handler));
    state->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (state->fd < 0)
        detail::throwOsError(std::strerror(errno), errno);
    int one = 1;
    ::setsockopt(state->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    auto addr = detail::address(host, port);
    if (::bind(state->fd, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0) {
        const int err = errno;
        // As CPython's create_server: `err.strerror.lower()` ("address already in use").
        detail::throwOsError(fmt::format("error while attempting to bind on address ('{}', {}): {}", host, port,
                                         lower(std::strerror(err))),
                             err);
    }
    if (::listen(state->fd, 100) != 0)
        detail::throwOsError(std::strerror(errno), errno);
    socklen_t len = sizeof addr;
    ::getsockname(state->fd, reinterpret_cast<sockaddr *>(&addr), &len);
    state->host = host;
    state->port = ntohs(addr.sin_port);
    loop.addReader(state->fd, [weak = std::weak_ptr(state)](std::uint32_t) {
        if (auto s = weak.lock())
            s->onAcceptable();
    }, "accept");
    co_return Server(state);
}

std::vector<ServerSocket> Server::sockets() const
{
    if (m_state->fd < 0)
        return {};
    return {ServerSocket(m_state->host, m_state->port)};
}

void Server::close()
{
    m_state->close();
}

Task<> Server::wait_closed()
{
    co_return; // Python 3.11 returns at once once the listening socket is closed
}

bool Server::is_serving() const
{
    return m_state->fd >= 0;
}

Task<Server *> Server::aenter()
{
    co_return this;
}

Task<bool> Server::aexit(std::exception_ptr)
{
    close();
    co_await wait_closed();
    co_return false;
}

// ---- str / bytes helpers ----

std::vector<std::string> split(std::string_view s)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
            ++i;
        const auto start = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])))
            ++i;
        if (i > start)
            out.emplace_back(s.substr(start, i - start));
    }
    return out;
}

std::vector<std::string> split(std::string_view s, std::string_view sep, int maxsplit)
{
    std::vector<std::string> out;
    for (;;) {
        const auto pos = s.find(sep);
        if (pos == std::string_view::npos || (maxsplit >= 0 && int(out.size()) >= maxsplit)) {
            out.emplace_back(s);
            return out;
        }
        out.emplace_back(s.substr(0, pos));
        s.remove_prefix(pos + sep.size());
    }
}

std::string strip(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    return rstrip(s);
}

std::string rstrip(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return std::string(s);
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (auto &c : out)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace coroscope
