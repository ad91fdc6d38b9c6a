// Holds a C++ scenario to the same scenario in Python, run on CPython under the tracer: the same
// printed lines, and step for step the same trace (lanes, events with their labels, times, Python
// lines and causes, the interleaving, the loop state at every printed line), as tst_crossruntime
// holds the samples. The C++ code marks its lines with "// py:N" (N: the line of the Python source).
#pragma once

#include "RuntimeTestSupport.h"

#include "pytrace/ScriptRun.h"
#include "pytrace/TraceComparison.h"

#include <QFile>
#include <QTemporaryDir>

#include <functional>
#include <string>
#include <vector>

namespace coroscope::testing {

struct CrossCheck {
    RunResult cpp;
    ScriptRun py;
    std::vector<std::string> differences;
    bool same() const { return differences.empty() && cpp.output == py.result.output && cpp.error == py.result.error; }
    // For a failure message: the outputs and the differences.
    std::string report() const
    {
        std::string text = "C++ printed:";
        for (const auto &l : cpp.output)
            text += "\n  " + l;
        if (!cpp.error.empty())
            text += "\n  (" + cpp.error + ")";
        text += "\nCPython printed:";
        for (const auto &l : py.result.output)
            text += "\n  " + l;
        if (!py.result.error.empty())
            text += "\n  (" + py.result.error + ")";
        for (const auto &d : differences)
            text += "\n" + d;
        return text;
    }
};

// `cppSource`: the C++ test file (its "// py:N" markers map its lines to the Python source's).
inline CrossCheck crossCheck(const std::function<void()> &module, std::string_view python, std::string cppSource,
                             RunOptions options = {})
{
    // __FILE__ may be relative to the build directory: the test file is read from the source tree.
    if (const auto slash = cppSource.rfind('/'); slash != std::string::npos)
        cppSource = cppSource.substr(slash + 1);
    cppSource = COROSCOPE_SOURCE_DIR "/tests/runtime/" + cppSource;
    CrossCheck c;
    c.cpp = runProgram(module, std::move(options));
    QTemporaryDir dir;
    const std::string script = dir.filePath("scenario.py").toStdString();
    {
        QFile f(QString::fromStdString(script));
        if (f.open(QIODevice::WriteOnly))
            f.write(python.data(), qsizetype(python.size()));
    }
    c.py = runScript(script);
    std::string text;
    {
        QFile f(QString::fromStdString(cppSource));
        if (f.open(QIODevice::ReadOnly))
            text = f.readAll().toStdString();
    }
    ComparisonOptions o;
    o.leftWhere = cppPortWhere(cppSource, text);
    o.rightWhere = pythonWhere(script);
    o.maxDifferences = 6;
    c.differences = compareTraces(c.cpp.trace, c.py.result.trace, o);
    if (std::getenv("COROSCOPE_STEPS")) {
        std::string dump = "--- C++\n";
        for (const auto &s : comparableSteps(c.cpp.trace, o.leftWhere))
            dump += s + "\n";
        dump += "--- CPython\n";
        for (const auto &s : comparableSteps(c.py.result.trace, o.rightWhere))
            dump += s + "\n";
        QFile f(QStringLiteral("/tmp/crosscheck.steps"));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(dump.data(), qsizetype(dump.size()));
    }
    return c;
}

} // namespace coroscope::testing

// The scenario's lines, compared with what CPython printed for its Python twin, and the two traces.
#define CROSS_CHECK(module, python, expected)                                                                     \
    do {                                                                                                         \
        const auto check_ = ::coroscope::testing::crossCheck(module, python, __FILE__);                          \
        QVERIFY2(check_.py.ok() || !check_.py.result.trace.events.empty(), check_.py.result.error.c_str());      \
        QCOMPARE(::coroscope::testing::lines(check_.cpp), QStringList expected);                              \
        QVERIFY2(check_.same(), check_.report().c_str());                                                        \
    } while (false)
