#pragma once

#include "Trace.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace coroscope {

// Events [first, last) of `trace` as a trace of their own, for comparing two phases of one run side
// by side (the sequential and the gather half of sequential-vs-gather):
// - times count from the first event of the slice (both halves start at 0 s);
// - only lanes with events in the slice are kept (renumbered in order; a parent outside the slice
//   becomes the nearest kept ancestor); a lane created before the slice counts as created at its start;
// - causes and timer dues pointing outside the slice are dropped; annotations inside are kept;
// - metadata is kept, plus ("slice", "first..last").
// The result passes the trace file's validation. `last` is clamped to the event count.
Trace sliceTrace(const Trace &trace, std::uint32_t first, std::uint32_t last);

// The seq of the first Output event whose text starts with `prefix`, if any.
std::optional<std::uint32_t> findOutput(const Trace &trace, std::string_view prefix);

} // namespace coroscope
