#include "CodeView.h"

#include "CodeHighlighter.h"
#include "Fonts.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTextBlock>

namespace coroscope {

namespace {
const QColor kExactLine(0xff, 0xd9, 0x66);     // amber: the event at the cursor is on this line
const QColor kInheritedLine(0xff, 0xf0, 0xc2); // pale: the lane's last line
const QColor kGutterBackground(0xf3, 0xf3, 0xf3);
const QColor kGutterText(0x8a, 0x8a, 0x8a);
const QColor kBreakpoint(0xd3, 0x2f, 0x2f);
const QColor kArrow(0xe6, 0x8a, 0x00);
} // namespace

class CodeGutter : public QWidget
{
public:
    explicit CodeGutter(CodeView *view)
        : QWidget(view)
        , m_view(view)
    {
        setCursor(Qt::PointingHandCursor);
    }
    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_view->paintGutter(event); }
    void mousePressEvent(QMouseEvent *event) override
    {
        if (event->button() == Qt::LeftButton)
            m_view->gutterClicked(event->position().toPoint());
    }

private:
    CodeView *m_view;
};

CodeView::CodeView(Language language, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new CodeGutter(this))
    , m_highlighter(new CodeHighlighter(language == Language::Cpp ? CodeHighlighter::Language::Cpp
                                                                  : CodeHighlighter::Language::Python,
                                        document()))
{
    setReadOnly(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFocusPolicy(Qt::ClickFocus);
    setFrameShape(QFrame::NoFrame);
    applyFont();
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeView::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeView::updateGutter);
    updateGutterWidth();
}

void CodeView::applyFont()
{
    setFont(Fonts::monospace(1));
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * 4);
    updateGutterWidth();
}

bool CodeView::event(QEvent *event)
{
    if (event->type() == QEvent::ApplicationFontChange)
        changeEvent(event);
    return QPlainTextEdit::event(event);
}

void CodeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ApplicationFontChange)
        applyFont();
    QPlainTextEdit::changeEvent(event);
}

void CodeView::setSource(const QString &text)
{
    m_currentLine = 0;
    m_clickedLine = 0;
    setPlainText(text);
    updateHighlight();
}

void CodeView::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void CodeView::paintEvent(QPaintEvent *event)
{
    QPlainTextEdit::paintEvent(event);
    if (document()->isEmpty() && !m_placeholder.isEmpty()) {
        QPainter p(viewport());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   m_placeholder);
    }
}

void CodeView::setCurrentLine(int line, bool exact)
{
    if (line < 0 || line > blockCount())
        line = 0;
    if (line == m_currentLine && exact == m_exact)
        return;
    m_currentLine = line;
    m_exact = exact;
    updateHighlight();
    if (line > 0)
        scrollToLine(line);
    m_gutter->update();
}

void CodeView::setBreakpoints(const std::set<int> &lines)
{
    if (lines == m_breakpoints)
        return;
    m_breakpoints = lines;
    m_gutter->update();
}

void CodeView::updateHighlight()
{
    QList<QTextEdit::ExtraSelection> selections;
    if (m_currentLine > 0) {
        QTextEdit::ExtraSelection s;
        s.format.setBackground(m_exact ? kExactLine : kInheritedLine);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        s.cursor = QTextCursor(document()->findBlockByNumber(m_currentLine - 1));
        selections << s;
    }
    setExtraSelections(selections);
}

void CodeView::scrollToLine(int line)
{
    // Scroll only when the line is not comfortably inside the view; then put it a third of the way down.
    const int lineHeight = std::max(1, fontMetrics().lineSpacing());
    const int visible = std::max(1, viewport()->height() / lineHeight);
    QScrollBar *bar = verticalScrollBar();
    const int first = bar->value(); // without wrapping, one scroll step is one line
    const int index = line - 1;
    const int margin = visible > 6 ? 2 : 0;
    if (index < first + margin || index >= first + visible - margin)
        bar->setValue(std::max(0, index - visible / 3));
}

int CodeView::gutterWidth() const
{
    int digits = 2;
    for (int max = std::max(1, blockCount()); max >= 100; max /= 10)
        ++digits;
    const QFontMetrics fm(font());
    // dot | digits | arrow
    return fm.height() + fm.horizontalAdvance(u'9') * digits + fm.height() + 6;
}

void CodeView::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeView::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void CodeView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), gutterWidth(), cr.height()));
    if (m_currentLine > 0) // keep the current line in view as the pane changes size
        scrollToLine(m_currentLine);
}

void CodeView::paintGutter(QPaintEvent *event)
{
    QPainter p(m_gutter);
    p.fillRect(event->rect(), kGutterBackground);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    const int dot = fm.height();
    const int width = m_gutter->width();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int line = block.blockNumber() + 1;
        if (block.isVisible() && bottom >= event->rect().top()) {
            const QRect row(0, top, width, bottom - top);
            if (line == m_currentLine)
                p.fillRect(row, m_exact ? kExactLine : kInheritedLine);
            if (m_breakpoints.count(line)) {
                const int d = dot * 2 / 3;
                p.setPen(Qt::NoPen);
                p.setBrush(kBreakpoint);
                p.drawEllipse(QRect(4 + (dot - d) / 2, top + (row.height() - d) / 2, d, d));
            }
            p.setPen(line == m_currentLine ? palette().color(QPalette::Text) : kGutterText);
            p.setFont(font());
            p.drawText(QRect(dot + 2, top, width - 2 * dot - 6, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                       QString::number(line));
            if (line == m_currentLine) {
                // An arrow pointing at the line, as debuggers draw the current statement.
                const int h = row.height() * 3 / 5;
                const int x = width - dot - 2 + (dot - h) / 2;
                const int y = top + (row.height() - h) / 2;
                QPainterPath arrow;
                arrow.moveTo(x, y);
                arrow.lineTo(x + h * 0.85, y + h / 2.0);
                arrow.lineTo(x, y + h);
                arrow.closeSubpath();
                p.setPen(Qt::NoPen);
                p.setBrush(m_exact ? kArrow : kArrow.lighter(140));
                p.drawPath(arrow);
            }
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void CodeView::mousePressEvent(QMouseEvent *event)
{
    m_clickedLine = lineAt(event->position().toPoint());
    QPlainTextEdit::mousePressEvent(event);
}

int CodeView::lineAt(const QPoint &viewportPos) const
{
    const QTextCursor c = cursorForPosition(viewportPos);
    return c.isNull() ? 0 : c.blockNumber() + 1;
}

QRect CodeView::lineRect(int line) const
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (!block.isValid())
        return {};
    return blockBoundingGeometry(block).translated(contentOffset()).toRect();
}

void CodeView::gutterClicked(const QPoint &pos)
{
    if (!m_breakpointsEnabled || document()->isEmpty())
        return;
    const int line = lineAt(QPoint(0, pos.y()));
    if (line > 0)
        emit breakpointToggled(line);
}

void CodeView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu(event->pos());
    const int line = lineAt(viewport()->mapFrom(this, event->pos()));
    if (m_breakpointsEnabled && line > 0 && !document()->isEmpty()) {
        menu->addSeparator();
        QAction *toggle = menu->addAction(m_breakpoints.count(line) ? tr("Remove breakpoint on line %1").arg(line)
                                                                    : tr("Set breakpoint on line %1").arg(line));
        connect(toggle, &QAction::triggered, this, [this, line] { emit breakpointToggled(line); });
    }
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace coroscope
