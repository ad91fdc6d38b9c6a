#include "FunctionName.h"

#include "Runtime.h"

#include <cxxabi.h>
#include <dlfcn.h>

#include <cstdlib>
#include <memory>

namespace coroscope {

std::string functionName(const void *address)
{
    Dl_info info{};
    if (!dladdr(address, &info) || !info.dli_sname)
        return {};
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> demangled(
        abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status), &std::free);
    const std::string pretty = status == 0 && demangled ? demangled.get() : info.dli_sname;
    auto name = coroutineName(pretty); // "job()"
    if (name.size() > 2 && name.ends_with("()"))
        name.resize(name.size() - 2);
    return name;
}

} // namespace coroscope
