#pragma once

#include <cstddef>
#include <cstdint>

#ifdef __linux__
#include <sys/mman.h>
#endif

// Memory advice for the big arrays of a trace, where the system leaves it to the program (Linux).
namespace coroscope {

// A big array touched page by page takes a page fault (some microseconds on a VM) every 4 KiB:
// transparent huge pages make that one fault per 2 MiB. Only whole huge pages inside the range count.
inline void adviseHugePages(const void *data, std::size_t bytes)
{
#ifdef __linux__
    constexpr std::uintptr_t huge = 2u << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

// Maps (for a file) or faults in the pages of a range about to be read, in one call instead of a fault
// every few pages (Linux 5.14's MADV_POPULATE_READ; a no-op where it is missing).
inline void prefaultForRead(const void *data, std::size_t bytes)
{
#ifdef __linux__
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
    constexpr std::uintptr_t page = 4096;
    const auto begin = reinterpret_cast<std::uintptr_t>(data) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes + page - 1) & ~(page - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_READ);
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace coroscope
