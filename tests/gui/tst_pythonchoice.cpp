// Run > Python Interpreter… (PythonDialog, PythonChoice) and the Python pane's "ran on CPython 3.x.y":
// the dialog lists what it finds with each version as the interpreter reports it, greys out what the
// tracer refuses and says why, takes one the user browses to; the choice is remembered and the
// script shown runs again on it. Fake interpreters (shell scripts) stand in for other versions.
#include "gui/MainWindow.h"
#include "gui/PythonChoice.h"
#include "gui/PythonDialog.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"
#include "views/SourcePane.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace coroscope;

namespace {

QString versionOf(const QString &python)
{
    QProcess p;
    p.start(python, {"-c", "import sys; print(sys.version.split()[0])"});
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

QTreeWidgetItem *rowOf(QTreeWidget *list, const QString &path)
{
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        if (list->topLevelItem(i)->text(2) == path)
            return list->topLevelItem(i);
    return nullptr;
}

} // namespace

class TestPythonChoice : public QObject
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

    // A fake interpreter that answers the question of its version as a real one would.
    QString fake(const QString &name, const QString &version)
    {
        return file(name,
                    QStringLiteral("#!/bin/sh\nprintf 'CPython\\n%s\\n%s (main) [GCC]\\n' \"$0\" '%1'\n")
                        .arg(version),
                    true);
    }

private slots:
    void initTestCase()
    {
        // A private settings file: the user's own is never touched.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath("config"));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("config"));
    }

    void cleanup() { TraceLoader::setPython({}); }

