#include "PythonSearch.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace coroscope {

namespace {

namespace fs = std::filesystem;

std::string env(const char *name)
{
    const char *value = std::getenv(name);
    return value ? value : "";
}

bool isExecutableFile(const fs::path &path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::vector<std::string> pathFolders(const std::string &pathVariable)
{
    std::vector<std::string> folders;
    std::size_t start = 0;
    while (start <= pathVariable.size()) {
        auto colon = pathVariable.find(':', start);
        if (colon == std::string::npos)
            colon = pathVariable.size();
        if (colon > start)
            folders.push_back(pathVariable.substr(start, colon - start));
        start = colon + 1;
    }
    return folders;
}

// "3.10.13" sorts after "3.9.18": the numbers compare as numbers.
bool versionLess(const std::string &a, const std::string &b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (std::isdigit(static_cast<unsigned char>(a[i]))
            && std::isdigit(static_cast<unsigned char>(b[j]))) {
            std::size_t ei = i, ej = j;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei])))
                ++ei;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej])))
                ++ej;
            const long x = std::stol(a.substr(i, ei - i)), y = std::stol(b.substr(j, ej - j));
            if (x != y)
                return x < y;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

// The binary a path ends at, so that a symlink and its target, or /bin and /usr/bin, are one.
std::string identity(const std::string &path, const std::vector<std::string> &folders)
{
    fs::path p = path;
    if (path.find('/') == std::string::npos) { // a bare name runs what PATH finds first
        for (const auto &folder : folders) {
            if (isExecutableFile(fs::path(folder) / path)) {
                p = fs::path(folder) / path;
                break;
            }
        }
    }
    std::error_code ec;
    const auto canonical = fs::canonical(p, ec);
    return ec ? path : canonical.string();
}

} // namespace

PythonSearch PythonSearch::fromEnvironment()
{
    PythonSearch search;
    search.pathVariable = env("PATH");
    search.pyenvRoot = env("PYENV_ROOT");
    if (search.pyenvRoot.empty() && !env("HOME").empty())
        search.pyenvRoot = env("HOME") + "/.pyenv";
    search.environment = env("COROSCOPE_PYTHON");
    return search;
}

std::vector<PythonInterpreter> PythonSearch::candidates() const
{
    const auto folders = pathFolders(pathVariable);
    std::vector<PythonInterpreter> found;
    std::vector<std::string> identities;
    const auto add = [&](const std::string &path, PythonOrigin origin) {
        const std::string id = identity(path, folders);
        const auto at = std::find(identities.begin(), identities.end(), id);
        if (at != identities.end()) {
            auto &origins = found[std::size_t(at - identities.begin())].origins;
            if (std::find(origins.begin(), origins.end(), origin) == origins.end())
                origins.push_back(std::move(origin));
            return;
        }
        PythonInterpreter python;
        python.path = path;
        python.origins.push_back(std::move(origin));
        found.push_back(std::move(python));
        identities.push_back(id);
    };

    if (!environment.empty())
        add(environment, {PythonOrigin::Kind::Environment, {}});
    for (const auto &folder : folders) {
        if (const auto p = fs::path(folder) / "python3"; isExecutableFile(p)) {
            add(p.string(), {PythonOrigin::Kind::Python3, {}});
            break;
        }
    }
    // pyenv's shims for python3.X run only the versions made global or local (`python3.12` is
    // "command not found" otherwise): its versions are listed from versions/ below instead.
    const std::string shims = pyenvRoot.empty() ? std::string() : (fs::path(pyenvRoot) / "shims").string();
    for (const auto &folder : folders) {
        if (!shims.empty() && fs::path(folder).lexically_normal() == fs::path(shims).lexically_normal())
            continue;
        std::error_code ec;
        std::vector<std::string> names;
        for (const auto &entry : fs::directory_iterator(folder, ec)) {
            const std::string name = entry.path().filename().string();
            if (name.size() > 8 && name.starts_with("python3.")
                && std::all_of(name.begin() + 8, name.end(),
                               [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })
                && isExecutableFile(entry.path()))
                names.push_back(name);
        }
        std::sort(names.begin(), names.end(), versionLess);
        // (/bin and /usr/bin, one folder on a merged /usr, are named once.)
        const auto canonical = fs::canonical(folder, ec);
        const std::string where = ec ? folder : canonical.string();
        for (const auto &name : names)
            add((fs::path(folder) / name).string(), {PythonOrigin::Kind::OnPath, where});
    }
    if (!pyenvRoot.empty()) {
        std::error_code ec;
        std::vector<std::string> versions;
        for (const auto &entry : fs::directory_iterator(fs::path(pyenvRoot) / "versions", ec))
            versions.push_back(entry.path().filename().string());
        std::sort(versions.begin(), versions.end(), versionLess);
        for (const auto &version : versions) {
            const auto bin = fs::path(pyenvRoot) / "versions" / version / "bin";
            for (const char *name : {"python3", "python"}) {
                if (isExecutableFile(bin / name)) {
                    add((bin / name).string(), {PythonOrigin::Kind::Pyenv, version});
                    break;
                }
            }
        }
    }
    for (const auto &path : given)
        add(path, {PythonOrigin::Kind::Given, path});
    return found;
}

std::string PythonSearch::places() const
{
    std::string text
        = pathVariable.empty() ? std::string("PATH (empty)") : fmt::format("PATH ({})", pathVariable);
    if (!pyenvRoot.empty())
        text += fmt::format(", {}/versions", pyenvRoot);
    if (!environment.empty())
        text += fmt::format(", $COROSCOPE_PYTHON ({})", environment);
    return text;
}

std::vector<PythonInterpreter> findPythons(const PythonSearch &search, double timeoutSeconds)
{
    auto candidates = search.candidates();
    std::vector<std::thread> askers;
    askers.reserve(candidates.size());
    for (auto &candidate : candidates) {
        askers.emplace_back([&candidate, timeoutSeconds] {
            auto origins = std::move(candidate.origins);
            candidate = probePython(candidate.path, timeoutSeconds);
            candidate.origins = std::move(origins);
        });
    }
    for (auto &t : askers)
        t.join();

    // A shim and the binary it runs are one interpreter; one the user named stays apart (a wrapper
    // script of theirs may set up more than the binary it runs).
    std::vector<PythonInterpreter> found;
    std::vector<std::string> binaries;
    for (auto &python : candidates) {
        const bool named
            = std::any_of(python.origins.begin(), python.origins.end(),
                          [](const PythonOrigin &o) { return o.kind == PythonOrigin::Kind::Given; });
        std::string binary;
        if (!python.executable.empty() && !named) {
            std::error_code ec;
            const auto canonical = fs::canonical(python.executable, ec);
            binary = ec ? python.executable : canonical.string();
        }
        const auto at = binary.empty() ? binaries.end() : std::find(binaries.begin(), binaries.end(), binary);
        if (at != binaries.end()) {
            auto &origins = found[std::size_t(at - binaries.begin())].origins;
            for (auto &origin : python.origins)
                if (std::find(origins.begin(), origins.end(), origin) == origins.end())
                    origins.push_back(std::move(origin));
            continue;
        }
        found.push_back(std::move(python));
        binaries.push_back(binary);
    }
    return found;
}

} // namespace coroscope
