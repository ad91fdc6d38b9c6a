#pragma once

#include "trace/Trace.h"

#include <cstdint>
#include <optional>
#include <string>

namespace coroscope {

// What the web page says about the run besides its events: where the viewer opens, in which
// language, and how much of a larger run it holds.
struct WebRunView {
    std::optional<std::uint32_t> step; // the cursor's first position (default: the page's own, step 0)
    std::string lang;                  // "en", "zh_CN", or empty: the browser's language
    std::uint64_t totalEvents = 0;     // the run's events before it was cut to fit the page (0: not cut)
};

// The run as the page's viewer reads it (docs/web-page.md, "The embedded run"): one JSON object with
// the string table as strings and the events, lanes, locations and timer dues as base64 LEB128
// varints, about 6 to 9 bytes an event; the sample's sources (or the script's) ride along. Safe to put
// inside a <script> element as it is: no '<', '>' or '&' appears outside \u escapes.
std::string webRunJson(const Trace &trace, const WebRunView &view = {});

// The run's title as the page shows it: the sample's, the script's file name, or a generic one.
std::string webRunTitle(const Trace &trace);

} // namespace coroscope
