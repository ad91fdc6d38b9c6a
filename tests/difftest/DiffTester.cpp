#include "DiffTester.h"

#include "Interpreter.h"
#include "ProgramGenerator.h"
#include "PythonRenderer.h"

#include "pytrace/ScriptBatch.h"
#include "pytrace/TraceComparison.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <fmt/format.h>

#include <algorithm>
#include <memory>

namespace coroscope::difftest {

namespace {

constexpr const char *kCppFile = "program.py"; // where the interpreter's events point

std::string firstLine(std::string_view text)
{
    return std::string(text.substr(0, text.find('\n')));
}

// A deadlock's report names each waiting task's line in its own way (a file of its own on each
// side): the runs are held to its first line.
void firstLineOfFaults(Trace &t)
{
    for (auto &e : t.events)
        if (e.eventKind() == EventKind::Fault)
            e.detail = t.strings.intern(firstLine(t.strings.at(e.detail)));
}

std::vector<std::string> compare(RunResult &cpp, ScriptRun &py, const std::string &script, std::size_t maxDifferences)
{
    std::vector<std::string> diffs;
    if (py.cutShort && py.result.trace.events.empty()) {
        diffs.push_back("CPython did not run: " + py.result.error);
        return diffs;
    }
    if (cpp.output != py.result.output) {
        const auto n = std::min(cpp.output.size(), py.result.output.size());
        std::size_t i = 0;
        while (i < n && cpp.output[i] == py.result.output[i])
            ++i;
        diffs.push_back(fmt::format("printed line {}: C++ '{}', CPython '{}'", i,
                                    i < cpp.output.size() ? cpp.output[i] : "(nothing)",
                                    i < py.result.output.size() ? py.result.output[i] : "(nothing)"));
    }
    if (firstLine(cpp.error) != firstLine(py.result.error))
        diffs.push_back(fmt::format("the run ends: C++ '{}', CPython '{}'", firstLine(cpp.error),
                                    firstLine(py.result.error)));
    firstLineOfFaults(cpp.trace);
    firstLineOfFaults(py.result.trace);
    ComparisonOptions o;
    o.leftWhere = pythonWhere(kCppFile);
    o.rightWhere = pythonWhere(script);
    o.maxDifferences = maxDifferences;
    for (auto &d : compareTraces(cpp.trace, py.result.trace, o))
        diffs.push_back(std::move(d));
    return diffs;
}

std::vector<std::string> linesOf(const std::string &text)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        auto nl = text.find('\n', start);
        if (nl == std::string::npos)
            nl = text.size();
        lines.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

} // namespace

std::string plainDifference(const PlainRun &run, const ScriptRun &traced)
{
    if (run.timedOut)
        return fmt::format("python3 did not end within {:.0f} s", run.seconds);
    const auto lines = linesOf(run.out);
    const auto &want = traced.result.output;
    if (lines != want) {
        const auto n = std::min(lines.size(), want.size());
        std::size_t i = 0;
        while (i < n && lines[i] == want[i])
            ++i;
        return fmt::format("printed line {}: traced '{}', python3 '{}'", i, i < want.size() ? want[i] : "(nothing)",
                           i < lines.size() ? lines[i] : "(nothing)");
    }
    const int wantExit = traced.result.error.empty() ? 0 : 1;
    if (run.exitCode != wantExit)
        return fmt::format("python3 exited with {}, the traced run ended {}", run.exitCode,
                           wantExit ? "with '" + firstLine(traced.result.error) + "'" : "normally");
    return {};
}

namespace {

void writeFile(const std::string &path, const std::string &text)
{
    QFile f(QString::fromStdString(path));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(text.data(), qsizetype(text.size()));
}

// The real-clock oracle on the verdicts drawn for it: the filter, one plain run each, and for each
// mismatch `confirmations` more at twice the unit, all many at a time.
void holdToRealClock(std::vector<Verdict> &verdicts, const std::vector<std::size_t> &drawn, const QString &dir,
                     const DiffOptions &options)
{
    std::vector<std::size_t> admitted;
    std::vector<std::string> scripts;
    for (auto i : drawn) {
        auto &v = verdicts[i];
        v.real.why = realClockObstacle(v.program, v.py, options.limits);
        if (!v.real.why.empty()) {
            v.real.state = RealClockRun::State::Skipped;
            continue;
        }
        v.real.unit = options.unit;
        v.real.python = renderRealClock(v.program, options.unit);
        scripts.push_back(QStringLiteral("%1/r%2.py").arg(dir).arg(i).toStdString());
        writeFile(scripts.back(), v.real.python);
        admitted.push_back(i);
    }
    auto runs = runPlain(scripts, options.plain);
    std::vector<std::size_t> mismatched;
    for (std::size_t k = 0; k < admitted.size(); ++k) {
        auto &v = verdicts[admitted[k]];
        v.real.run = std::move(runs[k]);
        v.real.lines = linesOf(v.real.run.out);
        v.real.why = plainDifference(v.real.run, v.py);
        v.real.state = v.real.why.empty() ? RealClockRun::State::Agrees : RealClockRun::State::Diverges;
        if (!v.real.why.empty())
            mismatched.push_back(admitted[k]);
    }
    if (mismatched.empty() || options.confirmations <= 0)
        return;
    // A mismatch is confirmed when python3 prints the same other thing every time: one that jitter
    // made (a split tie, a late wake-up) does not come back run after run, a rule python3 follows does.
    scripts.clear();
    for (auto i : mismatched) {
        const auto source = renderRealClock(verdicts[i].program, 2 * options.unit);
        for (int c = 0; c < options.confirmations; ++c) {
            scripts.push_back(QStringLiteral("%1/r%2-%3.py").arg(dir).arg(i).arg(c).toStdString());
            writeFile(scripts.back(), source);
        }
    }
    // Fewer at a time: on a quieter machine python3 takes its usual course more often.
    PlainOptions quieter = options.plain;
    quieter.parallel = std::min(quieter.parallel, 4);
    runs = runPlain(scripts, quieter);
    for (std::size_t k = 0; k < mismatched.size(); ++k) {
        auto &v = verdicts[mismatched[k]];
        int agreeing = 0, sameAsFirst = 0;
        for (int c = 0; c < options.confirmations; ++c) {
            const auto &rerun = runs[k * std::size_t(options.confirmations) + std::size_t(c)];
            agreeing += plainDifference(rerun, v.py).empty();
            sameAsFirst += rerun.out == v.real.run.out && rerun.exitCode == v.real.run.exitCode;
        }
        if (agreeing > 0 || sameAsFirst < options.confirmations) {
            v.real.state = RealClockRun::State::Unstable;
            v.real.why = fmt::format("{} (python3 printed the traced lines in {} of {} reruns, its first run's "
                                     "lines in {})",
                                     v.real.why, agreeing, options.confirmations, sameAsFirst);
        }
    }
}

} // namespace

std::vector<Verdict> runPrograms(std::vector<Program> programs, const DiffOptions &options)
{
    std::unique_ptr<QTemporaryDir> temp;
    QString dir = QString::fromStdString(options.workDir);
    if (dir.isEmpty()) {
        temp = std::make_unique<QTemporaryDir>();
        dir = temp->path();
    }
    QDir().mkpath(dir);
    std::vector<Verdict> verdicts(programs.size());
    std::vector<std::string> scripts;
    for (std::size_t i = 0; i < programs.size(); ++i) {
        auto &v = verdicts[i];
        v.program = std::move(programs[i]);
        v.python = renderPython(v.program);
        const auto path = QStringLiteral("%1/p%2.py").arg(dir).arg(i).toStdString();
        writeFile(path, v.python);
        scripts.push_back(path);
    }
    BatchOptions batch;
    batch.processes = options.processes;
    auto runs = runScriptBatch(scripts, batch);
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        auto &v = verdicts[i];
        v.py = std::move(runs[i]);
        v.cpp = interpret(v.program, kCppFile);
        v.differences = compare(v.cpp, v.py, scripts[i], options.maxDifferences);
    }
    if (options.realClockEvery > 0) {
        std::vector<std::size_t> drawn;
        for (std::size_t i = 0; i < verdicts.size(); i += std::size_t(options.realClockEvery))
            drawn.push_back(i);
        holdToRealClock(verdicts, drawn, dir, options);
        for (auto i : drawn)
            if (verdicts[i].real.state == RealClockRun::State::Diverges)
                verdicts[i].differences.push_back("real clock: " + verdicts[i].real.why);
    }
    return verdicts;
}

