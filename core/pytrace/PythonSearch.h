#pragma once

#include "PythonInterpreter.h"

#include <string>
#include <vector>

namespace coroscope {

// Where to look for Python interpreters: $COROSCOPE_PYTHON, python3 and python3.X in each folder of
// PATH, pyenv's versions ($PYENV_ROOT/versions, else ~/.pyenv/versions), and any the user named.
// fromEnvironment() reads the process's environment; tests fill it in by hand.
struct PythonSearch {
    std::string pathVariable; // PATH
    std::string pyenvRoot; // $PYENV_ROOT, else $HOME/.pyenv (empty: no pyenv)
    std::string environment; // $COROSCOPE_PYTHON
    std::vector<std::string> given; // named by the user (--python, files chosen in the app)

    static PythonSearch fromEnvironment();

    // The interpreters to ask, in the order above, without running any: each path once (a symlink
    // and its target, /bin and /usr/bin, count as one), with where it was found.
    std::vector<PythonInterpreter> candidates() const;
    // "PATH (/usr/local/bin:/usr/bin), /root/.pyenv/versions": for "no Python 3.12 found" messages.
    std::string places() const;
};

// The candidates, each asked what it is (probePython, all at once, `timeoutSeconds` each). Two paths
// that end at the same binary (pyenv's python3 shim and the version it runs) are one entry, with
// both origins, under the first one's path; one the user named (given) is never folded into another.
std::vector<PythonInterpreter> findPythons(const PythonSearch &search, double timeoutSeconds = 5);

} // namespace coroscope
