#pragma once

#include "trace/Trace.h"

#include <functional>
#include <optional>
#include <string>

namespace coroscope::cli {

// What `render` was given, its option values as typed (renderCommand checks them).
struct RenderOptions {
    std::string source; // the SOURCE operand, the document's name
    std::string output;
    std::optional<std::string> step, size, slides;
    std::optional<std::string> axis, density, group, fold; // how the lanes are drawn
};

// `coroscope-cli render SOURCE -o OUT [--step N] [--size WxH] [--slides outputs|steps] [--axis steps|time]
// [--density auto|compact|roomy] [--group auto|function|spawner|none] [--fold auto|all|none]`: draws the
// app's timeline without a display (Qt's offscreen platform). Checks the options first and only then
// calls `load` for the trace (the run or the file; it has printed why when it returns nothing), so a
// bad --size fails before a run. Only built with the GUI (links coroscope_ui); everything else in the
// CLI stays on the core alone. Returns the exit code.
int renderCommand(const RenderOptions &options, const std::function<std::optional<Trace>()> &load);

} // namespace coroscope::cli
