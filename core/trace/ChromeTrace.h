#pragma once

#include "Trace.h"
#include "TraceFile.h"

#include <optional>
#include <string>
#include <string_view>

// Chrome Trace Event JSON (the format chrome://tracing and Perfetto open). The mapping from a Coroscope
// trace is specified in docs/trace-format.md, "Chrome Trace Event export"; keep the two in sync.
namespace coroscope {

// JSON object form: lanes as named threads, running spans as X slices, suspensions as async b/e
// slices, wake-ups as s/f flow events. Every native event also travels in the "args" of one JSON
// event, and the trace's tables in a top-level "coroscope" object, so parseChromeTrace() gives back
// an equal Trace.
std::string serializeChromeTrace(const Trace &trace);

// Reads a trace written by serializeChromeTrace() exactly, or a plain Chrome trace from another tool
// as well as it can (threads become lanes, slices running spans, instants output lines). Refuses
// malformed JSON and traces it cannot show with a message ("line L, column C: ...") and the byte
// offset. Hand-written, non-recursive, nesting limited to kChromeMaxDepth levels.
std::optional<Trace> parseChromeTrace(std::string_view json, TraceFileError *error);

inline constexpr int kChromeMaxDepth = 64;

// True when the first non-blank byte opens a JSON object or array: a cheap sniff before choosing a loader.
bool looksLikeChromeTrace(std::string_view firstBytes);

// Reads either format from `path`, chosen by content.
std::optional<Trace> readAnyTraceFile(const std::string &path, TraceFileError *error);

} // namespace coroscope
