// queue-pipeline: asyncio.Queue(maxsize=2) between a producer and a consumer task.
// "// py:N" ties a line to line N of the Python mirror (resources/python/queue-pipeline.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::queue_pipeline {

using Items = Queue<std::optional<int>>;

Task<> producer(Items &q, int n)                     // py:2
{
    for (int i = 1; i < n + 1; ++i) {                // py:3
        co_await sleep(0.1);                         // py:4
        co_await q.put(i);                           // py:5
        print(f("produced {}", i));                  // py:6
    }
    co_await q.put(None);                            // py:7
}

Task<> consumer(Items &q)                            // py:8
{
    while (true) {                                   // py:9
        auto item = co_await q.get();                // py:10
        if (!item)                                   // py:11
            break;                                   // py:12
        print(f("consumed {}", *item));              // py:13
        co_await sleep(0.15);                        // py:14
    }
}

Task<> main()                                        // py:15
{
    Items q(2);                                      // py:16
    co_await gather(producer(q, 4), consumer(q));    // py:17
}

void module()
{
    run(main());                                     // py:18
}

} // namespace coroscope::samples::queue_pipeline
