// callback-vs-await: callback-style async with call_later vs the same work with await.
// "// py:N" ties a line to line N of the Python mirror (resources/python/callback-vs-await.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::callback_vs_await {

template<class Callback>
void download_file_async(EventLoop &loop, std::string url, Callback callback) // py:2
{
    print(f("download {} started", url));                 // py:3
    loop.call_later(0.1, callback, f("<{} content>", url)); // py:4
}

void process(std::string result)                          // py:5
{
    print(f("process {}", result));                       // py:6
}

Task<std::string> download_file(std::string url)          // py:7
{
    print(f("download {} started", url));                 // py:8
    co_await sleep(0.1);                                  // py:9
    co_return f("<{} content>", url);                     // py:10
}

Task<> main()                                             // py:11
{
    auto &loop = get_running_loop();                      // py:12
    auto done = loop.create_future();                     // py:13
    auto on_done = def("on_done", [done](std::string result) mutable { // py:14
        process(result);                                  // py:15
        done.set_result(None);                            // py:16
    });
    download_file_async(loop, "a.txt", on_done);          // py:17
    print("main continues while a.txt downloads");        // py:18
    co_await done;                                        // py:19
    process(co_await download_file("b.txt"));             // py:20
}

void module()
{
    run(main());                                          // py:21
}

} // namespace coroscope::samples::callback_vs_await
