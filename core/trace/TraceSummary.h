#pragma once

#include "Trace.h"

#include <string>

namespace coroscope {

// A human-readable overview of a trace: what ran, its lanes, how many events of each kind, what it
// printed. `coroscope-cli show` prints it.
std::string summarizeTrace(const Trace &trace);

} // namespace coroscope
