#include "CodeView.h"

#include "Fonts.h"

#include <Qsci/qscilexercpp.h>
#include <Qsci/qscilexerpython.h>
#include <Qsci/qscistyle.h>

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>

#include <algorithm>

namespace coroscope {

namespace {

const QColor kExactLine(0xff, 0xd9, 0x66);     // amber: the event at the cursor is on this line
const QColor kInheritedLine(0xff, 0xf0, 0xc2); // pale: the lane's last line
const QColor kErrorLine(0xff, 0xd6, 0xd6);     // the line a SyntaxError or an exception is on
const QColor kGutterBackground(0xf3, 0xf3, 0xf3);
const QColor kGutterText(0x8a, 0x8a, 0x8a);
const QColor kBreakpoint(0xd3, 0x2f, 0x2f);
const QColor kArrow(0xe6, 0x8a, 0x00);

// Margins, left to right, and markers.
enum Margin { SymbolMargin = 0, NumberMargin = 1 };
enum Marker { Breakpoint = 0, Arrow = 1, ArrowDim = 2, ExactLine = 3, InheritedLine = 4, ErrorLine = 5, ErrorSign = 6 };
constexpr unsigned kSymbolMarkers = (1u << Breakpoint) | (1u << Arrow) | (1u << ArrowDim) | (1u << ErrorSign);

} // namespace

CodeView::CodeView(Language language, QWidget *parent)
    : QsciScintilla(parent)
    , m_lexer(language == Language::Python ? static_cast<QsciLexer *>(new QsciLexerPython(this))
                                           : static_cast<QsciLexer *>(new QsciLexerCPP(this)))
    , m_placeholder(new QLabel(viewport()))
{
    setLexer(m_lexer);
    setUtf8(true);
    setFrameShape(QFrame::NoFrame);
    setWrapMode(WrapNone);
    setTabWidth(4);
    setIndentationWidth(4);
    setIndentationsUseTabs(false);
    setAutoIndent(true);
    // After a line that opens a block (Python's ':', C++'s '{') the next one goes one level in.
    m_lexer->setAutoIndentStyle(QsciScintilla::AiMaintain | QsciScintilla::AiOpening);
    setBraceMatching(SloppyBraceMatch);
    setCaretLineVisible(false);
    setEolMode(EolUnix);

    setMarginType(SymbolMargin, QsciScintilla::SymbolMargin);
    setMarginSensitivity(SymbolMargin, true);
    setMarginMarkerMask(SymbolMargin, int(kSymbolMarkers));
    setMarginType(NumberMargin, QsciScintilla::NumberMargin);
    setMarginSensitivity(NumberMargin, true);
    setMarginMarkerMask(NumberMargin, 0);
    setMarginsBackgroundColor(kGutterBackground);
    setMarginsForegroundColor(kGutterText);
    for (int m = 2; m < 5; ++m)
        setMarginWidth(m, 0);

    markerDefine(QsciScintilla::Circle, Breakpoint);
    setMarkerBackgroundColor(kBreakpoint, Breakpoint);
    setMarkerForegroundColor(kBreakpoint, Breakpoint);
    markerDefine(QsciScintilla::RightArrow, Arrow);
    setMarkerBackgroundColor(kArrow, Arrow);
    setMarkerForegroundColor(kArrow.darker(130), Arrow);
    markerDefine(QsciScintilla::RightArrow, ArrowDim);
    setMarkerBackgroundColor(kArrow.lighter(140), ArrowDim);
    setMarkerForegroundColor(kArrow.lighter(120), ArrowDim);
    markerDefine(QsciScintilla::Background, ExactLine);
    setMarkerBackgroundColor(kExactLine, ExactLine);
    markerDefine(QsciScintilla::Background, InheritedLine);
    setMarkerBackgroundColor(kInheritedLine, InheritedLine);
    markerDefine(QsciScintilla::Background, ErrorLine);
    setMarkerBackgroundColor(kErrorLine, ErrorLine);
    markerDefine(QsciScintilla::Rectangle, ErrorSign);
    setMarkerBackgroundColor(kBreakpoint.darker(120), ErrorSign);
    setAnnotationDisplay(AnnotationBoxed);

    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->hide();

    connect(this, &QsciScintilla::marginClicked, this, &CodeView::onMarginClicked);
    connect(this, &QsciScintilla::textChanged, this, [this] {
        if (!m_settingSource)
            emit edited();
        updatePlaceholder();
    });
    setEditable(false);
    applyFont();
}

void CodeView::applyFont()
{
    const QFont font = Fonts::monospace(1);
    m_lexer->setDefaultFont(font);
    m_lexer->setFont(font, -1); // every style of the lexer
    setMarginsFont(font);
    m_placeholder->setFont(Fonts::ui(0));
    updateMargins();
}

void CodeView::updateMargins()
{
    const QFontMetrics fm(m_lexer->defaultFont());
    setMarginWidth(SymbolMargin, fm.height() + 4);
    int digits = 2;
    for (int max = std::max(1, lines()); max >= 100; max /= 10)
        ++digits;
    setMarginWidth(NumberMargin, fm.horizontalAdvance(u'9') * digits + 10);
}

int CodeView::gutterWidth() const
{
    return marginWidth(SymbolMargin) + marginWidth(NumberMargin);
}

bool CodeView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        const auto mods = key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
        if (isReadOnly()) {
            // Selectable, not editable: the window's keys step the cursor (Ctrl+C still copies).
            if (!key->matches(QKeySequence::Copy) && !key->matches(QKeySequence::SelectAll))
                return QWidget::event(event); // not accepted: the shortcut fires
        } else if (mods == 0 || key->matches(QKeySequence::Find) || key->matches(QKeySequence::Undo)
                   || key->matches(QKeySequence::Redo) || key->matches(QKeySequence::Copy)
                   || key->matches(QKeySequence::Cut) || key->matches(QKeySequence::Paste)
                   || key->matches(QKeySequence::SelectAll)) {
            // Editing: plain keys (Space, arrows, Home, End) and the editing shortcuts are typing.
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::ApplicationFontChange)
        applyFont();
    return QsciScintilla::event(event);
}

void CodeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::ApplicationFontChange)
        applyFont();
    QsciScintilla::changeEvent(event);
}

void CodeView::keyPressEvent(QKeyEvent *event)
{
    if (!isReadOnly() && event->matches(QKeySequence::Find)) {
        emit findRequested();
        return;
    }
    QsciScintilla::keyPressEvent(event);
}

void CodeView::setEditable(bool editable)
{
    setReadOnly(!editable);
    setCaretLineVisible(editable);
    setCaretLineBackgroundColor(QColor(0xf4, 0xf8, 0xff));
    setFocusPolicy(editable ? Qt::StrongFocus : Qt::ClickFocus);
    updatePlaceholder();
}

void CodeView::setSource(const QString &source)
{
    m_settingSource = true;
    m_currentLine = 0;
    m_clickedLine = 0;
    setText(source);
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    setModified(false);
    m_settingSource = false;
    setErrorLine(0);
    updateMargins();
    updateMarkers();
    updatePlaceholder();
}

void CodeView::setPlaceholder(const QString &text)
{
    m_placeholder->setText(text);
    updatePlaceholder();
}

void CodeView::updatePlaceholder()
{
    const bool show = text().isEmpty() && isReadOnly() && !m_placeholder->text().isEmpty();
    m_placeholder->setGeometry(viewport()->rect().adjusted(gutterWidth() + 12, 12, -12, -12));
    m_placeholder->setVisible(show);
}

void CodeView::resizeEvent(QResizeEvent *event)
{
    QsciScintilla::resizeEvent(event);
    updatePlaceholder();
    if (m_currentLine > 0) // keep the current line in view as the pane changes size
        scrollToLine(m_currentLine);
}

void CodeView::setCurrentLine(int line, bool exact)
{
    if (line < 0 || line > lines())
        line = 0;
    if (line == m_currentLine && exact == m_exact)
        return;
    m_currentLine = line;
    m_exact = exact;
    updateMarkers();
    if (line > 0)
        scrollToLine(line);
}

