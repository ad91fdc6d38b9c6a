#pragma once

#include "runtime/Runtime.h"

#include <string>
#include <vector>

namespace coroscope::cli {

// `coroscope-cli render ID|FILE -o OUT [--step N] [--size WxH] [--slides outputs|steps]`: draws the
// app's timeline without a display (Qt's offscreen platform). Only built with the GUI (links
// coroscope_ui); everything else in the CLI stays on the core alone. Returns the exit code.
int renderCommand(const std::string &what, const std::string &output, const std::vector<std::string> &options,
                  const RunOptions &run);

} // namespace coroscope::cli
