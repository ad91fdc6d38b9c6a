// The Debian package as a lab administrator gets it: built with CPack from this build, read back with
// dpkg-deb, unpacked into a temporary folder and run from there, and checked by lintian. Installs
// nothing on the machine.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestPackage : public QObject
{
    Q_OBJECT

    struct Run {
        int code;
        QString out;
        QString err;
    };

    // One entry of `dpkg-deb --contents`.
    struct Entry {
        QString mode; // "-rwxr-xr-x"
        QString owner; // "root/root"
        QString path; // "usr/bin/coroscope", "usr/share/" for a folder
    };

    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root; // the unpacked tree
    QList<Entry> m_entries;
    QString m_info;

    Run run(const QString &program, const QStringList &args, QProcessEnvironment env = {},
            int seconds = 120) const
    {
        QProcess p;
        if (env.isEmpty())
            env = QProcessEnvironment::systemEnvironment();
        // Nothing the runs write lands in the user's home.
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("home/.config")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.filePath(QStringLiteral("home/run")));
        p.setProcessEnvironment(env);
        p.start(program, args);
        if (!p.waitForFinished(seconds * 1000)) {
            p.kill();
            p.waitForFinished();
            return {-1, {}, QStringLiteral("%1 timed out").arg(program)};
        }
        if (p.exitStatus() != QProcess::NormalExit)
            return {-1, {}, QStringLiteral("%1 crashed: %2").arg(program, p.errorString())};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString installed(const QString &path) const { return m_root + QLatin1Char('/') + path; }

    QSet<QString> files() const
    {
        QSet<QString> set;
        for (const Entry &e : m_entries)
            if (e.mode.startsWith(QLatin1Char('-')))
                set.insert(e.path);
        return set;
    }

    // The tracer package's files in the source tree (what install(DIRECTORY) copies), relative to it.
    static QStringList tracerSources()
    {
        const QString base = QStringLiteral(COROSCOPE_SOURCE_DIR "/tracer/coroscope_tracer");
        QStringList files;
        QDirIterator it(base, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString rel = QDir(base).relativeFilePath(it.next());
            if (!rel.contains(QLatin1String("__pycache__")) && !rel.endsWith(QLatin1String(".pyc")))
                files << rel;
        }
        return files;
    }

    // The package names of a Depends line, without versions and alternatives' bars.
    static QSet<QString> dependsNames(const QString &depends)
    {
        QSet<QString> names;
        static const QRegularExpression split(QStringLiteral("[,|]"));
        for (QString part : depends.split(split, Qt::SkipEmptyParts)) {
            part = part.trimmed();
            names.insert(part.left(part.indexOf(QLatin1Char(' '))).section(QLatin1Char(':'), 0, 0));
        }
        return names;
    }

    QString field(const QString &name) const
    {
        const QRegularExpression re(QStringLiteral("^ %1: (.*)$").arg(name),
                                    QRegularExpression::MultilineOption);
        return re.match(m_info).captured(1).trimmed();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("home/run"))));
        QFile::setPermissions(m_dir.filePath(QStringLiteral("home/run")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const QString out = m_dir.filePath(QStringLiteral("deb"));
        const auto cpack = run(QStringLiteral(COROSCOPE_CPACK),
                               {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                                QStringLiteral(COROSCOPE_CPACK_CONFIG), QStringLiteral("-B"), out},
                               {}, 600);
        QVERIFY2(cpack.code == 0, qPrintable(cpack.out + cpack.err));
        const QStringList debs = QDir(out).entryList({QStringLiteral("*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_deb = QDir(out).filePath(debs.first());
        qInfo("%s: %lld bytes", qPrintable(debs.first()), QFileInfo(m_deb).size());

        const auto contents = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--contents"), m_deb});
        QVERIFY2(contents.code == 0, qPrintable(contents.err));
        // "-rwxr-xr-x root/root   3056280 2026-12-01 20:41 ./usr/bin/coroscope"
        static const QRegularExpression line(QStringLiteral("^(\\S+) (\\S+)\\s+\\d+ \\S+ \\S+ \\./(.*)$"));
        for (const QString &l : contents.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const auto m = line.match(l);
            QVERIFY2(m.hasMatch(), qPrintable(l));
            m_entries.append({m.captured(1), m.captured(2), m.captured(3)});
        }
        const auto info = run(QStringLiteral("dpkg-deb"), {QStringLiteral("--info"), m_deb});
        QVERIFY2(info.code == 0, qPrintable(info.err));
        m_info = info.out;

        m_root = m_dir.filePath(QStringLiteral("root"));
        const auto extract = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_root});
        QVERIFY2(extract.code == 0, qPrintable(extract.err));
    }

    void contentsListEveryFile()
    {
        QSet<QString> expected {
            QStringLiteral("usr/bin/coroscope"),
            QStringLiteral("usr/bin/coroscope-cli"),
            QStringLiteral("usr/share/applications/coroscope.desktop"),
            QStringLiteral("usr/share/mime/packages/coroscope.xml"),
            QStringLiteral("usr/share/icons/hicolor/scalable/apps/coroscope.svg"),
            QStringLiteral("usr/share/man/man1/coroscope.1.gz"),
            QStringLiteral("usr/share/man/man1/coroscope-cli.1.gz"),
            QStringLiteral("usr/share/doc/coroscope/copyright"),
            QStringLiteral("usr/share/doc/coroscope/changelog.gz"),
        };
        for (const QString &rel : tracerSources())
            expected.insert(QStringLiteral("usr/share/coroscope/tracer/coroscope_tracer/") + rel);
        const QSet<QString> actual = files();
        QStringList missing = (expected - actual).values(), extra = (actual - expected).values();
        missing.sort();
        extra.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("missing: ") + missing.join(u' ')));
        QVERIFY2(extra.isEmpty(), qPrintable(QStringLiteral("not expected: ") + extra.join(u' ')));
    }

    void filesAreRootsWithDebianModes()
    {
        for (const Entry &e : std::as_const(m_entries)) {
            QCOMPARE(e.owner, QStringLiteral("root/root"));
            const bool executable = e.path.startsWith(QLatin1String("usr/bin/")) || e.mode.startsWith(u'd');
            QVERIFY2(e.mode.mid(1) == (executable ? QLatin1String("rwxr-xr-x") : QLatin1String("rw-r--r--")),
                     qPrintable(e.mode + u' ' + e.path));
        }
    }

    void infoShowsTheDepends()
    {
        QCOMPARE(field(QStringLiteral("Package")), QStringLiteral("coroscope"));
        QCOMPARE(field(QStringLiteral("Version")), QStringLiteral(COROSCOPE_VERSION));
        const auto arch = run(QStringLiteral("dpkg"), {QStringLiteral("--print-architecture")});
        QCOMPARE(field(QStringLiteral("Architecture")), arch.out.trimmed());
        const QString depends = field(QStringLiteral("Depends"));
        qInfo("Depends: %s", qPrintable(depends));
        const QSet<QString> names = dependsNames(depends);
        // What dpkg-shlibdeps cannot see: the fonts the samples print Chinese in, CPython for the tracer.
        for (const char *name : {"fonts-noto-cjk", "python3", "libc6", "libstdc++6"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
        // The tracer runs on CPython 3.10 to 3.13 (Ubuntu 22.04 ships 3.10).
        QVERIFY2(depends.contains(QLatin1String("python3 (>= 3.10)")), qPrintable(depends));
        QVERIFY(!field(QStringLiteral("Maintainer")).isEmpty());
        QVERIFY(!field(QStringLiteral("Installed-Size")).isEmpty());
    }

    // dpkg-shlibdeps at work: the package of every library an installed binary links is a dependency
    // (Qt, QCustomPlot, fmt, ... and whatever the code links next).
    void dependsCoverEveryLinkedLibrary()
    {
        const QSet<QString> names = dependsNames(field(QStringLiteral("Depends")));
        for (const QString &bin : {QStringLiteral("coroscope"), QStringLiteral("coroscope-cli")}) {
            const auto dyn
                = run(QStringLiteral("readelf"), {QStringLiteral("-d"), installed("usr/bin/" + bin)});
            QCOMPARE(dyn.code, 0);
            static const QRegularExpression needed(
                QStringLiteral("\\(NEEDED\\)\\s+Shared library: \\[(.+)\\]"));
            int libraries = 0;
            for (auto it = needed.globalMatch(dyn.out); it.hasNext(); ++libraries) {
                const QString soname = it.next().captured(1);
                const auto owner
                    = run(QStringLiteral("dpkg"), {QStringLiteral("-S"), QStringLiteral("*/") + soname});
                QVERIFY2(owner.code == 0, qPrintable(soname + u' ' + owner.err));
                // "libqt6core6:amd64: /usr/lib/x86_64-linux-gnu/libQt6Core.so.6" (diversions aside)
                bool covered = false;
                QStringList packages;
                for (const QString &l : owner.out.split(u'\n', Qt::SkipEmptyParts)) {
                    if (l.startsWith(QLatin1String("diversion")))
                        continue;
                    for (const QString &p : l.section(QLatin1String(": "), 0, 0).split(QLatin1String(", "))) {
                        packages << p.section(u':', 0, 0);
                        covered = covered || names.contains(packages.last());
                    }
                }
                QVERIFY2(covered,
                         qPrintable(QStringLiteral("%1 links %2 (%3), not in Depends")
                                        .arg(bin, soname, packages.join(u' '))));
            }
            QVERIFY(libraries >= 4);
        }
    }

    // Installed binaries must not carry the build tree's library paths (lintian: custom-library-search-path),
    // and find nothing through them: everything they show is compiled in.
    void binariesHaveNoRpath()
    {
        for (const QString &bin : {QStringLiteral("coroscope"), QStringLiteral("coroscope-cli")}) {
            const auto dyn
                = run(QStringLiteral("readelf"), {QStringLiteral("-d"), installed("usr/bin/" + bin)});
            QCOMPARE(dyn.code, 0);
            QVERIFY2(!dyn.out.contains(QLatin1String("RPATH")) && !dyn.out.contains(QLatin1String("RUNPATH")),
                     qPrintable(bin));
            // Stripped (CPACK_STRIP_FILES): no symbol table beyond the dynamic one.
            const auto sections
                = run(QStringLiteral("readelf"), {QStringLiteral("-S"), installed("usr/bin/" + bin)});
            QVERIFY2(!sections.out.contains(QLatin1String(".symtab")), qPrintable(bin));
        }
    }

    void cliRunsFromTheUnpackedTree()
    {
        const auto r = run(installed("usr/bin/coroscope-cli"),
                           {QStringLiteral("run"), QStringLiteral("gather-order")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("1-start\n2-start\n2-end\n1-end\n"));
        const auto list = run(installed("usr/bin/coroscope-cli"), {QStringLiteral("list")});
        QCOMPARE(list.code, 0);
        QVERIFY(list.out.contains(QLatin1String("gather-order\t")));
        // render links the window's timeline: Qt's offscreen platform from the system, no display.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        const QString png = m_dir.filePath(QStringLiteral("render.png"));
        const auto render
            = run(installed("usr/bin/coroscope-cli"),
                  {QStringLiteral("render"), QStringLiteral("gather-order"), QStringLiteral("-o"), png,
                   QStringLiteral("--size"), QStringLiteral("400x200")},
                  env);
        QVERIFY2(render.code == 0, qPrintable(render.err));
        QVERIFY(QFileInfo(png).size() > 1000);
    }

    void appRunsFromTheUnpackedTree()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const auto version = run(installed("usr/bin/coroscope"), {QStringLiteral("--version")}, env);
        QVERIFY2(version.code == 0, qPrintable(version.err));
        QCOMPARE(version.out, QStringLiteral("coroscope " COROSCOPE_VERSION "\n"));
        // The whole window once, in Chinese: the samples, icons and translations come with the binary.
        const QString shot = m_dir.filePath(QStringLiteral("window.png"));
        const auto window = run(installed("usr/bin/coroscope"),
                                {QStringLiteral("--sample"), QStringLiteral("gather-order"),
                                 QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--size"),
                                 QStringLiteral("1000x700"), QStringLiteral("--screenshot"), shot},
                                env);
        QVERIFY2(window.code == 0, qPrintable(window.err));
        QVERIFY(QFileInfo(shot).size() > 10000);
    }

    void manPagesAreCompressedRoff()
    {
        for (const QString &page : {QStringLiteral("coroscope"), QStringLiteral("coroscope-cli")}) {
            const QString path = installed("usr/share/man/man1/" + page + ".1.gz");
            const auto text = run(QStringLiteral("gzip"), {QStringLiteral("-dc"), path});
            QCOMPARE(text.code, 0);
            QVERIFY2(text.out.startsWith(QStringLiteral(".TH ")
                                         + page.toUpper().replace(u'-', QLatin1String("\\-"))),
                     qPrintable(text.out.left(80)));
            QVERIFY(text.out.contains(QLatin1String("Coroscope " COROSCOPE_VERSION)));
            QVERIFY(!text.out.contains(u'@'));
            // No timestamp or name in the gzip header (-n): the same bytes from one build to the next.
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray header = f.read(10);
            QCOMPARE(header.mid(4, 4), QByteArray(4, '\0'));
            QCOMPARE(quint8(header[3]) & 0x08, 0); // FNAME
        }
    }

    void desktopEntryOpensTheTraceType()
    {
        QFile desktop(installed("usr/share/applications/coroscope.desktop"));
        QVERIFY(desktop.open(QIODevice::ReadOnly));
        const QString entry = QString::fromUtf8(desktop.readAll());
        QVERIFY(entry.contains(QLatin1String("\nExec=coroscope %f\n")));
        QVERIFY(entry.contains(QLatin1String("\nIcon=coroscope\n")));
        QVERIFY(entry.contains(QLatin1String("\nMimeType=application/x-coroscope-trace;\n")));
        QFile mime(installed("usr/share/mime/packages/coroscope.xml"));
        QVERIFY(mime.open(QIODevice::ReadOnly));
        const QString types = QString::fromUtf8(mime.readAll());
        QVERIFY(types.contains(QLatin1String("<mime-type type=\"application/x-coroscope-trace\">")));
        QVERIFY(types.contains(QLatin1String("<glob pattern=\"*.coroscope\"/>")));
        QVERIFY(types.contains(QLatin1String("value=\"CORSCOPE\""))); // the native format's magic
    }

    void changelogMatchesTheVersion()
    {
        const auto text = run(QStringLiteral("gzip"),
                              {QStringLiteral("-dc"), installed("usr/share/doc/coroscope/changelog.gz")});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.startsWith(QStringLiteral("coroscope (" COROSCOPE_VERSION ") ")),
                 "packaging/changelog needs an entry for the project's version");
    }

    // The tracer, once the repository has it: installed where the binaries look
    // (<bin>/../share/coroscope/tracer), importable by the system's CPython from there.
    void tracerRunsFromTheUnpackedTree()
    {
        if (tracerSources().isEmpty())
            QSKIP("no tracer/coroscope_tracer in this tree yet");
        const QString dir = installed("usr/share/coroscope/tracer");
        QVERIFY(QFileInfo::exists(dir + QLatin1String("/coroscope_tracer/__init__.py")));
        const auto import
            = run(QStringLiteral("python3"),
                  {QStringLiteral("-I"), QStringLiteral("-B"), QStringLiteral("-c"),
                   QStringLiteral("import sys; sys.path.insert(0, sys.argv[1]); import coroscope_tracer; "
                                  "print(coroscope_tracer.__file__)"),
                   dir});
        QVERIFY2(import.code == 0, qPrintable(import.err));
        QVERIFY2(import.out.startsWith(dir), qPrintable(import.out));

        const auto usage = run(installed("usr/bin/coroscope-cli"), {QStringLiteral("help")});
        if (!usage.out.contains(QLatin1String(".py")))
            QSKIP("this coroscope-cli does not run Python scripts yet");
        const QString script = m_dir.filePath(QStringLiteral("hello.py"));
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("import asyncio\n\n"
                "async def main():\n"
                "    print('hello')\n"
                "    await asyncio.sleep(1)\n"
                "    print('bye')\n\n"
                "asyncio.run(main())\n");
        f.close();
        const auto r = run(installed("usr/bin/coroscope-cli"), {QStringLiteral("run"), script});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("hello\nbye\n"));
    }

    void lintianReportsNoErrors()
    {
        const auto probe = run(QStringLiteral("lintian"), {QStringLiteral("--version")});
        if (probe.code != 0)
            QSKIP("lintian is not installed (./run.sh installs it)");
        const auto r = run(QStringLiteral("lintian"),
                           {QStringLiteral("--tag-display-limit"), QStringLiteral("0"), m_deb}, {}, 600);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        for (const QString &l : lines)
            qInfo("%s", qPrintable(l));
        const QStringList errors = lines.filter(QRegularExpression(QStringLiteral("^E: ")));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QVERIFY2(r.code != 2, qPrintable(r.err)); // 2: lintian itself failed; 1: it found errors
    }
};

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
