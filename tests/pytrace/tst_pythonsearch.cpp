// Finding the Python interpreters a learner has (core/pytrace/PythonSearch, PythonInterpreter): where
// it looks and in which order, what each says it is, which the tracer runs on and why not, and that a
// Python that hangs or fails is reported, not waited for. Fake interpreters (shell scripts that answer
// as Python would) make every case reproducible; the real ones of this machine are asked too.
#include "pytrace/PythonSearch.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

using namespace coroscope;

namespace {

bool hasOrigin(const PythonInterpreter &p, PythonOrigin::Kind kind, const std::string &detail = {})
{
    for (const auto &o : p.origins)
        if (o.kind == kind && (detail.empty() || o.detail == detail))
            return true;
    return false;
}

const PythonInterpreter *byPath(const std::vector<PythonInterpreter> &found, const QString &path)
{
    for (const auto &p : found)
        if (QString::fromStdString(p.path) == path)
            return &p;
    return nullptr;
}

} // namespace

class TestPythonSearch : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    // A file that answers the probe as a Python of `version` and `implementation` would; its
    // sys.executable is itself (or `executable`).
    QString fake(const QString &relative, const QString &version, const QString &implementation = "CPython",
                 const QString &executable = {})
    {
        return script(
            relative,
            QStringLiteral("#!/bin/sh\nprintf '%s\\n%s\\n%s\\n' '%1' \"%2\" '%3 (main, Jan  1 2025, "
                           "00:00:00) [GCC 12.2.0]'\n")
                .arg(implementation, executable.isEmpty() ? QStringLiteral("$0") : executable, version));
    }

    QString script(const QString &relative, const QString &text)
    {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text.toUtf8());
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    QString dir(const QString &relative) const { return m_dir.filePath(relative); }

