// Python generators as a user meets them: next / send / throw / close, StopIteration and its value,
// cleanup on close, yield from with a return value, for-loops, and the hand-overs the trace records
// between a generator's lane and its caller's.
// Each program carries its Python equivalent; each was run with CPython 3.11 and printed the lines
// asserted here.
#include "RuntimeTestSupport.h"

#include <QTest>

using namespace coroscope;
using namespace coroscope::testing;

// Inside namespace coroscope, so that sleep() is asyncio's and not POSIX's.
namespace coroscope {
namespace {

// def counter():
//     x = yield 1
//     print("got", x)
//     y = yield 2
//     print("got", y)
//     return "finished"
// g = counter()
// print(next(g))
// print(g.send("s1"))
// try:
//     g.send("s2")
// except StopIteration as e:
//     print("StopIteration", repr(e.value), e)
// try:
//     g.send("s3")
// except StopIteration as e:
//     print("again StopIteration", repr(e.value))
// try:
//     next(g)
// except StopIteration as e:
//     print("next after end", repr(e.value))
// -> 1 / got s1 / 2 / got s2 / StopIteration 'finished' finished / again StopIteration None / next after end None
namespace basics {
Generator<int, std::string, std::string> counter()
{
    std::string x = co_yield 1;
    print("got", x);
    std::string y = co_yield 2;
    print("got", y);
    co_return "finished";
}
void module()
{
    auto g = counter();
    print(next(g));
    print(g.send("s1"));
    try {
        g.send("s2");
    } catch (const StopIteration &e) {
        print("StopIteration", e.valueRepr(), e.what());
    }
    try {
        g.send("s3");
    } catch (const StopIteration &e) {
        print("again StopIteration", e.valueRepr());
    }
    try {
        next(g);
    } catch (const StopIteration &e) {
        print("next after end", e.valueRepr());
    }
    print(g.finished());
}
} // namespace basics

// def worker():
//     print("start")
//     try:
//         while True:
//             try:
//                 job = yield "ready"
//                 print("job", job)
//             except ValueError as e:
//                 print("recovered", e)
//     finally:
//         print("cleanup")
// w = worker()
// print(next(w))
// print(w.send("a"))
// print(w.throw(ValueError("bad")))
// print(w.send("b"))
// w.close()
// print(w.gi_frame is None)
// w.close()
// try:
//     next(w)
// except StopIteration:
//     print("closed generator: StopIteration")
// -> start / ready / job a / ready / recovered bad / ready / job b / ready / cleanup / True /
//    closed generator: StopIteration
namespace worker {
Generator<std::string, std::string> worker()
{
    print("start");
    Finally cleanup([] { print("cleanup"); });
    while (true) {
        try {
            std::string job = co_yield "ready";
            print("job", job);
        } catch (const ValueError &e) {
            print("recovered", e.what());
        }
    }
}
void module()
{
    auto w = worker();
    print(next(w));
    print(w.send("a"));
    print(w.throw_(ValueError("bad")));
    print(w.send("b"));
    w.close();
    print(w.finished());
    w.close(); // closing a closed generator does nothing
    try {
        next(w);
    } catch (const StopIteration &) {
        print("closed generator: StopIteration");
    }
}
} // namespace worker

// def guarded():
//     try:
//         yield 1
//         yield 2
//     except BaseException:
//         print("cleanup")
//         raise
// g = guarded(); print(next(g)); g.close(); print("closed")
// def absorbing():
//     try:
//         yield 1
//     except GeneratorExit:
//         print("absorbing")
//     return "ignored"
// a = absorbing(); next(a); print(a.close())
// n = absorbing(); n.close(); print("never started closed", n.gi_frame is None)
// -> 1 / cleanup / closed / absorbing / None / never started closed True
namespace closing {
Generator<int> guarded()
{
    try {
        co_yield 1;
        co_yield 2;
    } catch (...) {
        print("cleanup");
        throw;
    }
}
Generator<int, None_t, std::string> absorbing()
{
    try {
        co_yield 1;
    } catch (const GeneratorExit &) {
        print("absorbing");
    }
    co_return "ignored";
}
void module()
{
    auto g = guarded();
    print(next(g));
    g.close();
    print("closed");
    auto a = absorbing();
    next(a);
    a.close();
    print("None");
    auto n = absorbing();
    n.close();
    print("never started closed", n.finished());
}
} // namespace closing

// def stubborn():
//     try:
//         yield 1
//     except GeneratorExit:
//         print("ignoring GeneratorExit")
//     yield 2
// g = stubborn()
// next(g)
// try:
//     g.close()
// except RuntimeError as e:
//     print("RuntimeError:", e)
// -> ignoring GeneratorExit / RuntimeError: generator ignored GeneratorExit
namespace ignoring {
Generator<int> stubborn()
{
    try {
        co_yield 1;
    } catch (const GeneratorExit &) {
        print("ignoring GeneratorExit");
    }
    co_yield 2;
}
void module()
{
    auto g = stubborn();
    next(g);
    try {
        g.close();
    } catch (const RuntimeError &e) {
        print("RuntimeError:", e.what());
    }
}
} // namespace ignoring

// def g():
//     yield 1
//     yield 2
// x = g()
// try:
//     x.throw(ValueError("early"))
// except ValueError as e:
//     print("raised at once", e)
// print(next(x, "exhausted"))
// def h():
//     try:
//         yield 1
//     except KeyError:
//         return "caught and returned"
// y = h(); next(y)
// try:
//     y.throw(KeyError("k"))
// except StopIteration as e:
//     print("StopIteration", e.value)
// def u():
//     yield 1
// z = u(); next(z)
// try:
//     z.throw(ValueError("uncaught"))
// except ValueError as e:
//     print("propagated", e)
// print(next(z, "done"))
// -> raised at once early / exhausted / StopIteration caught and returned / propagated uncaught / done
namespace throwing {
Generator<int> g()
{
    co_yield 1;
    co_yield 2;
}
Generator<int, None_t, std::string> h()
{
    try {
        co_yield 1;
    } catch (const KeyError &) {
        co_return "caught and returned";
    }
    co_return "not reached";
}
Generator<int> u()
{
    co_yield 1;
}
void module()
{
    auto x = g();
    try {
        x.throw_(ValueError("early"));
    } catch (const ValueError &e) {
        print("raised at once", e.what());
    }
    try {
        next(x);
    } catch (const StopIteration &) {
        print("exhausted");
    }
    auto y = h();
    next(y);
    try {
        y.throw_(KeyError("k"));
    } catch (const StopIteration &e) {
        print("StopIteration", e.value());
    }
    auto z = u();
    next(z);
    try {
        z.throw_(ValueError("uncaught"));
    } catch (const ValueError &e) {
        print("propagated", e.what());
    }
    try {
        next(z);
    } catch (const StopIteration &) {
        print("done");
    }
}
} // namespace throwing

// def sub():
//     x = yield "s1"
//     print("sub got", x)
//     yield "s2"
//     return "sub result"
// def outer():
//     r = yield from sub()
//     print("outer got", r)
//     yield "o1"
//     return "outer result"
// g = outer()
// print(next(g))
// print(g.send("hello"))
// print(next(g))
// try:
//     next(g)
// except StopIteration as e:
//     print("StopIteration", e.value)
// -> s1 / sub got hello / s2 / outer got sub result / o1 / StopIteration outer result
namespace delegation {
Generator<std::string, std::string, std::string> sub()
{
    std::string x = co_yield "s1";
    print("sub got", x);
    co_yield "s2";
    co_return "sub result";
}
Generator<std::string, std::string, std::string> outer()
{
    std::string r = co_yield yield_from(sub());
    print("outer got", r);
    co_yield "o1";
    co_return "outer result";
}
void module()
{
    auto g = outer();
    print(next(g));
    print(g.send("hello"));
    print(next(g));
    try {
        next(g);
    } catch (const StopIteration &e) {
        print("StopIteration", e.value());
    }
}

// def inner3():
//     yield 1
//     yield 2
//     return 3
// def chain():
//     r = yield from inner3()
//     yield r * 10
// for v in chain():
//     print(v)
// -> 1 / 2 / 30
Generator<int, None_t, int> inner3()
{
    co_yield 1;
    co_yield 2;
    co_return 3;
}
Generator<int> chain()
{
    int r = co_yield yield_from(inner3());
    co_yield r * 10;
}
void forLoop()
{
    for (int v : chain())
        print(v);
}
} // namespace delegation

// def my_generator():
//     x = yield 88
//     yield x.upper()
// gen = my_generator()
// print(next(gen))
// print(gen.send("foo"))
// -> 88 / FOO
namespace transfers {
using IntOrStr = std::variant<int, std::string>;
Generator<IntOrStr, std::string> my_generator()
{
    std::string x = co_yield 88;
    co_yield upper(x);
}
void module()
{
    auto gen = my_generator();
    print(next(gen));
    print(gen.send("foo"));
}

// A generator driven from inside a task runs on its own lane, nested in the task's slice.
Generator<int> numbers()
{
    co_yield 1;
    co_yield 2;
}
Task<> main()
{
    auto g = numbers();
    print(next(g));
    co_await sleep(1);
    print(next(g));
}
} // namespace transfers

// def g():
//     x = yield 1
//     print("got", x)
// x = g()
// try:
//     x.send("early")
// except TypeError as e:
//     print("TypeError:", e)
// print(x.send(None))
// try:
//     x.send("late")
// except StopIteration:
//     print("finished")
// try:
//     x.throw(ValueError("into finished"))
// except ValueError as e:
//     print("ValueError:", e)
// -> TypeError: can't send non-None value to a just-started generator / 1 / got late / finished /
//    ValueError: into finished
namespace misuse {
Generator<int, std::string> g()
{
    std::string x = co_yield 1;
    print("got", x);
}
void module()
{
    auto x = g();
    try {
        x.send("early");
    } catch (const TypeError &e) {
        print("TypeError:", e.what());
    }
    print(x.send(None));
    try {
        x.send("late");
    } catch (const StopIteration &) {
        print("finished");
    }
    try {
        x.throw_(ValueError("into finished"));
    } catch (const ValueError &e) {
        print("ValueError:", e.what());
    }
}
} // namespace misuse

// An exception the delegate does not handle comes out of the `yield from` in the delegating
// generator, which may handle it; close() unwinds both.
// def sub():
//     try:
//         yield 1
//         yield 2
//     finally:
//         print("sub cleanup")
// def outer():
//     try:
//         r = yield from sub()
//     except ValueError as e:
//         print("outer caught", e)
//         yield "recovered"
//     finally:
//         print("outer cleanup")
// g = outer(); print(next(g)); g.close(); print("closed")
// h = outer(); print(next(h)); print(h.throw(ValueError("boom"))); h.close(); print("closed")
// -> 1 / sub cleanup / outer cleanup / closed / 1 / sub cleanup / outer caught boom / recovered /
//    outer cleanup / closed
namespace delegatedthrow {
using Value = std::variant<int, std::string>;
Generator<Value, None_t> sub()
{
    Finally cleanup([] { print("sub cleanup"); });
    co_yield 1;
    co_yield 2;
}
Generator<Value, None_t> outer()
{
    Finally cleanup([] { print("outer cleanup"); });
    bool recovered = false;
    try {
        co_yield yield_from(sub());
    } catch (const ValueError &e) {
        print("outer caught", e.what());
        recovered = true;
    }
    if (recovered)
        co_yield std::string("recovered");
}
// def sub2():
//     try:
//         yield 1
//     except GeneratorExit:
//         print("sub absorbs")
//     return "sub done"
// def outer2():
//     try:
//         r = yield from sub2()
//         print("outer got", r)
//         yield 2
//     finally:
//         print("outer2 cleanup")
// g = outer2(); next(g); g.close(); print("closed")
// -> sub absorbs / outer2 cleanup / closed
Generator<int, None_t, std::string> sub2()
{
    try {
        co_yield 1;
    } catch (const GeneratorExit &) {
        print("sub absorbs");
    }
    co_return "sub done";
}
Generator<int, None_t> outer2()
{
    Finally cleanup([] { print("outer2 cleanup"); });
    std::string r = co_yield yield_from(sub2());
    print("outer got", r);
    co_yield 2;
}
void absorbed()
{
    auto g = outer2();
    next(g);
    g.close();
    print("closed");
}

void module()
{
    auto g = outer();
    print(next(g));
    g.close();
    print("closed");
    auto h = outer();
    print(next(h));
    print(h.throw_(ValueError("boom")));
    h.close();
    print("closed");
}
} // namespace delegatedthrow

} // namespace
} // namespace coroscope