namespace {

// The index-th simplification of `p` (a walk over every block in a fixed order); false when
// there are fewer.
struct Mutation {
    int target;
    int seen = 0;
    bool done = false;

    bool here() { return !done && seen++ == target && (done = true); }

    void block(std::vector<Stmt> &b)
    {
        for (std::size_t i = 0; i < b.size() && !done; ++i) {
            if (here()) {
                b.erase(b.begin() + std::ptrdiff_t(i));
                return;
            }
            Stmt &s = b[i];
            const bool hasBody = s.op == Op::Try || s.op == Op::LockBlock || s.op == Op::SemBlock
                || s.op == Op::TimeoutBlock || s.op == Op::TaskGroup;
            if (hasBody && here()) {
                auto body = std::move(s.body);
                b.erase(b.begin() + std::ptrdiff_t(i));
                b.insert(b.begin() + std::ptrdiff_t(i), body.begin(), body.end());
                return;
            }
            if (s.op == Op::Try && s.hasHandler && s.hasFinally) {
                if (here()) {
                    s.hasHandler = false;
                    s.handler.clear();
                    s.flag = false;
                    return;
                }
                if (here()) {
                    s.hasFinally = false;
                    s.finally.clear();
                    return;
                }
            }
            if (s.op == Op::Try && s.flag && here()) {
                s.flag = false;
                return;
            }
            for (std::size_t j = 0; s.items.size() > 1 && j < s.items.size(); ++j) {
                if (here()) {
                    s.items.erase(s.items.begin() + std::ptrdiff_t(j));
                    return;
                }
            }
            for (std::size_t j = 0; s.tasks.size() > 1 && j < s.tasks.size(); ++j) {
                if (here()) {
                    s.tasks.erase(s.tasks.begin() + std::ptrdiff_t(j));
                    return;
                }
            }
            for (std::size_t j = 1; s.op == Op::Print && j < s.args.size(); ++j) {
                if (here()) {
                    s.args.erase(s.args.begin() + std::ptrdiff_t(j));
                    return;
                }
            }
            if ((s.op == Op::Sleep || s.op == Op::TimeoutBlock) && !(s.delay.seconds == 0 && s.delay.integral)
                && here()) {
                s.delay = {0, true};
                return;
            }
            if (s.timeout && here()) {
                s.timeout.reset();
                return;
            }
            if (s.op == Op::Gather && s.flag && here()) {
                s.flag = false;
                return;
            }
            block(s.body);
            block(s.handler);
            block(s.finally);
        }
    }
};

bool references(const std::vector<Stmt> &b, int fn)
{
    for (const auto &s : b) {
        if (s.item.fn == fn)
            return true;
        for (const auto &a : s.items)
            if (a.fn == fn)
                return true;
        if (references(s.body, fn) || references(s.handler, fn) || references(s.finally, fn))
            return true;
    }
    return false;
}

void renumber(std::vector<Stmt> &b, int removed)
{
    for (auto &s : b) {
        if (s.item.fn > removed)
            --s.item.fn;
        for (auto &a : s.items)
            if (a.fn > removed)
                --a.fn;
        renumber(s.body, removed);
        renumber(s.handler, removed);
        renumber(s.finally, removed);
    }
}

std::vector<Program> candidates(const Program &p)
{
    std::vector<Program> out;
    // Functions nobody calls.
    for (int fn = 0; fn < int(p.functions.size()); ++fn) {
        bool used = references(p.main.body, fn);
        for (const auto &f : p.functions)
            used = used || references(f.body, fn);
        if (used)
            continue;
        Program c = p;
        c.functions.erase(c.functions.begin() + fn);
        renumber(c.main.body, fn);
        for (auto &f : c.functions)
            renumber(f.body, fn);
        out.push_back(std::move(c));
    }
    // Primitives nobody uses.
    for (int which = 0; which < 4; ++which) {
        Program c = p;
        bool &flagLock = c.lock;
        bool &flagEvent = c.event;
        if (which == 0 && c.lock)
            flagLock = false;
        else if (which == 1 && c.event)
            flagEvent = false;
        else if (which == 2 && c.semaphore)
            c.semaphore = 0;
        else if (which == 3 && c.queue)
            c.queue.reset();
        else
            continue;
        if (wellFormed(c))
            out.push_back(std::move(c));
    }
    for (int index = 0;; ++index) {
        Program c = p;
        Mutation m{index};
        m.block(c.main.body);
        for (auto &f : c.functions)
            m.block(f.body);
        if (!m.done)
            break;
        if (wellFormed(c) && !(c == p))
            out.push_back(std::move(c));
    }
    return out;
}

} // namespace

