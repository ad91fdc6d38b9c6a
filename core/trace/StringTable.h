#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

// Interned strings: id 0 is always the empty string. Ids are dense and stable, so events store 4 bytes.
class StringTable
{
public:
    StringTable();
    StringTable(const StringTable &other);
    StringTable &operator=(const StringTable &other);
    StringTable(StringTable &&) noexcept = default;
    StringTable &operator=(StringTable &&) noexcept = default;

    std::uint32_t intern(std::string_view text);
    // Valid as long as the table: texts never move (they live in blocks that are only added to).
    std::string_view at(std::uint32_t id) const { return m_strings[id]; }
    std::uint32_t size() const { return std::uint32_t(m_strings.size()); }
    bool contains(std::uint32_t id) const { return id < m_strings.size(); }
    // The heap the table holds: the texts' blocks, the views and the index.
    std::size_t memoryBytes() const;

    bool operator==(const StringTable &other) const;

private:
    // The index: open addressing with linear probing over a power-of-two array at most half full.
    // A slot holds a string's id + 1 (0: empty) and 32 bits of its hash, which skip nearly every
    // string compare and make growing a pass over the slots.
    // The texts: back to back in blocks (a fresh task name per spawn made one heap allocation per
    // string, and a std::string of 32 bytes beside it, the biggest cost of a traced spawn).
    struct Slot {
        std::uint32_t id1 = 0;
        std::uint32_t hash = 0;
    };
    static std::uint32_t hashOf(std::string_view text);
    void grow();
    std::string_view store(std::string_view text);

    std::vector<std::string_view> m_strings;
    std::vector<Slot> m_slots;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockSize = 0; // of the last block
    std::size_t m_blockUsed = 0;
    std::size_t m_blockBytes = 0; // of all blocks
};

} // namespace coroscope
