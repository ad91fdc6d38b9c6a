#include "PythonChoice.h"

#include "gui/AppSettings.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/PythonDialog.h"
#include "gui/TryIt.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"

#include <QAction>
#include <QMenu>
#include <QStatusBar>

namespace coroscope {

PythonChoice::PythonChoice(MainWindow *window, QMenu *runMenu, AppSettings *settings)
    : QObject(window)
    , m_window(window)
    , m_settings(settings)
{
    choose = new QAction(window);
    choose->setShortcut(Qt::CTRL | Qt::ALT | Qt::Key_I);
    choose->setIcon(QIcon::fromTheme(QStringLiteral("preferences-system")));
    window->addAction(choose);
    connect(choose, &QAction::triggered, this, [this] { openDialog(); });
    // Beside the choice of runtime: Run on CPython, and which CPython.
    const auto actions = runMenu->actions();
    QAction *after = nullptr;
    for (int i = 0; i < actions.size(); ++i)
        if (actions[i] == window->actions().runOnCPython && i + 1 < actions.size())
            after = actions[i + 1];
    runMenu->insertAction(after, choose);

    if (m_settings)
        TraceLoader::setPython(m_settings->pythonInterpreter());
    connect(window->language(), &Language::languageChanged, this, &PythonChoice::retranslate);
    retranslate();
}

PythonChoice::~PythonChoice() = default;

void PythonChoice::retranslate()
{
    choose->setText(tr("Python &Interpreter…"));
    choose->setToolTip(tr("Choose the Python that scripts run on: CPython 3.10 to 3.13 (Ctrl+Alt+I)"));
}

QString PythonChoice::current() const
{
    return TraceLoader::python();
}

PythonDialog *PythonChoice::openDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    PythonSearch search = PythonSearch::fromEnvironment();
    if (m_settings)
        for (const QString &path : m_settings->pythonInterpretersGiven())
            search.given.push_back(path.toStdString());
    m_dialog = new PythonDialog(current(), std::move(search), m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        if (m_settings)
            m_settings->setPythonInterpretersGiven(m_dialog->givenPaths());
        apply(m_dialog->chosenPath(), m_dialog->chosenLabel());
    });
    m_dialog->open();
    return m_dialog;
}

void PythonChoice::apply(const QString &path, const QString &label)
{
    const bool changed = path != current();
    TraceLoader::setPython(path);
    if (m_settings)
        m_settings->setPythonInterpreter(path);
    const QString what = label.isEmpty() ? (path.isEmpty() ? QStringLiteral("python3") : path) : label;
    // The Python run shown runs again on the new interpreter (a C++ port has nothing to run again).
    if (changed && (m_window->document()->isPythonRun() || m_window->tryIt().isEditing()))
        m_window->actions().rerun->trigger(); // (its status message says that it runs)
    else
        m_window->statusBar()->showMessage(tr("Scripts run on %1.").arg(what), 8000);
}

} // namespace coroscope
