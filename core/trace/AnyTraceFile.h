#pragma once

#include "Trace.h"
#include "TraceFile.h"

#include <optional>
#include <string>

namespace coroscope {

// Reads a trace file of either format, chosen by content: the native magic, or JSON (a first non-blank
// byte '{' or '['). A regular JSON file is mapped into memory rather than copied (the importer reads
// only as far as it must: a file running into NUL bytes is refused there, with the position); pipes
// and the like are read up to their first NUL byte.
std::optional<Trace> readAnyTraceFile(const std::string &path, TraceFileError *error);

} // namespace coroscope
