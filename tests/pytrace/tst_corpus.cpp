// The corpus (tests/pytrace/corpus, docs/corpus.md): scripts written the way people write them,
// each run twice, plainly (`python3 -u script.py`, the stand-in for python3 in a terminal) and as a
// user of Coroscope runs it (`coroscope-cli run script.py`), from a fresh copy of its folder with
// stdin at /dev/null. Their stdout, stderr and exit codes must agree byte for byte, except for what
// a script's header names as inherently nondeterministic (`# corpus: mask=addr,pid`), which is
// compared by shape. A hang is a failure. Plain CPython is the oracle, never the tracer.
//
// Scripts that do not pass yet are listed in kExpectedFailures with what they wait for; one that
// starts passing fails the test (XPASS) until it is taken off the list.
//
// Environment: COROSCOPE_PYTHON (the interpreter, default python3), COROSCOPE_CORPUS_FILTER (a
// regular expression on the scripts' paths), COROSCOPE_CORPUS_JOBS (processes at once),
// COROSCOPE_CORPUS_REPORT (a file that gets every difference as a diff), COROSCOPE_CORPUS_CHECK=plain
// (run each script plainly twice and compare those: checks the corpus itself, not Coroscope).
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <functional>
#include <memory>
#include <unistd.h>
#include <vector>

