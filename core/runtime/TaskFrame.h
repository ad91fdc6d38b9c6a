#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace coroscope::detail {

// A task and its coroutine in one allocation. Every `async def` frame (Task<T>'s promise) is
// allocated with room in front of it for the TaskState<T> that create_task() may build for it,
// shared_ptr control block included (std::allocate_shared with InFrameAllocator): a spawn then
// allocates once instead of twice, and a task's state sits right before its frame, which a
// switch touches next. A coroutine awaited inline leaves the room unused.
//
// The block outlives whichever of the two goes first: the frame is destroyed when the coroutine
// finishes, the task when its last Future lets go (or the frame inside the task's destructor, for
// a task still pending when its loop goes away). Both happen on the loop's thread, or are ordered
// by the shared_ptr's count (the last handle let go elsewhere).
//
// Layout: [header (8 bytes)][room: control block + TaskState<T>][frame]. Header and room together
// are a multiple of 16 bytes, so that the frame keeps operator new's alignment.
struct FrameHeader {
    static constexpr std::uint32_t Mark = 0x454d5246; // "FRME"
    std::uint32_t mark = Mark; // checked at each spawn: the frame is where this header says
    bool frameLive = true;
    bool taskLive = false;
};

inline constexpr std::size_t FrameHeaderSize = 8;
static_assert(sizeof(FrameHeader) <= FrameHeaderSize);

// What std::allocate_shared's control block adds to the object in libstdc++ (and libc++): a
// vtable pointer, the two counts, the allocator (one pointer here). InFrameAllocator checks it.
inline constexpr std::size_t ControlBlockSize = 3 * sizeof(void *);

// The bytes in front of the frame: header and room.
constexpr std::size_t prefixFor(std::size_t objectSize)
{
    return (FrameHeaderSize + ControlBlockSize + objectSize + 15) & ~std::size_t(15);
}

template<std::size_t Prefix>
struct FrameBlock {
    static_assert(Prefix % 16 == 0);
    static constexpr std::size_t Room = Prefix - FrameHeaderSize;

    static void *allocate(std::size_t frameSize)
    {
        auto *raw = static_cast<std::byte *>(::operator new(Prefix + frameSize));
        ::new (raw) FrameHeader;
        return raw + Prefix;
    }
    // GCC and Clang place the frame at the address operator new returned: its header is in front.
    // (Checked at every spawn: a compiler that did otherwise stops the program at the first task.)
    static FrameHeader *headerOf(void *frame)
    {
        auto *header = reinterpret_cast<FrameHeader *>(static_cast<std::byte *>(frame) - Prefix);
        if (header->mark != FrameHeader::Mark) [[unlikely]]
            std::abort();
        return header;
    }
    static void *roomOf(FrameHeader *header) { return reinterpret_cast<std::byte *>(header) + FrameHeaderSize; }

    static void releaseFrame(void *frame)
    {
        auto *header = headerOf(frame);
        header->frameLive = false;
        if (!header->taskLive)
            ::operator delete(header);
    }
    static void releaseTask(FrameHeader *header)
    {
        header->taskLive = false;
        if (!header->frameLive)
            ::operator delete(header);
    }
};

// The allocator std::allocate_shared builds the task with: it hands out the frame's room, once.
template<class U, std::size_t Prefix>
class InFrameAllocator
{
public:
    using value_type = U;
    template<class V>
    struct rebind {
        using other = InFrameAllocator<V, Prefix>;
    };

    explicit InFrameAllocator(FrameHeader *header)
        : m_header(header)
    {
    }
    template<class V>
    InFrameAllocator(const InFrameAllocator<V, Prefix> &other)
        : m_header(other.header())
    {
    }

    U *allocate(std::size_t n)
    {
        static_assert(sizeof(U) <= FrameBlock<Prefix>::Room, "the task's control block outgrew the frame's room for it");
        static_assert(alignof(U) <= FrameHeaderSize);
        if (n != 1 || m_header->taskLive) [[unlikely]]
            throw std::bad_alloc(); // one task per frame
        m_header->taskLive = true;
        return static_cast<U *>(FrameBlock<Prefix>::roomOf(m_header));
    }
    void deallocate(U *, std::size_t) { FrameBlock<Prefix>::releaseTask(m_header); }

    FrameHeader *header() const { return m_header; }
    template<class V>
    bool operator==(const InFrameAllocator<V, Prefix> &other) const
    {
        return m_header == other.header();
    }

private:
    FrameHeader *m_header;
};

} // namespace coroscope::detail
