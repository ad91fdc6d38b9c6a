#pragma once

#include "Trace.h"
#include "TraceFile.h"

#include <optional>
#include <string_view>

// Chrome Trace Event JSON in: an export of ours read back exactly, or another tool's trace mapped as
// Perfetto maps it. Both are specified in docs/trace-format.md, "Chrome Trace Event export".
namespace coroscope {

inline constexpr int kChromeMaxDepth = 64;

// Reads a trace written by serializeChromeTrace() exactly, or a Chrome trace from another tool as well
// as it maps (threads and async tracks become lanes, slices running spans, flows wake-up arrows,
// instants markers). Parsed with simdjson; refuses malformed JSON and traces it cannot show with a
// message ("line L, column C: ...") and the byte offset. Nesting is limited to kChromeMaxDepth levels.
// The input stops at its first NUL byte (JSON has none): what follows one is never looked at.
std::optional<Trace> parseChromeTrace(std::string_view json, TraceFileError *error);

// True when the first non-blank byte opens a JSON object or array: a cheap sniff before choosing a loader.
bool looksLikeChromeTrace(std::string_view firstBytes);

} // namespace coroscope
