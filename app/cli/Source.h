#pragma once

#include "runtime/Program.h"

#include <optional>
#include <string>

namespace coroscope::cli {

// What the SOURCE operand of run, events, trace and render can name. Each command accepts some of
// them; resolveSource is the one place that tells them apart.
enum class SourceKind : unsigned {
    Sample = 1u << 0, // a sample id: runs the C++ port
    TraceFile = 1u << 1, // a native trace or Chrome JSON, told apart by content
    Script = 1u << 2, // a Python script FILE.py, traced on CPython by core/pytrace
};

constexpr unsigned operator|(SourceKind a, SourceKind b)
{
    return unsigned(a) | unsigned(b);
}
constexpr unsigned operator|(unsigned a, SourceKind b)
{
    return a | unsigned(b);
}

struct SourceRequest {
    std::string operand;
    unsigned accepted = 0; // SourceKind flags
    RunOptions options; // for a program: budget, echo; `clock` is taken from below
    std::optional<ClockMode> clock; // --clock; unset: a sample's own clock, a script's virtual one
    double timeLimitSeconds = 60;   // --time-limit, for a script (0: none)
    std::string python;             // --python, for a script (empty: $COROSCOPE_PYTHON, else python3)
};

// Runs the program the operand names, or reads the trace file, and returns the run (a file's trace
// with no error). When the operand names nothing the command accepts, prints why (an unknown id
// lists the valid ones) and returns nothing: the command then exits with 2.
std::optional<RunResult> resolveSource(const SourceRequest &request);

// --python names an interpreter that exists and can run (a bare name: on PATH); prints why not.
bool checkInterpreter(const std::string &python);

// FILE.py: a Python script, run on CPython under the tracer.
bool isScript(const std::string &operand);

// "coroscope-cli: unknown sample 'x'. Valid ids:" and the ids, on stderr; returns 2.
int unknownSample(const std::string &id);

} // namespace coroscope::cli
