#pragma once

#include "Program.h"

#include "runtime/Program.h"

#include <exception>
#include <string>
#include <vector>

namespace coroscope::difftest {

// A value of the interpreted program, as Python would hold it: None, an int, a str, a list (what
// gather returns), or an exception (in gather's list with return_exceptions, or `e` in a handler).
struct Value {
    enum class Kind { None, Int, Str, List, Exc };
    Kind kind = Kind::None;
    long long i = 0;
    std::string s;
    std::vector<Value> items;
    std::exception_ptr error;

    static Value none() { return {}; }
    static Value integer(long long v)
    {
        Value x;
        x.kind = Kind::Int;
        x.i = v;
        return x;
    }
    static Value string(std::string v)
    {
        Value x;
        x.kind = Kind::Str;
        x.s = std::move(v);
        return x;
    }
    static Value exception(std::exception_ptr e)
    {
        Value x;
        x.kind = Kind::Exc;
        x.error = std::move(e);
        return x;
    }
    // repr() and str(), as CPython's (what prints and what the trace's details show).
    std::string repr() const;
    std::string str() const;
};

// The program on the C++ runtime: an interpreter of its tree whose coroutines are named as the
// Python functions ("f2()", "main()"), and whose every event that points at the interpreter's own
// code is pointed afterwards at the line of the Python source the statement was rendered on (file
// `pythonFile`), so that the two runtimes' traces compare line for line. The program must have been
// rendered (renderPython sets the lines).
RunResult interpret(const Program &program, const std::string &pythonFile, std::uint64_t eventBudget = 200'000);

} // namespace coroscope::difftest
