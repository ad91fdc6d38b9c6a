#include "ProgramGenerator.h"

#include <algorithm>
#include <set>

namespace coroscope::difftest {

struct ProgramGenerator::Scope {
    std::vector<std::string> values; // r0, r1, ... (and e inside a handler)
    std::vector<std::string> tasks;  // t0, t1, ...
    int *nextValue;
    int *nextTask;
    bool inFunction;
    int fn; // -1: main
};

ProgramGenerator::ProgramGenerator(std::uint64_t seed)
    : m_random(seed)
{
}

Delay ProgramGenerator::delay()
{
    switch (below(8)) {
    case 0:
    case 1: return {0, true};
    case 2: return {0.1, false};
    case 3: return {0.2, false};
    case 4: return {0.5, false};
    case 5:
    case 6: return {1, true};
    default: return {1.0, false};
    }
}

std::optional<Delay> ProgramGenerator::timeout()
{
    switch (below(7)) {
    case 0:
    case 1: return std::nullopt;
    case 2: return Delay{0, true};
    case 3: return Delay{0.1, false};
    case 4: return Delay{0.2, false};
    case 5: return Delay{0.5, false};
    default: return Delay{1, true};
    }
}

Awaitable ProgramGenerator::call(int from)
{
    const int n = int(m_program->functions.size());
    Awaitable a;
    a.fn = from + 1 + int(below(std::uint64_t(n - from - 1)));
    a.arg = (long long)below(4);
    return a;
}

std::vector<Stmt> ProgramGenerator::block(int from, Scope &scope, int depth, int length)
{
    std::vector<Stmt> out;
    for (int i = 0; i < length; ++i)
        out.push_back(statement(from, scope, depth));
    return out;
}

Stmt ProgramGenerator::statement(int from, Scope &scope, int depth)
{
    const bool canCall = from + 1 < int(m_program->functions.size());
    const bool haveTask = !scope.tasks.empty();
    const bool nest = depth < 2;
    const std::string who = scope.fn < 0 ? std::string("main") : "f" + std::to_string(scope.fn);
    auto label = [&] { return who + "." + std::to_string(++m_counter); };
    auto anyTask = [&] { return scope.tasks[below(scope.tasks.size())]; };
    auto newValue = [&] { return "r" + std::to_string((*scope.nextValue)++); };
    auto newTask = [&] { return "t" + std::to_string((*scope.nextTask)++); };

    struct Choice {
        Op op;
        int weight;
        bool ok;
    };
    const Choice choices[] = {
        {Op::Print, 14, true},
        {Op::Sleep, 14, true},
        {Op::Call, 8, canCall},
        {Op::Spawn, 11, canCall},
        {Op::AwaitTask, 6, haveTask},
        {Op::Gather, 7, canCall || haveTask},
        {Op::Wait, 4, haveTask},
        {Op::WaitFor, 5, canCall || haveTask},
        {Op::Cancel, 5, haveTask},
        {Op::Try, 6, nest},
        {Op::Raise, 3, true},
        {Op::Return, 2, scope.inFunction},
        {Op::QueuePut, 3, bool(m_program->queue)},
        {Op::QueueGet, 3, bool(m_program->queue)},
        {Op::QueuePutNowait, 2, bool(m_program->queue)},
        {Op::LockBlock, 4, m_program->lock && nest},
        {Op::EventWait, 3, m_program->event},
        {Op::EventSet, 3, m_program->event},
        {Op::EventClear, 1, m_program->event},
        {Op::SemBlock, 4, m_program->semaphore > 0 && nest},
        {Op::TaskGroup, 4, canCall && nest},
        {Op::TimeoutBlock, 4, nest},
        {Op::Shield, 2, haveTask},
    };
    int total = 0;
    for (const auto &c : choices)
        total += c.ok ? c.weight : 0;
    int pick = int(below(std::uint64_t(total)));
    Op op = Op::Print;
    for (const auto &c : choices) {
        if (!c.ok)
            continue;
        if (pick < c.weight) {
            op = c.op;
            break;
        }
        pick -= c.weight;
    }

    Stmt s;
    s.op = op;
    switch (op) {
    case Op::Print: {
        s.args.push_back({Expr::Kind::Str, 0, label()});
        const int extra = int(below(3));
        for (int i = 0; i < extra; ++i) {
            const int kind = int(below(3));
            if (kind == 0 && !scope.values.empty())
                s.args.push_back({Expr::Kind::Var, 0, scope.values[below(scope.values.size())]});
            else if (kind == 1 && scope.inFunction)
                s.args.push_back({Expr::Kind::Param, 0, {}});
            else
                s.args.push_back({Expr::Kind::Int, (long long)below(10), {}});
        }
        break;
    }
    case Op::Sleep: s.delay = delay(); break;
    case Op::Call:
        s.item = call(from);
        s.target = newValue();
        break;
    case Op::Spawn:
        s.item = call(from);
        s.target = newTask();
        break;
    case Op::AwaitTask:
        s.task = anyTask();
        s.target = newValue();
        break;
    case Op::Gather: {
        const int n = 1 + int(below(3));
        for (int i = 0; i < n; ++i) {
            if (haveTask && (!canCall || chance(50))) {
                Awaitable a;
                a.task = anyTask();
                s.items.push_back(a);
            } else {
                s.items.push_back(call(from));
            }
        }
        s.flag = chance(50);
        s.target = newValue();
        break;
    }
    case Op::Wait: {
        const int n = 1 + int(below(3));
        for (int i = 0; i < n; ++i)
            s.tasks.push_back(anyTask());
        s.returnWhen = int(below(3));
        s.timeout = chance(50) ? timeout() : std::nullopt;
        break;
    }
    case Op::WaitFor:
        if (haveTask && (!canCall || chance(40)))
            s.item.task = anyTask();
        else
            s.item = call(from);
        s.timeout = timeout();
        s.target = newValue();
        break;
    case Op::Cancel:
        s.task = anyTask();
        if (chance(20))
            s.text = "stop";
        break;
    case Op::Try: {
        const int c = int(below(20));
        s.catches = c < 8 ? Catch::ValueError : c < 13 ? Catch::Exception : c < 17 ? Catch::CancelledError
                                                                                    : Catch::TimeoutError;
        Scope inner = scope;
        s.body = block(from, inner, depth + 1, 1 + int(below(3)));
        s.hasHandler = chance(85);
        s.hasFinally = !s.hasHandler || chance(35);
        if (s.hasHandler) {
            Scope handler = scope;
            handler.values.push_back("e");
            Stmt caught;
            caught.op = Op::Print;
            caught.args = {{Expr::Kind::Str, 0, label() + " caught"}, {Expr::Kind::Var, 0, "e"}};
            s.handler.push_back(caught);
            if (chance(30))
                s.handler.push_back(statement(from, handler, depth + 1));
            s.flag = chance(30);
        }
        if (s.hasFinally) {
            Scope fin = scope;
            Stmt note;
            note.op = Op::Print;
            note.args = {{Expr::Kind::Str, 0, label() + " finally"}};
            s.finally.push_back(note);
            if (chance(25))
                s.finally.push_back(statement(from, fin, depth + 1));
        }
        break;
    }
    case Op::Raise: s.text = label(); break;
    case Op::Return: {
        const int k = int(below(3));
        if (k == 0 && !scope.values.empty())
            s.args.push_back({Expr::Kind::Var, 0, scope.values[below(scope.values.size())]});
        else if (k == 1)
            s.args.push_back({Expr::Kind::Param, 0, {}});
        else
            s.args.push_back({Expr::Kind::Str, 0, who});
        break;
    }
    case Op::QueuePut:
    case Op::QueuePutNowait: s.args.push_back({Expr::Kind::Int, (long long)below(100), {}}); break;
    case Op::QueueGet: s.target = newValue(); break;
    case Op::LockBlock:
    case Op::SemBlock:
    case Op::TimeoutBlock: {
        Scope inner = scope;
        s.body = block(from, inner, depth + 1, 1 + int(below(3)));
        if (op == Op::TimeoutBlock)
            s.delay = delay();
        break;
    }
    case Op::TaskGroup: {
        const int n = 1 + int(below(3));
        for (int i = 0; i < n; ++i)
            s.items.push_back(call(from));
        Scope inner = scope;
        if (chance(60))
            s.body = block(from, inner, depth + 1, 1 + int(below(2)));
        break;
    }
    case Op::EventWait:
    case Op::EventSet:
    case Op::EventClear: break;
    case Op::Shield:
        s.task = anyTask();
        s.target = newValue();
        break;
    }
    if (!s.target.empty())
        (s.target[0] == 't' ? scope.tasks : scope.values).push_back(s.target);
    return s;
}

Program ProgramGenerator::next()
{
    Program p;
    m_program = &p;
    m_counter = 0;
    p.lock = chance(40);
    p.event = chance(35);
    p.semaphore = chance(30) ? 1 + int(below(2)) : 0;
    if (chance(35))
        p.queue = int(below(3));
    p.functions.resize(1 + below(4));
    for (int fn = int(p.functions.size()) - 1; fn >= 0; --fn) {
        int values = 0, tasks = 0;
        Scope scope{{}, {}, &values, &tasks, true, fn};
        p.functions[std::size_t(fn)].body = block(fn, scope, 0, 1 + int(below(5)));
    }
    int values = 0, tasks = 0;
    Scope scope{{}, {}, &values, &tasks, false, -1};
    p.main.body = block(-1, scope, 0, 2 + int(below(7)));
    m_program = nullptr;
    return p;
}

namespace {

struct Check {
    const Program &p;
    bool ok = true;

