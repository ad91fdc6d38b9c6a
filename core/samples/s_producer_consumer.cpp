// producer-consumer: a producer drives a consumer coroutine with send() and close().
// "// py:N" ties a line to line N of the Python mirror (resources/python/producer-consumer.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::producer_consumer {

Generator<std::string, int> consumer()                    // py:1
{
    std::string r = "";                                   // py:2
    while (true) {                                        // py:3
        int n = co_yield r;                               // py:4
        if (!n)                                           // py:5
            co_return;                                    // py:6
        print(f("[CONSUMER] Consuming {}...", n));        // py:7
        r = "200 OK";                                     // py:8
    }
}

void produce(Generator<std::string, int> c)               // py:9
{
    c.send(None);                                         // py:10
    int n = 0;                                            // py:11
    while (n < 5) {                                       // py:12
        n = n + 1;                                        // py:13
        print(f("[PRODUCER] Producing {}...", n));        // py:14
        auto r = c.send(n);                               // py:15
        print(f("[PRODUCER] Consumer return: {}", r));    // py:16
    }
    c.close();                                            // py:17
}

void module()
{
    produce(consumer());                                  // py:18
}

} // namespace coroscope::samples::producer_consumer
