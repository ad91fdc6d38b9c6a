#include "AtomicFile.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h> // fsync: the renamed file must not turn out empty after a crash
#endif

namespace coroscope {

bool writeFileAtomically(std::string_view bytes, const std::string &path, std::string *error)
{
    const auto failed = [&](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    // Same directory as the target, so that the rename is atomic (no copy across file systems).
    std::random_device random;
    std::string tmp;
    std::FILE *f = nullptr;
    for (int attempt = 0; attempt < 16 && !f; ++attempt) {
        tmp = fmt::format("{}.tmp-{:08x}", path, random());
        f = std::fopen(tmp.c_str(), "wbx"); // x: never clobber someone else's temporary file
        if (!f && errno != EEXIST)
            return failed(fmt::format("cannot create {}: {}", tmp, std::strerror(errno)));
    }
    if (!f)
        return failed("no free temporary file name");

    errno = 0;
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = std::fflush(f) == 0 && ok;
#if defined(__unix__) || defined(__APPLE__)
    ok = ok && ::fsync(::fileno(f)) == 0;
#endif
    int savedErrno = errno;
    ok = std::fclose(f) == 0 && ok;
    if (!ok) {
        if (savedErrno == 0)
            savedErrno = errno;
        std::remove(tmp.c_str());
        return failed(fmt::format("cannot write {}: {}", tmp, std::strerror(savedErrno)));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return failed(fmt::format("cannot replace {}: {}", path, ec.message()));
    }
    return true;
}

} // namespace coroscope
