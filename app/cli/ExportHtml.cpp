#include "ExportHtml.h"

#include "web/WebPage.h"

#include <fmt/format.h>

#include <charconv>
#include <cstdio>

namespace coroscope::cli {

namespace {

int badArgument(const std::string &message)
{
    fmt::print(stderr,
               "coroscope-cli export-html: {}\n"
               "Usage: coroscope-cli export-html ID|SCRIPT.py|TRACE -o FILE.html [--step N] [--lang en|zh_CN]\n",
               message);
    return 2;
}

} // namespace

int exportHtmlCommand(const SourceRequest &request, const ExportHtmlOptions &options)
{
    WebPageOptions page;
    if (options.step) {
        const std::string &value = *options.step;
        std::uint32_t n = 0;
        const auto r = std::from_chars(value.data(), value.data() + value.size(), n);
        if (value.empty() || r.ec != std::errc() || r.ptr != value.data() + value.size())
            return badArgument(fmt::format("--step needs a step number (0 or more), not '{}'", value));
        page.step = n;
    }
    if (options.lang) {
        if (*options.lang != "en" && *options.lang != "zh_CN")
            return badArgument(fmt::format("--lang must be en or zh_CN, not '{}'", *options.lang));
        page.lang = *options.lang;
    }
    if (!webViewerAvailable()) {
        fmt::print(stderr, "coroscope-cli: this build has no web viewer: Node.js and npm were missing when it was "
                           "built (./run.sh build installs them and bundles app/web)\n");
        return 1;
    }
    const auto result = resolveSource(request);
    if (!result)
        return 2;
    if (!result->ok())
        fmt::print(stderr, "coroscope-cli: the run stopped: {}\n", result->error);
    std::string error;
    WebPageReport report;
    if (!writeWebPage(result->trace, options.output, page, &error, &report)) {
        fmt::print(stderr, "coroscope-cli: cannot write {}: {}\n", options.output, error);
        return 1;
    }
    fmt::print(stderr, "wrote a web page of {} KiB ({} events) to {}\n", (report.bytes + 1023) / 1024, report.events,
               options.output);
    if (report.events < report.totalEvents)
        fmt::print(stderr,
                   "coroscope-cli: the page holds the first {} of the run's {} events (a page cannot hold more); "
                   "it says so when opened\n",
                   report.events, report.totalEvents);
    return 0;
}

} // namespace coroscope::cli
