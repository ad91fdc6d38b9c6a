#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

// Interned strings: id 0 is always the empty string. Ids are dense and stable, so events store 4 bytes.
class StringTable
{
public:
    StringTable();

    std::uint32_t intern(std::string_view text);
    std::string_view at(std::uint32_t id) const { return m_strings[id]; }
    std::uint32_t size() const { return std::uint32_t(m_strings.size()); }
    bool contains(std::uint32_t id) const { return id < m_strings.size(); }

    bool operator==(const StringTable &other) const { return m_strings == other.m_strings; }

private:
    // The index: open addressing with linear probing over a power-of-two array at most half full.
    // Each string is stored once (in m_strings); a slot holds its id + 1 (0: empty) and 32 bits of
    // its hash, which skip nearly every string compare and make growing a pass over the slots.
    // A node-based map kept a second copy of each string and one allocation per string: with a
    // fresh name per task, interning was the biggest cost of spawning one.
    struct Slot {
        std::uint32_t id1 = 0;
        std::uint32_t hash = 0;
    };
    static std::uint32_t hashOf(std::string_view text);
    void grow();

    std::vector<std::string> m_strings;
    std::vector<Slot> m_slots;
};

} // namespace coroscope