namespace {

const QString kCorpusDir = QStringLiteral(COROSCOPE_SOURCE_DIR "/tests/pytrace/corpus");
const QString kCli = QStringLiteral(COROSCOPE_BIN_DIR "/coroscope-cli");

// What does not pass yet, and why: the issue-24 item it waits for (docs/corpus.md). `versions`
// limits an entry to some interpreters ("3.10,3.12"); null means every version.
struct ExpectedFailure {
    const char *script;
    const char *why;
    const char *versions = nullptr;
};

const std::vector<ExpectedFailure> kExpectedFailures = {
    // 1. Ties: timers due at the same virtual instant fire in heapq's order, not in arming order.
    {"basics/chained.py", "issue 24 item 1: timers due together fire in heapq's order, not arming order"},
    {"ties/call_later_ties.py",
     "issue 24 item 1: timers due together fire in heapq's order, not arming order"},
    {"ties/gather_221.py", "issue 24 item 1: timers due together fire in heapq's order, not arming order"},
    {"ties/monty_python.py", "issue 24 item 1: timers due together fire in heapq's order, not arming order"},
    {"ties/six_sleepers.py", "issue 24 item 1: timers due together fire in heapq's order, not arming order"},
    {"ties/waves.py", "issue 24 item 1: timers due together fire in heapq's order, not arming order"},
    // 2. Threads: a thread that prints, drives a generator or runs a to_thread job breaks the stream.
    {"context/context_threads.py", "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    {"executors/executor_with_loop_timer.py",
     "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    {"executors/many_to_thread.py", "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    {"executors/run_in_executor.py", "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    {"executors/to_thread.py", "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    {"threads/gen_in_thread.py", "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    {"threads/gen_per_thread.py", "issue 24 item 2: a thread's events on lane -1 (the stream is refused)"},
    // 4. Process pools and multiprocessing: forked workers hang the run.
    {"executors/mp_pool.py", "issue 24 item 4: multiprocessing's forked workers hang the run"},
    {"executors/process_pool.py", "issue 24 item 4: multiprocessing's forked workers hang the run"},
    {"executors/process_pool_no_shutdown.py",
     "issue 24 item 4: multiprocessing's forked workers hang the run"},
    // 5. Busy waits on the clock: virtual time never moves while the loop spins.
    {"clock/busy_wait.py", "issue 24 item 5: a busy wait on time.time() never ends on the virtual clock"},
    {"clock/busy_wait_sync.py",
     "issue 24 item 5: a busy wait on time.time() never ends on the virtual clock"},
    // 6. time.sleep in the main thread is virtual while a thread of the script's runs.
    {"clock/sleep_thread_clock.py", "issue 24 item 6: time.sleep is virtual while a thread runs"},
    {"errors/keyboard_interrupt.py", "issue 24 item 6: time.sleep is virtual while a thread runs"},
    {"threads/spinner.py", "issue 24 item 6: time.sleep is virtual while a thread runs"},
    {"threads/spinner_print.py", "issue 24 item 6: time.sleep is virtual while a thread runs"},
    {"threads/timer_thread.py", "issue 24 item 6: time.sleep is virtual while a thread runs"},
    // 7. One clock: datetime.now(), localtime(), strftime() and ctime() read the real clock.
    {"clock/ctime_sleep.py", "issue 24 item 7: ctime() reads the real clock, time.time() the virtual one"},
    {"clock/datetime_now.py",
     "issue 24 item 7: datetime.now() reads the real clock, time.time() the virtual one"},
    {"clock/strftime_log.py",
     "issue 24 item 7: localtime() reads the real clock, time.time() the virtual one"},
    // 8. What the script sees of itself: the tracer's classes and frames show.
    {"control/taskgroup_uncaught.py", "issue 24 item 8: the traceback runs through aio.py and sync.py"},
    {"errors/custom_excepthook.py", "issue 24 item 8: the script's sys.excepthook is not called"},
    {"executors/future_exception.py", "issue 24 item 8: the traceback runs through workers.py"},
    {"generators/gen_throw_uncaught.py", "issue 24 item 8: the traceback runs through hooks.py"},
    {"loops/callback_error_default.py", "issue 24 item 8: asyncio's log shows <TracedHandle ...>"},
    {"selfview/debug_mode_slow.py", "issue 24 item 8: debug mode's slow-callback log is missing"},
    {"selfview/escape_asyncio_run.py", "issue 24 item 8: the traceback runs through aio.py"},
    {"selfview/escape_from_task.py", "issue 24 item 8: the traceback runs through aio.py"},
    {"selfview/never_awaited_global.py", "issue 24 item 8: the warning comes from runner.py, not sys:1"},
    {"selfview/never_retrieved.py", "issue 24 item 8: the traceback runs through aio.py"},
    {"selfview/print_loop.py", "issue 24 item 8: print(loop) shows <TracedLoop ...>"},
    {"selfview/task_repr.py", "issue 24 item 8: a task's repr shows Task.__wakeup(), not Task.task_wakeup()"},
};

// --- a script's header -------------------------------------------------------------------------

// `# corpus: mask=addr,elapsed` and `# corpus: timeout=40` lines, anywhere in the script's first
// comment lines; `# corpus: mask-re=REGEX` adds a pattern of the script's own.
struct Header {
    QStringList masks;
    QList<QRegularExpression> patterns;
    int timeoutSeconds = 15;
    QString error; // a header the harness does not understand
};

Header readHeader(const QString &path)
{
    Header h;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        h.error = QStringLiteral("cannot read %1").arg(path);
        return h;
    }
    static const QStringList known = {"addr", "pid", "port", "ident", "elapsed", "time"};
    for (int n = 0; n < 40 && !f.atEnd(); ++n) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (!line.startsWith(QLatin1String("# corpus:")))
            continue;
        const QString spec = line.mid(9).trimmed();
        if (spec.startsWith(QLatin1String("mask="))) {
            for (const QString &m : spec.mid(5).split(u',', Qt::SkipEmptyParts)) {
                if (!known.contains(m.trimmed()))
                    h.error = QStringLiteral("unknown mask '%1' (known: %2)").arg(m, known.join(u','));
                h.masks << m.trimmed();
            }
        } else if (spec.startsWith(QLatin1String("mask-re="))) {
            QRegularExpression re(spec.mid(8));
            if (!re.isValid())
                h.error = QStringLiteral("bad mask-re: %1").arg(re.errorString());
            h.patterns << re;
        } else if (spec.startsWith(QLatin1String("timeout="))) {
            bool ok = false;
            h.timeoutSeconds = spec.mid(8).toInt(&ok);
            if (!ok || h.timeoutSeconds <= 0)
                h.error = QStringLiteral("bad timeout: %1").arg(spec);
        } else {
            h.error = QStringLiteral("unknown corpus header: %1").arg(line);
        }
    }
    return h;
}

// --- masks: what is compared by shape ------------------------------------------------------------

struct Mask {
    QRegularExpression re;
    QString replacement;
};

const QList<Mask> &masksNamed(const QString &name)
{
    static const QHash<QString, QList<Mask>> masks = [] {
        QHash<QString, QList<Mask>> m;
        m["addr"] = {{QRegularExpression(R"(0x[0-9a-fA-F]+)"), "0x<addr>"}};
        m["pid"] = {{QRegularExpression(R"((?i)\b(pid|parent)(\W{0,3})\d+)"), "\\1\\2<pid>"}};
        m["port"] = {{QRegularExpression(R"((127\.0\.0\.1(?:', |:)|(?i)\bport\W{0,3})\d+)"), "\\1<port>"}};
        m["ident"] = {{QRegularExpression(R"(\b\d{9,}\b)"), "<ident>"}};
        m["elapsed"] = {{QRegularExpression(R"(\b\d+:\d\d:\d\d(\.\d+)?)"), "<elapsed>"},
                        {QRegularExpression(R"((?<![\w./])\d+\.\d+(e-?\d+)?(?!\w|\.\d))"), "<elapsed>"}};
        m["time"] = {
            {QRegularExpression(
                 R"(\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}\b)"),
             "<ctime>"},
            {QRegularExpression(R"(\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d([.,]\d+)?)"), "<datetime>"},
            {QRegularExpression(R"(\b\d\d:\d\d:\d\d([.,]\d+)?)"), "<time>"},
            {QRegularExpression(R"(\b1\d{9}(\.\d+)?\b)"), "<epoch>"}};
        return m;
    }();
    static const QList<Mask> none;
    const auto it = masks.find(name);
    return it == masks.end() ? none : *it;
}

// The text as compared: the run's own folder as <dir>, then the script's masks.
QString normalized(const QByteArray &raw, const QString &workDir, const Header &h)
{
    QString text = QString::fromUtf8(raw);
    text.replace(workDir, QStringLiteral("<dir>"));
    for (const QString &name : h.masks)
        for (const Mask &m : masksNamed(name))
            text.replace(m.re, m.replacement);
    for (const QRegularExpression &re : h.patterns)
        text.replace(re, QStringLiteral("<masked>"));
    return text;
}

// --- running ----------------------------------------------------------------------------------

struct Outcome {
    QByteArray out, err;
    int code = -1; // the exit code; 128 + n when killed by signal n, as a shell shows it
    bool hung = false;
    QString startError;
    QString workDir;
    qint64 ms = 0;
};

struct Job {
    QString script; // relative to the corpus: "ties/gather_221.py"
    QStringList command; // program and arguments; the script's path is relative to workDir
    int timeoutSeconds = 15;
    Outcome *into = nullptr;
};

// Copies the script's folder (its siblings are its modules and data) into a fresh one under root.
QString freshCopy(const QString &root, int n, const QString &script)
{
    const QString topic = QFileInfo(script).path();
    const QString dir = QStringLiteral("%1/%2/%3").arg(root).arg(n).arg(topic);
    QDir().mkpath(dir);
    const QDir source(kCorpusDir + u'/' + topic);
    for (const QFileInfo &fi : source.entryInfoList(QDir::Files))
        QFile::copy(fi.filePath(), dir + u'/' + fi.fileName());
    return QFileInfo(dir).canonicalFilePath();
}

// Runs the jobs, `parallel` at a time (the scripts mostly sleep), each in its own process group so
// that a hung one is killed with all it started.
void runAll(std::vector<Job> &jobs, const QString &tempRoot, const QProcessEnvironment &env, int parallel)
{
    QEventLoop loop;
    std::size_t next = 0;
    int running = 0;
    std::function<void()> startMore = [&] {
        while (running < parallel && next < jobs.size()) {
            Job &job = jobs[next];
            const int n = int(next++);
            Outcome *out = job.into;
            out->workDir = freshCopy(tempRoot, n, job.script);
            auto procEnv = env;
            procEnv.insert("HOME", out->workDir);
            auto *p = new QProcess(&loop);
            p->setProcessEnvironment(procEnv);
            p->setWorkingDirectory(out->workDir);
            p->setStandardInputFile(QProcess::nullDevice());
            p->setChildProcessModifier([] { ::setpgid(0, 0); });
            auto clock = std::make_shared<QElapsedTimer>();
            auto group = std::make_shared<pid_t>(0);
            QObject::connect(p, &QProcess::started, p, [p, group] { *group = pid_t(p->processId()); });
            auto *timer = new QTimer(p);
            timer->setSingleShot(true);
            QObject::connect(timer, &QTimer::timeout, p, [out, group] {
                out->hung = true;
                if (*group > 0)
                    ::kill(-*group, SIGKILL);
            });
            auto finish = [&, p, out, clock, group, timer] {
                timer->stop();
                out->ms = clock->elapsed();
                out->out = p->readAllStandardOutput();
                out->err = p->readAllStandardError();
                if (*group > 0)
                    ::kill(-*group, SIGKILL); // what it left behind
                p->deleteLater();
                --running;
                startMore();
                if (running == 0 && next == jobs.size())
                    loop.quit();
            };
            QObject::connect(p, &QProcess::finished, p,
                             [p, out, finish](int code, QProcess::ExitStatus status) {
                                 out->code = status == QProcess::CrashExit ? 128 + code : code;
                                 finish();
                             });
            QObject::connect(p, &QProcess::errorOccurred, p, [p, out, finish](QProcess::ProcessError e) {
                if (e == QProcess::FailedToStart) {
                    out->startError = p->errorString();
                    finish();
                }
            });
            ++running;
            clock->start();
            timer->start(job.timeoutSeconds * 1000);
            p->start(job.command.first(), job.command.mid(1));
        }
    };
    startMore();
    if (running > 0)
        loop.exec();
}

// --- comparing ----------------------------------------------------------------------------------

// A line as a diff shows it: control characters visible (a spinner's \r, a stray \x1b).
QString visible(const QString &line)
{
    QString shown;
    for (const QChar c : line) {
        if (c == u'\r')
            shown += QStringLiteral("\\r");
        else if (c.unicode() < 0x20 && c != u'\t')
            shown += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QChar(u'0'));
        else
            shown += c;
    }
    return shown;
}

// A line diff (LCS) of two texts with two lines of context, at most `limit` lines of it.
QString lineDiff(const QString &a, const QString &b, int limit = 40)
{
    const QStringList x = a.split(u'\n'), y = b.split(u'\n');
    const int n = int(x.size()), m = int(y.size());
    QStringList lines;
    if (qint64(n) * m > 4'000'000) { // too big for the table: the first difference
        int i = 0;
        while (i < n && i < m && x[i] == y[i])
            ++i;
        lines << QStringLiteral("@ line %1").arg(i + 1) << QStringLiteral("- ") + visible(x.value(i))
              << QStringLiteral("+ ") + visible(y.value(i));
        return lines.join(u'\n');
    }
    std::vector<std::vector<int>> l(std::size_t(n + 1), std::vector<int>(std::size_t(m + 1), 0));
    for (int i = n - 1; i >= 0; --i)
        for (int j = m - 1; j >= 0; --j)
            l[i][j] = x[i] == y[j] ? l[i + 1][j + 1] + 1 : std::max(l[i + 1][j], l[i][j + 1]);
    std::vector<std::pair<QChar, QString>> ops; // ' ' both, '-' python3 only, '+' coroscope only
    for (int i = 0, j = 0; i < n || j < m;) {
        if (i < n && j < m && x[i] == y[j])
            ops.emplace_back(u' ', x[i++]), ++j;
        else if (j < m && (i == n || l[i][j + 1] >= l[i + 1][j]))
            ops.emplace_back(u'+', y[j++]);
        else
            ops.emplace_back(u'-', x[i++]);
    }
    const int count = int(ops.size());
    std::vector<bool> shown(std::size_t(count), false);
    for (int k = 0; k < count; ++k)
        if (ops[k].first != u' ')
            for (int c = std::max(0, k - 2); c <= std::min(count - 1, k + 2); ++c)
                shown[c] = true;
    int previous = -1;
    for (int k = 0; k < count && lines.size() < limit; ++k) {
        if (!shown[k])
            continue;
        if (previous >= 0 && k > previous + 1)
            lines << QStringLiteral("...");
        lines << QString(ops[k].first) + u' ' + visible(ops[k].second);
        previous = k;
    }
    if (lines.size() >= limit)
        lines << QStringLiteral("(more follows)");
    return lines.join(u'\n');
}

// Empty when the runs agree; otherwise what differs, as short diffs ("-" python3, "+" coroscope).
QString differences(const Outcome &plain, const Outcome &traced, const Header &h, const QString &tracedName)
{
    if (!traced.startError.isEmpty())
        return QStringLiteral("%1 did not start: %2").arg(tracedName, traced.startError);
    QStringList parts;
    if (traced.hung)
        parts << QStringLiteral("%1 hung: killed after %2 s").arg(tracedName).arg(h.timeoutSeconds);
    else if (plain.code != traced.code)
        parts << QStringLiteral("exit code: python3 %1, %2 %3")
                     .arg(plain.code)
                     .arg(tracedName)
                     .arg(traced.code);
    const QString po = normalized(plain.out, plain.workDir, h),
                  to = normalized(traced.out, traced.workDir, h);
    if (po != to)
        parts << QStringLiteral("stdout differs (- python3, + %1):\n%2").arg(tracedName, lineDiff(po, to));
    const QString pe = normalized(plain.err, plain.workDir, h),
                  te = normalized(traced.err, traced.workDir, h);
    if (pe != te)
        parts << QStringLiteral("stderr differs (- python3, + %1):\n%2").arg(tracedName, lineDiff(pe, te));
    return parts.join(u'\n');
}

bool versionListed(const char *versions, const QString &version)
{
    return !versions || QString::fromLatin1(versions).split(u',').contains(version);
}

} // namespace

