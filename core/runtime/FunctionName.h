#pragma once

#include <string>

namespace coroscope {

// "job" for a pointer to coroscope::samples::executor_submit::job(std::string, double): the name
// Python would show for the function, read from the binary's symbol table (executables export
// their symbols for this). Empty when the address has no symbol (a lambda, a static function).
std::string functionName(const void *address);

template<class Fn>
std::string callableName(const Fn &fn)
{
    if constexpr (std::is_pointer_v<Fn> && std::is_function_v<std::remove_pointer_t<Fn>>) {
        auto name = functionName(reinterpret_cast<const void *>(fn));
        return name.empty() ? std::string("function") : name;
    } else if constexpr (std::is_function_v<Fn>) {
        return callableName(&fn);
    } else {
        return "<lambda>";
    }
}

} // namespace coroscope
