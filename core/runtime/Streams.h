#pragma once

#include "Task.h"

#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace coroscope {

namespace detail {
struct StreamState;
struct ServerState;
} // namespace detail

// asyncio streams over real non-blocking TCP sockets, driven by the loop's epoll (real-time runs).
// Waiting for the network is a suspension on a future labelled with the operation: "connect",
// "read", "readline", "readuntil", "drain".

class IncompleteReadError : public Exception
{
public:
    explicit IncompleteReadError(std::string partial)
        : Exception(std::to_string(partial.size()) + " bytes read on a total of undefined expected bytes",
                    "IncompleteReadError")
        , partial(std::move(partial))
    {
    }
    std::string partial;
};

class StreamReader
{
public:
    explicit StreamReader(std::shared_ptr<detail::StreamState> state)
        : m_state(std::move(state))
    {
    }
    Task<std::string> readline();                  // up to and including "\n", or what is left at EOF
    Task<std::string> readuntil(std::string sep);  // up to and including sep; IncompleteReadError at EOF
    Task<std::string> read(long n = -1);           // n < 0: everything until EOF
    bool at_eof() const;

private:
    std::shared_ptr<detail::StreamState> m_state;
};

class StreamWriter
{
public:
    explicit StreamWriter(std::shared_ptr<detail::StreamState> state)
        : m_state(std::move(state))
    {
    }
    void write(std::string_view data);  // sends what the socket takes now, buffers the rest
    Task<> drain();                     // waits while the buffer is above its high-water mark
    void close();                       // closes once the buffer is flushed
    Task<> wait_closed();
    bool is_closing() const;

private:
    std::shared_ptr<detail::StreamState> m_state;
};

// asyncio.open_connection(host, port): a real TCP connection.
Task<std::pair<StreamReader, StreamWriter>> open_connection(std::string host, int port);

class ServerSocket
{
public:
    ServerSocket(std::string host, int port)
        : m_host(std::move(host))
        , m_port(port)
    {
    }
    // socket.getsockname(): `auto [host, port] = server.sockets()[0].getsockname();`
    std::tuple<std::string, int> getsockname() const { return {m_host, m_port}; }

private:
    std::string m_host;
    int m_port;
};

using ClientConnected = std::function<Task<>(StreamReader, StreamWriter)>;

// asyncio.Server: listens until close(); each accepted connection runs the handler as a new task.
class Server
{
public:
    explicit Server(std::shared_ptr<detail::ServerState> state)
        : m_state(std::move(state))
    {
    }
    std::vector<ServerSocket> sockets() const;
    void close();
    Task<> wait_closed();
    bool is_serving() const;
    // `async with server:` (aenter returns the server; aexit closes it and waits).
    Task<Server *> aenter();
    Task<bool> aexit(std::exception_ptr);

private:
    std::shared_ptr<detail::ServerState> m_state;
};

// asyncio.start_server(client_connected_cb, host, port): port 0 picks a free port.
Task<Server> start_server(ClientConnected handler, std::string host, int port);

// The bytes/str methods the network samples use, as Python spells them.
std::vector<std::string> split(std::string_view s);                                 // str.split()
std::vector<std::string> split(std::string_view s, std::string_view sep, int maxsplit = -1);
std::string strip(std::string_view s);
std::string rstrip(std::string_view s);
std::string lower(std::string_view s);

} // namespace coroscope
