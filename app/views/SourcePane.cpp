#include "SourcePane.h"

#include "CodeView.h"
#include "PaneHeader.h"
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "samples/Samples.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace coroscope {

namespace {

QWidget *column(QLabel *title, CodeView *view, QWidget *extra = nullptr)
{
    auto *w = new QWidget;
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(view, 1);
    return w;
}

// The find bar's keys: Enter finds the next match, Shift+Enter the one before, Esc closes it.
class FindKeys : public QObject
{
public:
    FindKeys(QLineEdit *edit, CodeView *view)
        : QObject(edit)
        , m_edit(edit)
        , m_view(view)
    {
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::KeyPress)
            return false;
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            m_view->find(m_edit->text(), !(key->modifiers() & Qt::ShiftModifier));
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            m_edit->hide();
            m_view->setFocus();
            return true;
        }
        return false;
    }

private:
    QLineEdit *m_edit;
    CodeView *m_view;
};

} // namespace

SourcePane::SourcePane(TraceDocument *document, CursorController *cursor, PlaybackController *playback,
                       QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_cursor(cursor)
    , m_playback(playback)
    , m_cppTitle(PaneHeader::create())
    , m_pythonTitle(PaneHeader::create())
    , m_cpp(new CodeView(CodeView::Language::Cpp))
    , m_python(new CodeView(CodeView::Language::Python))
    , m_splitter(new QSplitter(Qt::Horizontal))
    , m_find(new QLineEdit)
{
    m_find->setObjectName(QStringLiteral("sourceFind"));
    m_find->setClearButtonEnabled(true);
    m_find->hide();
    m_find->installEventFilter(new FindKeys(m_find, m_python));
    connect(m_find, &QLineEdit::textEdited, this, [this](const QString &text) {
        // As you type: the match grows from where the last one began.
        int lineFrom = -1, indexFrom = -1, lineTo = -1, indexTo = -1;
        m_python->getSelection(&lineFrom, &indexFrom, &lineTo, &indexTo);
        if (lineFrom >= 0)
            m_python->setCursorPosition(lineFrom, indexFrom);
        m_python->find(text);
    });
    connect(m_python, &CodeView::findRequested, this, [this] {
        m_find->show();
        m_find->setFocus();
        m_find->selectAll();
    });
    connect(m_python, &CodeView::edited, this, &SourcePane::edited);
    m_cpp->setObjectName(QStringLiteral("cppSource"));
    m_python->setObjectName(QStringLiteral("pythonSource"));
    m_splitter->setObjectName(QStringLiteral("sourceSplitter"));
    m_splitter->addWidget(column(m_cppTitle, m_cpp));
    m_splitter->addWidget(column(m_pythonTitle, m_python, m_find));
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(document, &TraceDocument::traceChanged, this, &SourcePane::reload);
    connect(cursor, &CursorController::cursorChanged, this, &SourcePane::follow);
    connect(playback, &PlaybackController::breakpointsChanged, this, &SourcePane::showBreakpoints);
    connect(m_cpp, &CodeView::breakpointToggled, this, &SourcePane::toggleFromCpp);
    connect(m_python, &CodeView::breakpointToggled, this, &SourcePane::toggleFromPython);
    retranslate();
    reload();
}

void SourcePane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SourcePane::retranslate()
{
    m_cppTitle->setText(m_cppFile.isEmpty() ? tr("C++") : tr("C++  ·  %1").arg(m_cppFile));
    m_find->setPlaceholderText(tr("Find in the script (Enter: next, Shift+Enter: previous, Esc: close)"));
    if (m_editing)
        m_pythonTitle->setText(tr("Python  ·  %1  ·  Ctrl+Enter runs it").arg(m_editingTitle));
    else if (m_pythonRun && !m_document->pythonVersion().isEmpty())
        m_pythonTitle->setText(
            tr("Python  ·  %1  ·  ran on CPython %2").arg(m_pythonFile, m_document->pythonVersion()));
    else if (m_pythonRun)
        m_pythonTitle->setText(tr("Python  ·  %1  ·  ran on CPython").arg(m_pythonFile));
    else
        m_pythonTitle->setText(m_pythonFile.isEmpty() ? tr("Python") : tr("Python  ·  %1").arg(m_pythonFile));
    m_cpp->setPlaceholder(tr("No source: this trace does not come from a sample of the gallery."));
    m_python->setPlaceholder(tr("No Python mirror for this trace."));
    m_cppTitle->setToolTip(tr("The C++ port that ran. Click the gutter to set a breakpoint on a line."));
    m_pythonTitle->setToolTip(tr("The Python program it mirrors, line by line."));
}

void SourcePane::reload()
{
    const Sample *sample = m_document->sample();
    const QString id = sample ? QString::fromUtf8(sample->id.data(), qsizetype(sample->id.size())) : QString();
    if (id != m_sampleId || id.isEmpty()) { // the same sample again keeps the view where it was
        if (sample) {
            m_map = SourceMap(sampleSource(*sample));
            m_cpp->setSource(m_map.displayText());
            m_cppFile = QString::fromUtf8(sample->cppFile.data(), qsizetype(sample->cppFile.size()));
        } else {
            m_map = SourceMap();
            m_cpp->setSource({});
            m_cppFile.clear();
        }
        m_sampleId = id;
    }
    m_pythonRun = m_document->isPythonRun();
    QString python;
    if (m_pythonRun) {
        python = m_document->pythonSource();
        m_pythonFile = m_document->pythonFile();
    } else if (sample) {
        const auto py = pythonMirror(*sample);
        python = QString::fromUtf8(py.data(), qsizetype(py.size()));
        m_pythonFile = QString::fromStdString(sample->pythonFile());
    } else {
        m_pythonFile.clear();
    }
    // Trailing blank lines only: the trace's line numbers count the leading ones.
    while (!python.isEmpty() && python.back().isSpace())
        python.chop(1);
    if (!m_editing && python != m_pythonText) {
        m_pythonText = python;
        m_python->setSource(python);
    }
    // A script of one's own has no C++ port: its Python fills the pane; so does one being edited.
    m_cpp->parentWidget()->setVisible(!m_editing && (sample || !m_pythonRun));
    retranslate();
    showBreakpoints();
    follow(m_cursor->cursor());
}

bool SourcePane::pythonPrimary() const
{
    return m_pythonRun;
}

void SourcePane::setEditing(bool on, const QString &text)
{
    m_editing = on;
    if (on) {
        if (text != m_python->toPlainText())
            m_python->setSource(text);
        m_pythonText.clear(); // leaving edit mode shows the trace's text again
    }
    m_python->setEditable(on);
    if (!on) {
        m_find->hide();
        m_python->setErrorLine(0);
    }
    reload();
    if (on)
        m_python->setFocus();
}

QString SourcePane::editedText() const
{
    return m_python->toPlainText();
}

void SourcePane::setEditingTitle(const QString &title)
{
    m_editingTitle = title;
    retranslate();
}

void SourcePane::follow(qint64 cursor)
{
    const auto line = m_document->index().sourceLineAt(cursor);
    if (pythonPrimary()) {
        m_python->setCurrentLine(line.line, line.exact);
        m_cpp->setCurrentLine(m_map.cppLine(line.line), line.exact);
    } else {
        m_cpp->setCurrentLine(line.line, line.exact);
        m_python->setCurrentLine(m_map.pythonLine(line.line), line.exact);
    }
}

int SourcePane::currentCppLine() const
{
    return m_cpp->currentLine();
}

int SourcePane::currentPythonLine() const
{
    return m_python->currentLine();
}

int SourcePane::breakpointLine() const
{
    CodeView *own = pythonPrimary() ? m_python : m_cpp;
    if (own->hasFocus() && own->clickedLine() > 0)
        return own->clickedLine();
    return own->currentLine();
}

void SourcePane::showBreakpoints()
{
    const auto &lines = m_playback->breakpoints();
    std::set<int> other;
    for (int line : lines)
        if (int mapped = pythonPrimary() ? m_map.cppLine(line) : m_map.pythonLine(line))
            other.insert(mapped);
    (pythonPrimary() ? m_python : m_cpp)->setBreakpoints(lines);
    (pythonPrimary() ? m_cpp : m_python)->setBreakpoints(other);
}

void SourcePane::toggleFromPython(int pythonLine)
{
    if (int line = pythonPrimary() ? pythonLine : m_map.cppLine(pythonLine))
        m_playback->toggleBreakpoint(line);
}

void SourcePane::toggleFromCpp(int cppLine)
{
    if (int line = pythonPrimary() ? m_map.pythonLine(cppLine) : cppLine)
        m_playback->toggleBreakpoint(line);
}

} // namespace coroscope