void CodeView::setBreakpoints(const std::set<int> &lines)
{
    if (lines == m_breakpoints)
        return;
    m_breakpoints = lines;
    updateMarkers();
}

void CodeView::updateMarkers()
{
    for (int m : {Breakpoint, Arrow, ArrowDim, ExactLine, InheritedLine})
        markerDeleteAll(m);
    for (int line : m_breakpoints)
        markerAdd(line - 1, Breakpoint);
    if (m_currentLine > 0) {
        markerAdd(m_currentLine - 1, m_exact ? Arrow : ArrowDim);
        markerAdd(m_currentLine - 1, m_exact ? ExactLine : InheritedLine);
    }
}

void CodeView::setErrorLine(int line, const QString &message)
{
    markerDeleteAll(ErrorLine);
    markerDeleteAll(ErrorSign);
    clearAnnotations();
    m_errorLine = line > 0 && line <= lines() ? line : 0;
    if (!m_errorLine)
        return;
    markerAdd(m_errorLine - 1, ErrorLine);
    markerAdd(m_errorLine - 1, ErrorSign);
    if (!message.isEmpty()) {
        QsciStyle style(-1, QStringLiteral("error"), QColor(0x9b, 0x1c, 0x1c), kErrorLine, Fonts::ui(0));
        annotate(m_errorLine - 1, message, style);
    }
    scrollToLine(m_errorLine);
}

void CodeView::scrollToLine(int line)
{
    // Scroll only when the line is not comfortably inside the view; then put it a third of the way down.
    const int visible = std::max(1, int(SendScintilla(SCI_LINESONSCREEN)));
    const int first = firstVisibleLine();
    const int index = line - 1;
    const int margin = visible > 6 ? 2 : 0;
    if (index < first + margin || index >= first + visible - margin)
        setFirstVisibleLine(std::max(0, index - visible / 3));
}

int CodeView::lineAt(const QPoint &viewportPos) const
{
    const long pos = SendScintilla(SCI_POSITIONFROMPOINT, viewportPos.x() < gutterWidth() ? gutterWidth() + 1 : viewportPos.x(),
                                   long(viewportPos.y()));
    if (text().isEmpty())
        return 0;
    return int(SendScintilla(SCI_LINEFROMPOSITION, pos)) + 1;
}

QRect CodeView::lineRect(int line) const
{
    if (line < 1 || line > lines())
        return {};
    const long pos = SendScintilla(SCI_POSITIONFROMLINE, line - 1);
    const int y = int(SendScintilla(SCI_POINTYFROMPOSITION, 0, pos));
    const int h = int(SendScintilla(SCI_TEXTHEIGHT, line - 1));
    return {0, y, viewport()->width(), h};
}

bool CodeView::find(const QString &what, bool forward)
{
    if (what.isEmpty())
        return false;
    return findFirst(what, /*re*/ false, /*cs*/ false, /*wo*/ false, /*wrap*/ true, forward);
}

void CodeView::mousePressEvent(QMouseEvent *event)
{
    m_clickedLine = lineAt(event->position().toPoint());
    QsciScintilla::mousePressEvent(event);
}

void CodeView::onMarginClicked(int, int line, Qt::KeyboardModifiers)
{
    if (!m_breakpointsEnabled || text().isEmpty())
        return;
    emit breakpointToggled(line + 1);
}

void CodeView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    if (!menu) {
        QsciScintilla::contextMenuEvent(event);
        return;
    }
    const int line = lineAt(viewport()->mapFrom(this, event->pos()));
    if (m_breakpointsEnabled && line > 0 && !text().isEmpty()) {
        menu->addSeparator();
        QAction *toggle = menu->addAction(m_breakpoints.count(line) ? tr("Remove breakpoint on line %1").arg(line)
                                                                    : tr("Set breakpoint on line %1").arg(line));
        connect(toggle, &QAction::triggered, this, [this, line] { emit breakpointToggled(line); });
    }
    menu->exec(event->globalPos());
    delete menu;
}

} // namespace coroscope
