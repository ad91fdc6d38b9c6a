#pragma once

#include "pytrace/PythonSearch.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QStringList>

#include <vector>

class QDialogButtonBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace coroscope {

// Run > Python Interpreter…: the interpreters found (python3 and python3.X on PATH, pyenv's,
// $COROSCOPE_PYTHON, the ones the user chose before) and any other the user browses to, each with
// the version it reports when asked (off the GUI thread, with a time limit). Those the tracer does
// not run on (not CPython 3.10 to 3.13, or not answering) are listed greyed out, with the reason.
// The first row, Automatic, follows $COROSCOPE_PYTHON, else python3 on PATH.
class PythonDialog : public QDialog
{
    Q_OBJECT
public:
    // `current`: the interpreter chosen now ("" = Automatic). `search`: where to look (given: the
    // interpreters the user browsed to before, listed again).
    PythonDialog(const QString &current, PythonSearch search, QWidget *parent = nullptr);
    ~PythonDialog() override;

    // The row selected: its path, "" for Automatic.
    QString chosenPath() const;
    // What the interpreter chosen reports itself as ("CPython 3.12.1"), or empty while unknown.
    QString chosenLabel() const;
    // The interpreters the user browsed to, now or before (to remember): those the tracer runs on.
    QStringList givenPaths() const;
    // Asks `path` what it is and lists it (selected when the tracer runs on it): what Browse does
    // with the file chosen.
    void addInterpreter(const QString &path);
    bool isSearching() const;
    QTreeWidget *list() const { return m_list; }

    // The words for an interpreter that cannot be used, and for where it was found.
    static QString reasonText(const PythonInterpreter &python);
    static QString originText(const PythonOrigin &origin);

signals:
    // The search (or the question to one added interpreter) is answered and the list is filled in.
    void searchFinished();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void browse();
    void showFound(const std::vector<PythonInterpreter> &found);
    void showAdded(const PythonInterpreter &python);
    QTreeWidgetItem *addRow(const PythonInterpreter &python);
    void fillRow(QTreeWidgetItem *item, const PythonInterpreter &python);
    void updateButtons();
    void updateState();

    QString m_current;
    PythonSearch m_search;
    std::vector<PythonInterpreter> m_found; // one per row after Automatic, in the same order
    QLabel *m_intro;
    QLabel *m_state;
    QTreeWidget *m_list;
    QTreeWidgetItem *m_automatic;
    QPushButton *m_browse;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<std::vector<PythonInterpreter>> *m_searching;
    QFutureWatcher<PythonInterpreter> *m_asking = nullptr;
    bool m_searched = false; // the search's rows are in (its watcher may finish before they are)
    bool m_asked = true; // the interpreter added last is in
};

} // namespace coroscope
