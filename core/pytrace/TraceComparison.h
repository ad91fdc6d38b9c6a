#pragma once

#include "trace/Trace.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

// Holds two runs of one program to the same steps: the C++ port on our runtime and the Python
// mirror on CPython (through the tracer), or two runs of anything else.
//
// Each event becomes a step "lane: kind detail @time where <- cause" in which the lane is named (the
// n-th lane of that name), the source location is reduced to what both sides share (a line of the
// Python program, or "lib" for the runtime's or asyncio's own code) and the cause is named by its
// lane and its position there. Two runs agree when they have the same lanes, the same steps in the
// same order, and the same loop state (ready queue in order, armed timers) at every printed line.
struct ComparisonOptions {
    // A location as a line of the Python program ("12"), or "lib" when it is outside it.
    std::function<std::string(const Trace &, const SourceLocation &)> leftWhere;
    std::function<std::string(const Trace &, const SourceLocation &)> rightWhere;
    std::size_t maxDifferences = 12;
};

// The differences, each one line ("lane Task-2 task1(): step 3 is 'suspend sleep(2) @0 4', CPython
// has 'suspend sleep(3) @0 4'"); empty when the runs agree.
std::vector<std::string> compareTraces(const Trace &left, const Trace &right, const ComparisonOptions &options,
                                       std::string_view leftName = "C++", std::string_view rightName = "CPython");

// The first event (seq) at which the two runs' steps differ, or the length of the shorter one when one
// is the other's beginning; nullopt when they are the same.
std::optional<std::size_t> firstDifference(const Trace &left, const Trace &right, const ComparisonOptions &options);

// The steps of a trace, one line each, as compareTraces() sees them (for listings and tests).
std::vector<std::string> comparableSteps(const Trace &trace,
                                         const std::function<std::string(const Trace &, const SourceLocation &)> &where);

// Where functions for the two sides of a sample: C++ locations in `cppFile` map to the mirror's
// lines through the port's `// py:N` markers (`cppSource` is the file's text); Python locations in
// a file named `pythonFile` (any folder) are its lines.
std::function<std::string(const Trace &, const SourceLocation &)> cppPortWhere(std::string cppFile,
                                                                                std::string_view cppSource);
std::function<std::string(const Trace &, const SourceLocation &)> pythonWhere(std::string pythonFile);

} // namespace coroscope
