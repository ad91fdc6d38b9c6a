#include "Summary.h"

#include <cstdio>

namespace coroscope::bench {

void Summary::add(const std::string &key, double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    add(key, std::string(text));
}

void Summary::add(const std::string &key, std::string text)
{
    std::printf("  %s: %s\n", key.c_str(), text.c_str());
    std::fflush(stdout);
    m_lines.emplace_back(key, std::move(text));
}

void Summary::print() const
{
    std::printf("\n# summary\n");
    for (const auto &[key, value] : m_lines)
        std::printf("%s: %s\n", key.c_str(), value.c_str());
    std::fflush(stdout);
}

Summary &summary()
{
    static Summary s;
    return s;
}

} // namespace coroscope::bench
