#pragma once

#include "Source.h"

#include <optional>
#include <string>

namespace coroscope::cli {

// What `export-html` was given, its option values as typed (exportHtmlCommand checks them).
struct ExportHtmlOptions {
    std::string output;
    std::optional<std::string> step, lang;
};

// `coroscope-cli export-html ID|SCRIPT.py|TRACE -o FILE.html [--step N] [--lang en|zh_CN]`: one
// self-contained web page with the run and its viewer (core/web/WebPage.h). Checks the options before
// it runs anything. Returns the exit code: 0 written, 1 not written, 2 bad arguments or source.
int exportHtmlCommand(const SourceRequest &request, const ExportHtmlOptions &options);

} // namespace coroscope::cli
