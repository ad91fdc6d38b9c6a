#include "StringTable.h"

#include <algorithm>
#include <cstring>

namespace coroscope {

namespace {
constexpr std::size_t kFirstBlock = 1024;
constexpr std::size_t kLargestBlock = std::size_t(1) << 20;
} // namespace

StringTable::StringTable()
{
    m_slots.resize(16);
    intern({});
}

StringTable::StringTable(const StringTable &other)
    : m_slots(other.m_slots)
{
    // One block for every text: the ids, the index and the order stay as they are.
    std::size_t total = 0;
    for (const auto s : other.m_strings)
        total += s.size();
    m_strings.reserve(other.m_strings.size());
    if (total > 0) {
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(total));
        m_blockSize = m_blockBytes = total;
    }
    for (const auto s : other.m_strings)
        m_strings.push_back(store(s));
}

StringTable &StringTable::operator=(const StringTable &other)
{
    if (this != &other)
        *this = StringTable(other);
    return *this;
}

bool StringTable::operator==(const StringTable &other) const
{
    return m_strings.size() == other.m_strings.size()
        && std::equal(m_strings.begin(), m_strings.end(), other.m_strings.begin());
}

std::size_t StringTable::memoryBytes() const
{
    return m_blockBytes + m_strings.capacity() * sizeof(std::string_view) + m_slots.capacity() * sizeof(Slot)
        + m_blocks.capacity() * sizeof(m_blocks[0]);
}

std::uint32_t StringTable::hashOf(std::string_view text)
{
    // Eight bytes a step, multiply and xor-shift: a few ns for a name, its low bits well mixed.
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ text.size();
    const char *p = text.data();
    std::size_t n = text.size();
    for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
    }
    std::uint64_t w = 0;
    if (n) // an empty view may have a null data(): memcpy must not see it, even for 0 bytes
        std::memcpy(&w, p, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    return std::uint32_t(h ^ (h >> 32));
}

std::string_view StringTable::store(std::string_view text)
{
    if (text.empty())
        return {};
    if (m_blocks.empty() || m_blockSize - m_blockUsed < text.size()) {
        // Blocks double up to 1 MiB; a longer text gets a block of its own size.
        m_blockSize = std::max(text.size(), std::min(kLargestBlock, std::max(kFirstBlock, m_blockSize * 2)));
        m_blocks.push_back(std::make_unique_for_overwrite<char[]>(m_blockSize));
        m_blockBytes += m_blockSize;
        m_blockUsed = 0;
    }
    char *to = m_blocks.back().get() + m_blockUsed;
    std::memcpy(to, text.data(), text.size());
    m_blockUsed += text.size();
    return std::string_view(to, text.size());
}

std::uint32_t StringTable::intern(std::string_view text)
{
    const auto hash = hashOf(text);
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    for (; m_slots[i].id1; i = (i + 1) & mask) {
        const Slot &s = m_slots[i];
        if (s.hash == hash && m_strings[s.id1 - 1] == text)
            return s.id1 - 1;
    }
    const auto id = std::uint32_t(m_strings.size());
    m_strings.push_back(store(text));
    m_slots[i] = {id + 1, hash};
    if (m_strings.size() * 2 > m_slots.size())
        grow();
    return id;
}

void StringTable::grow()
{
    std::vector<Slot> slots(m_slots.size() * 2);
    const std::size_t mask = slots.size() - 1;
    for (const Slot &s : m_slots) {
        if (!s.id1)
            continue;
        std::size_t i = s.hash & mask;
        while (slots[i].id1)
            i = (i + 1) & mask;
        slots[i] = s;
    }
    m_slots.swap(slots);
}

} // namespace coroscope