    void theDialogListsWhatItFindsAndSaysWhyNot()
    {
        const QString bin = m_dir.filePath("machine/bin");
        fake("machine/bin/python3", "3.11.4");
        fake("machine/bin/python3.12", "3.12.3");
        fake("machine/bin/python3.9", "3.9.2");
        fake("machine/pyenv/versions/3.14.0/bin/python3", "3.14.0");
        file("machine/pyenv/versions/3.13.0/bin/python3",
             "#!/bin/sh\necho 'libpython3.13.so: cannot open' >&2\nexit 127\n", true);
        PythonSearch search;
        search.pathVariable = bin.toStdString();
        search.pyenvRoot = m_dir.filePath("machine/pyenv").toStdString();

        PythonDialog dialog(QString(), search);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isSearching(), 15000);
        QTreeWidget *list = dialog.list();
        QCOMPARE(list->topLevelItemCount(), 1 + 5);
        QTreeWidgetItem *automatic = list->topLevelItem(0);
        QCOMPARE(automatic->text(0), QStringLiteral("Automatic (CPython 3.11.4)"));
        QCOMPARE(list->currentItem(), automatic);
        QCOMPARE(dialog.chosenPath(), QString());
        QCOMPARE(dialog.chosenLabel(), QStringLiteral("CPython 3.11.4"));
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());

        QTreeWidgetItem *py312 = rowOf(list, bin + "/python3.12");
        QVERIFY(py312);
        QCOMPARE(py312->text(0), QStringLiteral("CPython 3.12.3"));
        QCOMPARE(py312->text(3), QStringLiteral("on PATH in %1").arg(bin));
        QCOMPARE(py312->text(1), QStringLiteral("Supported"));
        QVERIFY(py312->flags() & Qt::ItemIsEnabled);

        QTreeWidgetItem *py39 = rowOf(list, bin + "/python3.9");
        QVERIFY(py39);
        QVERIFY(!(py39->flags() & Qt::ItemIsEnabled));
        QCOMPARE(py39->text(1), QStringLiteral("Unsupported: too old (Coroscope traces 3.10–3.13)"));
        QVERIFY(py39->toolTip(0).contains("3.9.2 (main) [GCC]"));

        QTreeWidgetItem *py314 = rowOf(list, m_dir.filePath("machine/pyenv/versions/3.14.0/bin/python3"));
        QVERIFY(py314);
        QVERIFY(!(py314->flags() & Qt::ItemIsEnabled));
        QCOMPARE(py314->text(3), QStringLiteral("pyenv 3.14.0"));
        QCOMPARE(py314->text(1), QStringLiteral("Unsupported: not tested yet (Coroscope traces 3.10–3.13)"));

        QTreeWidgetItem *broken = rowOf(list, m_dir.filePath("machine/pyenv/versions/3.13.0/bin/python3"));
        QVERIFY(broken);
        QVERIFY(!(broken->flags() & Qt::ItemIsEnabled));
        QCOMPARE(broken->text(1),
                 QStringLiteral("Does not run: it failed (exit code 127): libpython3.13.so: cannot open"));
        QCOMPARE(dialog.findChild<QLabel *>("pythonSearchState")->text(),
                 QStringLiteral("Interpreters found: 5, supported: 2."));

        // A click on a supported row chooses it.
        const QRect at = list->visualItemRect(py312);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at.center());
        QCOMPARE(dialog.chosenPath(), bin + "/python3.12");
        QCOMPARE(dialog.chosenLabel(), QStringLiteral("CPython 3.12.3"));
        // A click on a greyed-out one does not.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(py39).center());
        QCOMPARE(dialog.chosenPath(), bin + "/python3.12");

        // One the user browses to gets its own row, chosen when the tracer runs on it; one that is
        // too old is listed, greyed out, and changes nothing.
        const QString other = fake("elsewhere/python", "3.13.1");
        QSignalSpy answered(&dialog, &PythonDialog::searchFinished);
        dialog.addInterpreter(other);
        QVERIFY(answered.wait(10000));
        QCOMPARE(dialog.chosenPath(), other);
        QCOMPARE(rowOf(list, other)->text(3), QStringLiteral("chosen by you"));
        QCOMPARE(dialog.givenPaths(), QStringList {other});
        const QString old = fake("elsewhere/python2", "2.7.18");
        dialog.addInterpreter(old);
        QVERIFY(answered.wait(10000));
        QVERIFY(!(rowOf(list, old)->flags() & Qt::ItemIsEnabled));
        QCOMPARE(dialog.chosenPath(), other);
        QCOMPARE(dialog.givenPaths(), QStringList {other});
    }

    void theChoiceIsRememberedAndTheScriptRunsAgainOnIt()
    {
        // The script says which interpreter ran it: python3, or a wrapper of the user's that marks it.
        const QString script
            = file("which.py", "import os, sys\nprint(os.environ.get('COROSCOPE_TEST_WRAPPER', 'plain'))\n");
        const QString wrapper
            = file("wrapper/python3",
                   "#!/bin/sh\nexport COROSCOPE_TEST_WRAPPER=wrapped\nexec python3 \"$@\"\n", true);
        const QString version = versionOf("python3");
        QVERIFY(!version.isEmpty());
        {
            MainWindow window(/*persistent=*/true, QStringLiteral("en"));
            QStringList errors;
            window.setErrorReporter(
                [&errors](const QString &title, const QString &text) { errors << title + ": " + text; });
            window.resize(1400, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QSignalSpy shown(&window, &MainWindow::traceShown);
            window.openScript(script);
            QVERIFY(shown.wait(30000));
            QCOMPARE(window.document()->trace().metaValue("python"), version.toStdString());
            QCOMPARE(window.sourcePane()->pythonTitle()->text(),
                     QStringLiteral("Python  ·  which.py  ·  ran on CPython %1").arg(version));
            QVERIFY(window.document()->trace().events.size() > 0);
            // A script runs with the window open to it: no modal progress dialog over it, which
            // would also take the keys below.
            QCOMPARE(window.findChild<QProgressDialog *>(), nullptr);

            // Run > Python Interpreter… (Ctrl+Alt+I), beside Run on CPython.
            QAction *choose = window.pythonChoice().choose;
            QCOMPARE(choose->text(), QStringLiteral("Python &Interpreter…"));
            QCOMPARE(choose->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I));
            QMenu *run = nullptr;
            for (QAction *menu : window.menuBar()->actions())
                if (menu->menu() && menu->menu()->actions().contains(choose))
                    run = menu->menu();
            QVERIFY(run);
            const auto items = run->actions();
            QCOMPARE(items.indexOf(choose), items.indexOf(window.actions().runOnCPython) + 1);

            window.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            QTest::keyClick(&window, Qt::Key_I, Qt::ControlModifier | Qt::AltModifier);
            PythonDialog *dialog = window.pythonChoice().dialog();
            QVERIFY(dialog);
            QTRY_VERIFY(dialog->isVisible());
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 15000);
            QSignalSpy answered(dialog, &PythonDialog::searchFinished);
            dialog->addInterpreter(wrapper);
            QVERIFY(answered.wait(10000));
            QCOMPARE(dialog->chosenPath(), wrapper);
            shown.clear();
            dialog->accept();
            QCOMPARE(TraceLoader::python(), wrapper);
            QVERIFY(shown.wait(30000)); // the script ran again, on the wrapper
            QCOMPARE(window.document()->trace().metaValue("python"), version.toStdString());
            const auto &trace = window.document()->trace();
            bool wrapped = false;
            for (const auto &e : trace.events)
                wrapped = wrapped || (e.eventKind() == EventKind::Output && trace.detail(e) == "wrapped");
            QVERIFY(wrapped);
            QCOMPARE(errors, QStringList());
            window.close();
        }
        QSettings settings(QStringLiteral("Coroscope"), QStringLiteral("Coroscope"));
        QCOMPARE(settings.value("run/python").toString(), wrapper);
        QCOMPARE(settings.value("run/pythonsGiven").toStringList(), QStringList {wrapper});

        // The next session starts on it, and lists it.
        TraceLoader::setPython({});
        MainWindow window(/*persistent=*/true, QStringLiteral("en"));
        QCOMPARE(TraceLoader::python(), wrapper);
        PythonDialog *dialog = window.pythonChoice().openDialog();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSearching(), 15000);
        QCOMPARE(dialog->chosenPath(), wrapper);
        // Back to Automatic.
        dialog->list()->setCurrentItem(dialog->list()->topLevelItem(0));
        dialog->accept();
        QCOMPARE(TraceLoader::python(), QString());
        QCOMPARE(QSettings(QStringLiteral("Coroscope"), QStringLiteral("Coroscope"))
                     .value("run/python")
                     .toString(),
                 QString());
    }

    void theTitleSaysWhichPythonARunWasOn()
    {
        MainWindow window(/*persistent=*/false, QStringLiteral("en"));
        Trace trace;
        trace.metadata = {{"runtime", "cpython"},
                          {"script", "/tmp/mine.py"},
                          {"python", "3.12.1"},
                          {"script-text", "print('hi')\n"}};
        window.showTrace(trace, QStringLiteral("/tmp/mine.py"));
        QLabel *title = window.sourcePane()->pythonTitle();
        QCOMPARE(title->text(), QStringLiteral("Python  ·  mine.py  ·  ran on CPython 3.12.1"));
        QVERIFY(window.setLanguage(QStringLiteral("zh_CN"), false));
        QCoreApplication::processEvents(); // LanguageChange is posted
        QCOMPARE(title->text(), QStringLiteral("Python  ·  mine.py  ·  在 CPython 3.12.1 上运行"));
        QCOMPARE(window.pythonChoice().choose->text(), QStringLiteral("Python 解释器(&I)…"));
        QVERIFY(window.setLanguage(QStringLiteral("en"), false));
        QCoreApplication::processEvents();

        // A trace recorded before the version was kept says only where it ran.
        trace.metadata
            = {{"runtime", "cpython"}, {"script", "/tmp/old.py"}, {"script-text", "print('hi')\n"}};
        window.showTrace(trace, QStringLiteral("/tmp/old.py"));
        QCOMPARE(title->text(), QStringLiteral("Python  ·  old.py  ·  ran on CPython"));
    }
};

QTEST_MAIN(TestPythonChoice)
#include "tst_pythonchoice.moc"
