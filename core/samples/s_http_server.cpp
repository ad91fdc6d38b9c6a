// http-server: one async server answers three clients concurrently. Real sockets on 127.0.0.1.
// "// py:N" ties a line to line N of the Python mirror (resources/python/http-server.py).
#include "runtime/Asyncio.h"

#include <map>

namespace coroscope::samples::http_server {

Task<> handle(StreamReader reader, StreamWriter writer)                                  // py:2
{
    auto request = co_await reader.readuntil("\r\n\r\n");                                // py:3
    auto path = split(request)[1];                                                       // py:4
    double delay = std::map<std::string, double>{                                        // py:5
        {"/slow", 0.3}, {"/medium", 0.2}, {"/fast", 0.1}}.at(path);                      // py:5
    print(f("server: {} accepted", path));                                               // py:6
    co_await sleep(delay);                                                               // py:7
    auto body = f("{} body", path);                                                      // py:8
    writer.write(f("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n{}", body.size(), body)); // py:9
    co_await writer.drain();                                                             // py:10
    writer.close();                                                                      // py:11
    print(f("server: {} answered", path));                                               // py:12
}

Task<> client(int port, std::string path, double after)                                 // py:13
{
    co_await sleep(after);                                                               // py:14
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);                 // py:15
    writer.write(f("GET {} HTTP/1.0\r\n\r\n", path));                                    // py:16
    auto data = co_await reader.read();                                                  // py:17
    writer.close();                                                                      // py:18
    auto body = split(data, "\r\n\r\n")[1];                                              // py:19
    print(f("client: got {}", body));                                                    // py:20
}

Task<> main()                                                                            // py:21
{
    auto server = co_await start_server(handle, "127.0.0.1", 0);                         // py:22
    auto [host, port] = server.sockets()[0].getsockname();                               // py:23
    co_await gather(client(port, "/slow", 0), client(port, "/medium", 0.02),             // py:24
                    client(port, "/fast", 0.04));                                        // py:24
    server.close();                                                                      // py:25
    co_await server.wait_closed();                                                       // py:26
}

void module()
{
    run(main());                                                                         // py:27
}

} // namespace coroscope::samples::http_server
