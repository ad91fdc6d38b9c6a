// executor-submit: ThreadPoolExecutor(max_workers=2).submit and Future.result(). Real threads.
// "// py:N" ties a line to line N of the Python mirror (resources/python/executor-submit.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::executor_submit {

std::string job(std::string name, double seconds)             // py:3
{
    time::sleep(seconds);                                     // py:4
    print(f("{} done after {}s", name, seconds));             // py:5
    return f("{} result", name);                              // py:6
}

void module()
{
    {
        ThreadPoolExecutor pool(2);                           // py:7 (with ... as pool:)
        auto fa = pool.submit(job, "a", 0.3);                 // py:8
        auto fb = pool.submit(job, "b", 0.1);                 // py:9
        auto fc = pool.submit(job, "c", 0.1);                 // py:10
        print("submitted; a done?", fa.done());               // py:11
        print(fa.result());                                   // py:12
        print(fb.result(), fc.result());                      // py:13
    }                                                         // py:7 (leaving with: shutdown)
}

} // namespace coroscope::samples::executor_submit
