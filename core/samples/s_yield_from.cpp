// yield-from: the caller's send() goes straight to the subgenerator; its return value comes back
// through yield from. "// py:N" ties a line to line N of resources/python/yield-from.py.
#include "runtime/Asyncio.h"

#include <map>

namespace coroscope::samples::yield_from_sample {

using Average = std::tuple<int, std::optional<double>>;

Generator<None_t, std::optional<double>, Average> averager()     // py:1
{
    double total = 0.0; int count = 0; std::optional<double> avg; // py:2
    while (true) {                                                // py:3
        std::optional<double> term = co_yield None;               // py:4
        if (!term)                                                // py:5
            break;                                                // py:6
        total += *term;                                           // py:7
        count += 1;                                               // py:8
        avg = total / count;                                      // py:9
    }
    co_return Average{count, avg};                                // py:10
}

Generator<None_t, std::optional<double>> grouper(std::map<std::string, Average> &results, std::string key) // py:11
{
    while (true)                                                  // py:12
        results[key] = co_yield yield_from(averager());           // py:13
}

void module()
{
    std::map<std::string, Average> results;                                       // py:14
    std::vector<std::pair<std::string, std::vector<double>>> data{                // py:15
        {"girls", {40.9, 38.5, 44.3}}, {"boys", {39.0, 40.8}}};
    Generator<None_t, std::optional<double>> group; // the variable outlives the loop, as a Python global: each assignment drops the last
    for (auto &[key, values] : data) {                                            // py:15
        group = grouper(results, key);                                            // py:16
        next(group);                                                              // py:17
        for (double v : values)                                                   // py:18
            group.send(v);                                                        // py:19
        group.send(None);                                                         // py:20
    }
    for (auto &[key, result] : results) {                                         // py:21
        auto [count, avg] = result;                                               // py:22
        print(f("{} {} averaging {:.2f}", count, key, *avg));                     // py:23
    }
}

} // namespace coroscope::samples::yield_from_sample
