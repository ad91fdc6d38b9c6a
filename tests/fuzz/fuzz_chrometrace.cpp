// libFuzzer target: the Chrome Trace Event JSON importer on arbitrary bytes (nesting, escapes,
// numbers, truncation). It must refuse or accept without a crash, a hang or a runaway allocation.
#include "ChromeTrace.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view json(reinterpret_cast<const char *>(data), size);
    coroscope::TraceFileError error;
    const auto trace = coroscope::parseChromeTrace(json, &error);
    if (!trace) {
        if (error.message.empty() || error.offset > size)
            std::abort(); // every refusal names its problem and a position inside the input
        return 0;
    }
    // What it imports must be a trace the native format can hold.
    const std::string bytes = coroscope::serializeTrace(*trace);
    if (!coroscope::parseTrace(bytes, &error))
        std::abort();
    return 0;
}
