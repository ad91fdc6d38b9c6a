#pragma once

#include <QPlainTextEdit>

#include <set>

namespace coroscope {

class CodeHighlighter;

// A read-only source view with a gutter: line numbers, breakpoint dots, and an arrow at the current
// line, which is also highlighted across the view (strongly when the event at the cursor is on that
// line, lightly when the line is inherited from an earlier event). Text is selectable with the mouse
// only, so the window's keyboard shortcuts (Space, arrows, Home/End) keep working while it has focus.
class CodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    enum class Language { Cpp, Python };

    explicit CodeView(Language language, QWidget *parent = nullptr);

    void setSource(const QString &text);
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
    QWidget *gutter() const { return m_gutter; }
    void applyFont();

    int gutterWidth() const;

signals:
    void breakpointToggled(int line);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool event(QEvent *event) override; // ApplicationFontChange: QWidget::event does not pass it on
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    friend class CodeGutter;
    void paintGutter(QPaintEvent *event);
    void gutterClicked(const QPoint &pos);
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void updateHighlight();
    void scrollToLine(int line);

    QWidget *m_gutter;
    CodeHighlighter *m_highlighter;
    int m_currentLine = 0;
    int m_clickedLine = 0;
    bool m_exact = true;
    bool m_breakpointsEnabled = true;
    std::set<int> m_breakpoints;
    QString m_placeholder;
};

} // namespace coroscope
