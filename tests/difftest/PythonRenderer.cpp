#include "PythonRenderer.h"

#include "runtime/Repr.h"

#include <fmt/format.h>

#include <cmath>

namespace coroscope::difftest {

namespace {

class Writer
{
public:
    std::string text;
    int line = 0;    // the last line written
    double unit = 0; // > 0: a real-clock rendering, each 0.1 s of a delay written as one UNIT

    std::string delay(const Delay &d) const
    {
        if (unit <= 0 || d.seconds == 0)
            return delayText(d);
        const long long units = std::llround(d.seconds / kNominalUnit);
        return units == 1 ? std::string("UNIT") : fmt::format("{} * UNIT", units);
    }
    std::string timeout(const std::optional<Delay> &t) const { return t ? delay(*t) : std::string("None"); }

    int put(int indent, const std::string &code)
    {
        text += std::string(std::size_t(indent) * 4, ' ') + code + "\n";
        return ++line;
    }
};

std::string quoted(const std::string &s)
{
    return "\"" + s + "\""; // the generator's strings need no escapes
}

std::string expr(const Expr &e)
{
    switch (e.kind) {
    case Expr::Kind::Int: return std::to_string(e.i);
    case Expr::Kind::Str: return quoted(e.s);
    case Expr::Kind::Var: return e.s;
    case Expr::Kind::Param: return "x";
    }
    return "None";
}

std::string awaitable(const Awaitable &a)
{
    return a.fn >= 0 ? fmt::format("f{}({})", a.fn, a.arg) : a.task;
}

const char *catchText(Catch c)
{
    switch (c) {
    case Catch::ValueError: return "ValueError";
    case Catch::CancelledError: return "asyncio.CancelledError";
    case Catch::Exception: return "Exception";
    case Catch::TimeoutError: return "TimeoutError";
    }
    return "Exception";
}

void block(Writer &w, int indent, std::vector<Stmt> &body);

void stmt(Writer &w, int indent, Stmt &s)
{
    auto assign = [&](const std::string &value) { return s.target.empty() ? value : s.target + " = " + value; };
    switch (s.op) {
    case Op::Print: {
        std::string args;
        for (std::size_t i = 0; i < s.args.size(); ++i)
            args += (i ? ", " : "") + expr(s.args[i]);
        s.line = w.put(indent, "print(" + args + ")");
        break;
    }
    case Op::Sleep: s.line = w.put(indent, "await asyncio.sleep(" + w.delay(s.delay) + ")"); break;
    case Op::Call: s.line = w.put(indent, assign("await " + awaitable(s.item))); break;
    case Op::Spawn: s.line = w.put(indent, assign("asyncio.create_task(" + awaitable(s.item) + ")")); break;
    case Op::AwaitTask: s.line = w.put(indent, assign("await " + s.task)); break;
    case Op::Gather: {
        std::string items;
        for (std::size_t i = 0; i < s.items.size(); ++i)
            items += (i ? ", " : "") + awaitable(s.items[i]);
        if (s.flag)
            items += ", return_exceptions=True";
        s.line = w.put(indent, assign("await asyncio.gather(" + items + ")"));
        break;
    }
    case Op::Wait: {
        static const char *whens[] = {"ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"};
        std::string tasks;
        for (std::size_t i = 0; i < s.tasks.size(); ++i)
            tasks += (i ? ", " : "") + s.tasks[i];
        s.line = w.put(indent, fmt::format("done, pending = await asyncio.wait([{}], return_when=asyncio.{}, timeout={})",
                                            tasks, whens[s.returnWhen], w.timeout(s.timeout)));
        s.line2 = w.put(indent, "print(\"wait\", len(done), len(pending))");
        break;
    }
    case Op::WaitFor:
        s.line = w.put(indent, assign(fmt::format("await asyncio.wait_for({}, timeout={})", awaitable(s.item),
                                                   w.timeout(s.timeout))));
        break;
    case Op::Cancel:
        s.line = w.put(indent, s.task + ".cancel(" + (s.text.empty() ? "" : quoted(s.text)) + ")");
        break;
    case Op::Try:
        s.line = w.put(indent, "try:");
        block(w, indent + 1, s.body);
        if (s.hasHandler) {
            w.put(indent, fmt::format("except {} as e:", catchText(s.catches)));
            block(w, indent + 1, s.handler);
            if (s.flag)
                w.put(indent + 1, "raise");
        }
        if (s.hasFinally) {
            w.put(indent, "finally:");
            block(w, indent + 1, s.finally);
        }
        break;
    case Op::Raise: s.line = w.put(indent, "raise ValueError(" + quoted(s.text) + ")"); break;
    case Op::Return: s.line = w.put(indent, "return " + expr(s.args.at(0))); break;
    case Op::QueuePut: s.line = w.put(indent, "await q.put(" + expr(s.args.at(0)) + ")"); break;
    case Op::QueueGet: s.line = w.put(indent, assign("await q.get()")); break;
    case Op::QueuePutNowait: s.line = w.put(indent, "q.put_nowait(" + expr(s.args.at(0)) + ")"); break;
    case Op::LockBlock:
        s.line = w.put(indent, "async with lock:");
        block(w, indent + 1, s.body);
        break;
    case Op::EventWait: s.line = w.put(indent, "await ev.wait()"); break;
    case Op::EventSet: s.line = w.put(indent, "ev.set()"); break;
    case Op::EventClear: s.line = w.put(indent, "ev.clear()"); break;
    case Op::SemBlock:
        s.line = w.put(indent, "async with sem:");
        block(w, indent + 1, s.body);
        break;
    case Op::TaskGroup: {
        w.put(indent, "try:");
        s.line = w.put(indent + 1, "async with asyncio.TaskGroup() as tg:");
        for (auto &item : s.items)
            w.put(indent + 2, "tg.create_task(" + awaitable(item) + ")");
        block(w, indent + 2, s.body);
        w.put(indent, "except* ValueError as eg:");
        s.line2 = w.put(indent + 1, "print(\"group\", eg.exceptions)");
        break;
    }
    case Op::TimeoutBlock:
        w.put(indent, "try:");
        s.line = w.put(indent + 1, "async with asyncio.timeout(" + w.delay(s.delay) + "):");
        block(w, indent + 2, s.body);
        w.put(indent, "except TimeoutError:");
        s.line2 = w.put(indent + 1, "print(\"timeout\")");
        break;
    case Op::Shield: s.line = w.put(indent, assign("await asyncio.shield(" + s.task + ")")); break;
    }
}

void block(Writer &w, int indent, std::vector<Stmt> &body)
{
    if (body.empty()) {
        w.put(indent, "pass");
        return;
    }
    for (auto &s : body)
        stmt(w, indent, s);
}

std::string render(Program &p, double unit)
{
    Writer w;
    w.unit = unit;
    w.put(0, "import asyncio");
    if (unit > 0)
        w.put(0, fmt::format("UNIT = {}  # 0.1 s of the traced program", reprDouble(unit)));
    if (p.lock)
        w.put(0, "lock = asyncio.Lock()");
    if (p.event)
        w.put(0, "ev = asyncio.Event()");
    if (p.semaphore)
        w.put(0, fmt::format("sem = asyncio.Semaphore({})", p.semaphore));
    if (p.queue)
        w.put(0, fmt::format("q = asyncio.Queue(maxsize={})", *p.queue));
    for (std::size_t i = 0; i < p.functions.size(); ++i) {
        w.put(0, fmt::format("async def f{}(x):", i));
        block(w, 1, p.functions[i].body);
    }
    w.put(0, "async def main():");
    w.put(1, "try:");
    block(w, 2, p.main.body);
    w.put(1, "except Exception as e:");
    w.put(2, "print(\"main caught\", repr(e))");
    w.put(0, "asyncio.run(main())");
    return w.text;
}

} // namespace

std::string renderPython(Program &p)
{
    return render(p, 0);
}

std::string renderRealClock(const Program &program, double unit)
{
    Program copy = program;
    return render(copy, unit);
}

MainLines mainLines(const Program &p)
{
    // Module-level lines come first, in the order renderPython writes them.
    MainLines m;
    int line = 1;
    if (p.lock)
        m.lock = ++line;
    if (p.event)
        m.event = ++line;
    if (p.semaphore)
        m.semaphore = ++line;
    if (p.queue)
        m.queue = ++line;
    (void)line;
    // main's handler and asyncio.run are the last lines: count them from the rendering.
    Program copy = p;
    const std::string text = renderPython(copy);
    int total = 0;
    for (char c : text)
        total += c == '\n';
    m.run = total;
    m.handler = total - 1;
    return m;
}

} // namespace coroscope::difftest
