#pragma once

#include "Trace.h"

#include <string>

// Chrome Trace Event JSON out (the format chrome://tracing and Perfetto open). The mapping is specified
// in docs/trace-format.md, "Chrome Trace Event export"; keep the two in sync.
namespace coroscope {

// The version of the top-level "coroscope" object that makes an export round-trip.
inline constexpr int kChromeFormatVersion = 1;

// JSON object form: lanes as named threads, running spans as X slices, suspensions as async b/e
// slices, wake-ups as s/f flow events. Every native event also travels in the "args" of one JSON
// event, and the trace's tables in a top-level "coroscope" object, so parseChromeTrace() gives back
// an equal Trace.
std::string serializeChromeTrace(const Trace &trace);

} // namespace coroscope
