#include "CompareWindow.h"

#include "model/CursorController.h"
#include "model/TraceDocument.h"
#include "model/TraceLoader.h"
#include "pytrace/TraceComparison.h"
#include "samples/Samples.h"
#include "timeline/TimelineLayout.h"
#include "timeline/TimelineWidget.h"
#include "trace/TraceSlice.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace coroscope {

namespace {

// Samples that run in two phases, and the printed line that ends the first.
struct Phases {
    std::string_view id;
    std::string_view firstEndsWith; // prefix of the line printed last in phase 1
};
constexpr Phases kPhases[] = {
    {"sequential-vs-gather", "sequential:"},
};

const Phases *phasesOf(std::string_view id)
{
    for (const Phases &p : kPhases)
        if (p.id == id)
            return &p;
    return nullptr;
}

QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// A run's suffix for the sample's Python mirror on CPython: "gather-order@cpython".
const QString kCPython = QStringLiteral("@cpython");

} // namespace

CompareWindow::CompareWindow(bool chinese, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_chinese(chinese)
{
    setObjectName(QStringLiteral("compareWindow"));
    auto *splitter = m_splitter = new QSplitter(Qt::Vertical);
    for (int i = 0; i < 2; ++i) {
        Side &s = m_sides[i];
        s.document = new TraceDocument(this);
        s.cursor = new CursorController(this);
        s.cursor->setAxisMode(CursorController::AxisMode::Time); // compare times, not step counts
        s.choice = new QComboBox;
        s.choice->setObjectName(QStringLiteral("compareChoice%1").arg(i));
        s.choice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        s.summary = new QLabel;
        s.summary->setTextFormat(Qt::PlainText);
        s.timeline = new TimelineWidget(s.document, s.cursor);
        s.timeline->setObjectName(QStringLiteral("compareTimeline%1").arg(i));
        s.timeline->setLegendVisible(i == 1); // one legend is enough, under both
        s.timeline->setCursorVisible(false); // whole runs, nothing dimmed
        s.timeline->setKeepScrollBar(true); // equal plot widths: equal times one above the other
        QFont big = s.summary->font();
        big.setBold(true);
        big.setPointSizeF(big.pointSizeF() * 1.3);
        s.summary->setFont(big);

        auto *head = new QHBoxLayout;
        head->addWidget(s.choice);
        head->addWidget(s.summary, 1);
        auto *pane = new QWidget;
        auto *box = new QVBoxLayout(pane);
        box->setContentsMargins(6, 6, 6, 0);
        box->addLayout(head);
        box->addWidget(s.timeline, 1);
        splitter->addWidget(pane);

        connect(s.timeline, &TimelineWidget::visibleRangeChanged, this,
                [this, i](double start, double end) { follow(i, start, end); });
        connect(s.choice, &QComboBox::activated, this, [this, i] {
            const QString run = m_sides[i].choice->currentData().toString();
            if (run.isEmpty())
                return; // a given run: nothing to choose
            load(i, run);
            updateLimits();
            shareHeight();
            fitBoth();
        });
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    fillChoices();
    retranslate();
    resize(1400, 900);
}

QStringList CompareWindow::choices()
{
    QStringList ids;
    for (const Sample &s : sampleList()) {
        if (s.clock != ClockMode::Virtual)
            continue; // real-clock runs take wall time and differ from run to run
        const QString id = qs(s.id);
        QStringList runs{id};
        if (phasesOf(s.id))
            runs << id + QStringLiteral(":1") << id + QStringLiteral(":2");
        for (const QString &run : runs)
            ids << run << run + kCPython;
    }
    return ids;
}

QPair<QString, QString> CompareWindow::defaultsFor(const QString &id)
{
    const Sample *s = findSample(id.toStdString());
    if (s && phasesOf(s->id))
        return {id + QStringLiteral(":1"), id + QStringLiteral(":2")};
    if (!s || s->clock != ClockMode::Virtual)
        return {QStringLiteral("sequential-vs-gather:1"), QStringLiteral("sequential-vs-gather:2")};
    return {id,
            id == QLatin1String("gather-order") ? QStringLiteral("three-sleepers")
                                                : QStringLiteral("gather-order")};
}

qint64 CompareWindow::setTraces(Trace top, const QString &topLabel, Trace bottom, const QString &bottomLabel)
{
    // Where in the Python program an event is: its line in a file of the same name on both sides.
    const auto file = [](const Trace &t) { return t.metaValue("script"); };
    ComparisonOptions where;
    where.leftWhere = pythonWhere(file(top));
    where.rightWhere = pythonWhere(file(bottom));
    const auto diff = coroscope::firstDifference(top, bottom, where);
    m_firstDifference = diff ? qint64(*diff) : -1;
    Trace *traces[2] = {&top, &bottom};
    const QString labels[2] = {topLabel, bottomLabel};
    for (int side = 0; side < 2; ++side) {
        Side &s = m_sides[side];
        s.run.clear();
        m_labels[side] = labels[side];
        s.cursor->setCursor(-1);
        s.document->setTrace(std::move(*traces[side]), labels[side]);
        if (m_firstDifference >= 0 && m_firstDifference < s.document->eventCount())
            s.document->setAnnotation(m_firstDifference, tr("first difference"));
        s.cursor->setEventCount(s.document->eventCount());
        s.cursor->toEnd();
        s.choice->clear();
        s.choice->addItem(labels[side]);
    }
    retranslate();
    updateLimits();
    shareHeight();
    fitBoth();
    return m_firstDifference;
}

bool CompareWindow::setRuns(const QString &top, const QString &bottom)
{
    const QStringList all = choices();
    if (!all.contains(top) || !all.contains(bottom))
        return false;
    for (QString &label : m_labels)
        label.clear();
    m_firstDifference = -1;
    fillChoices();
    load(0, top);
    load(1, bottom);
    updateLimits();
    shareHeight();
    fitBoth();
    return true;
}

void CompareWindow::setChinese(bool chinese)
{
    if (chinese == m_chinese)
        return;
    m_chinese = chinese;
    fillChoices();
}

QString CompareWindow::run(int side) const
{
    return m_sides[side].run;
}

bool CompareWindow::load(int side, const QString &run)
{
    const bool cpython = run.endsWith(kCPython);
    const QString name = cpython ? run.chopped(kCPython.size()) : run;
    const QString id = name.section(u':', 0, 0);
    const int half = name.contains(u':') ? name.section(u':', 1).toInt() : 0;
    const Sample *sample = findSample(id.toStdString());
    if (!sample)
        return false;
    Trace trace;
    if (cpython) {
        // The sample's Python mirror on CPython, traced: the same program on the other runtime.
        auto result = TraceLoader::runScriptNow(TraceLoader::mirrorPath(id), id, sample->clock);
        if (result.status != TraceLoadResult::Status::Loaded)
            return false;
        trace = std::move(*result.trace);
    } else {
        RunOptions options;
        options.clock = sample->clock;
        trace = runSample(*sample, options).trace;
    }
    if (half > 0) {
        const Phases *p = phasesOf(sample->id);
        const auto split = p ? findOutput(trace, p->firstEndsWith) : std::nullopt;
        if (!split)
            return false;
        const auto n = std::uint32_t(trace.events.size());
        trace = half == 1 ? sliceTrace(trace, 0, *split + 1) : sliceTrace(trace, *split + 1, n);
    }
    Side &s = m_sides[side];
    s.run = run;
    s.cursor->setCursor(-1);
    s.document->setTrace(std::move(trace), run);
    s.cursor->setEventCount(s.document->eventCount());
    s.cursor->toEnd(); // the whole run bright: nothing is "after the cursor" here
    s.choice->setCurrentIndex(s.choice->findData(run));
    retranslate();
    return true;
}

void CompareWindow::follow(int from, double start, double end)
{
    if (m_following)
        return;
    m_following = true;
    m_sides[1 - from].timeline->setVisibleRange(start, end);
    m_following = false;
}

void CompareWindow::updateLimits()
{
    const int labels = std::max(m_sides[0].timeline->naturalLabelColumnWidth(),
                                m_sides[1].timeline->naturalLabelColumnWidth());
    for (const Side &s : m_sides)
        s.timeline->setLabelColumnMinimum(labels);
    // Both may zoom and pan over the longer run: equal limits keep the clamped ranges equal.
    double end = 0;
    for (const Side &s : m_sides)
        if (!s.document->isEmpty())
            end = std::max(end, double(s.document->trace().endTime()) * 1e-9);
    for (const Side &s : m_sides)
        s.timeline->setExtraLimits(XRange {0, std::max(end, 1e-3)});
}

void CompareWindow::shareHeight()
{
    // Each run gets height for its lanes: the one with more tasks needs more rows.
    const int a = int(m_sides[0].timeline->layout().rowCount()) + 1; // + the axis
    const int b = int(m_sides[1].timeline->layout().rowCount()) + 2; // + the axis and the legend
    m_splitter->setStretchFactor(0, a);
    m_splitter->setStretchFactor(1, b);
    m_splitter->setSizes({a * 1000, b * 1000}); // scaled to the height there is
}

void CompareWindow::fitBoth()
{
    double end = 0;
    for (const Side &s : m_sides)
        if (!s.document->isEmpty())
            end = std::max(end, double(s.document->trace().endTime()) * 1e-9);
    const double width = std::max(end, 1e-3);
    m_sides[0].timeline->setVisibleRange(-0.03 * width, end + 0.08 * width);
}

void CompareWindow::fillChoices()
{
    for (int side = 0; side < 2; ++side) {
        Side &s = m_sides[side];
        s.choice->clear();
        if (!m_labels[side].isEmpty()) { // a given run (setTraces): its label, nothing to choose
            s.choice->addItem(m_labels[side]);
            continue;
        }
        for (const QString &run : choices()) {
            const bool cpython = run.endsWith(kCPython);
            const QString name = cpython ? run.chopped(kCPython.size()) : run;
            const Sample *sample = findSample(name.section(u':', 0, 0).toStdString());
            QString title = qs(m_chinese ? sample->titleZh : sample->title);
            if (name.endsWith(QLatin1String(":1")))
                title = tr("%1: first part").arg(title);
            else if (name.endsWith(QLatin1String(":2")))
                title = tr("%1: second part").arg(title);
            title = cpython ? tr("%1 · CPython").arg(title) : tr("%1 · C++ port").arg(title);
            s.choice->addItem(title, run);
        }
        s.choice->setCurrentIndex(s.choice->findData(s.run));
    }
}

void CompareWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        fillChoices();
        retranslate();
    }
    QWidget::changeEvent(event);
}

