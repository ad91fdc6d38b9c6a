#pragma once

#include "Trace.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The native trace file format, version 2 (20-byte events in time epochs; version 1 files, with
// 24-byte events, are still read). The byte layout and the validation rules are specified in
// docs/trace-format.md; keep the two in sync.
namespace coroscope {

inline constexpr std::uint32_t TraceFormatVersion = 2;
inline constexpr std::uint32_t OldestTraceFormatVersion = 1;

struct TraceFileError {
    std::string message;
    std::uint64_t offset = 0; // byte position in the file where the problem was found
};

// The file's bytes. Deterministic: equal traces give identical bytes.
std::string serializeTrace(const Trace &trace);

// Writes to a temporary file next to `path`, then renames it over `path`: a reader never sees a
// half-written file, and a failed write leaves any previous file untouched.
bool writeTraceFile(const Trace &trace, const std::string &path, std::string *error);

// Refuses any malformed input with a message and the offending byte offset; never trusts a count
// or an id before checking it against the bytes actually present.
std::optional<Trace> parseTrace(std::string_view bytes, TraceFileError *error);
std::optional<Trace> readTraceFile(const std::string &path, TraceFileError *error);

// Before reading a file whole: walks its header and section headers only (a few reads, whatever its
// size) and refuses it as readTraceFile() would when they cannot frame a trace ending exactly at the
// end of the file. True for anything else, a pipe included: the full read decides then.
bool checkTraceFileFraming(const std::string &path, TraceFileError *error);

// True when `firstBytes` starts with the magic: a cheap test before choosing a loader.
bool looksLikeNativeTrace(std::string_view firstBytes);

} // namespace coroscope
