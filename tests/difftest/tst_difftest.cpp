// The differential tester on every build: the saved regression cases (each a minimal program that
// once made the runtimes diverge) and a few hundred random programs must run the same on the C++
// runtime and on CPython, printed lines and steps. COROSCOPE_DIFFTEST_N / _SEED run another set.
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
        std::vector<Program> programs;
        for (const auto &c : cases)
            programs.push_back(c.program);
        const auto verdicts = runPrograms(programs);
        std::size_t divergent = 0;
        const auto text = describe(verdicts, divergent);
        QVERIFY2(divergent == 0, qPrintable(QStringLiteral("%1 of %2 regression cases diverge:%3")
                                                .arg(divergent)
                                                .arg(cases.size())
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
