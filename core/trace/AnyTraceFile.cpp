#include "AnyTraceFile.h"

#include "ChromeTraceImport.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace coroscope {

namespace {

TraceFileError cannot(const std::string &what, const std::string &path, int err)
{
    return TraceFileError {fmt::format("cannot {} {}: {}", what, path, std::strerror(err)), 0};
}

// A read-only mapping of a whole regular file, unmapped when it goes.
class FileMapping
{
public:
    FileMapping(int fd, std::size_t size)
        : m_size(size)
    {
        if (size > 0) {
            void *p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                m_data = static_cast<const char *>(p);
                madvise(p, size, MADV_SEQUENTIAL);
            }
        }
    }
    ~FileMapping()
    {
        if (m_data)
            munmap(const_cast<char *>(m_data), m_size);
    }
    FileMapping(const FileMapping &) = delete;
    FileMapping &operator=(const FileMapping &) = delete;

    bool ok() const { return m_data || m_size == 0; }
    std::string_view bytes() const { return m_data ? std::string_view(m_data, m_size) : std::string_view(); }

private:
    const char *m_data = nullptr;
    std::size_t m_size = 0;
};

// What is not a regular file (a pipe, a device): read as it comes, up to the first NUL byte.
std::optional<Trace> readStream(int fd, const std::string &path, TraceFileError *error)
{
    std::string bytes;
    char buf[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd, buf, sizeof buf);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            if (error)
                *error = TraceFileError {fmt::format("cannot read {}", path), bytes.size()};
            return std::nullopt;
        }
        if (got == 0)
            break;
        if (const void *nul = std::memchr(buf, 0, std::size_t(got))) {
            bytes.append(buf, std::size_t(static_cast<const char *>(nul) - buf) + 1);
            break;
        }
        bytes.append(buf, std::size_t(got));
    }
    return parseChromeTrace(bytes, error);
}

} // namespace

std::optional<Trace> readAnyTraceFile(const std::string &path, TraceFileError *error)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (error)
            *error = cannot("open", path, errno);
        return std::nullopt;
    }
    char head[64];
    ssize_t n = 0;
    while ((n = ::pread(fd, head, sizeof head, 0)) < 0 && errno == EINTR) { }
    const std::string_view first(head, n > 0 ? std::size_t(n) : 0);
    if (looksLikeNativeTrace(first) || !looksLikeChromeTrace(first)) {
        ::close(fd);
        return readTraceFile(path, error);
    }
    try {
        struct stat st {};
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            auto trace = readStream(fd, path, error);
            ::close(fd);
            return trace;
        }
        const FileMapping file(fd, std::size_t(st.st_size));
        const int err = errno;
        ::close(fd);
        if (!file.ok()) {
            if (error)
                *error = cannot("map", path, err);
            return std::nullopt;
        }
        return parseChromeTrace(file.bytes(), error);
    } catch (const std::bad_alloc &) {
        ::close(fd);
        if (error)
            *error = TraceFileError {fmt::format("cannot read {}: not enough memory", path), 0};
        return std::nullopt;
    }
}

} // namespace coroscope
