// The differential tester on every build: the saved regression cases (each a minimal program that
// once made the runtimes diverge) and a few hundred random programs must run the same on the C++
// runtime and on CPython, printed lines and steps; a few dozen more must print under plain python3
// on the real clock what they print traced (the real-clock oracle). COROSCOPE_DIFFTEST_N / _SEED
// run another set.
#include "DiffTester.h"
#include "Interpreter.h"
#include "ProgramGenerator.h"
#include "PythonRenderer.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <cstdlib>

using namespace coroscope;
using namespace coroscope::difftest;

namespace {

Stmt print(const std::string &text, bool withParam = false)
{
    Stmt s;
    s.op = Op::Print;
    s.args = {{Expr::Kind::Str, 0, text}};
    if (withParam)
        s.args.push_back({Expr::Kind::Param, 0, {}});
    return s;
}

Stmt sleep(Delay d)
{
    Stmt s;
    s.op = Op::Sleep;
    s.delay = d;
    return s;
}

// f0(x): sleep(delay), print("f0", x); main: gather(f0(0), ..., f0(n-1)), print what it got.
Program gatherOfSleepers(int n, Delay delay)
{
    Program p;
    p.functions.resize(1);
    p.functions[0].body = {sleep(delay), print("f0", true)};
    Stmt gather;
    gather.op = Op::Gather;
    for (int i = 0; i < n; ++i)
        gather.items.push_back({0, i, {}});
    gather.target = "r0";
    Stmt show = print("got");
    show.args.push_back({Expr::Kind::Var, 0, "r0"});
    p.main.body = {gather, show};
    return p;
}

std::string describe(const std::vector<Verdict> &verdicts, std::size_t &divergent)
{
    std::string text;
    divergent = 0;
    for (const auto &v : verdicts) {
        if (v.same())
            continue;
        if (++divergent <= 3)
            text += "\n" + report(v);
    }
    return text;
}

} // namespace

class TestDiffTest : public QObject
{
    Q_OBJECT
private slots:
    // The generator is a function of its seed, and a program survives its JSON form.
    void generatorIsDeterministic()
    {
        ProgramGenerator a(7), b(7);
        for (int i = 0; i < 50; ++i) {
            auto p = a.next();
            auto q = b.next();
            QVERIFY(p == q);
            QVERIFY(wellFormed(p));
            auto back = Program::fromJson(QJsonDocument::fromJson(QJsonDocument(p.toJson()).toJson()).object());
            QVERIFY(back);
            QVERIFY(*back == p);
            QCOMPARE(renderPython(*back), renderPython(p));
        }
    }