Verdict shrink(const Verdict &verdict, const DiffOptions &options, const std::function<void(const std::string &)> &log)
{
    Verdict best = verdict;
    // A real-clock divergence shrinks to a smaller one; any other to any difference of the runtimes.
    const bool real = verdict.real.state == RealClockRun::State::Diverges;
    DiffOptions o = options;
    o.realClockEvery = real ? 1 : 0;
    // Each round's real-clock mismatches are taken at their first run; only the one picked is
    // confirmed (rerun), the next smallest tried if it is not.
    o.confirmations = 0;
    for (int round = 0; round < 200; ++round) {
        auto cs = candidates(best.program);
        if (cs.empty())
            break;
        auto verdicts = runPrograms(std::move(cs), o);
        std::vector<const Verdict *> diverging;
        for (const auto &v : verdicts)
            if (real ? v.real.state == RealClockRun::State::Diverges : !v.same())
                diverging.push_back(&v);
        std::stable_sort(diverging.begin(), diverging.end(),
                         [](const Verdict *a, const Verdict *b) { return a->program.size() < b->program.size(); });
        const Verdict *pick = nullptr;
        Verdict confirmed;
        for (std::size_t k = 0; k < diverging.size() && !pick; ++k) {
            if (!real) {
                pick = diverging[k];
                break;
            }
            if (k == 3)
                break;
            DiffOptions one = options;
            one.realClockEvery = 1;
            auto again = runPrograms({diverging[k]->program}, one);
            if (again[0].real.state == RealClockRun::State::Diverges) {
                confirmed = std::move(again[0]);
                pick = &confirmed;
            }
        }
        if (!pick)
            break;
        best = *pick;
        if (log)
            log(fmt::format("shrink round {}: {} statements, {} candidates", round, best.program.size(),
                            verdicts.size()));
    }
    return best;
}

