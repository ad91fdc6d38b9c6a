// gen-close-throw: throw() raises inside the generator at its pause point; close() runs the finally.
// "// py:N" ties a line to line N of the Python mirror (resources/python/gen-close-throw.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::gen_close_throw {

Generator<None_t, std::string> worker()                        // py:1
{
    print("worker: started");                                  // py:2
    Finally cleanup([] { print("worker: cleanup"); });         // py:12 (try: ... finally:)
    while (true) {                                             // py:4
        std::string job;
        try {                                                  // py:5
            job = co_yield None;                               // py:6
        } catch (const ValueError &e) {                        // py:7
            print(f("worker: recovered from {}", e.what()));   // py:8
            continue;                                          // py:9
        }
        print(f("worker: job {}", job));                       // py:10
    }
}

void module()
{
    auto w = worker();                                         // py:13
    next(w);                                                   // py:14
    w.send("a");                                               // py:15
    w.throw_(ValueError("bad job"));                           // py:16
    w.send("b");                                               // py:17
    w.close();                                                 // py:18
    print("closed:", w.finished());                            // py:19 (w.gi_frame is None)
}

} // namespace coroscope::samples::gen_close_throw
