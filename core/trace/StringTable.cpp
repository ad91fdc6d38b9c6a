#include "StringTable.h"

namespace coroscope {

StringTable::StringTable()
{
    intern({});
}

std::uint32_t StringTable::intern(std::string_view text)
{
    if (auto it = m_ids.find(text); it != m_ids.end())
        return it->second;
    const auto id = std::uint32_t(m_strings.size());
    m_strings.emplace_back(text);
    m_ids.emplace(m_strings.back(), id);
    return id;
}

} // namespace coroscope
