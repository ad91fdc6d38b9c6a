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
    connect(m_cpp, &CodeView::breakpointToggled, playback, &PlaybackController::toggleBreakpoint);
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
    if (id != m_sampleId || id.isEmpty()) {
        m_sampleId = id;
        if (sample) {
            m_map = SourceMap(sampleSource(*sample));
            const auto py = pythonMirror(*sample);
            m_cpp->setSource(m_map.displayText());
            m_python->setSource(QString::fromUtf8(py.data(), qsizetype(py.size())).trimmed());
            m_cppFile = QString::fromUtf8(sample->cppFile.data(), qsizetype(sample->cppFile.size()));
            m_pythonFile = QString::fromStdString(sample->pythonFile());
        } else {
            m_map = SourceMap();
            m_cpp->setSource({});
            m_python->setSource({});
            m_cppFile.clear();
            m_pythonFile.clear();
        }
        retranslate();
    }
    showBreakpoints();
    follow(m_cursor->cursor());
}

void SourcePane::follow(qint64 cursor)
{
    const auto line = m_document->index().sourceLineAt(cursor);
    m_cpp->setCurrentLine(line.line, line.exact);
    m_python->setCurrentLine(m_map.pythonLine(line.line), line.exact);
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
    if (m_cpp->hasFocus() && m_cpp->clickedLine() > 0)
        return m_cpp->clickedLine();
    return m_cpp->currentLine();
}

void SourcePane::showBreakpoints()
{
    const auto &lines = m_playback->breakpoints();
    m_cpp->setBreakpoints(lines);
    std::set<int> python;
    for (int line : lines)
        if (int py = m_map.pythonLine(line))
            python.insert(py);
    m_python->setBreakpoints(python);
}

void SourcePane::toggleFromPython(int pythonLine)
{
    if (int line = m_map.cppLine(pythonLine))
        m_playback->toggleBreakpoint(line);
}

} // namespace coroscope
