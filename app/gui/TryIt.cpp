#include "TryIt.h"

#include "gui/Classroom.h"
#include "gui/MainWindow.h"
#include "model/CursorController.h"
#include "model/SaveFile.h"
#include "model/TraceDocument.h"
#include "pytrace/TraceComparison.h"
#include "samples/Samples.h"
#include "views/CodeView.h"
#include "views/SourcePane.h"

#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>

namespace coroscope {

namespace {

const char *const kTemplate = "import asyncio\n"
                              "\n"
                              "\n"
                              "async def main():\n"
                              "    print(\"hello\")\n"
                              "    await asyncio.sleep(1)\n"
                              "    print(\"world\")\n"
                              "\n"
                              "\n"
                              "asyncio.run(main())\n";

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString meta(const Trace &t, const char *key)
{
    return QString::fromStdString(t.metaValue(key));
}

} // namespace

TryIt::TryIt(MainWindow *window, QMenu *fileMenu, QMenu *editMenu, QString dataDir)
    : QObject(window)
    , m_window(window)
    , m_dataDir(std::move(dataDir))
{
    auto make = [window](QKeySequence key) {
        auto *a = new QAction(window);
        a->setShortcut(key);
        window->addAction(a);
        return a;
    };
    toggle = make(Qt::Key_F2);
    toggle->setCheckable(true);
    run = make(QKeySequence(Qt::CTRL | Qt::Key_Return));
    run->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    run->setIcon(QIcon(QStringLiteral(":/icons/run.svg")));
    whatChanged = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    revert = make({});
    newScript = make(QKeySequence::New);
    saveAs = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));

    editMenu->addAction(toggle);
    editMenu->addAction(run);
    editMenu->addAction(whatChanged);
    editMenu->addSeparator();
    editMenu->addAction(revert);
    // File: New Script and Save Script As… first, beside Open.
    QAction *first = fileMenu->actions().isEmpty() ? nullptr : fileMenu->actions().first();
    fileMenu->insertAction(first, newScript);
    fileMenu->addSeparator();
    fileMenu->insertAction(nullptr, saveAs);

    connect(toggle, &QAction::triggered, this, [this](bool on) { setEditing(on); });
    connect(run, &QAction::triggered, this, &TryIt::runEdited);
    connect(whatChanged, &QAction::triggered, this, &TryIt::showWhatChanged);
    connect(revert, &QAction::triggered, this, &TryIt::revertToOriginal);
    connect(newScript, &QAction::triggered, this, &TryIt::startNewScript);
    connect(saveAs, &QAction::triggered, this, [this] {
        QString path = QFileDialog::getSaveFileName(m_window, tr("Save Script As"), QDir::home().filePath(m_name),
                                                    tr("Python scripts (*.py)"));
        if (path.isEmpty())
            return;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".py");
        saveScript(path);
    });

    // Edits are kept a moment after the last key: a crash or a restart loses at most that moment.
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(400);
    connect(&m_autosave, &QTimer::timeout, this, &TryIt::autosaveNow);
    connect(window->sourcePane(), &SourcePane::edited, this, [this] {
        m_autosave.start();
        m_window->sourcePane()->pythonView()->setErrorLine(0);
        m_window->sourcePane()->setEditingTitle(tr("%1 · edited").arg(m_name));
    });
    connect(window, &MainWindow::traceShown, this, &TryIt::onTraceShown);
    connect(window, &MainWindow::scriptFailed, this, &TryIt::onScriptFailed);
    retranslate();
    updateActions();
}

TryIt::~TryIt()
{
    if (m_editing && m_autosave.isActive())
        autosaveNow();
}

QString TryIt::autosavePath() const
{
    return pathFor(m_key, m_name);
}

QString TryIt::pathFor(const QString &key, const QString &name) const
{
    // A folder per program, the file named as the program: tracebacks and the title read right.
    const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return QDir(m_dataDir).filePath(QStringLiteral("edits/%1/%2").arg(QString::fromLatin1(hash), name));
}

TryIt::Program TryIt::programShown() const
{
    TraceDocument *doc = m_window->document();
    const Trace &t = doc->trace();
    Program p;
    QString key = meta(t, "edit-of");
    if (key.isEmpty()) {
        if (const Sample *s = doc->sample())
            key = QStringLiteral("sample:") + QString::fromUtf8(s->id.data(), qsizetype(s->id.size()));
        else if (!doc->scriptPath().isEmpty())
            key = QStringLiteral("file:") + doc->scriptPath();
        else
            key = QStringLiteral("new");
    }
    p.key = key;
    if (key.startsWith(QLatin1String("sample:"))) {
        const Sample *s = findSample(key.mid(7).toStdString());
        p.name = s ? QString::fromStdString(s->pythonFile()) : QStringLiteral("sample.py");
        if (s) {
            const auto text = pythonMirror(*s);
            p.original = QString::fromUtf8(text.data(), qsizetype(text.size()));
        }
    } else if (key.startsWith(QLatin1String("file:"))) {
        const QString path = key.mid(5);
        p.name = QFileInfo(path).fileName();
        p.original = readText(path);
        if (p.original.isEmpty())
            p.original = doc->pythonSource();
    } else {
        p.name = QStringLiteral("untitled.py");
        p.original = QString::fromUtf8(kTemplate);
    }
    return p;
}

