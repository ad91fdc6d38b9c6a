// coroscope-cli on another Python: --python PATH (and COROSCOPE_PYTHON, which it overrides), what a
// missing or refused interpreter gives, the version kept in the trace and its exports, and the
// `pythons` command that lists what it finds. Fake interpreters (shell scripts) stand in for
// versions a machine may not have; Debian's /usr/bin/python3 and pyenv's old ones are used when there.
#include "trace/AnyTraceFile.h"
#include "trace/TraceFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace coroscope;

namespace {

struct Run {
    int code;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli"), args);
    if (!p.waitForFinished(60000))
        return {-1, {}, QStringLiteral("timed out")};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// What `python -c CODE` prints, trimmed.
QString ask(const QString &python, const QString &code)
{
    QProcess p;
    p.start(python, {"-c", code});
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

// A Python the tracer runs on that is not the python3 on PATH, so that a run on it is told apart
// (Debian's /usr/bin/python3 beside pyenv's python3), or empty.
QString otherPython()
{
    const QString debian = QStringLiteral("/usr/bin/python3");
    if (!QFileInfo(debian).isExecutable())
        return {};
    const QString mine = ask(debian, "import sys; print(sys.version)");
    if (mine.isEmpty() || mine == ask("python3", "import sys; print(sys.version)"))
        return {};
    return debian;
}

// The newest pyenv version of `prefix` ("3.9."), or empty.
QString pyenvPython(const QString &prefix)
{
    QString root = qEnvironmentVariable("PYENV_ROOT");
    if (root.isEmpty())
        root = QDir::homePath() + "/.pyenv";
    const auto names
        = QDir(root + "/versions").entryList({prefix + "*"}, QDir::Dirs, QDir::Name | QDir::Reversed);
    for (const QString &name : names) {
        for (const char *binary : {"python3", "python"}) {
            const QString path = root + "/versions/" + name + "/bin/" + binary;
            if (QFileInfo(path).isExecutable())
                return path;
        }
    }
    return {};
}

} // namespace

class TestCliPython : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file(const QString &name, const QString &text, bool executable = false)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text.toUtf8());
        f.close();
        if (executable)
            f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    QString versionScript() { return file("version.py", "import sys\nprint(sys.version)\n"); }

private slots:
    void pythonPicksTheInterpreter()
    {
        const QString other = otherPython();
        if (other.isEmpty())
            QSKIP("needs a second Python the tracer runs on (Debian's /usr/bin/python3 beside another "
                  "python3)");
        const QString version = ask(other, "import sys; print(sys.version)");
        auto r = cli({"run", versionScript(), "--python", other});
        QCOMPARE(r.err, QString());
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), version);

        // COROSCOPE_PYTHON still works, and the option wins over it.
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("COROSCOPE_PYTHON", other);
        r = cli({"run", versionScript()}, env);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), version);
        env.insert("COROSCOPE_PYTHON", "/nonexistent/python3");
        r = cli({"run", versionScript(), "--python", other}, env);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), version);
    }

    void theTraceAndItsExportsKeepTheVersion()
    {
        const QString other = otherPython();
        const QString python = other.isEmpty() ? QStringLiteral("python3") : other;
        const QString version = ask(python, "import sys; print(sys.version.split()[0])");
        const QString native = m_dir.filePath("version.coroscope");
        auto r = cli({"trace", versionScript(), "-o", native, "--python", python});
        QCOMPARE(r.code, 0);
        TraceFileError error;
        auto trace = readTraceFile(native.toStdString(), &error);
        QVERIFY2(trace, error.message.c_str());
        QCOMPARE(QString::fromStdString(trace->metaValue("python")), version);

        const QString chrome = m_dir.filePath("version.json");
        r = cli({"trace", versionScript(), "-o", chrome, "--format", "chrome", "--python", python});
        QCOMPARE(r.code, 0);
        auto imported = readAnyTraceFile(chrome.toStdString(), &error);
        QVERIFY2(imported, error.message.c_str());
        QCOMPARE(QString::fromStdString(imported->metaValue("python")), version);
        // Perfetto shows it in the process's name.
        QFile json(chrome);
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().contains(QStringLiteral("(CPython %1)").arg(version).toUtf8()));

        // A trace file keeps the Python it was recorded on: --python has nothing to choose there.
        r = cli({"events", native, "--python", python});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err,
                 QStringLiteral("coroscope-cli: %1 is a trace file: it was recorded on CPython %2 (leave out "
                                "--python)\n")
                     .arg(native, version));
    }

    void aMissingInterpreterIsAClearError()
    {
        auto r = cli({"run", versionScript(), "--python", "/nonexistent/python3.12"});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.out, QString());
        QCOMPARE(r.err,
                 QStringLiteral("coroscope-cli: --python /nonexistent/python3.12: no such file "
                                "('coroscope-cli pythons' lists the interpreters found)\n"));

        r = cli({"run", versionScript(), "--python", "python9.99"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--python python9.99: no such command on PATH"), qPrintable(r.err));

        r = cli({"run", versionScript(), "--python", versionScript()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("not an executable file"), qPrintable(r.err));

        r = cli({"run", versionScript(), "--python"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith("coroscope-cli: --python needs the path of a Python interpreter"),
                 qPrintable(r.err));

        // COROSCOPE_PYTHON naming nothing: core's message names the ways to choose another.
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("COROSCOPE_PYTHON", "/nonexistent/python3");
        r = cli({"run", versionScript()}, env);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("the Python interpreter /nonexistent/python3 was not found"),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("--python PATH"), qPrintable(r.err));
    }

    void aRefusedInterpreterGivesItsMessageAlone()
    {
        // What the tracer does on a Python it does not run on: one line on stderr, exit code 2, no event.
        const QString message
            = "coroscope-tracer: Python 3.9.18 (/opt/python3.9) is too old: Coroscope traces "
              "CPython 3.10 to 3.13.";
        const QString refusing = file(
            "refusing/python3.9", QStringLiteral("#!/bin/sh\necho '%1' >&2\nexit 2\n").arg(message), true);
        for (const char *command : {"run", "events"}) {
            const auto r = cli({command, versionScript(), "--python", refusing});
            QCOMPARE(r.code, 2);
            QCOMPARE(r.out, QString());
            QCOMPARE(r.err, message + "\n");
        }
        const auto r = cli(
            {"trace", versionScript(), "-o", m_dir.filePath("refused.coroscope"), "--python", refusing});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, message + "\n");
        QVERIFY(!QFile::exists(m_dir.filePath("refused.coroscope")));
    }

    void oldPythonsAreRefusedWithAMessage_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::newRow("3.9") << "3.9.";
        QTest::newRow("3.6") << "3.6.";
        QTest::newRow("2.7") << "2.7.";
    }

    void oldPythonsAreRefusedWithAMessage()
    {
        QFETCH(QString, prefix);
        const QString python = pyenvPython(prefix);
        if (python.isEmpty())
            QSKIP(qPrintable("no pyenv Python " + prefix + "x on this machine"));
        const QString version = ask(python, "import sys; print(sys.version.split()[0])");
        const auto r = cli({"run", versionScript(), "--python", python});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.startsWith(QStringLiteral("coroscope-tracer: Python %1 ").arg(version)),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains("is too old: Coroscope traces CPython 3.10 to 3.13"), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
    }

    void aSampleRunsAsItsPortNotOnPython()
    {
        const auto r = cli({"run", "gather-order", "--python", "python3"});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err,
                 QStringLiteral("coroscope-cli: sample 'gather-order' runs as its C++ port, not on Python: "
                                "--python applies to a SCRIPT.py\n"));
    }

    void pythonsListsWhatItFinds()
    {
        // A machine of fakes: python3 (3.11) and python3.12 on PATH, python3.9, pyenv's 3.13 and 3.14.
        const auto answer = [](const QString &version) {
            return QStringLiteral("#!/bin/sh\nprintf 'CPython\\n%s\\n%s (main) [GCC]\\n' \"$0\" '%1'\n")
                .arg(version);
        };
        const QString bin = m_dir.filePath("machine/bin");
        const QString pyenv = m_dir.filePath("machine/pyenv");
        file("machine/bin/python3", answer("3.11.4"), true);
        file("machine/bin/python3.12", answer("3.12.3"), true);
        file("machine/bin/python3.9", answer("3.9.2"), true);
        file("machine/pyenv/versions/3.13.1/bin/python3", answer("3.13.1"), true);
        file("machine/pyenv/versions/3.14.0/bin/python3", answer("3.14.0"), true);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("PATH", bin);
        env.insert("PYENV_ROOT", pyenv);
        env.remove("COROSCOPE_PYTHON");
        auto r = cli({"pythons"}, env);
        QCOMPARE(r.code, 0);
        const auto lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY2(lines[0].startsWith("* CPython 3.11.4  " + bin + "/python3 "), qPrintable(lines[0]));
        QVERIFY2(lines[0].endsWith("supported  (python3 on PATH)"), qPrintable(lines[0]));
        QVERIFY2(lines[1].startsWith("  CPython 3.9.2 "), qPrintable(lines[1]));
        QVERIFY2(lines[1].contains("unsupported: Python 3.9 is too old"), qPrintable(lines[1]));
        QVERIFY2(lines[2].startsWith("  CPython 3.12.3 ")
                     && lines[2].contains("  supported  (on PATH in " + bin + ")"),
                 qPrintable(lines[2]));
        QVERIFY2(lines[3].contains("3.13.1") && lines[3].endsWith("supported  (pyenv 3.13.1)"),
                 qPrintable(lines[3]));
        QVERIFY2(lines[4].contains("3.14.0")
                     && lines[4].contains("unsupported: Python 3.14 is newer than 3.13"),
                 qPrintable(lines[4]));

        // --python marks the one named; one that is not there is listed as such.
        r = cli({"pythons", "--python", bin + "/python3.12"}, env);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("* CPython 3.12.3"), qPrintable(r.out));
        QVERIFY2(r.out.contains("  CPython 3.11.4"), qPrintable(r.out));
        r = cli({"pythons", "--python", "/nonexistent/python"}, env);
        QVERIFY2(r.out.contains("* Python") && r.out.contains("unsupported: not found"), qPrintable(r.out));

        // Nothing usable: exit code 1 and where it looked.
        env.insert("PATH", m_dir.filePath("machine/none"));
        env.insert("PYENV_ROOT", m_dir.filePath("machine/none"));
        r = cli({"pythons"}, env);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.out, QString());
        QVERIFY2(r.err.contains(
                     "no Python that Coroscope runs scripts on (CPython 3.10 to 3.13) was found; looked in "
                     "PATH ("
                     + m_dir.filePath("machine/none") + ")"),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPython)
#include "tst_clipython.moc"
