#include "Interpreter.h"

#include "PythonRenderer.h"

#include "runtime/Asyncio.h"

#include <map>
#include <optional>

namespace coroscope::difftest {

std::string Value::repr() const
{
    switch (kind) {
    case Kind::None: return "None";
    case Kind::Int: return std::to_string(i);
    case Kind::Str: return reprString(s);
    case Kind::List: {
        std::string out = "[";
        for (std::size_t k = 0; k < items.size(); ++k)
            out += (k ? ", " : "") + items[k].repr();
        return out + "]";
    }
    case Kind::Exc: return reprException(error);
    }
    return "None";
}

std::string Value::str() const
{
    switch (kind) {
    case Kind::Str: return s;
    case Kind::Exc: return strException(error);
    default: return repr();
    }
}

namespace {

// What each interpreted coroutine reports as its function (the runtime names coroutines from it):
// "f2()", "main()", as the Python functions are named.
constexpr const char *kFunctionNames[] = {
    "coroscope::Task<Value> f0()",  "coroscope::Task<Value> f1()",  "coroscope::Task<Value> f2()",
    "coroscope::Task<Value> f3()",  "coroscope::Task<Value> f4()",  "coroscope::Task<Value> f5()",
    "coroscope::Task<Value> f6()",  "coroscope::Task<Value> f7()",  "coroscope::Task<Value> f8()",
    "coroscope::Task<Value> f9()",  "coroscope::Task<Value> f10()", "coroscope::Task<Value> f11()",
    "coroscope::Task<Value> f12()", "coroscope::Task<Value> f13()", "coroscope::Task<Value> f14()",
    "coroscope::Task<Value> f15()"};
constexpr const char *kMainName = "coroscope::Task<Value> main()";

template<class T>
Task<T> named(Task<T> task, const char *function)
{
    task.handle().promise().function = function;
    return task;
}

// "The statement on `line` runs now on this lane": every event recorded at the interpreter's own
// code is pointed afterwards at the latest line marked on its lane.
struct LineMark {
    std::uint32_t seq;
    std::uint32_t lane;
    int line;
};

struct World {
    const Program &program;
    asyncio::Lock *lock = nullptr;
    asyncio::Event *event = nullptr;
    asyncio::Semaphore *semaphore = nullptr;
    Queue<Value> *queue = nullptr;
    std::vector<LineMark> marks;