void TryIt::adopt(const Program &program)
{
    m_key = program.key;
    m_name = program.name;
    m_original = program.original;
}

void TryIt::setEditing(bool on)
{
    SourcePane *pane = m_window->sourcePane();
    if (on) {
        adopt(programShown());
        const QString saved = readText(autosavePath());
        const QString text = saved.isEmpty() ? m_original : saved;
        m_editing = true;
        pane->setEditing(true, text);
        pane->setEditingTitle(text == m_original ? m_name : tr("%1 · edited").arg(m_name));
        markErrorOfRun();
        m_window->statusBar()->showMessage(
            tr("Try it: edit the Python, then Ctrl+Enter runs it on CPython. F2 leaves the editor."), 8000);
    } else {
        if (m_editing && m_autosave.isActive())
            autosaveNow();
        m_editing = false;
        pane->setEditing(false);
    }
    updateActions();
}

void TryIt::autosaveNow()
{
    m_autosave.stop();
    if (!m_editing)
        return;
    const QString text = m_window->sourcePane()->editedText();
    const QString path = autosavePath();
    if (text == m_original && !QFileInfo::exists(path))
        return; // nothing edited: nothing to keep
    QDir().mkpath(QFileInfo(path).absolutePath());
    QString why;
    if (!saveFileAtomically(path, text.toUtf8(), &why))
        m_window->statusBar()->showMessage(tr("Could not keep the edits in %1: %2").arg(path, why), 10000);
}

void TryIt::runEdited()
{
    if (!m_editing)
        setEditing(true);
    // Kept as a file even when unchanged: the run is of the text in the editor, always.
    const QString text = m_window->sourcePane()->editedText();
    const QString path = autosavePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QString why;
    if (!saveFileAtomically(path, text.toUtf8(), &why)) {
        m_window->statusBar()->showMessage(tr("Could not write %1: %2").arg(path, why), 10000);
        return;
    }
    m_autosave.stop();
    TraceDocument *doc = m_window->document();
    m_before = doc->isEmpty() ? nullptr : doc->sharedTrace();
    m_cursorBefore = m_window->cursor()->cursor();
    m_awaitingRun = true;
    m_window->sourcePane()->pythonView()->setErrorLine(0);
    m_window->startScript(path, QString(), ClockMode::Virtual,
                          {{"edit-of", m_key.toStdString()}, {"edit-name", m_name.toStdString()}});
}

void TryIt::onTraceShown()
{
    TraceDocument *doc = m_window->document();
    const Trace &t = doc->trace();
    const bool ofThisEdit = m_awaitingRun && meta(t, "edit-of") == m_key;
    if (ofThisEdit) {
        m_awaitingRun = false;
        // The cursor stays on the step it was on, or goes back to where the runs part ways.
        qint64 to = m_cursorBefore;
        if (m_before) {
            ComparisonOptions where;
            where.leftWhere = pythonWhere(m_before->metaValue("script").empty() ? m_name.toStdString()
                                                                                 : m_before->metaValue("script"));
            where.rightWhere = pythonWhere(m_name.toStdString());
            if (const auto diff = firstDifference(*m_before, t, where); diff && qint64(*diff) < to)
                to = qint64(*diff);
        }
        m_last = m_before;
        m_before.reset();
        m_window->cursor()->setCursor(std::min<qint64>(to, doc->eventCount() - 1));
        markErrorOfRun();
        updateActions();
        return;
    }
    if (m_editing) {
        // Another program is shown (a sample picked in the gallery): its own edits, or its text.
        const Program shown = programShown();
        if (shown.key != m_key && meta(t, "edit-of").isEmpty()) {
            autosaveNow();
            setEditing(true);
        }
        return;
    }
    // Edits kept from an earlier session come back with their program.
    const Program shown = programShown();
    const QString saved = m_offered.contains(shown.key) ? QString() : readText(pathFor(shown.key, shown.name));
    m_offered.insert(shown.key);
    if (!saved.isEmpty() && saved != shown.original) {
        setEditing(true);
        m_window->statusBar()->showMessage(
            tr("Your edits of %1 are back. Ctrl+Enter runs them; Edit > Revert to Original drops them.").arg(shown.name),
            10000);
    }
}

