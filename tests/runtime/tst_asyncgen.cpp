// Async generators, anext() and `async with` as a user meets them: values in order and the end
// (nullopt for StopAsyncIteration), awaits inside the generator suspending the task that iterates
// it, exceptions passing out of the generator, a class with __anext__ (spelled anext()) raising
// StopAsyncIteration, and __aexit__ running on every path and swallowing an exception when it
// returns true.
// Every ordering test carries its Python equivalent; each was run with CPython 3.11 and printed the
// lines asserted here.
#include "RuntimeTestSupport.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// async def numbers():
//     print("gen starts")
//     for i in range(3):
//         yield i * 10
//         print("gen resumed after", i * 10)
//     print("gen ends")
// async def main():
//     g = numbers()
//     print(await anext(g))
//     print(await anext(g))
//     print(await anext(g))
//     try:
//         await anext(g)
//     except StopAsyncIteration:
//         print("StopAsyncIteration")
//     try:
//         await anext(g)
//     except StopAsyncIteration:
//         print("StopAsyncIteration again")
// -> gen starts / 0 / gen resumed after 0 / 10 / gen resumed after 10 / 20 / gen resumed after 20 /
//    gen ends / StopAsyncIteration / StopAsyncIteration again
namespace values {
AsyncGenerator<int> numbers()
{
    print("gen starts");
    for (int i = 0; i < 3; ++i) {
        co_yield i * 10;
        print("gen resumed after", i * 10);
    }
    print("gen ends");
}
Task<> main()
{
    auto g = numbers();
    for (int n = 0; n < 3; ++n)
        print(*co_await anext(g));
    if (!co_await anext(g))
        print("StopAsyncIteration");
    if (!co_await anext(g))
        print("StopAsyncIteration again");
}
} // namespace values

// async def slow_numbers(name, delay):
//     for i in range(2):
//         await asyncio.sleep(delay)
//         yield f"{name}{i}"
// async def consume(name, delay):
//     async for v in slow_numbers(name, delay):
//         print(v, asyncio.get_running_loop().time() - T0)
// async def main():
//     await asyncio.gather(consume("a", 0.3), consume("b", 0.2))
// -> b0 0.2 / a0 0.3 / b1 0.4 / a1 0.6   (CPython's wall clock: 0.21, 0.31, 0.41, 0.61)
namespace suspending {
AsyncGenerator<std::string> slow_numbers(std::string name, double delay)
{
    for (int i = 0; i < 2; ++i) {
        co_await sleep(delay);
        co_yield f("{}{}", name, i);
    }
}
Task<> consume(std::string name, double delay)
{
    auto gen = slow_numbers(name, delay);
    while (auto v = co_await anext(gen))
        print(*v, get_running_loop().time());
}
Task<> main()
{
    co_await gather(consume("a", 0.3), consume("b", 0.2));
}
} // namespace suspending

// async def failing():
//     yield 1
//     await asyncio.sleep(0.1)
//     raise ValueError("gen failed")
// async def main():
//     g = failing()
//     try:
//         async for v in g:
//             print("got", v)
//     except ValueError as e:
//         print("caught", repr(e))
//     try:
//         await anext(g)
//     except StopAsyncIteration:
//         print("finished")
// -> got 1 / caught ValueError('gen failed') / finished
namespace failing {
AsyncGenerator<int> failing()
{
    co_yield 1;
    co_await sleep(0.1);
    throw ValueError("gen failed");
}
Task<> main()
{
    auto g = failing();
    try {
        while (auto v = co_await anext(g))
            print("got", *v);
    } catch (const ValueError &e) {
        print("caught", e.repr());
    }
    if (!co_await anext(g))
        print("finished");
}
} // namespace failing

// class CM:
//     def __init__(self, name, swallow):
//         self.name, self.swallow = name, swallow
//     async def __aenter__(self):
//         print(self.name, "enter")
//         await asyncio.sleep(0.1)
//         return self.name + "-resource"
//     async def __aexit__(self, et, e, tb):
//         print(self.name, "exit", repr(e))
//         await asyncio.sleep(0.1)
//         return self.swallow
// async def main():
//     async with CM("ok", False) as r:
//         print("body", r)
//     async with CM("swallow", True) as r:
//         print("body", r)
//         raise ValueError("in body")
//     print("after swallowed")
//     try:
//         async with CM("pass", False) as r:
//             raise ValueError("again")
//         print("not here")
//     except ValueError as e:
//         print("propagated", repr(e))
// -> ok enter / body ok-resource / ok exit None / swallow enter / body swallow-resource /
//    swallow exit ValueError('in body') / after swallowed / pass enter / pass exit ValueError('again') /
//    propagated ValueError('again')
namespace withs {
struct CM {
    // A constructor, not brace-initialisation (see s_async_context_manager.cpp: GCC 12).
    CM(std::string name, bool swallow)
        : name(std::move(name))
        , swallow(swallow)
    {
    }
    std::string name;
    bool swallow;

    Task<std::string> aenter()
    {
        print(name, "enter");
        co_await sleep(0.1);
        co_return name + "-resource";
    }
    Task<bool> aexit(std::exception_ptr e)
    {
        print(name, "exit", e ? reprException(e) : std::string("None"));
        co_await sleep(0.1);
        co_return swallow;
    }
};
Task<> main()
{
    co_await async_with(CM("ok", false), [](std::string &r) -> Task<> {
        print("body", r);
        co_return;
    });
    co_await async_with(CM("swallow", true), [](std::string &r) -> Task<> {
        print("body", r);
        throw ValueError("in body");
        co_return;
    });
    print("after swallowed");
    try {
        co_await async_with(CM("pass", false), [](std::string &) -> Task<> {
            throw ValueError("again");
            co_return;
        });
        print("not here");
    } catch (const ValueError &e) {
        print("propagated", e.repr());
    }
}
} // namespace withs