    void mark(int line)
    {
        auto &rt = Runtime::current();
        marks.push_back({std::uint32_t(rt.recorder().trace().events.size()), rt.currentLane(), line});
    }
};

// Marks a block's header line again when the block's body is left (its __aexit__ is entered there).
struct Remark {
    World &w;
    int line;
    ~Remark() { w.mark(line); }
};

struct Frame {
    long long x = 0;
    std::map<std::string, Value> vars;
    std::map<std::string, Future<Value>> tasks;
    bool returned = false;
    Value result;
};

Value eval(const Expr &e, const Frame &f)
{
    switch (e.kind) {
    case Expr::Kind::Int: return Value::integer(e.i);
    case Expr::Kind::Str: return Value::string(e.s);
    case Expr::Kind::Var: return f.vars.at(e.s);
    case Expr::Kind::Param: return Value::integer(f.x);
    }
    return {};
}

Number number(const Delay &d)
{
    return d.integral ? Number((long long)d.seconds) : Number(d.seconds);
}

std::optional<double> seconds(const std::optional<Delay> &d)
{
    return d ? std::optional<double>(d->seconds) : std::nullopt;
}

Task<Value> callFunction(World &w, int fn, long long arg);

Task<> runBlock(World &w, const std::vector<Stmt> &block, Frame &f);

Task<Value> functionBody(World &w, int fn, long long arg)
{
    Frame f;
    f.x = arg;
    co_await coroscope::detail::unrecorded(runBlock(w, w.program.functions[std::size_t(fn)].body, f));
    co_return f.returned ? f.result : Value(); // falling off the end returns None
}

Task<Value> callFunction(World &w, int fn, long long arg)
{
    return named(functionBody(w, fn, arg), kFunctionNames[fn]);
}

Future<Value> futureOf(World &w, const Awaitable &a, Frame &f)
{
    if (a.fn >= 0)
        return create_task(callFunction(w, a.fn, a.arg));
    return f.tasks.at(a.task);
}

bool catches(const std::exception_ptr &e, Catch what)
{
    try {
        std::rethrow_exception(e);
    } catch (const ValueError &) {
        return what == Catch::ValueError || what == Catch::Exception;
    } catch (const TimeoutError &) {
        return what == Catch::TimeoutError || what == Catch::Exception;
    } catch (const CancelledError &) {
        return what == Catch::CancelledError;
    } catch (const Exception &) {
        return what == Catch::Exception;
    } catch (...) {
        return false;
    }
}

Task<> runTry(World &w, const Stmt &s, Frame &f)
{
    std::exception_ptr error;
    try {
        co_await coroscope::detail::unrecorded(runBlock(w, s.body, f));
    } catch (...) {
        error = std::current_exception();
    }
    if (error && s.hasHandler && catches(error, s.catches)) {
        f.vars["e"] = Value::exception(error);
        std::exception_ptr raised;
        try {
            co_await coroscope::detail::unrecorded(runBlock(w, s.handler, f));
            if (s.flag && !f.returned)
                raised = error; // a bare `raise`: the same exception again
        } catch (...) {
            raised = std::current_exception();
        }
        f.vars.erase("e"); // Python deletes `e` at the end of its handler
        error = raised;
    }
    if (s.hasFinally) {
        const bool returning = f.returned;
        f.returned = false;
        std::exception_ptr raised;
        try {
            co_await coroscope::detail::unrecorded(runBlock(w, s.finally, f));
        } catch (...) {
            raised = std::current_exception();
        }
        if (raised)
            error = raised;
        else if (f.returned)
            error = nullptr; // a return in `finally` discards the exception
        else
            f.returned = returning;
    }
    if (error)
        std::rethrow_exception(error);
}

Task<> runStmt(World &w, const Stmt &s, Frame &f)
{
    auto assign = [&](Value v) {
        if (!s.target.empty())
            f.vars[s.target] = std::move(v);
    };
    switch (s.op) {
    case Op::Print: {
        std::string text;
        for (std::size_t i = 0; i < s.args.size(); ++i)
            text += (i ? " " : "") + eval(s.args[i], f).str();
        w.mark(s.line);
        print(text);
        break;
    }
    case Op::Sleep:
        w.mark(s.line);
        co_await sleep(number(s.delay));
        break;
    case Op::Call: {
        w.mark(s.line);
        Value v = co_await callFunction(w, s.item.fn, s.item.arg);
        assign(std::move(v));
        break;
    }
    case Op::Spawn:
        w.mark(s.line);
        f.tasks[s.target] = create_task(callFunction(w, s.item.fn, s.item.arg));
        break;
    case Op::AwaitTask: {
        w.mark(s.line);
        auto task = f.tasks.at(s.task);
        Value v = co_await task;
        assign(std::move(v));
        break;
    }
    case Op::Gather: {
        w.mark(s.line);
        // The coroutines become tasks inside gather(), in their turn among the futures.
        std::vector<GatherArg<Value>> fs;
        for (const auto &item : s.items) {
            if (item.fn >= 0)
                fs.emplace_back(callFunction(w, item.fn, item.arg));
            else
                fs.emplace_back(f.tasks.at(item.task));
        }
        Value list;
        list.kind = Value::Kind::List;
        if (s.flag) {
            auto outcomes = co_await gather(return_exceptions, std::move(fs));
            for (auto &o : outcomes)
                list.items.push_back(o.ok() ? *o : Value::exception(o.error));
        } else {
            auto values = co_await gather(std::move(fs));
            list.items = std::move(values);
        }
        assign(std::move(list));
        break;
    }
    case Op::Wait: {
        w.mark(s.line);
        std::vector<Future<Value>> fs;
        for (const auto &t : s.tasks)
            fs.push_back(f.tasks.at(t));
        static constexpr ReturnWhen whens[] = {ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION};
        auto result = co_await wait(fs, whens[s.returnWhen], seconds(s.timeout));
        w.mark(s.line2);
        print("wait", int(result.done.size()), int(result.pending.size()));
        break;
    }
    case Op::WaitFor: {
        w.mark(s.line);
        Value v;
        if (s.item.fn >= 0)
            v = co_await wait_for(callFunction(w, s.item.fn, s.item.arg), seconds(s.timeout));
        else
            v = co_await wait_for(f.tasks.at(s.item.task), seconds(s.timeout));
        assign(std::move(v));
        break;
    }
    case Op::Cancel:
        w.mark(s.line);
        f.tasks.at(s.task).cancel(s.text);
        break;
    case Op::Try:
        co_await coroscope::detail::unrecorded(runTry(w, s, f));
        break;
    case Op::Raise:
        w.mark(s.line);
        throw ValueError(s.text);
    case Op::Return:
        f.result = eval(s.args.at(0), f);
        f.returned = true;
        break;
    case Op::QueuePut:
        w.mark(s.line);
        co_await w.queue->put(eval(s.args.at(0), f));
        break;
    case Op::QueueGet: {
        w.mark(s.line);
        Value v = co_await w.queue->get();
        assign(std::move(v));
        break;
    }
    case Op::QueuePutNowait:
        w.mark(s.line);
        w.queue->put_nowait(eval(s.args.at(0), f));
        break;
    case Op::LockBlock:
    case Op::SemBlock: {
        w.mark(s.line);
        auto body = [&]() -> Task<> {
            Remark remark{w, s.line};
            co_await coroscope::detail::unrecorded(runBlock(w, s.body, f));
        };
        if (s.op == Op::LockBlock)
            co_await async_with(*w.lock, body);
        else
            co_await async_with(*w.semaphore, body);
        break;
    }
    case Op::EventWait:
        w.mark(s.line);
        co_await w.event->wait();
        break;
    case Op::EventSet:
        w.mark(s.line);
        w.event->set();
        break;
    case Op::EventClear:
        w.mark(s.line);
        w.event->clear();
        break;
    case Op::TaskGroup: {
        w.mark(s.line);
        std::exception_ptr group;
        try {
            co_await async_with(TaskGroup(), [&](TaskGroup &tg) -> Task<> {
                Remark remark{w, s.line};
                for (const auto &item : s.items)
                    tg.create_task(callFunction(w, item.fn, item.arg));
                co_await coroscope::detail::unrecorded(runBlock(w, s.body, f));
            });
        } catch (const ExceptionGroup &) {
            group = std::current_exception();
            f.returned = false; // __aexit__ raised: a `return` in the block is abandoned
        }
        if (group) {
            try {
                std::rethrow_exception(group);
            } catch (const ExceptionGroup &eg) {
                except_star<ValueError>(eg, [&](const ExceptionGroup &match) {
                    w.mark(s.line2);
                    print("group " + match.exceptionsRepr());
                });
            }
        }
        break;
    }
    case Op::TimeoutBlock: {
        w.mark(s.line);
        bool expired = false;
        try {
            co_await async_with(timeout(number(s.delay).value()), [&]() -> Task<> {
                Remark remark{w, s.line};
                co_await coroscope::detail::unrecorded(runBlock(w, s.body, f));
            });
        } catch (const TimeoutError &) {
            expired = true;
            f.returned = false;
        }
        if (expired) {
            w.mark(s.line2);
            print("timeout");
        }
        break;
    }
    case Op::Shield: {
        w.mark(s.line);
        Value v = co_await shield(f.tasks.at(s.task));
        assign(std::move(v));
        break;
    }
    }
}

Task<> runBlock(World &w, const std::vector<Stmt> &block, Frame &f)
{
    for (const Stmt &s : block) {
        if (f.returned)
            break;
        try {
            co_await coroscope::detail::unrecorded(runStmt(w, s, f));
        } catch (...) {
            f.returned = false; // an exception raised on the way out (a finally, an __aexit__) replaces a return
            throw;
        }
    }
}

Task<Value> mainBody(World &w, int handlerLine)
{
    Frame f;
    std::exception_ptr error;
    try {
        co_await coroscope::detail::unrecorded(runBlock(w, w.program.main.body, f));
    } catch (const Exception &) {
        error = std::current_exception();
    }
    if (error) {
        w.mark(handlerLine);
        print("main caught " + reprException(error));
    }
    co_return Value::none();
}

std::string_view baseName(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// Points every event recorded at this file's code at the Python line marked last on its lane.
void pointAtPython(Trace &t, const std::vector<LineMark> &marks, const std::string &pythonFile)
{
    const auto self = baseName(__FILE__);
    std::vector<char> ours(t.locations.size());
    for (std::size_t i = 0; i < t.locations.size(); ++i)
        ours[i] = i != 0 && baseName(t.strings.at(t.locations[i].file)) == self;
    const auto fileId = t.strings.intern(pythonFile);
    std::map<int, std::uint32_t> idOfLine;
    std::vector<int> laneLine(t.lanes.size(), 0);
    std::size_t m = 0;
    for (std::uint32_t seq = 0; seq < t.events.size(); ++seq) {
        while (m < marks.size() && marks[m].seq <= seq) {
            if (marks[m].lane < laneLine.size())
                laneLine[marks[m].lane] = marks[m].line;
            ++m;
        }
        Event &e = t.events[seq];
        if (e.loc == 0 || e.loc >= ours.size() || !ours[e.loc])
            continue;
        const int line = e.lane < laneLine.size() ? laneLine[e.lane] : 0;
        auto it = idOfLine.find(line);
        if (it == idOfLine.end()) {
            t.locations.push_back({fileId, std::uint32_t(line)});
            it = idOfLine.emplace(line, std::uint32_t(t.locations.size() - 1)).first;
        }
        e.loc = it->second;
    }
}

} // namespace

RunResult interpret(const Program &program, const std::string &pythonFile, std::uint64_t eventBudget)
{
    World w{program};
    const MainLines lines = mainLines(program);
    RunOptions options;
    options.eventBudget = eventBudget;
    RunResult r = runProgram(
        [&] {
            std::optional<asyncio::Lock> lock;
            std::optional<asyncio::Event> event;
            std::optional<asyncio::Semaphore> semaphore;
            std::optional<Queue<Value>> queue;
            if (program.lock) {
                w.mark(lines.lock);
                w.lock = &lock.emplace();
            }
            if (program.event) {
                w.mark(lines.event);
                w.event = &event.emplace();
            }
            if (program.semaphore) {
                w.mark(lines.semaphore);
                w.semaphore = &semaphore.emplace(program.semaphore);
            }
            if (program.queue) {
                w.mark(lines.queue);
                w.queue = &queue.emplace(std::size_t(*program.queue));
            }
            w.mark(lines.run);
            run(named(mainBody(w, lines.handler), kMainName));
        },
        options);
    pointAtPython(r.trace, w.marks, pythonFile);
    return r;
}

} // namespace coroscope::difftest
