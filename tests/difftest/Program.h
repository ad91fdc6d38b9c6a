// A random asyncio program of the differential tester, as a tree: rendered as Python source for
// CPython (PythonRenderer) and run by an interpreter on the C++ runtime (Interpreter), so that the
// same description runs on both without compiling anything per program.
#pragma once

#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

namespace coroscope::difftest {

// A delay as the program writes it: sleep(0) and sleep(1) are ints, sleep(0.1) a float.
struct Delay {
    double seconds = 0;
    bool integral = true;
    bool operator==(const Delay &) const = default;
};
// "0", "1", "0.1", "1.0": the delay as Python source writes it.
std::string delayText(const Delay &d);

// An argument of print() or a value a function returns: a literal or a variable of the function.
struct Expr {
    enum class Kind { Int, Str, Var, Param };
    Kind kind = Kind::Int;
    long long i = 0;
    std::string s; // the string, or the variable's name
    bool operator==(const Expr &) const = default;
};

// What a gather / wait / wait_for is given: a call of a function (a coroutine) or a task variable.
struct Awaitable {
    int fn = -1;      // call fn(arg), when >= 0
    long long arg = 0;
    std::string task; // else this task variable
    bool operator==(const Awaitable &) const = default;
};

enum class Op {
    Print,      // print(args...)
    Sleep,      // await asyncio.sleep(delay)
    Call,       // target = await f(arg)
    Spawn,      // target = asyncio.create_task(f(arg))
    AwaitTask,  // target = await task
    Gather,     // target = await asyncio.gather(items..., return_exceptions=flag)
    Wait,       // done, pending = await asyncio.wait([tasks...], return_when=..., timeout=...); print the counts
    WaitFor,    // target = await asyncio.wait_for(item, timeout=...)
    Cancel,     // task.cancel()
    Try,        // try: body / except <catch> as e: handler / finally: finally
    Raise,      // raise ValueError(text)
    Return,     // return value
    QueuePut,   // await q.put(value)
    QueueGet,   // target = await q.get()
    QueuePutNowait, // q.put_nowait(value) (QueueFull if full)
    LockBlock,  // async with lock: body
    EventWait,  // await ev.wait()
    EventSet,   // ev.set()
    EventClear, // ev.clear()
    SemBlock,   // async with sem: body
    TaskGroup,  // try: async with asyncio.TaskGroup() as tg: <spawns in tg>, body / except* ValueError as eg: print
    TimeoutBlock, // try: async with asyncio.timeout(delay): body / except TimeoutError: print
    Shield,     // target = await asyncio.shield(task)
};

enum class Catch { ValueError, CancelledError, Exception, TimeoutError };

struct Stmt {
    Op op = Op::Print;
    std::string target;            // the variable it assigns
    std::vector<Expr> args;        // print's arguments; Return/QueuePut: args[0]
    std::string text;              // Raise: the message; Cancel: the message (empty: none)
    Awaitable item;                // Call, Spawn, WaitFor
    std::vector<Awaitable> items;  // Gather, TaskGroup's spawns
    std::vector<std::string> tasks; // Wait
    std::string task;              // AwaitTask, Cancel, Shield
    Delay delay;                   // Sleep, TimeoutBlock
    bool flag = false;             // Gather: return_exceptions; Try: the handler re-raises
    int returnWhen = 0;            // Wait: 0 ALL_COMPLETED, 1 FIRST_COMPLETED, 2 FIRST_EXCEPTION
    std::optional<Delay> timeout;  // Wait, WaitFor
    Catch catches = Catch::ValueError; // Try
    std::vector<Stmt> body, handler, finally; // Try, blocks
    bool hasHandler = false, hasFinally = false;

    // Set by the renderer: the Python line of this statement (for a block, the line of its header).
    int line = 0;
    int line2 = 0; // the print of a Wait, TaskGroup (its except*) or TimeoutBlock (its except)
    bool operator==(const Stmt &) const;
};

struct Function {
    std::vector<Stmt> body;
    bool operator==(const Function &) const = default;
};

// The program: module-level primitives, functions f0..fN-1 (each `async def fK(x)`, calling only
// functions of a higher number, so nothing recurses) and main.
struct Program {
    bool lock = false, event = false;
    int semaphore = 0;          // its value, 0: none
    std::optional<int> queue;   // its maxsize
    std::vector<Function> functions;
    Function main;
    bool operator==(const Program &) const = default;

    QJsonObject toJson() const;
    static std::optional<Program> fromJson(const QJsonObject &json, std::string *error = nullptr);
    // Statements in all, nested ones included (the shrinker's measure).
    std::size_t size() const;
};

} // namespace coroscope::difftest
