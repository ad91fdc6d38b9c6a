#pragma once

#include <string>
#include <utility>
#include <vector>

namespace coroscope::bench {

// The figures of one run: each is printed as soon as it is measured, and all of them again at the
// end as a block of `key: value` lines (figures only, never pass/fail).
class Summary
{
public:
    void add(const std::string &key, double value, int decimals = 1);
    void add(const std::string &key, std::string text);
    void print() const;

private:
    std::vector<std::pair<std::string, std::string>> m_lines;
};

Summary &summary();

} // namespace coroscope::bench