    void block(const std::vector<Stmt> &b, int fn, std::set<std::string> defined)
    {
        for (const auto &s : b)
            stmt(s, fn, defined);
    }
    bool callable(int fn, const Awaitable &a) const
    {
        return a.fn > fn && a.fn < int(p.functions.size());
    }
    void need(const std::set<std::string> &defined, const std::string &name)
    {
        if (!defined.count(name))
            ok = false;
    }
    void awaitable(const Awaitable &a, int fn, const std::set<std::string> &defined)
    {
        if (a.fn >= 0) {
            if (!callable(fn, a))
                ok = false;
        } else {
            need(defined, a.task);
        }
    }
    void stmt(const Stmt &s, int fn, std::set<std::string> &defined)
    {
        for (const auto &e : s.args) {
            if (e.kind == Expr::Kind::Var)
                need(defined, e.s);
            if (e.kind == Expr::Kind::Param && fn < 0)
                ok = false;
        }
        if (s.op == Op::Call || s.op == Op::Spawn || s.op == Op::WaitFor)
            awaitable(s.item, fn, defined);
        for (const auto &a : s.items)
            awaitable(a, fn, defined);
        if (s.op == Op::TaskGroup)
            for (const auto &a : s.items)
                if (a.fn < 0)
                    ok = false;
        for (const auto &t : s.tasks)
            need(defined, t);
        if (!s.task.empty())
            need(defined, s.task);
        if ((s.op == Op::Gather || s.op == Op::Wait) && s.items.empty() && s.tasks.empty())
            ok = false;
        if ((s.op == Op::LockBlock && !p.lock) || (s.op == Op::SemBlock && !p.semaphore)
            || ((s.op == Op::EventWait || s.op == Op::EventSet || s.op == Op::EventClear) && !p.event)
            || ((s.op == Op::QueuePut || s.op == Op::QueueGet || s.op == Op::QueuePutNowait) && !p.queue)
            || (s.op == Op::Return && fn < 0))
            ok = false;
        block(s.body, fn, defined);
        if (s.hasHandler) {
            auto h = defined;
            h.insert("e");
            block(s.handler, fn, h);
        }
        if (s.hasFinally)
            block(s.finally, fn, defined);
        if (s.op == Op::Try && !s.hasHandler && !s.hasFinally)
            ok = false;
        if (!s.target.empty())
            defined.insert(s.target);
    }
};

} // namespace

bool wellFormed(const Program &program)
{
    Check c{program};
    for (std::size_t fn = 0; fn < program.functions.size(); ++fn)
        c.block(program.functions[fn].body, int(fn), {});
    c.block(program.main.body, -1, {});
    return c.ok;
}

} // namespace coroscope::difftest
