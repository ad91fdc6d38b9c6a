// future-callback: add_done_callback and as_completed. Real threads.
// "// py:N" ties a line to line N of the Python mirror (resources/python/future-callback.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::future_callback {

std::string download(std::string url, double seconds)                   // py:3
{
    time::sleep(seconds);                                                // py:4
    return f("{}: {} bytes", url, url.size() * 100);                     // py:5
}

void report(ConcurrentFuture<std::string> future)                        // py:6
{
    print("callback:", future.result());                                 // py:7
}

void module()
{
    {
        ThreadPoolExecutor pool(3);                                      // py:8 (with ... as pool:)
        std::vector<ConcurrentFuture<std::string>> futures;              // py:9
        std::vector<std::pair<std::string, double>> downloads{
            {"a.example", 0.3}, {"bb.example", 0.1}, {"ccc.example", 0.2}};
        for (auto &[url, s] : downloads) {                               // py:10
            auto f = pool.submit(download, url, s);                      // py:11
            f.add_done_callback(report);                                 // py:12
            futures.push_back(f);                                        // py:13
        }
        for (auto &f : as_completed(futures))                            // py:14
            (void)f;                                                     // py:15 (pass)
    }                                                                    // py:8 (leaving with)
    print("all done");                                                   // py:16
}

} // namespace coroscope::samples::future_callback
