// coroutine-object: await on a coroutine runs it like a call, in the same task.
// "// py:N" ties a line to line N of the Python mirror (resources/python/coroutine-object.py).
#include "runtime/Asyncio.h"

namespace coroscope::samples::coroutine_object {

Task<std::string> fn()                                    // py:2
{
    print("fn start");                                    // py:3
    co_await sleep(2);                                    // py:4
    print("fn end");                                      // py:5
    co_return "fn over exit";                             // py:6
}

Task<> main()                                             // py:7
{
    print("main runing ...");                             // py:8
    auto res = co_await fn();                             // py:9
    print(f("main finish... return {} ", res));           // py:10
}

void module()
{
    run(main());                                          // py:11
}

} // namespace coroscope::samples::coroutine_object