// class Countdown:
//     def __init__(self, n):
//         self.n = n
//     def __aiter__(self):
//         return self
//     async def __anext__(self):
//         if self.n == 0:
//             raise StopAsyncIteration
//         await asyncio.sleep(0.1)
//         self.n -= 1
//         return self.n
// class Broken:
//     def __aiter__(self):
//         return self
//     async def __anext__(self):
//         raise KeyError("broken")
// async def main():
//     async for v in Countdown(3):
//         print("countdown", v)
//     c = Countdown(0)
//     try:
//         await anext(c)
//     except StopAsyncIteration:
//         print("empty")
//     try:
//         async for v in Broken():
//             pass
//     except KeyError as e:
//         print("caught", repr(e))
// -> countdown 2 / countdown 1 / countdown 0 / empty / caught KeyError('broken')
namespace classbased {
struct Countdown {
    explicit Countdown(int n)
        : n(n)
    {
    }
    int n;
    Task<int> anext()
    {
        if (n == 0)
            throw StopAsyncIteration();
        co_await sleep(0.1);
        n -= 1;
        co_return n;
    }
};
struct Broken {
    Task<int> anext()
    {
        throw KeyError("broken");
        co_return 0;
    }
};
Task<> main()
{
    Countdown countdown(3);
    while (auto v = co_await anext(countdown))
        print("countdown", *v);
    Countdown c(0);
    if (!co_await anext(c))
        print("empty");
    try {
        Broken broken;
        while (co_await anext(broken)) {
        }
    } catch (const KeyError &e) {
        print("caught", e.repr());
    }
}
} // namespace classbased

} // namespace
} // namespace coroscope

class TestAsyncGen : public QObject
{
    Q_OBJECT
private slots:
    void valuesInOrderThenEnd()
    {
        const auto r = runProgram([] { run(values::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"gen starts", "0", "gen resumed after 0", "10", "gen resumed after 10", "20",
                                        "gen resumed after 20", "gen ends", "StopAsyncIteration",
                                        "StopAsyncIteration again"}));

        // The generator runs inline on main's lane, between an Enter and a Leave naming what came
        // out; a finished generator is not entered again.
        const auto &t = r.trace;
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(story(t, main, {EventKind::Enter, EventKind::Leave}),
                 QStringList({"enter numbers()", "leave yield 0", "enter numbers()", "leave yield 10",
                              "enter numbers()", "leave yield 20", "enter numbers()", "leave StopAsyncIteration"}));
        QCOMPARE(laneNames(t), QStringList({"<module>", "event loop", "Task-1 main()"}));
        const auto enter = findEvent(t, EventKind::Enter, main);
        QVERIFY(t.locationText(t.events[enter]).starts_with("tst_asyncgen.cpp:"));
    }

    void awaitsInsideSuspendTheConsumer()
    {
        const auto r = runProgram([] { run(suspending::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"b0 0.2", "a0 0.3", "b1 0.4", "a1 0.6"}));

        // The generator's sleep suspends the consuming task: Suspend on that task's lane, inside the
        // generator's Enter ... Leave. The generator has no lane of its own.
        const auto &t = r.trace;
        for (const auto &lane : t.lanes)
            QVERIFY(lane.kind != LaneKind::Generator);
        const auto a = laneNamed(t, "Task-2 consume()");
        QCOMPARE(story(t, a, {EventKind::Enter, EventKind::Suspend, EventKind::Resume, EventKind::Leave}),
                 QStringList({"enter slow_numbers()", "suspend sleep(0.3)", "resume None", "leave yield 'a0'",
                              "enter slow_numbers()", "suspend sleep(0.3)", "resume None", "leave yield 'a1'",
                              "enter slow_numbers()", "leave StopAsyncIteration"}));
        const auto suspend = findEvent(t, EventKind::Suspend, a);
        QVERIFY(t.locationText(t.events[suspend]).starts_with("tst_asyncgen.cpp:"));
    }

    void exceptionPropagatesAndEndsTheGenerator()
    {
        const auto r = runProgram([] { run(failing::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"got 1", "caught ValueError('gen failed')", "finished"}));
        const auto main = laneNamed(r.trace, "Task-1 main()");
        QCOMPARE(story(r.trace, main, {EventKind::Leave}),
                 QStringList({"leave yield 1", "leave raised ValueError: gen failed"}));
    }

    void aexitRunsOnEveryPathAndCanSwallow()
    {
        const auto r = runProgram([] { run(withs::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"ok enter", "body ok-resource", "ok exit None", "swallow enter",
                                        "body swallow-resource", "swallow exit ValueError('in body')",
                                        "after swallowed", "pass enter", "pass exit ValueError('again')",
                                        "propagated ValueError('again')"}));
        // aenter and aexit each waited 0.1 s, three times over.
        QCOMPARE(seconds(r.trace, r.trace.events.size() - 1), 0.6);
    }

    void classWithAnextRaisingStopAsyncIteration()
    {
        const auto r = runProgram([] { run(classbased::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r),
                 QStringList({"countdown 2", "countdown 1", "countdown 0", "empty", "caught KeyError('broken')"}));
        // Each step of the class iterator is its anext() coroutine, awaited inline.
        const auto main = laneNamed(r.trace, "Task-1 main()");
        QCOMPARE(story(r.trace, main, {EventKind::Suspend}),
                 QStringList({"suspend sleep(0.1)", "suspend sleep(0.1)", "suspend sleep(0.1)"}));
    }
};

QTEST_GUILESS_MAIN(TestAsyncGen)
#include "tst_asyncgen.moc"
