#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
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
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> m_ids;
};

} // namespace coroscope
