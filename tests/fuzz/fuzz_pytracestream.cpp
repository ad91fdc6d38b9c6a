// libFuzzer target: the Python tracer's stream reader on arbitrary bytes. It must refuse or accept
// without a crash or a hang; a refusal names its line; and the bytes cut into chunks anywhere (as a
// pipe delivers them) give exactly what they give in one piece.
#include "TraceStream.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    coroscope::TraceStream whole;
    whole.feed(bytes);
    whole.finish();
    if (!whole.ok() && whole.error().find("line ") == std::string::npos)
        std::abort(); // every refusal names the line it stopped at

    // The same bytes in chunks whose sizes the input's own bytes choose.
    coroscope::TraceStream chunked;
    std::size_t at = 0, i = 0;
    while (at < size) {
        const std::size_t n = 1 + (size ? data[i++ % size] % 97 : 0);
        chunked.feed(bytes.substr(at, n));
        at += n;
    }
    chunked.finish();
    if (chunked.ok() != whole.ok() || chunked.error() != whole.error() || chunked.complete() != whole.complete()
        || !(chunked.trace() == whole.trace()))
        std::abort();
    return 0;
}
