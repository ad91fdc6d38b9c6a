#include "WebPage.h"

#include "WebRunData.h"
#include "trace/AtomicFile.h"
#include "trace/TraceSlice.h"

#include <string_view>
#include <vector>

namespace coroscope {

// The bundled viewer, generated at build time from app/web (app/web/build.mjs, then
// cmake/EmbedFiles.cmake); empty when the build had no Node.js to bundle it.
std::string_view embeddedWebViewer(std::string_view fileName);

namespace {

constexpr std::string_view kRunMarker = "/*COROSCOPE_RUN*/";
constexpr std::string_view kTitleMarker = "<!--COROSCOPE_TITLE-->";
constexpr std::string_view kLangMarker = "COROSCOPE_LANG";

std::string_view viewerTemplate()
{
    return embeddedWebViewer("viewer.html");
}

std::string htmlEscaped(std::string_view text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out.push_back(c);
        }
    }
    return out;
}

// A run cut to fit keeps the whole string table (sliceTrace copies it): only the strings its events,
// lanes and locations still name go into the page.
void keepUsedStrings(Trace &trace)
{
    constexpr std::uint32_t unused = 0xffffffffu;
    std::vector<std::uint32_t> map(trace.strings.size(), unused);
    StringTable kept;
    auto use = [&](std::uint32_t &id) {
        if (!trace.strings.contains(id))
            return;
        if (map[id] == unused)
            map[id] = kept.intern(trace.strings.at(id));
        id = map[id];
    };
    for (Lane &lane : trace.lanes)
        use(lane.nameId);
    for (SourceLocation &l : trace.locations)
        use(l.file);
    for (std::size_t i = 0; i < trace.events.size(); ++i) {
        std::uint32_t detail = trace.events[i].detail;
        use(detail);
        trace.events[i].detail = detail;
    }
    trace.strings = std::move(kept);
}

void replaceFirst(std::string &text, std::string_view marker, std::string_view with)
{
    if (const auto at = text.find(marker); at != std::string::npos)
        text.replace(at, marker.size(), with);
}

} // namespace

bool webViewerAvailable()
{
    return viewerTemplate().find(kRunMarker) != std::string_view::npos;
}

std::string webPageHtml(const Trace &trace, const WebPageOptions &options, WebPageReport *report)
{
    if (!webViewerAvailable())
        return {};
    WebRunView view;
    view.step = options.step;
    view.lang = options.lang;
    std::string json;
    const auto total = trace.events.size();
    if (options.maxEvents > 0 && total > options.maxEvents) {
        // Too many for one page: its first events, and the page says how many the run had.
        view.totalEvents = total;
        Trace kept = sliceTrace(trace, 0, options.maxEvents);
        keepUsedStrings(kept);
        json = webRunJson(kept, view);
    } else {
        json = webRunJson(trace, view);
    }
    // The run first: the other markers come before it in the template, so that nothing the run holds
    // (a printed line, a file name) can be mistaken for one.
    std::string page(viewerTemplate());
    replaceFirst(page, kRunMarker, json);
    replaceFirst(page, kLangMarker, options.lang == "zh_CN" ? "zh-CN" : "en");
    replaceFirst(page, kTitleMarker, htmlEscaped(webRunTitle(trace)) + " · Coroscope");
    if (report) {
        report->bytes = page.size();
        report->totalEvents = total;
        report->events = options.maxEvents > 0 ? std::min<std::uint64_t>(total, options.maxEvents) : total;
    }
    return page;
}

bool writeWebPage(const Trace &trace, const std::string &path, const WebPageOptions &options, std::string *error,
                  WebPageReport *report)
{
    auto fail = [&](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    if (!options.lang.empty() && options.lang != "en" && options.lang != "zh_CN")
        return fail("the page's language must be en or zh_CN, not '" + options.lang + "'");
    if (!webViewerAvailable())
        return fail("this build has no web viewer: Node.js and npm were missing when it was built "
                    "(./run.sh build installs them and bundles app/web)");
    const std::string page = webPageHtml(trace, options, report);
    return writeFileAtomically(page, path, error);
}

} // namespace coroscope
