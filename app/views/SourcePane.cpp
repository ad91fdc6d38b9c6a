#include "SourcePane.h"

#include "CodeView.h"
#include "PaneHeader.h"
#include "model/CursorController.h"
#include "model/PlaybackController.h"
#include "model/TraceDocument.h"
#include "samples/Samples.h"

#include <QEvent>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace coroscope {

namespace {

QWidget *column(QLabel *title, CodeView *view)
{
    auto *w = new QWidget;
    auto *layout = new QVBoxLayout(w);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    layout->addWidget(view, 1);
    return w;
}

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
{
    m_cpp->setObjectName(QStringLiteral("cppSource"));
    m_python->setObjectName(QStringLiteral("pythonSource"));
    m_splitter->setObjectName(QStringLiteral("sourceSplitter"));
    m_splitter->addWidget(column(m_cppTitle, m_cpp));
    m_splitter->addWidget(column(m_pythonTitle, m_python));
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
    if (m_pythonRun)
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
    python = python.trimmed();
    if (python != m_pythonText) {
        m_pythonText = python;
        m_python->setSource(python);
    }
    // A script of one's own has no C++ port: its Python fills the pane.
    m_cpp->parentWidget()->setVisible(sample || !m_pythonRun);
    retranslate();
    showBreakpoints();
    follow(m_cursor->cursor());
}

bool SourcePane::pythonPrimary() const
{
    return m_pythonRun;
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