void TryIt::onScriptFailed(const QString &origin, int line, int, const QString &message)
{
    if (QFileInfo(origin) != QFileInfo(autosavePath()))
        return;
    m_awaitingRun = false;
    if (m_editing && line > 0)
        m_window->sourcePane()->pythonView()->setErrorLine(line, message);
}

void TryIt::markErrorOfRun()
{
    if (!m_editing)
        return;
    CodeView *editor = m_window->sourcePane()->pythonView();
    const Trace &t = m_window->document()->trace();
    if (meta(t, "edit-of") != m_key) {
        editor->setErrorLine(0);
        return;
    }
    // The exception the run ended with (or a task's), on the line it was raised at.
    for (const Event &e : t.events) {
        if (e.eventKind() != EventKind::Error || e.loc == 0)
            continue;
        const auto &loc = t.locations[e.loc];
        if (QFileInfo(QString::fromStdString(std::string(t.fileName(loc)))).fileName() == m_name) {
            editor->setErrorLine(int(loc.line), QString::fromStdString(t.detailLine(e)));
            return;
        }
    }
    editor->setErrorLine(0);
}

bool TryIt::saveScript(const QString &path)
{
    QString why;
    if (!saveFileAtomically(path, m_window->sourcePane()->editedText().toUtf8(), &why)) {
        m_window->statusBar()->showMessage(tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), why), 10000);
        return false;
    }
    m_window->statusBar()->showMessage(tr("Saved the script as %1.").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void TryIt::startNewScript()
{
    if (m_editing && m_autosave.isActive())
        autosaveNow();
    m_key = QStringLiteral("new");
    m_name = QStringLiteral("untitled.py");
    m_original = QString::fromUtf8(kTemplate);
    QFile::remove(autosavePath()); // a new script starts from the template
    m_editing = true;
    m_window->sourcePane()->setEditing(true, m_original);
    m_window->sourcePane()->setEditingTitle(m_name);
    updateActions();
    m_window->statusBar()->showMessage(tr("A new script: write it, then Ctrl+Enter runs it on CPython."), 8000);
}

void TryIt::revertToOriginal()
{
    if (!m_editing)
        return;
    m_autosave.stop();
    QFile::remove(autosavePath());
    m_window->sourcePane()->setEditing(true, m_original);
    m_window->sourcePane()->setEditingTitle(m_name);
    m_window->sourcePane()->pythonView()->setErrorLine(0);
    // And the run of the original again.
    if (m_key.startsWith(QLatin1String("sample:")))
        m_window->runSample(m_key.mid(7));
    else if (m_key.startsWith(QLatin1String("file:")))
        m_window->openScript(m_key.mid(5));
    m_window->statusBar()->showMessage(tr("Back to the original %1.").arg(m_name), 5000);
}

void TryIt::showWhatChanged()
{
    TraceDocument *doc = m_window->document();
    if (!m_last || doc->isEmpty() || meta(doc->trace(), "edit-of") != m_key) {
        m_window->statusBar()->showMessage(tr("Nothing to compare yet: edit the script and run it (Ctrl+Enter), "
                                              "then the run before and the new one are shown one above the other."),
                                           8000);
        return;
    }
    m_window->classroom().openCompareTraces(Trace(*m_last), tr("Before the edit"), Trace(doc->trace()),
                                             tr("After the edit"));
}

void TryIt::updateActions()
{
    toggle->setChecked(m_editing);
    run->setEnabled(true);
    revert->setEnabled(m_editing);
    saveAs->setEnabled(m_editing);
    whatChanged->setEnabled(m_last != nullptr);
}

void TryIt::retranslate()
{
    toggle->setText(tr("&Try It"));
    toggle->setToolTip(tr("Edit the Python of the sample or script shown, then run it on CPython (F2)"));
    run->setText(tr("&Run Edited Script"));
    run->setToolTip(tr("Trace the edited Python on CPython; the window follows the new run (Ctrl+Enter)"));
    whatChanged->setText(tr("Show &What Changed"));
    whatChanged->setToolTip(tr("The run before the last edit above the new one, on one time axis, the first "
                               "difference marked (Ctrl+Shift+D)"));
    revert->setText(tr("Re&vert to Original"));
    revert->setToolTip(tr("Drop the edits: the sample's (or the file's) own Python again"));
    newScript->setText(tr("&New Script"));
    newScript->setToolTip(tr("Start a script of your own from a template (Ctrl+N)"));
    saveAs->setText(tr("Save Script &As…"));
    saveAs->setToolTip(tr("Write the edited Python to a file (Ctrl+Shift+S)"));
}

} // namespace coroscope
