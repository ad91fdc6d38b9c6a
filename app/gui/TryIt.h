#pragma once

#include "trace/Trace.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>

class QAction;
class QMenu;

namespace coroscope {

class MainWindow;

// Try It: "what if task2 sleeps 3 s?", answered live. F2 makes the Python of the sample or script
// shown editable; Ctrl+Enter (or Ctrl+R) traces the edited program on CPython and the window follows
// the new run, its cursor at the same step or at the first difference; Ctrl+Shift+D compares the
// run before the edit with the new one. Edits are saved as they are typed, in the app's data
// folder (a restart brings them back); Revert brings back the original, Save Script As writes the
// script out, New Script starts from a template. A SyntaxError or an exception marks its line in
// the editor with Python's message; a script that does not compile leaves the last run shown.
class TryIt : public QObject
{
    Q_OBJECT
public:
    // `dataDir`: where edits are kept (one folder per program edited).
    TryIt(MainWindow *window, QMenu *fileMenu, QMenu *editMenu, QString dataDir);
    ~TryIt() override;

    QAction *toggle;      // Edit > Try It (F2)
    QAction *run;         // Edit > Run Edited Script (Ctrl+Enter)
    QAction *whatChanged; // Edit > Show What Changed (Ctrl+Shift+D)
    QAction *revert;      // Edit > Revert to Original
    QAction *newScript;   // File > New Script (Ctrl+N)
    QAction *saveAs;      // File > Save Script As… (Ctrl+Shift+S)

    bool isEditing() const { return m_editing; }
    // What is being edited: "sample:gather-order", "file:/home/me/x.py" or "new".
    QString key() const { return m_key; }
    // The file the edited text is kept in (and run from).
    QString autosavePath() const;
    void setEditing(bool on);
    // Traces the edited text (saved first) on CPython.
    void runEdited();
    // Writes the edited text to `path` through a QSaveFile; false (and a message) on failure.
    bool saveScript(const QString &path);
    void startNewScript();
    void revertToOriginal();
    void showWhatChanged();

    void retranslate();

private:
    struct Program {
        QString key;      // see key()
        QString name;     // its file name ("gather-order.py"), as tracebacks and the title show it
        QString original; // the text an edit starts from and Revert goes back to
    };
    // What the document shown is (or is an edit of).
    Program programShown() const;
    void adopt(const Program &program);
    QString pathFor(const QString &key, const QString &name) const;
    void autosaveNow();
    void onTraceShown();
    void onScriptFailed(const QString &origin, int line, int column, const QString &message);
    void markErrorOfRun();
    void updateActions();

    MainWindow *m_window;
    QString m_dataDir;
    QString m_key;
    QString m_name;
    QString m_original;
    bool m_editing = false;
    bool m_awaitingRun = false;           // runEdited() started a run whose trace is not shown yet
    std::shared_ptr<const Trace> m_before; // the run shown when the last edited run started
    qint64 m_cursorBefore = -1;
    std::shared_ptr<const Trace> m_last;  // the previous run of this program, for What Changed
    QTimer m_autosave;
    QSet<QString> m_offered; // programs whose kept edits were brought back (once each)
};

} // namespace coroscope
