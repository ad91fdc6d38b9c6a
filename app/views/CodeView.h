#pragma once

#include <Qsci/qsciscintilla.h>

#include <set>

class QLabel;

namespace coroscope {

// A source view on QScintilla: syntax colours, line numbers, breakpoint dots and an arrow at the
// current line, which is also highlighted across the view (strongly when the event at the cursor is
// on that line, lightly when the line is inherited from an earlier event).
//
// Read-only by default, selectable with the mouse, and the window's keys (Space, arrows, Home/End)
// keep stepping while it has focus. Editable (setEditable) it is a code editor: undo, 4-space
// auto-indent after a colon, find (Ctrl+F), and a line marked with an error and its message.
class CodeView : public QsciScintilla
{
    Q_OBJECT
public:
    enum class Language { Cpp, Python };

    explicit CodeView(Language language, QWidget *parent = nullptr);

    // Replaces the text; the undo history starts again and the view is not modified.
    void setSource(const QString &text);
    QString toPlainText() const { return text(); }
    // 1-based; 0 clears the highlight.
    void setCurrentLine(int line, bool exact = true);
    int currentLine() const { return m_currentLine; }
    bool currentLineExact() const { return m_exact; }
    void setBreakpoints(const std::set<int> &lines);
    const std::set<int> &breakpoints() const { return m_breakpoints; }
    // Whether clicking the gutter asks for a breakpoint (breakpointToggled).
    void setBreakpointsEnabled(bool enabled) { m_breakpointsEnabled = enabled; }
    // The text shown when there is no source.
    void setPlaceholder(const QString &text);
    int lineAt(const QPoint &viewportPos) const;
    // The line the user last clicked in the text (0: none since the text was set).
    int clickedLine() const { return m_clickedLine; }
    // Where `line` is drawn, in viewport (and gutter) coordinates; empty when out of range.
    QRect lineRect(int line) const;
    // Where a click sets breakpoints: the margins, drawn at the left of the viewport.
    QWidget *gutter() const { return viewport(); }
    int gutterWidth() const;
    void applyFont();

    // Editing: typing goes to the view, the window's single keys do not step while it has focus.
    void setEditable(bool editable);
    bool isEditable() const { return !isReadOnly(); }
    // Marks `line` (1-based) as where an error is, with its message under it; 0 clears the mark.
    void setErrorLine(int line, const QString &message = {});
    int errorLine() const { return m_errorLine; }
    // Finds `text` from the caret on (wrapping), selects it; false when it is not there.
    bool find(const QString &text, bool forward = true);

signals:
    void breakpointToggled(int line);
    // The user changed the text (not setSource).
    void edited();
    // Ctrl+F while editing: the pane shows its find bar.
    void findRequested();

protected:
    bool event(QEvent *event) override; // shortcut overrides; ApplicationFontChange
    void changeEvent(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onMarginClicked(int margin, int line, Qt::KeyboardModifiers state);
    void updateMarkers();
    void updateMargins();
    void scrollToLine(int line);
    void updatePlaceholder();

    QsciLexer *m_lexer;
    QLabel *m_placeholder;
    int m_currentLine = 0;
    int m_clickedLine = 0;
    int m_errorLine = 0;
    bool m_exact = true;
    bool m_breakpointsEnabled = true;
    bool m_settingSource = false;
    std::set<int> m_breakpoints;
};

} // namespace coroscope
