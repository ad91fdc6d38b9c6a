// download-100: 10 sequential downloads vs 100 concurrent ones from a loopback server.
// Real sockets on 127.0.0.1. "// py:N" ties a line to line N of resources/python/download-100.py.
#include "runtime/Asyncio.h"

#include <algorithm>

namespace coroscope::samples::download_100 {

Task<> handle(StreamReader reader, StreamWriter writer)                     // py:2
{
    co_await reader.readuntil("\r\n\r\n");                                  // py:3
    co_await sleep(0.05);                                                   // py:4
    writer.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");         // py:5
    co_await writer.drain();                                                // py:6
    writer.close();                                                         // py:7
}

Task<bool> download(int port)                                               // py:8
{
    auto [reader, writer] = co_await open_connection("127.0.0.1", port);    // py:9
    writer.write("GET / HTTP/1.0\r\n\r\n");                                 // py:10
    auto data = co_await reader.read();                                     // py:11
    writer.close();                                                         // py:12
    co_return data.ends_with("ok");                                         // py:13
}

Task<> main()                                                               // py:14
{
    auto server = co_await start_server(handle, "127.0.0.1", 0);            // py:15
    auto [host, port] = server.sockets()[0].getsockname();                  // py:16
    auto &loop = get_running_loop();                                        // py:17
    double t0 = loop.time();                                                // py:18
    int ok = 0;                                                             // py:19
    for (int i = 0; i < 10; ++i)                                            // py:20
        ok += co_await download(port);                                      // py:21
    double seq = loop.time() - t0;                                          // py:22
    t0 = loop.time();                                                       // py:23
    std::vector<Task<bool>> downloads;                                      // py:24
    for (int i = 0; i < 100; ++i)                                           // py:24
        downloads.push_back(download(port));                               // py:24
    auto results = co_await gather(std::move(downloads));                   // py:24
    double conc = loop.time() - t0;                                         // py:25
    print(f("sequential: 10 pages ok={}", ok));                             // py:26
    print(f("concurrent: 100 pages ok={}", std::ranges::count(results, true))); // py:27
    print("concurrent faster per page:", conc / 100 < seq / 10);            // py:28
    server.close();                                                         // py:29
}

void module()
{
    run(main());                                                            // py:30
}

} // namespace coroscope::samples::download_100
