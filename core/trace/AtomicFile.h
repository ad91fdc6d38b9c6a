#pragma once

#include <string>
#include <string_view>

namespace coroscope {

// Writes `bytes` to a temporary file next to `path`, syncs it, then renames it over `path`: a reader
// never sees a half-written file, and a failed write leaves any previous file untouched.
bool writeFileAtomically(std::string_view bytes, const std::string &path, std::string *error);

} // namespace coroscope