class TestCorpus : public QObject
{
    Q_OBJECT

    struct Entry {
        QString script;
        Header header;
        Outcome plain, traced;
        Outcome plainAgain; // python3 once more, when its first run and Coroscope's differ
        bool ranAgain = false;
    };

    // Empty when Coroscope's run agrees with one of python3's runs: python3 on the real clock may
    // take either of two orders a loaded machine allows, and each is what python3 does.
    QString verdict(const Entry &e) const
    {
        const QString name = m_checkPlain ? "python3 again" : "coroscope-cli run";
        const QString diff = differences(e.plain, e.traced, e.header, name);
        if (diff.isEmpty() || !e.ranAgain || e.plainAgain.hung)
            return diff;
        return differences(e.plainAgain, e.traced, e.header, name).isEmpty() ? QString() : diff;
    }

    std::vector<std::unique_ptr<Entry>> m_entries;
    QTemporaryDir m_temp;
    QString m_python, m_version;
    bool m_checkPlain = false;
    QString m_skip;

    static QStringList corpusScripts()
    {
        QStringList scripts;
        QDirIterator it(kCorpusDir, {"*.py"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            scripts << QDir(kCorpusDir).relativeFilePath(it.next());
        scripts.sort();
        return scripts;
    }

    const ExpectedFailure *expectedFailure(const QString &script) const
    {
        for (const auto &e : kExpectedFailures)
            if (script == QLatin1String(e.script) && versionListed(e.versions, m_version))
                return &e;
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        // The interpreter, resolved once (a pyenv shim costs a shell per start) and handed to the CLI.
        const QString configured = qEnvironmentVariable("COROSCOPE_PYTHON", QStringLiteral("python3"));
        QProcess probe;
        probe.start(configured,
                    {"-c", "import sys; print(sys.executable); print('%d.%d' % sys.version_info[:2])"});
        QVERIFY2(probe.waitForFinished(60000) && probe.exitCode() == 0,
                 qPrintable(QStringLiteral("cannot run %1").arg(configured)));
        const QStringList lines = QString::fromUtf8(probe.readAllStandardOutput()).split(u'\n');
        m_python = lines.value(0).trimmed();
        m_version = lines.value(1).trimmed();
        QVERIFY(!m_python.isEmpty());
        m_checkPlain = qEnvironmentVariable("COROSCOPE_CORPUS_CHECK") == QLatin1String("plain");
        QVERIFY(m_temp.isValid());

        auto env = QProcessEnvironment::systemEnvironment();
        env.insert("COROSCOPE_PYTHON", m_python);
        env.remove("PYTHONPATH");
        env.remove("PYTHONUNBUFFERED");
        env.remove("PYTHONSTARTUP");
        env.insert("PYTHONDONTWRITEBYTECODE", "1");
        env.insert("LC_ALL", "C.UTF-8");

        // A Python the tracer refuses (issue 25) fails every script the same way: say it once.
        if (!m_checkPlain) {
            QTemporaryDir d;
            QFile f(d.filePath("probe.py"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("print('ok')\n");
            f.close();
            QProcess cli;
            cli.setProcessEnvironment(env);
            cli.start(kCli, {"run", f.fileName()});
            QVERIFY(cli.waitForFinished(60000));
            const QString err = QString::fromUtf8(cli.readAllStandardError());
            if (err.contains(QLatin1String("coroscope-tracer:"))) {
                m_skip = QStringLiteral("the tracer does not run on Python %1: %2")
                             .arg(m_version, err.trimmed());
                return;
            }
        }

        const QRegularExpression filter(qEnvironmentVariable("COROSCOPE_CORPUS_FILTER"));
        QVERIFY2(filter.isValid(), "COROSCOPE_CORPUS_FILTER is not a valid regular expression");
        std::vector<Job> jobs, later;
        for (const QString &script : corpusScripts()) {
            if (!filter.pattern().isEmpty() && !filter.match(script).hasMatch())
                continue;
            auto entry = std::make_unique<Entry>();
            entry->script = script;
            entry->header = readHeader(kCorpusDir + u'/' + script);
            const QString name = QFileInfo(script).fileName();
            const int timeout = entry->header.timeoutSeconds;
            // What is expected to fail goes first: a run that hangs until its timeout then
            // overlaps with the rest.
            auto &queue = expectedFailure(script) ? jobs : later;
            queue.push_back({script, {m_python, "-u", name}, timeout, &entry->plain});
            if (m_checkPlain)
                queue.push_back({script, {m_python, "-u", name}, timeout, &entry->traced});
            else
                queue.push_back({script, {kCli, "run", name}, timeout, &entry->traced});
            m_entries.push_back(std::move(entry));
        }
        jobs.insert(jobs.end(), later.begin(), later.end());
        bool ok = false;
        int parallel = qEnvironmentVariableIntValue("COROSCOPE_CORPUS_JOBS", &ok);
        if (!ok || parallel <= 0)
            parallel = std::max(4, 3 * QThread::idealThreadCount());
        QElapsedTimer wall;
        wall.start();
        runAll(jobs, m_temp.path(), env, parallel);
        // A difference outside the expected failures may be the real clock's jitter on a loaded
        // machine: python3 runs once more, two at a time, and either of its runs may match.
        if (!m_checkPlain) {
            std::vector<Job> again;
            for (auto &e : m_entries) {
                if (expectedFailure(e->script) || differences(e->plain, e->traced, e->header, {}).isEmpty())
                    continue;
                e->ranAgain = true;
                again.push_back({e->script,
                                 {m_python, "-u", QFileInfo(e->script).fileName()},
                                 e->header.timeoutSeconds,
                                 &e->plainAgain});
            }
            runAll(again, m_temp.path() + "/again", env, 2);
        }
        qInfo("%d scripts on Python %s (%s), %d processes at a time: %.1f s", int(m_entries.size()),
              qPrintable(m_version), qPrintable(m_python), parallel, wall.elapsed() / 1000.0);

        std::vector<std::pair<qint64, QString>> slowest;
        for (const auto &e : m_entries)
            slowest.emplace_back(std::max(e->plain.ms, e->traced.ms), e->script);
        std::sort(slowest.rbegin(), slowest.rend());
        QStringList top;
        for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i)
            top << QStringLiteral("%1 (%2 s)")
                       .arg(slowest[i].second)
                       .arg(slowest[i].first / 1000.0, 0, 'f', 1);
        qInfo("slowest: %s", qPrintable(top.join(QStringLiteral(", "))));

        if (const QString path = qEnvironmentVariable("COROSCOPE_CORPUS_REPORT"); !path.isEmpty()) {
            QFile report(path);
            if (report.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
                for (const auto &e : m_entries) {
                    const QString diff = verdict(*e);
                    if (!diff.isEmpty())
                        report.write(
                            QStringLiteral("## %1\n\n```\n%2\n```\n\n").arg(e->script, diff).toUtf8());
                }
            }
        }
    }

    // The list of expected failures names scripts that exist, once each.
    void expectedFailuresNameCorpusScripts()
    {
        const QStringList scripts = corpusScripts();
        QVERIFY2(scripts.size() >= 110, qPrintable(QStringLiteral("only %1 scripts").arg(scripts.size())));
        QStringList seen;
        for (const auto &e : kExpectedFailures) {
            const QString key
                = QString::fromLatin1(e.script) + u'@' + QString::fromLatin1(e.versions ? e.versions : "all");
            QVERIFY2(scripts.contains(QLatin1String(e.script)), e.script);
            QVERIFY2(!seen.contains(key), e.script);
            QVERIFY2(qstrlen(e.why) > 0, e.script);
            seen << key;
        }
    }

    void script_data()
    {
        QTest::addColumn<int>("index");
        for (std::size_t i = 0; i < m_entries.size(); ++i)
            QTest::newRow(qPrintable(m_entries[i]->script)) << int(i);
    }

    void script()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        QFETCH(int, index);
        const Entry &e = *m_entries[std::size_t(index)];
        QVERIFY2(e.header.error.isEmpty(), qPrintable(e.header.error));
        // The oracle itself must behave: a corpus script ends by itself, well within its timeout.
        QVERIFY2(e.plain.startError.isEmpty(), qPrintable(e.plain.startError));
        QVERIFY2(!e.plain.hung,
                 qPrintable(QStringLiteral("python3 %1 hung: the corpus script is broken").arg(e.script)));
        const QString diff = verdict(e);
        if (!m_checkPlain) {
            if (const ExpectedFailure *x = expectedFailure(e.script))
                QEXPECT_FAIL("", x->why, Abort);
        }
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "tst_corpus.moc"