std::vector<Regression> loadRegressions(const std::string &folder, std::string *error)
{
    std::vector<Regression> out;
    QDir dir(QString::fromStdString(folder));
    const auto files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const auto &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const auto doc = QJsonDocument::fromJson(f.readAll());
        std::string why;
        auto program = Program::fromJson(doc.object()["program"].toObject(), &why);
        if (!program) {
            if (error)
                *error = name.toStdString() + ": " + why;
            continue;
        }
        out.push_back({name.chopped(5).toStdString(), doc.object()["note"].toString().toStdString(), *program,
                       doc.object()["clock"].toString() == QLatin1String("real")});
    }
    return out;
}

bool saveRegression(const std::string &path, const Regression &r)
{
    QJsonObject o{{"name", QString::fromStdString(r.name)},
                  {"note", QString::fromStdString(r.note)},
                  {"program", r.program.toJson()}};
    if (r.realClock)
        o["clock"] = QStringLiteral("real");
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    return true;
}

std::string report(const Verdict &v)
{
    std::string out = "--- program\n";
    int line = 0;
    std::size_t start = 0;
    while (start < v.python.size()) {
        auto nl = v.python.find('\n', start);
        if (nl == std::string::npos)
            nl = v.python.size();
        out += fmt::format("{:3} {}\n", ++line, v.python.substr(start, nl - start));
        start = nl + 1;
    }
    out += "--- C++ printed\n";
    for (const auto &l : v.cpp.output)
        out += "  " + l + "\n";
    if (!v.cpp.error.empty())
        out += "  (" + firstLine(v.cpp.error) + ")\n";
    out += "--- CPython printed\n";
    for (const auto &l : v.py.result.output)
        out += "  " + l + "\n";
    if (!v.py.result.error.empty())
        out += "  (" + firstLine(v.py.result.error) + ")\n";
    if (v.real.state == RealClockRun::State::Diverges || v.real.state == RealClockRun::State::Unstable) {
        out += fmt::format("--- python3 on the real clock printed (UNIT = {} s)\n", v.real.unit);
        for (const auto &l : v.real.lines)
            out += "  " + l + "\n";
        out += fmt::format("  (exit {}{})\n", v.real.run.exitCode, v.real.run.timedOut ? ", killed at the time limit" : "");
        if (v.real.state == RealClockRun::State::Unstable)
            out += "  unstable, not counted: " + v.real.why + "\n";
    }
    out += "--- differences\n";
    for (const auto &d : v.differences)
        out += "  " + d + "\n";
    return out;
}

} // namespace coroscope::difftest