private slots:
    void probeReadsWhatTheInterpreterSays()
    {
        const auto p = probePython(fake("probe/python3.12", "3.12.1").toStdString());
        QCOMPARE(p.support, PythonInterpreter::Support::Supported);
        QCOMPARE(p.version, std::string("3.12.1"));
        QCOMPARE(p.major, 3);
        QCOMPARE(p.minor, 12);
        QCOMPARE(p.implementation, std::string("CPython"));
        QCOMPARE(p.label(), std::string("CPython 3.12.1"));
        QCOMPARE(p.fullVersion, std::string("3.12.1 (main, Jan  1 2025, 00:00:00) [GCC 12.2.0]"));
        QVERIFY(p.reason().empty());
    }

    void eachUnsupportedPythonSaysWhy_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("implementation");
        QTest::addColumn<int>("support");
        QTest::addColumn<QString>("reason");
        using S = PythonInterpreter::Support;
        QTest::newRow("3.9") << "3.9.18"
                             << "CPython" << int(S::TooOld)
                             << "Python 3.9 is too old: Coroscope traces CPython 3.10 to 3.13";
        QTest::newRow("2.7") << "2.7.18"
                             << "CPython" << int(S::TooOld) << "Python 2.7 is too old";
        QTest::newRow("3.14") << "3.14.0a1"
                              << "CPython" << int(S::TooNew) << "Python 3.14 is newer than 3.13";
        QTest::newRow("4.0") << "4.0.0"
                             << "CPython" << int(S::TooNew) << "newer than 3.13";
        QTest::newRow("pypy") << "3.10.14"
                              << "PyPy" << int(S::NotCPython) << "PyPy is not CPython";
        QTest::newRow("3.10") << "3.10.13"
                              << "CPython" << int(S::Supported) << "";
        QTest::newRow("3.13rc") << "3.13.0rc1"
                                << "CPython" << int(S::Supported) << "";
    }

    void eachUnsupportedPythonSaysWhy()
    {
        QFETCH(QString, version);
        QFETCH(QString, implementation);
        QFETCH(int, support);
        QFETCH(QString, reason);
        const auto p
            = probePython(fake(QStringLiteral("support/") + QString::fromUtf8(QTest::currentDataTag()),
                               version, implementation)
                              .toStdString());
        QCOMPARE(int(p.support), support);
        QCOMPARE(p.version, version.toStdString());
        QVERIFY2(QString::fromStdString(p.reason()).contains(reason), p.reason().c_str());
    }

    void aPythonThatFailsOrHangsIsReportedNotWaitedFor()
    {
        using S = PythonInterpreter::Support;
        auto p = probePython(script("bad/failing",
                                    "#!/bin/sh\necho 'pyenv: python3.10: command not found' >&2\n"
                                    "exit 127\n")
                                 .toStdString());
        QCOMPARE(p.support, S::Broken);
        QCOMPARE(p.problem, std::string("it failed (exit code 127): pyenv: python3.10: command not found"));

        p = probePython(script("bad/nonsense", "#!/bin/sh\necho hello\n").toStdString());
        QCOMPARE(p.support, S::Broken);
        QVERIFY2(p.problem.find("does not answer as Python does") != std::string::npos, p.problem.c_str());

        p = probePython(dir("bad/nonexistent").toStdString());
        QCOMPARE(p.support, S::Broken);
        QCOMPARE(p.problem, std::string("not found"));

        QElapsedTimer timer;
        timer.start();
        p = probePython(script("bad/hanging", "#!/bin/sh\nexec sleep 30\n").toStdString(), 0.5);
        QCOMPARE(p.support, S::Broken);
        QCOMPARE(p.problem, std::string("did not answer within 0.5 s"));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }

    void candidatesComeInOrderEachOnce()
    {
        // PATH: a/ (python3, python3.12, python3.10), b/ (python3 again: not taken, the first wins;
        // python3.12 a link to a/'s: one interpreter; python3.9), pyenv's shims (left out), pyenv's
        // versions (3.9.18, 3.10.13, 2.7.18 with only bin/python), $COROSCOPE_PYTHON, one given.
        const QString a = dir("order/a"), b = dir("order/b"), pyenv = dir("order/pyenv");
        fake("order/a/python3", "3.11.7");
        fake("order/a/python3.12", "3.12.1");
        fake("order/a/python3.10", "3.10.13");
        fake("order/b/python3", "3.11.2");
        std::filesystem::create_symlink((a + "/python3.12").toStdString(), (b + "/python3.12").toStdString());
        fake("order/b/python3.9", "3.9.18");
        fake("order/b/python3-config", "3.9.18");
        fake("order/pyenv/shims/python3.13", "3.13.0");
        fake("order/pyenv/versions/3.10.13/bin/python3", "3.10.13");
        fake("order/pyenv/versions/3.9.18/bin/python3", "3.9.18");
        fake("order/pyenv/versions/2.7.18/bin/python", "2.7.18");
        const QString env = fake("order/env/python", "3.13.0");
        const QString given = fake("order/given/python", "3.12.0");

        PythonSearch search;
        search.pathVariable = (a + ":" + b + "::" + pyenv + "/shims").toStdString();
        search.pyenvRoot = pyenv.toStdString();
        search.environment = env.toStdString();
        search.given = {given.toStdString(), (a + "/python3.12").toStdString()};
        const auto candidates = search.candidates();
        QStringList paths;
        for (const auto &c : candidates)
            paths << QString::fromStdString(c.path).remove(m_dir.path() + "/order/");
        QCOMPARE(paths,
                 QStringList({"env/python", "a/python3", "a/python3.10", "a/python3.12", "b/python3.9",
                              "pyenv/versions/2.7.18/bin/python", "pyenv/versions/3.9.18/bin/python3",
                              "pyenv/versions/3.10.13/bin/python3", "given/python"}));
        const auto *linked = byPath(candidates, a + "/python3.12");
        QVERIFY(linked);
        QVERIFY(hasOrigin(*linked, PythonOrigin::Kind::OnPath, a.toStdString()));
        QVERIFY(hasOrigin(*linked, PythonOrigin::Kind::OnPath, b.toStdString()));
        QVERIFY(hasOrigin(*linked, PythonOrigin::Kind::Given));
        QVERIFY(hasOrigin(candidates[0], PythonOrigin::Kind::Environment));
        QVERIFY(hasOrigin(candidates[1], PythonOrigin::Kind::Python3));
        QVERIFY(hasOrigin(*byPath(candidates, pyenv + "/versions/3.10.13/bin/python3"),
                          PythonOrigin::Kind::Pyenv, "3.10.13"));
        QCOMPARE(describeOrigin(candidates[1].origins[0]), std::string("python3 on PATH"));
        QCOMPARE(describeOrigin({PythonOrigin::Kind::Pyenv, "3.10.13"}), std::string("pyenv 3.10.13"));

        const auto places = search.places();
        QVERIFY(places.find("PATH (" + search.pathVariable + ")") != std::string::npos);
        QVERIFY(places.find(pyenv.toStdString() + "/versions") != std::string::npos);
    }

    void aShimAndTheBinaryItRunsAreOne()
    {
        // pyenv's python3 shim runs versions/3.11.7/bin/python3: its sys.executable says so.
        const QString pyenv = dir("shim/pyenv");
        const QString binary = fake("shim/pyenv/versions/3.11.7/bin/python3", "3.11.7");
        fake("shim/pyenv/shims/python3", "3.11.7", "CPython", binary);
        fake("shim/bin/python3.12", "3.12.1");
        PythonSearch search;
        search.pathVariable = (pyenv + "/shims:" + dir("shim/bin")).toStdString();
        search.pyenvRoot = pyenv.toStdString();
        const auto found = findPythons(search, 5);
        QCOMPARE(int(found.size()), 2);
        QCOMPARE(QString::fromStdString(found[0].path), pyenv + "/shims/python3");
        QVERIFY(hasOrigin(found[0], PythonOrigin::Kind::Python3));
        QVERIFY(hasOrigin(found[0], PythonOrigin::Kind::Pyenv, "3.11.7"));
        QCOMPARE(found[0].version, std::string("3.11.7"));
        QCOMPARE(found[1].version, std::string("3.12.1"));
    }

    void thisMachinesPyenvVersionsSayWhatTheyAre()
    {
        const auto search = PythonSearch::fromEnvironment();
        QDir versions(QString::fromStdString(search.pyenvRoot) + "/versions");
        const auto names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        if (names.isEmpty())
            QSKIP("no pyenv versions on this machine");
        const auto found = findPythons(search);
        int asked = 0;
        for (const QString &name : names) {
            for (const auto &p : found) {
                if (!hasOrigin(p, PythonOrigin::Kind::Pyenv, name.toStdString()))
                    continue;
                ++asked;
                QCOMPARE(QString::fromStdString(p.version), name);
                const bool inRange
                    = p.major == 3 && p.minor >= kOldestPythonMinor && p.minor <= kNewestPythonMinor;
                QCOMPARE(p.supported(), inRange);
            }
        }
        QCOMPARE(asked, int(names.size()));
    }
};

QTEST_GUILESS_MAIN(TestPythonSearch)
#include "tst_pythonsearch.moc"
