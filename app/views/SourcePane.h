#pragma once

#include "model/SourceMap.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSplitter;

namespace coroscope {

class CodeView;
class CursorController;
class PlaybackController;
class TraceDocument;

// The sample's C++ port beside the Python program it mirrors. The C++ line of the event at the cursor
// (TraceIndex::sourceLineAt) is highlighted, and so is the Python line its "// py:N" marker names.
// Clicking the C++ gutter (or the Python gutter, through the same markers) toggles a breakpoint.
class SourcePane : public QWidget
{
    Q_OBJECT
public:
    SourcePane(TraceDocument *document, CursorController *cursor, PlaybackController *playback,
               QWidget *parent = nullptr);

    CodeView *cppView() const { return m_cpp; }
    CodeView *pythonView() const { return m_python; }
    QSplitter *splitter() const { return m_splitter; }
    // The Python column's title: "Python  ·  mine.py  ·  ran on CPython 3.12.1".
    QLabel *pythonTitle() const { return m_pythonTitle; }
    const SourceMap &sourceMap() const { return m_map; }
    int currentCppLine() const;
    int currentPythonLine() const;
    // The line a breakpoint action (F9) applies to, in the run's own source (the C++ port for a C++
    // run, the Python program for a CPython run): the line last clicked in that view while it has
    // focus, else the highlighted line.
    int breakpointLine() const;

    // Try It: the Python pane becomes an editor holding `text` (the C++ port, which no longer matches
    // it, folds away). While editing, a new trace does not replace the text.
    void setEditing(bool on, const QString &text = {});
    bool isEditing() const { return m_editing; }
    QString editedText() const;
    // What the title says of the text being edited ("gather-order.py · edited").
    void setEditingTitle(const QString &title);
    // The find bar over the Python editor (Ctrl+F in it).
    QLineEdit *findBar() const { return m_find; }

    void retranslate();

signals:
    // The user changed the text in the editor.
    void edited();

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void follow(qint64 cursor);
    void showBreakpoints();
    void toggleFromPython(int pythonLine);
    void toggleFromCpp(int cppLine);
    // Breakpoints and the cursor's line are lines of the run's own source: the Python program's on
    // a CPython run, the C++ port's otherwise.
    bool pythonPrimary() const;

    TraceDocument *m_document;
    CursorController *m_cursor;
    PlaybackController *m_playback;
    QLabel *m_cppTitle;
    QLabel *m_pythonTitle;
    CodeView *m_cpp;
    CodeView *m_python;
    QSplitter *m_splitter;
    SourceMap m_map;
    QString m_sampleId;
    QString m_cppFile, m_pythonFile;
    QString m_pythonText; // what the Python view shows now
    QString m_editingTitle;
    QLineEdit *m_find;
    bool m_pythonRun = false;
    bool m_editing = false;
};

} // namespace coroscope