    // A small program by hand: its Python source, and the C++ interpreter printing what CPython does.
    void rendersAndInterprets()
    {
        Program p;
        p.lock = true;
        p.functions.resize(1);
        Stmt hello;
        hello.op = Op::Print;
        hello.args = {{Expr::Kind::Str, 0, "f0"}, {Expr::Kind::Param, 0, {}}};
        Stmt nap;
        nap.op = Op::Sleep;
        nap.delay = {0.1, false};
        Stmt locked;
        locked.op = Op::LockBlock;
        locked.body = {nap};
        Stmt ret;
        ret.op = Op::Return;
        ret.args = {{Expr::Kind::Param, 0, {}}};
        p.functions[0].body = {hello, locked, ret};
        Stmt gather;
        gather.op = Op::Gather;
        gather.items = {{0, 1, {}}, {0, 2, {}}};
        gather.target = "r0";
        Stmt show;
        show.op = Op::Print;
        show.args = {{Expr::Kind::Str, 0, "got"}, {Expr::Kind::Var, 0, "r0"}};
        p.main.body = {gather, show};
        QVERIFY(wellFormed(p));
        const auto source = renderPython(p);
        QCOMPARE(QString::fromStdString(source), QStringLiteral("import asyncio\n"
                                                                "lock = asyncio.Lock()\n"
                                                                "async def f0(x):\n"
                                                                "    print(\"f0\", x)\n"
                                                                "    async with lock:\n"
                                                                "        await asyncio.sleep(0.1)\n"
                                                                "    return x\n"
                                                                "async def main():\n"
                                                                "    try:\n"
                                                                "        r0 = await asyncio.gather(f0(1), f0(2))\n"
                                                                "        print(\"got\", r0)\n"
                                                                "    except Exception as e:\n"
                                                                "        print(\"main caught\", repr(e))\n"
                                                                "asyncio.run(main())\n"));
        const auto r = interpret(p, "program.py");
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.output, (std::vector<std::string>{"f0 1", "f0 2", "got [1, 2]"}));
        const auto verdicts = runPrograms({p});
        QVERIFY2(verdicts[0].same(), report(verdicts[0]).c_str());
    }

    void regressionsStayFixed()
    {
        std::string error;
        const auto cases = loadRegressions(COROSCOPE_SOURCE_DIR "/tests/difftest/regressions", &error);
        QVERIFY2(error.empty(), error.c_str());
        if (cases.empty())
            QSKIP("no regression cases saved");
        // The real-clock cases also run plainly under python3, which they must still be admitted to.
        for (const bool real : {false, true}) {
            std::vector<Program> programs;
            std::vector<std::string> names;
            for (const auto &c : cases) {
                if (c.realClock == real) {
                    programs.push_back(c.program);
                    names.push_back(c.name);
                }
            }
            DiffOptions options;
            options.realClockEvery = real ? 1 : 0;
            const auto verdicts = runPrograms(programs, options);
            std::size_t divergent = 0;
            const auto text = describe(verdicts, divergent);
            QVERIFY2(divergent == 0, qPrintable(QStringLiteral("%1 of %2 regression cases diverge:%3")
                                                    .arg(divergent)
                                                    .arg(programs.size())
                                                    .arg(QString::fromStdString(text))));
            for (std::size_t i = 0; real && i < verdicts.size(); ++i) {
                const auto &r = verdicts[i].real;
                QVERIFY2(r.state != RealClockRun::State::Skipped,
                         qPrintable(QString::fromStdString(names[i] + " is no longer admitted: " + r.why)));
                if (r.state == RealClockRun::State::Unstable)
                    qWarning("%s: unstable under python3: %s", names[i].c_str(), r.why.c_str());
            }
        }
    }

    // The real-clock rendering: the same program, each nonzero delay and timeout in units.
    void rendersForTheRealClock()
    {
        Program p;
        p.functions.resize(1);
        Stmt waitFor;
        waitFor.op = Op::WaitFor;
        waitFor.item = {0, 1, {}};
        waitFor.timeout = Delay{0.5, false};
        waitFor.target = "r0";
        p.functions[0].body = {sleep({0, true}), sleep({0.1, false}), sleep({1, true}), sleep({1.0, false})};
        p.main.body = {waitFor};
        QCOMPARE(QString::fromStdString(renderRealClock(p, 0.05)),
                 QStringLiteral("import asyncio\n"
                                "UNIT = 0.05  # 0.1 s of the traced program\n"
                                "async def f0(x):\n"
                                "    await asyncio.sleep(0)\n"
                                "    await asyncio.sleep(UNIT)\n"
                                "    await asyncio.sleep(10 * UNIT)\n"
                                "    await asyncio.sleep(10 * UNIT)\n"
                                "async def main():\n"
                                "    try:\n"
                                "        r0 = await asyncio.wait_for(f0(1), timeout=5 * UNIT)\n"
                                "    except Exception as e:\n"
                                "        print(\"main caught\", repr(e))\n"
                                "asyncio.run(main())\n"));
        // The traced rendering is unchanged.
        QVERIFY(renderPython(p).find("UNIT") == std::string::npos);
    }

    // Ties: sleepers armed in turn with equal delays wake in turn, on both runtimes and under
    // python3 (heapq's sifting order printed f0 0, f0 2, f0 1, f0 3).
    void tiesWakeInArmingOrderOnTheRealClock()
    {
        DiffOptions options;
        options.realClockEvery = 1;
        const auto verdicts = runPrograms({gatherOfSleepers(4, {1, true}), gatherOfSleepers(6, {0.1, false})}, options);
        for (const auto &v : verdicts) {
            QVERIFY2(v.same(), report(v).c_str());
            QCOMPARE(int(v.real.state), int(RealClockRun::State::Agrees));
        }
        const std::vector<std::string> want = {"f0 0", "f0 1", "f0 2", "f0 3", "got [None, None, None, None]"};
        QCOMPARE(verdicts[0].py.result.output, want);
        QCOMPARE(verdicts[0].real.lines, want);
        QCOMPARE(verdicts[0].cpp.output, want);
    }

    // What jitter or a set's order could decide is left out: a timeout tied with a sleep, timers of
    // different delays meeting at one instant, a TaskGroup cancelling its tasks.
    void filterLeavesOutWhatJitterDecides()
    {
        Program timeoutTie = gatherOfSleepers(1, {1, true});
        timeoutTie.main.body[0].op = Op::WaitFor;
        timeoutTie.main.body[0].item = timeoutTie.main.body[0].items[0];
        timeoutTie.main.body[0].items.clear();
        timeoutTie.main.body[0].timeout = Delay{1, true};
        Program meeting = gatherOfSleepers(1, {0.5, false});
        meeting.functions[0].body.insert(meeting.functions[0].body.begin(), sleep({0.5, false}));
        Stmt spawn;
        spawn.op = Op::Spawn;
        spawn.item = {0, 7, {}};
        spawn.target = "t0";
        meeting.main.body.insert(meeting.main.body.begin(), {spawn, sleep({1, true}), print("main")});
        // A TaskGroup of two whose body raises cancels both (in a set's order under python3); one
        // whose tasks end by themselves is admitted.
        Program group = gatherOfSleepers(1, {0.1, false});
        Stmt tg;
        tg.op = Op::TaskGroup;
        tg.items = {{0, 0, {}}, {0, 1, {}}};
        Stmt raise;
        raise.op = Op::Raise;
        raise.text = "stop";
        tg.body = {sleep({0, true}), raise};
        group.main.body = {tg};
        Program calmGroup = group;
        calmGroup.main.body[0].body.clear();
        QVERIFY(wellFormed(timeoutTie) && wellFormed(meeting) && wellFormed(group) && wellFormed(calmGroup));
        DiffOptions options;
        options.realClockEvery = 1;
        const auto verdicts = runPrograms({timeoutTie, meeting, group, calmGroup}, options);
        for (const auto &v : verdicts)
            QVERIFY2(v.same(), report(v).c_str());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(int(verdicts[std::size_t(i)].real.state), int(RealClockRun::State::Skipped));
        QVERIFY2(verdicts[0].real.why.find("only sleeps may tie") != std::string::npos, verdicts[0].real.why.c_str());
        QVERIFY2(verdicts[1].real.why.find("armed at 0 s") != std::string::npos, verdicts[1].real.why.c_str());
        QVERIFY2(verdicts[2].real.why.find("TaskGroup of 2") != std::string::npos, verdicts[2].real.why.c_str());
        QCOMPARE(int(verdicts[3].real.state), int(RealClockRun::State::Agrees));
    }

    // A plain run differs in its lines, in how it ended, or by not ending.
    void plainRunsAreComparedByLinesAndExit()
    {
        ScriptRun traced;
        traced.result.output = {"a", "b"};
        PlainRun run;
        run.out = "a\nb\n";
        run.exitCode = 0;
        QVERIFY(plainDifference(run, traced).empty());
        run.out = "b\na\n";
        QCOMPARE(QString::fromStdString(plainDifference(run, traced)),
                 QStringLiteral("printed line 0: traced 'a', python3 'b'"));
        run.out = "a\nb\n";
        run.exitCode = 1;
        QVERIFY(!plainDifference(run, traced).empty());
        traced.result.error = "CancelledError";
        QVERIFY(plainDifference(run, traced).empty());
        run.timedOut = true;
        QVERIFY(!plainDifference(run, traced).empty());
    }

    // A few dozen random programs, every one drawn for the real clock.
    void realClockAgrees()
    {
        const char *nEnv = std::getenv("COROSCOPE_DIFFTEST_REAL_N");
        const int n = nEnv ? std::atoi(nEnv) : 64;
        ProgramGenerator generator(20261207);
        std::vector<Program> programs;
        for (int i = 0; i < n; ++i)
            programs.push_back(generator.next());
        DiffOptions options;
        options.realClockEvery = 1;
        QElapsedTimer timer;
        timer.start();
        const auto verdicts = runPrograms(std::move(programs), options);
        std::size_t divergent = 0, run = 0, unstable = 0;
        const auto text = describe(verdicts, divergent);
        for (const auto &v : verdicts) {
            run += v.real.state != RealClockRun::State::Skipped;
            if (v.real.state == RealClockRun::State::Unstable) {
                ++unstable;
                qWarning("unstable under python3, not counted:\n%s", report(v).c_str());
            }
        }
        qInfo("%d programs, %zu run plainly under python3 on the real clock, %zu unstable, %zu divergences, %.1f s",
              n, run, unstable, divergent, double(timer.elapsed()) / 1000);
        QVERIFY2(run >= std::size_t(n) / 3, "the filter left out more than two thirds of the programs");
        QVERIFY2(divergent == 0, qPrintable(QStringLiteral("%1 of %2 programs diverge:%3")
                                                .arg(divergent)
                                                .arg(n)
                                                .arg(QString::fromStdString(text))));
    }

    void randomProgramsAgree()
    {
        const char *nEnv = std::getenv("COROSCOPE_DIFFTEST_N");
        const char *seedEnv = std::getenv("COROSCOPE_DIFFTEST_SEED");
        const int n = nEnv ? std::atoi(nEnv) : 300;
        const auto seed = seedEnv ? std::strtoull(seedEnv, nullptr, 10) : 20241201ull;
        ProgramGenerator generator(seed);
        std::vector<Program> programs;
        for (int i = 0; i < n; ++i)
            programs.push_back(generator.next());
        QElapsedTimer timer;
        timer.start();
        const auto verdicts = runPrograms(std::move(programs));
        std::size_t divergent = 0;
        const auto text = describe(verdicts, divergent);
        qInfo("%d programs from seed %llu, %zu divergences, %.1f s", n, (unsigned long long)seed, divergent,
              double(timer.elapsed()) / 1000);
        QVERIFY2(divergent == 0, qPrintable(QStringLiteral("%1 of %2 programs diverge (run coroscope-difftest %2 %3 "
                                                           "to shrink them):%4")
                                                .arg(divergent)
                                                .arg(n)
                                                .arg(seed)
                                                .arg(QString::fromStdString(text))));
    }
};

QTEST_GUILESS_MAIN(TestDiffTest)
#include "tst_difftest.moc"
