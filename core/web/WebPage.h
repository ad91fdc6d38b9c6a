#pragma once

#include "trace/Trace.h"

#include <cstdint>
#include <optional>
#include <string>

namespace coroscope {

// The most events one page holds: past this a run is cut (its first events kept) and the page says
// so. Chosen so that the page still opens in a couple of seconds on a laptop and stays within a
// phone's memory (docs/web-page.md has the figures).
inline constexpr std::uint32_t kWebPageMaxEvents = 250'000;

struct WebPageOptions {
    std::optional<std::uint32_t> step; // where the cursor starts (clamped to the run)
    std::string lang;                  // "en" or "zh_CN"; empty: the browser's language
    std::uint32_t maxEvents = kWebPageMaxEvents;
};

// What an export wrote.
struct WebPageReport {
    std::size_t bytes = 0;
    std::uint64_t events = 0; // events in the page
    std::uint64_t totalEvents = 0; // the run's (more when the page holds only its first events)
};

// Whether this build holds the viewer (app/web, bundled with npm when the build was configured);
// without it no page can be written.
bool webViewerAvailable();

// One self-contained HTML page: the viewer (script and styles inline) and the run in its compact
// form. Needs nothing from the network, opens from file://. Empty when the viewer is not available.
std::string webPageHtml(const Trace &trace, const WebPageOptions &options = {}, WebPageReport *report = nullptr);

// Writes that page to `path` atomically. False with `error` set when it cannot (no viewer in this
// build, an unknown language, a file that cannot be written).
bool writeWebPage(const Trace &trace, const std::string &path, const WebPageOptions &options,
                  std::string *error, WebPageReport *report = nullptr);

} // namespace coroscope