class TestGenerator : public QObject
{
    Q_OBJECT
private slots:
    void nextSendAndStopIteration()
    {
        const auto r = runProgram(basics::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"1", "got s1", "2", "got s2", "StopIteration 'finished' finished",
                                        "again StopIteration None", "next after end None", "True"}));
        // The generator's lane ends with Done and its return value; the caller resumes with the
        // StopIteration. The later sends into the finished generator record nothing on its lane.
        const auto &t = r.trace;
        const auto gen = laneNamed(t, "counter()");
        QCOMPARE(t.lanes[gen].kind, LaneKind::Generator);
        QCOMPARE(t.lanes[gen].parent, laneNamed(t, "<module>"));
        const auto done = findEvent(t, EventKind::Done, gen);
        QCOMPARE(t.detail(t.events[done]), "'finished'");
        QCOMPARE(t.events[eventsOf(t, gen).back()].eventKind(), EventKind::Done);
        const auto resume = findEvent(t, EventKind::Resume, laneNamed(t, "<module>"), {}, done);
        QCOMPARE(t.events[resume].cause, done);
        QCOMPARE(t.detail(t.events[resume]), "StopIteration('finished')");
    }

    void throwCaughtInsideYieldsNextAndCloseRunsCleanup()
    {
        const auto r = runProgram(worker::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"start", "ready", "job a", "ready", "recovered bad", "ready", "job b", "ready",
                                        "cleanup", "True", "closed generator: StopIteration"}));
        const auto &t = r.trace;
        const auto gen = laneNamed(t, "worker()");
        const auto module = laneNamed(t, "<module>");
        QCOMPARE(story(t, module, {EventKind::Suspend}),
                 QStringList({"suspend next()", "suspend send('a')", "suspend throw(ValueError('bad'))",
                              "suspend send('b')", "suspend close()"}));
        QCOMPARE(story(t, gen, {EventKind::Start, EventKind::Resume, EventKind::Done, EventKind::Error}),
                 QStringList({"start", "resume 'a'", "resume ValueError('bad')", "resume 'b'", "resume GeneratorExit()",
                              "done closed"}));
        // The cleanup ran on the generator's lane, inside close().
        QCOMPARE(story(t, gen, {EventKind::Output}).last(), QString("output cleanup"));
    }

    void closeRunsCleanupAndAbsorbsGeneratorExit()
    {
        const auto r = runProgram(closing::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"1", "cleanup", "closed", "absorbing", "None", "never started closed True"}));
        // A generator closed before it started never ran: its lane has no Start.
        const auto &t = r.trace;
        std::vector<std::uint32_t> absorbing;
        for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
            if (std::string(t.laneName(i)) == "absorbing()")
                absorbing.push_back(i);
        QCOMPARE(absorbing.size(), std::size_t(2));
        QCOMPARE(story(t, absorbing[0], {EventKind::Start, EventKind::Done}), QStringList({"start", "done 'ignored'"}));
        QCOMPARE(story(t, absorbing[1]), QStringList({"create absorbing()"}));
    }

    void yieldingDuringCloseIsRuntimeError()
    {
        const auto r = runProgram(ignoring::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"ignoring GeneratorExit", "RuntimeError: generator ignored GeneratorExit"}));
    }

    void throwIntoGenerators()
    {
        const auto r = runProgram(throwing::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"raised at once early", "exhausted", "StopIteration caught and returned",
                                        "propagated uncaught", "done"}));
        const auto &t = r.trace;
        // g() never ran: throw() raised at once.
        QCOMPARE(story(t, laneNamed(t, "g()")), QStringList({"create g()"}));
        // u() ended with the exception; the caller resumed with it raised.
        const auto u = laneNamed(t, "u()");
        const auto err = findEvent(t, EventKind::Error, u);
        QCOMPARE(t.detail(t.events[err]), "ValueError: uncaught");
        const auto back = findEvent(t, EventKind::Resume, laneNamed(t, "<module>"), {}, err);
        QCOMPARE(t.events[back].cause, err);
        QCOMPARE(t.detail(t.events[back]), "raised ValueError: uncaught");
    }

    void yieldFromDelegatesAndReturnsValue()
    {
        const auto r = runProgram(delegation::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"s1", "sub got hello", "s2", "outer got sub result", "o1",
                                        "StopIteration outer result"}));
        // The sent value goes straight to the innermost generator; sub's Done carries its return
        // value and the outer generator continues from it.
        const auto &t = r.trace;
        const auto sub = laneNamed(t, "sub()");
        const auto outer = laneNamed(t, "outer()");
        QCOMPARE(t.lanes[sub].parent, outer);
        QCOMPARE(story(t, sub, {EventKind::Start, EventKind::Resume, EventKind::Done}),
                 QStringList({"start", "resume 'hello'", "resume None", "done 'sub result'"}));
        // (The first value passes through outer's lane on its way out, so "yield from sub()" may
        // show twice there; what counts is that outer waits in the yield from until sub is done.)
        const auto outerStory = story(t, outer, {EventKind::Suspend, EventKind::Done});
        QCOMPARE(outerStory.first(), QString("suspend yield from sub()"));
        QCOMPARE(outerStory.mid(outerStory.size() - 2), QStringList({"suspend yield 'o1'", "done 'outer result'"}));
        QCOMPARE(outerStory.count("suspend yield from sub()") + 2, outerStory.size());
        const auto subDone = findEvent(t, EventKind::Done, sub);
        const auto outerResume = findEvent(t, EventKind::Resume, outer, {}, subDone);
        QCOMPARE(t.events[outerResume].cause, subDone);
    }

    void rangeForOverDelegatingGenerator()
    {
        const auto r = runProgram(delegation::forLoop);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"1", "2", "30"}));
    }

    void transfersCarryReprsAndPointAtEachOther()
    {
        const auto r = runProgram(transfers::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"88", "FOO"}));
        const auto &t = r.trace;
        const auto gen = laneNamed(t, "my_generator()");
        const auto module = laneNamed(t, "<module>");
        QStringList got;
        for (auto seq : eventsOf(t, NoLane, {EventKind::Start, EventKind::Suspend, EventKind::Resume})) {
            const auto &e = t.events[seq];
            if (e.lane != gen && e.lane != module)
                continue;
            got << qs(t.laneName(e.lane)) + " " + qs(eventKindName(e.eventKind())) + " " + qs(t.detail(e));
        }
        QCOMPARE(got, QStringList({"<module> start ", "<module> suspend next()", "my_generator() start ",
                                   "my_generator() suspend yield 88", "<module> resume 88",
                                   "<module> suspend send('foo')", "my_generator() resume 'foo'",
                                   "my_generator() suspend yield 'FOO'", "<module> resume 'FOO'",
                                   // dropped while suspended at the end: finalized, as Python does
                                   "<module> suspend close() (finalized)", "my_generator() resume GeneratorExit()",
                                   "<module> resume None"}));
        // Each side's resumption names the other side's suspension (or end) as its cause: the arrows.
        for (auto seq : eventsOf(t, NoLane, {EventKind::Start, EventKind::Resume})) {
            const auto &e = t.events[seq];
            if (e.lane == gen) {
                QCOMPARE(t.events[e.cause].lane, module);
                QCOMPARE(t.events[e.cause].eventKind(), EventKind::Suspend);
            } else if (e.lane == module && e.cause != NoEvent) {
                QCOMPARE(t.events[e.cause].lane, gen);
                QVERIFY(t.events[e.cause].eventKind() == EventKind::Suspend
                        || t.events[e.cause].eventKind() == EventKind::Done);
            }
        }
        // The call sites are recorded: the caller's Suspend points into this file.
        const auto call = findEvent(t, EventKind::Suspend, module, "send('foo')");
        QVERIFY(t.locationText(t.events[call]).starts_with("tst_generator.cpp:"));
    }

    void generatorInsideTaskNestsInItsSlice()
    {
        const auto r = runProgram([] { run(transfers::main()); });
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"1", "2"}));
        const auto &t = r.trace;
        const auto gen = laneNamed(t, "numbers()");
        const auto main = laneNamed(t, "Task-1 main()");
        QCOMPARE(t.lanes[gen].parent, main);
        // While the generator runs it is the running lane; once it yields, the task is again.
        const auto start = findEvent(t, EventKind::Start, gen);
        QCOMPARE(loopStateAt(t, start).running, gen);
        // At its yield the generator stops, and the task's Resume that follows takes over.
        const auto yield1 = findEvent(t, EventKind::Suspend, gen);
        QVERIFY(loopStateAt(t, yield1).running != gen);
        QCOMPARE(t.events[yield1 + 1].cause, yield1);
        QCOMPARE(loopStateAt(t, yield1 + 1).running, main);
        const auto resume = findEvent(t, EventKind::Resume, gen);
        QCOMPARE(seconds(t, resume), 1.0);
        QCOMPARE(loopStateAt(t, resume).running, gen);
    }

    void sendBeforeStartAndThrowAfterEnd()
    {
        const auto r = runProgram(misuse::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"TypeError: can't send non-None value to a just-started generator", "1",
                                        "got late", "finished", "ValueError: into finished"}));
        // The refused send did not start the generator: its first Start comes from send(None).
        const auto &t = r.trace;
        const auto start = findEvent(t, EventKind::Start, laneNamed(t, "g()"));
        QCOMPARE(t.detail(t.events[t.events[start].cause]), "send(None)");
    }

    void closeReachesTheDelegatingGeneratorEvenWhenTheDelegateReturns()
    {
        const auto r = runProgram(delegatedthrow::absorbed);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"sub absorbs", "outer2 cleanup", "closed"}));
    }

    void throwAndCloseReachTheDelegatingGenerator()
    {
        const auto r = runProgram(delegatedthrow::module);
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(lines(r), QStringList({"1", "sub cleanup", "outer cleanup", "closed", "1", "sub cleanup",
                                        "outer caught boom", "recovered", "outer cleanup", "closed"}));
        // The hand-over goes from the delegate's end to the delegating generator, not to <module>:
        // sub's Error wakes outer at its `yield from` with the exception.
        const auto &t = r.trace;
        const auto err = findEvent(t, EventKind::Error);
        QCOMPARE(std::string(t.laneName(t.events[err].lane)), std::string("sub()"));
        QCOMPARE(t.detail(t.events[err]), "ValueError: boom");
        const auto &next = t.events[err + 1];
        QCOMPARE(std::string(t.laneName(next.lane)), std::string("outer()"));
        QCOMPARE(next.eventKind(), EventKind::Resume);
        QCOMPARE(next.cause, err);
        QCOMPARE(t.detail(next), "ValueError('boom')");
        for (const auto &row : story(t, laneNamed(t, "<module>"), {EventKind::Resume}))
            QVERIFY(!row.startsWith("resume raised"));
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
