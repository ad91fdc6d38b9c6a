#pragma once

#include <string>
#include <vector>

namespace coroscope {

// The Pythons the tracer supports: CPython 3.10 to 3.13, each with its own asyncio. Older ones lack
// what it hooks; newer ones have not been tested, and the tracer refuses them with a message.
constexpr int kOldestPythonMinor = 10;
constexpr int kNewestPythonMinor = 13;

// Where an interpreter was found (findPythons), one of possibly several: the python3 on PATH is often
// also one of pyenv's.
struct PythonOrigin {
    enum class Kind {
        Environment, // $COROSCOPE_PYTHON
        Python3, // python3 on PATH
        OnPath, // python3.X on PATH (detail: the folder)
        Pyenv, // pyenv's versions/ (detail: the version's name)
        Given, // named by the user (--python, a file chosen in the app)
    };
    Kind kind = Kind::Given;
    std::string detail;
    bool operator==(const PythonOrigin &) const = default;
};

// "python3 on PATH", "pyenv 3.12.1", "$COROSCOPE_PYTHON": the CLI's words; the app has its own.
std::string describeOrigin(const PythonOrigin &origin);

// One Python interpreter, as it reports itself when asked (probePython).
struct PythonInterpreter {
    enum class Support {
        Supported, // CPython 3.10 to 3.13
        TooOld, // 3.9 and older (Python 2 too)
        TooNew, // 3.14 and newer: not tested, refused
        NotCPython, // PyPy, GraalPy...: the tracer follows CPython's asyncio
        Broken, // it did not start, did not answer in time, or answered nonsense
    };

    std::string path; // as found or given ("/usr/bin/python3", "python3")
    std::vector<PythonOrigin> origins; // where it was found (empty: probed directly)
    std::string implementation; // "CPython", "PyPy" (platform.python_implementation())
    std::string executable; // sys.executable: the binary a shim or a symlink ends at
    std::string version; // "3.12.1", "3.13.0rc1" (the first word of sys.version)
    std::string fullVersion; // sys.version, on one line
    int major = 0, minor = 0;
    Support support = Support::Broken;
    std::string problem; // Broken: what went wrong ("exit code 127: pyenv: python3.10: command not found")

    bool supported() const { return support == Support::Supported; }
    // "CPython 3.12.1"
    std::string label() const;
    // Why it cannot be used, in English (empty when supported): the CLI's words; the app has its own.
    std::string reason() const;
};

// Runs `path -c ...` (the interpreter's sys.version, sys.executable and implementation) and waits at
// most `timeoutSeconds` for the answer; a Python that does not answer in time is killed. Never
// throws: whatever fails ends up in `problem` with support Broken.
PythonInterpreter probePython(const std::string &path, double timeoutSeconds = 5);

// The support of a Python that reports `implementation` and version `major`.`minor`.
PythonInterpreter::Support pythonSupport(const std::string &implementation, int major, int minor);

} // namespace coroscope