void CompareWindow::retranslate()
{
    setWindowTitle(tr("Compare Runs — Coroscope"));
    for (Side &s : m_sides) {
        const Trace &t = s.document->trace();
        if (t.events.empty()) {
            s.summary->clear();
            continue;
        }
        int lines = 0;
        for (const Event &e : t.events)
            lines += e.eventKind() == EventKind::Output;
        QString text = tr("%1 s · %2 events · %3 printed lines")
                           .arg(double(t.endTime()) * 1e-9, 0, 'f', 3)
                           .arg(t.events.size())
                           .arg(lines);
        if (!m_labels[0].isEmpty()) {
            if (m_firstDifference < 0)
                text += tr(" · the same steps");
            else if (m_firstDifference < qint64(t.events.size()))
                text += tr(" · first difference at event %1: %2")
                            .arg(m_firstDifference)
                            .arg(QString::fromStdString(std::string(t.laneName(t.events[std::size_t(m_firstDifference)].lane)) + " "
                                                        + std::string(eventKindName(t.events[std::size_t(m_firstDifference)].eventKind()))
                                                        + " " + t.detailLine(t.events[std::size_t(m_firstDifference)])));
            else
                text += tr(" · ends at event %1, where the other goes on").arg(m_firstDifference);
        }
        s.summary->setText(text);
    }
}

} // namespace coroscope
