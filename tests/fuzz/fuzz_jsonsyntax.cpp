// libFuzzer target: the Chrome importer's two judges of JSON agree. simdjson parses; when it refuses the
// JSON itself, JsonSyntaxCheck must find the first bad byte (else the refusal could only say "malformed
// JSON" somewhere), and nothing simdjson accepts may be malformed to JsonSyntaxCheck.
#include "ChromeTraceImport.h"
#include "JsonSyntaxCheck.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view json(reinterpret_cast<const char *>(data), size);
    // The importer reads up to the first NUL byte: so does the check here.
    if (const void *nul = size ? std::memchr(json.data(), 0, size) : nullptr)
        json = json.substr(0, std::size_t(static_cast<const char *>(nul) - json.data()) + 1);
    coroscope::TraceFileError error;
    const auto trace = coroscope::parseChromeTrace(json, &error);
    const auto syntax = coroscope::JsonSyntaxCheck::firstError(json, coroscope::kChromeMaxDepth);
    if (!trace && error.message.ends_with(": malformed JSON"))
        std::abort(); // simdjson refused what JsonSyntaxCheck calls well-formed
    if (trace && syntax)
        std::abort(); // simdjson accepted what JsonSyntaxCheck refuses
    return 0;
}
