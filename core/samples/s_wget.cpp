// wget: three concurrent HTTP/1.0 GETs against an in-process loopback server that answers each
// Host after its own delay. Real sockets on 127.0.0.1.
// "// py:N" ties a line to line N of the Python mirror (resources/python/wget.py).
#include "runtime/Asyncio.h"

#include <map>

namespace coroscope::samples::wget_sample {

const std::vector<std::pair<std::string, double>> DELAYS{                              // py:2
    {"www.sina.com.cn", 0.3}, {"www.sohu.com", 0.1}, {"www.163.com", 0.2}};

Task<> handle(StreamReader reader, StreamWriter writer)                                // py:3
{
    auto request = co_await reader.readuntil("\r\n\r\n");                              // py:4
    std::string host;                                                                  // py:5
    for (auto &l : split(request, "\r\n"))                                             // py:5
        if (lower(l).starts_with("host:")) {                                           // py:5
            host = strip(split(l, ":", 1)[1]);                                         // py:5
            break;
        }
    co_await sleep(std::map(DELAYS.begin(), DELAYS.end()).at(host));                   // py:6
    auto body = f("hello from {}\n", host);                                            // py:7
    writer.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n" +                   // py:8
                 f("Content-Length: {}\r\n\r\n", body.size()) + body);                 // py:9
    co_await writer.drain();                                                           // py:10
    writer.close();                                                                    // py:11
    co_await writer.wait_closed();                                                     // py:12
}

Task<> wget(std::string host, int port)                                                // py:13
{
    print(f("wget {}...", host));                                                      // py:14
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);               // py:15
    writer.write(f("GET / HTTP/1.0\r\nHost: {}\r\n\r\n", host));                       // py:16
    co_await writer.drain();                                                           // py:17
    while (true) {                                                                     // py:18
        auto line = co_await reader.readline();                                        // py:19
        if (line == "\r\n")                                                            // py:20
            break;                                                                     // py:21
        print(f("{} header > {}", host, rstrip(line)));                                // py:22
    }
    writer.close();                                                                    // py:23
    co_await writer.wait_closed();                                                     // py:24
    print(f("Done {}.", host));                                                        // py:25
}

Task<> main()                                                                          // py:26
{
    auto server = co_await start_server(handle, "127.0.0.1", 0);                       // py:27
    auto [host, port] = server.sockets()[0].getsockname();                             // py:28
    co_await async_with(server, [&](Server *) -> Task<> {                              // py:29
        std::vector<Task<>> gets;                                                      // py:30
        for (auto &[h, delay] : DELAYS)                                                // py:30
            gets.push_back(wget(h, port));                                             // py:30
        co_await gather(std::move(gets));                                              // py:30
    });                                                                                // py:29
}

void module()
{
    run(main());                                                                       // py:31
}

} // namespace coroscope::samples::wget_sample
