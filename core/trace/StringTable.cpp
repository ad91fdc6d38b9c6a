#include "StringTable.h"

#include <cstring>

namespace coroscope {

StringTable::StringTable()
{
    m_slots.resize(16);
    intern({});
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
    m_strings.emplace_back(text);
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
