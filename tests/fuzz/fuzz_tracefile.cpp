// libFuzzer target: the native trace reader on arbitrary bytes. It must refuse or accept without a
// crash, a hang or an allocation beyond what the bytes describe; whatever it accepts must survive
// a write and read back.
#include "TraceFile.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace {

std::uint32_t crc32(std::string_view bytes) // CRC-32 (IEEE), as the format's END! section
{
    std::uint32_t c = 0xffffffffu;
    for (const unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xffffffffu;
}

void check(std::string_view bytes)
{
    coroscope::TraceFileError error;
    const auto trace = coroscope::parseTrace(bytes, &error);
    if (!trace) {
        if (error.message.empty() || error.offset > bytes.size())
            std::abort(); // every refusal names its problem and a position inside the input
        return;
    }
    const std::string again = coroscope::serializeTrace(*trace);
    if (!coroscope::parseTrace(again, &error))
        std::abort(); // what the reader accepts, the writer must write readably
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    check(bytes);
    // A mutation almost never keeps the checksum right, so the input also goes in again with its
    // END! checksum recomputed: that lets the fuzzer reach the tables' cross-checks and acceptance.
    constexpr std::size_t endSize = 16; // "END!", u64 length 4, u32 checksum
    if (size >= endSize && bytes.substr(size - endSize, 4) == "END!") {
        std::string fixed(bytes);
        const std::uint32_t crc = crc32(bytes.substr(0, size - endSize));
        for (int i = 0; i < 4; ++i)
            fixed[size - 4 + i] = char(crc >> (8 * i));
        check(fixed);
    }
    return 0;
}
