#pragma once

#include "gui/PythonDialog.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QMenu;

namespace coroscope {

class AppSettings;
class MainWindow;

// Which Python the window's scripts run on: Run > Python Interpreter… (Ctrl+Alt+I) opens the
// PythonDialog; the choice is remembered (QSettings), applies to every script and CPython run from
// then on (TraceLoader::setPython), and the Python run shown runs again on it. MainWindow creates it
// once its menus exist.
class PythonChoice : public QObject
{
    Q_OBJECT
public:
    // `settings`: where the choice is kept (null: this session only).
    PythonChoice(MainWindow *window, QMenu *runMenu, AppSettings *settings);
    ~PythonChoice() override;

    QAction *choose; // Run > Python Interpreter…

    // Opens the dialog (or raises the one open); the choice applies when it is accepted.
    PythonDialog *openDialog();
    PythonDialog *dialog() const { return m_dialog; }
    // Runs scripts on `path` from now on ("" = $COROSCOPE_PYTHON, else python3), remembers it, and
    // runs the Python run shown again on it. `label` ("CPython 3.12.1") is for the status bar.
    void apply(const QString &path, const QString &label = {});
    QString current() const;

    void retranslate();

private:
    MainWindow *m_window;
    AppSettings *m_settings;
    QPointer<PythonDialog> m_dialog;
};

} // namespace coroscope
