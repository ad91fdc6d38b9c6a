#include "TimelineWidget.h"

#include "TimelineBackdrop.h"
#include "TimelineGroupPainter.h"
#include "TimelineLegend.h"
#include "TimelineMinimap.h"
#include "TimelineOverlay.h"
#include "TimelineScene.h"
#include "TimelineSpansPlottable.h"
#include "TimelineStepsTicker.h"
#include "TimelineTimeTicker.h"
#include "TimelineToolTip.h"
#include "model/CursorController.h"
#include "model/TraceDocument.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

TimelineAxis toAxis(CursorController::AxisMode mode)
{
    return mode == CursorController::AxisMode::Time ? TimelineAxis::Time : TimelineAxis::Steps;
}

constexpr double kZoomStep = 0.8; // one wheel notch or key press

} // namespace

TimelineWidget::TimelineWidget(TraceDocument *document, CursorController *cursor, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_cursor(cursor)
    , m_scene(std::make_unique<TimelineScene>())
{
    m_plot = new QCustomPlot(this);
    m_scrollBar = new QScrollBar(Qt::Vertical, this);
    m_scrollBar->hide();
    m_minimap = new TimelineMinimap(m_scene.get(), this, this);
    m_minimap->hide();
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_minimap);
    auto *box = new QHBoxLayout;
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(0);
    box->addWidget(m_plot, 1);
    box->addWidget(m_scrollBar);
    outer->addLayout(box, 1);

    // Bulk drawing is crisp and unblended; only markers, arrows and text are antialiased, by hand.
    m_plot->setNotAntialiasedElements(QCP::aeAll);
    m_plot->setPlottingHints(QCP::phCacheLabels | QCP::phFastPolylines);
    m_plot->setInteractions(QCP::Interactions());
    m_plot->setMouseTracking(true);
    m_plot->setFocusPolicy(Qt::StrongFocus);
    m_plot->setBackground(TimelineStyle::background());
    m_plot->installEventFilter(this);
    setFocusProxy(m_plot);

    QCPAxisRect *rect = m_plot->axisRect();
    m_keyAxis = rect->axis(QCPAxis::atTop);
    m_plot->xAxis->setVisible(false);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_keyAxis->setVisible(true);
    m_keyAxis->grid()->setVisible(true);
    m_keyAxis->grid()->setPen(QPen(TimelineStyle::gridColor(), 1, Qt::DotLine));
    m_keyAxis->grid()->setZeroLinePen(Qt::NoPen);
    m_keyAxis->setBasePen(QPen(TimelineStyle::mutedTextColor(), 1));
    m_keyAxis->setTickPen(QPen(TimelineStyle::mutedTextColor(), 1));
    m_keyAxis->setSubTicks(false);
    m_keyAxis->setTickLabelColor(TimelineStyle::textColor());
    m_keyAxis->setLabelColor(TimelineStyle::mutedTextColor());
    m_plot->yAxis->setRange(0, 1);
    rect->setAutoMargins(QCP::msTop);

    // Layers: backdrop under the grid, spans on "main", cursor and hover on their own buffer on top.
    m_plot->addLayer(QStringLiteral("timeline-cursor"), m_plot->layer(QStringLiteral("overlay")),
                     QCustomPlot::limAbove);
    m_overlayLayer = m_plot->layer(QStringLiteral("timeline-cursor"));
    m_overlayLayer->setMode(QCPLayer::lmBuffered);
    m_backdrop = new TimelineBackdrop(m_scene.get(), rect);
    m_backdrop->setLayer(QStringLiteral("background"));
    m_spans = new TimelineSpansPlottable(m_scene.get(), m_keyAxis, m_plot->yAxis);
    m_spans->setLayer(QStringLiteral("main"));
    m_overlay = new TimelineOverlay(m_scene.get(), rect, m_keyAxis);
    m_overlay->setLayer(m_overlayLayer);
    m_legend = new TimelineLegend(m_scene.get(), m_plot);
    m_plot->plotLayout()->addElement(1, 0, m_legend);
    m_legend->setLayer(QStringLiteral("legend"));
    m_plot->plotLayout()->setRowSpacing(0);

    connect(m_plot, &QCustomPlot::afterLayout, this, &TimelineWidget::onAfterLayout);
    connect(m_keyAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this](const QCPRange &r) { onRangeChanged(r.lower, r.upper); });
    connect(m_scrollBar, &QScrollBar::valueChanged, this, [this](int value) { setRowScroll(value); });
    connect(m_document, &TraceDocument::traceChanged, this, &TimelineWidget::rebuild);
    // The overview follows the rows (its picture) and the view (its frame).
    connect(this, &TimelineWidget::lanesChanged, this, [this] {
        updateOverviewVisibility();
        m_minimap->invalidate();
    });
    connect(this, &TimelineWidget::visibleRangeChanged, m_minimap, qOverload<>(&QWidget::update));
    connect(this, &TimelineWidget::rowScrollChanged, m_minimap, qOverload<>(&QWidget::update));
    connect(m_cursor, &CursorController::cursorChanged, this, &TimelineWidget::onCursorChanged);
    connect(m_cursor, &CursorController::axisModeChanged, this, &TimelineWidget::onAxisModeChanged);
    connect(m_cursor, &CursorController::rangeChanged, this, &TimelineWidget::onExternalRange);

    m_scene->axis = toAxis(m_cursor->axisMode());
    rebuild();
}

TimelineWidget::~TimelineWidget()
{
    // The plot's layerables point into the scene: let the plot go first, quietly.
    m_plot->removeEventFilter(this);
    m_plot->disconnect(this);
    m_keyAxis->disconnect(this);
    delete m_plot;
    m_plot = nullptr;
}

qreal TimelineWidget::pointSize() const
{
    return m_scene->style.pointSize();
}

TimelineAxis TimelineWidget::axis() const
{
    return m_scene->axis;
}

XRange TimelineWidget::visibleRange() const
{
    const QCPRange r = m_keyAxis->range();
    return {r.lower, r.upper};
}

const TimelineLayout &TimelineWidget::layout() const
{
    return m_scene->layout;
}

const TimelineLanes &TimelineWidget::lanes() const
{
    return m_scene->lanes;
}

double TimelineWidget::rowScroll() const
{
    return m_scene->rowScroll;
}

int TimelineWidget::rowViewHeight() const
{
    const int h = m_plot->axisRect()->rect().height();
    // Before the first layout the plot has no size yet: guess from the widget's.
    return h > 40 ? h : std::max(200, height() - 120);
}

LaneGrouping TimelineWidget::grouping() const
{
    return m_scene->lanes.grouping();
}

void TimelineWidget::setGrouping(LaneGrouping grouping)
{
    if (grouping == m_scene->lanes.grouping())
        return;
    m_scene->lanes.setGroupingMode(grouping);
    m_foldsChosen = false;
    regroup();
    applyStyle(); // the name column fits the groups' titles; the rows are laid out again
}

LaneDensity TimelineWidget::density() const
{
    return m_scene->lanes.density();
}

void TimelineWidget::setDensity(LaneDensity density)
{
    if (density == m_scene->lanes.density())
        return;
    m_scene->lanes.setDensity(density);
    arrangeLanes();
}

LaneDensity TimelineWidget::effectiveDensity() const
{
    return m_scene->lanes.effectiveDensity();
}

const LaneFilter &TimelineWidget::laneFilter() const
{
    return m_scene->lanes.filter();
}

void TimelineWidget::setLaneFilter(const LaneFilter &filter)
{
    if (filter == m_scene->lanes.filter())
        return;
    m_scene->lanes.setFilter(filter);
    arrangeLanes();
}

void TimelineWidget::setGroupCollapsed(int group, bool collapsed)
{
    if (group < 0 || group >= int(m_scene->lanes.groups().size()))
        return;
    m_foldsChosen = true;
    m_scene->lanes.setCollapsed(group, collapsed);
    arrangeLanes();
}

void TimelineWidget::setAllGroupsCollapsed(bool collapsed)
{
    m_foldsChosen = true;
    m_scene->lanes.setAllCollapsed(collapsed);
    arrangeLanes();
}

void TimelineWidget::regroup()
{
    TimelineLanes &lanes = m_scene->lanes;
    std::vector<std::pair<std::string, bool>> chosen; // the user's folds, by group title
    if (m_foldsChosen)
        for (const LaneGroup &g : lanes.groups())
            chosen.emplace_back(g.title, g.collapsed);
    lanes.build(m_scene->layout, lanes.grouping());
    for (const auto &[title, collapsed] : chosen)
        for (int g = 0; g < int(lanes.groups().size()); ++g)
            if (lanes.group(g).title == title)
                lanes.setCollapsed(g, collapsed);
    m_scene->clearActivity();
    assignLooks();
    if (!m_foldsChosen)
        lanes.collapseToFit(m_scene->laneHeights(), rowViewHeight());
}

void TimelineWidget::assignLooks()
{
    // A group's lanes share one look: 100 downloads read as one colour.
    const Trace &trace = m_document->trace();
    std::vector<int> lookGroup(trace.lanes.size(), -1);
    for (int r = 0; r < m_scene->layout.rowCount(); ++r)
        lookGroup[m_scene->layout.row(r).lane] = m_scene->lanes.groupOfRow(r);
    m_scene->style.assignLanes(trace, &lookGroup);
}

void TimelineWidget::arrangeLanes()
{
    const int height = rowViewHeight();
    m_arrangedHeight = m_plot->axisRect()->rect().height();
    m_scene->lanes.arrange(m_scene->laneHeights(), height, m_scene->cursor);
    const double maxScroll = std::max(0, m_scene->lanes.contentHeight() - height);
    m_scene->rowScroll = std::clamp(m_scene->rowScroll, 0.0, maxScroll);
    m_scene->hits.clear();
    // Rows came and went: the cursor's lane stays in view.
    const auto seq = m_scene->cursor;
    if (m_followCursor && seq >= 0 && std::size_t(seq) < m_scene->layout.eventCount())
        ensureLaneVisible(m_scene->layout.trace()->events[std::size_t(seq)].lane);
    replotAll();
    emit lanesChanged();
}

void TimelineWidget::applyKindNames()
{
    std::vector<std::string> names;
    for (const char *kind : {"module", "who runs when", "task", "coroutine", "generator", "worker thread"})
        names.push_back(QCoreApplication::translate("Timeline", kind).toStdString());
    // The loop also answers to its name.
    names[std::size_t(LaneKind::Loop)] += " " + QCoreApplication::translate("Timeline", "event loop").toStdString();
    m_scene->lanes.setKindNames(std::move(names));
}

QSize TimelineWidget::sizeHint() const
{
    return QSize(900, 420);
}

void TimelineWidget::rebuild()
{
    const Trace &trace = m_document->trace();
    m_scene->layout.build(trace);
    m_scene->hits.clear();
    m_scene->hover = -1;
    m_scene->rowScroll = 0;
    m_cursor->setEventCount(qint64(trace.events.size()));
    m_scene->cursor = m_cursor->cursor();
    // The same program again (a re-run, a trace that grew): the groups the user folded or opened
    // stay so; another program starts from the automatic folds.
    if (m_document->origin() != m_foldsOrigin)
        m_foldsChosen = false;
    m_foldsOrigin = m_document->origin();
    applyKindNames();
    regroup();
    applyStyle();
    applyAxisMode();
    fitAll();
    replotAll();
}

int TimelineWidget::labelColumnWidth() const
{
    const TimelineLayout &layout = m_scene->layout;
    const TimelineStyle &style = m_scene->style;
    double widest = style.boldMetrics().horizontalAdvance(QStringLiteral("event loop"));
    const int rows = std::min(layout.rowCount(), 5000);
    for (int r = 0; r < rows; ++r) {
        const auto name = layout.rowName(r);
        widest = std::max(
            widest,
            style.boldMetrics().horizontalAdvance(QString::fromUtf8(name.data(), qsizetype(name.size()))));
    }
    for (const LaneGroup &g : m_scene->lanes.groups())
        widest = std::max(widest, style.boldMetrics().horizontalAdvance(
                                      QString::fromStdString(g.title) + QStringLiteral(" × 00000"))
                                      + 10);
    for (const char *kind : {"who runs when", "worker thread", "generator", "coroutine"})
        widest = std::max(
            widest, style.smallMetrics().horizontalAdvance(QCoreApplication::translate("Timeline", kind)));
    const double swatch = std::max(14.0, style.metrics().height() * 0.9);
    return std::clamp(int(std::ceil(widest + swatch + 30)), 150, 420);
}

void TimelineWidget::applyStyle()
{
    const TimelineStyle &style = m_scene->style;
    m_keyAxis->setTickLabelFont(style.font());
    m_keyAxis->setLabelFont(style.smallFont());
    m_keyAxis->setTickLabelPadding(4);
    m_keyAxis->setLabelPadding(4);
    m_scene->labelColumnWidth = std::max(labelColumnWidth(), m_labelColumnMinimum);
    // setMargins() recomputes the plot area at once: keep the top margin the axis needs.
    QCPAxisRect *rect = m_plot->axisRect();
    const QMargins margins(m_scene->labelColumnWidth, rect->margins().top(), 16, 2);
    if (rect->margins() != margins)
        rect->setMargins(margins);
    m_scrollBar->setSingleStep(std::max(1, style.rowHeight() / 2));
    arrangeLanes(); // the rows' heights follow the type size
}

void TimelineWidget::applyAxisMode()
{
    if (m_scene->axis == TimelineAxis::Steps) {
        m_keyAxis->setTicker(QSharedPointer<QCPAxisTicker>(new TimelineStepsTicker));
        m_keyAxis->setLabel(QCoreApplication::translate("Timeline", "step (one column per event)"));
    } else {
        m_keyAxis->setTicker(QSharedPointer<QCPAxisTicker>(new TimelineTimeTicker));
        const Trace &trace = m_document->trace();
        m_keyAxis->setLabel(trace.clock == ClockMode::Virtual
                                ? QCoreApplication::translate("Timeline", "time (virtual clock)")
                                : QCoreApplication::translate("Timeline", "time (wall clock)"));
    }
}

XRange TimelineWidget::limits() const
{
    XRange data = m_scene->layout.dataRange(m_scene->axis);
    if (m_extraLimits.width() > 0)
        data = {std::min(data.start, m_extraLimits.start), std::max(data.end, m_extraLimits.end)};
    const XRange fit = fitRange(data.start, data.end, 0.03, minWidth());
    return {fit.start - 0.5 * fit.width(), fit.end + 0.5 * fit.width()};
}

double TimelineWidget::minWidth() const
{
    return m_scene->axis == TimelineAxis::Steps ? 6.0 : 1e-7;
}

void TimelineWidget::fitAll()
{
    const XRange r = wholeRange();
    m_keyAxis->setRange(r.start, r.end);
    replotAll();
}

XRange TimelineWidget::wholeRange() const
{
    const TimelineLayout &layout = m_scene->layout;
    XRange r;
    if (layout.eventCount() == 0) {
        r = m_scene->axis == TimelineAxis::Steps ? XRange {-0.5, 10} : XRange {0, 1};
    } else if (m_scene->axis == TimelineAxis::Steps) {
        const XRange data = layout.dataRange(TimelineAxis::Steps);
        r = fitRange(data.start - 0.6, data.end + 0.6, 0.01, minWidth());
    } else {
        const XRange data = layout.dataRange(TimelineAxis::Time);
        r = fitRange(data.start, data.end, 0.03, data.width() > 0 ? minWidth() : 1e-3);
        r.end += 0.04 * r.width(); // room for the markers of the last instant, spread to the right
    }
    return r;
}

TimelineWidget::OverviewMode TimelineWidget::overviewMode() const
{
    return m_overviewMode;
}

void TimelineWidget::setOverviewMode(OverviewMode mode)
{
    m_overviewMode = mode;
    updateOverviewVisibility();
}

bool TimelineWidget::overviewShown() const
{
    return !m_minimap->isHidden();
}

void TimelineWidget::updateOverviewVisibility()
{
    const bool big = m_scene->layout.rowCount() > TimelineLanes::kRoomyMaxLanes;
    const bool shown = m_overviewMode == OverviewMode::Shown || (m_overviewMode == OverviewMode::Auto && big);
    m_overviewWanted = shown;
    if (shown == overviewShown())
        return;
    // Shown at once, the strip would resize the plot and so replot it inside the caller (a new
    // trace's set-up); from the event loop the replot happens once, when the window paints.
    if (isVisible())
        QTimer::singleShot(0, this, [this] { m_minimap->setVisible(m_overviewWanted); });
    else
        m_minimap->setVisible(shown);
}

void TimelineWidget::setVisibleRange(double start, double end)
{
    if (!(end > start))
        return;
    XRange r {start, end};
    if (r.width() < minWidth())
        r = {r.center() - minWidth() / 2, r.center() + minWidth() / 2};
    if (m_scene->layout.eventCount() > 0)
        r = clampRange(r, limits());
    m_keyAxis->setRange(r.start, r.end);
}

void TimelineWidget::zoomAt(double anchorX, double factor)
{
    const XRange r = zoomRange(visibleRange(), anchorX, factor, limits(), minWidth());
    setVisibleRange(r.start, r.end);
}

void TimelineWidget::zoomIn()
{
    const XRange r = visibleRange();
    double anchor = r.center();
    if (m_scene->cursor >= 0 && std::size_t(m_scene->cursor) < m_scene->layout.eventCount()) {
        const double x = m_scene->layout.x(std::uint32_t(m_scene->cursor), m_scene->axis);
        if (r.contains(x))
            anchor = x;
    }
    zoomAt(anchor, kZoomStep);
}

void TimelineWidget::zoomOut()
{
    zoomAt(visibleRange().center(), 1 / kZoomStep);
}

void TimelineWidget::setPointSize(qreal points)
{
    if (qFuzzyCompare(points, m_scene->style.pointSize()))
        return;
    m_scene->style.setPointSize(points);
    applyStyle();
}

void TimelineWidget::setFollowCursor(bool follow)
{
    m_followCursor = follow;
}

bool TimelineWidget::legendVisible() const
{
    return m_legend->isShown();
}

void TimelineWidget::setLegendVisible(bool visible)
{
    if (visible == m_legend->isShown())
        return;
    m_legend->setShown(visible);
    replotAll();
}

bool TimelineWidget::legendUnfolded() const
{
    return m_legend->isUnfolded();
}

void TimelineWidget::setLegendUnfolded(bool unfolded)
{
    if (unfolded == m_legend->isUnfolded())
        return;
    m_legend->setUnfolded(unfolded);
    replotAll();
}

void TimelineWidget::setExtraLimits(XRange limits)
{
    m_extraLimits = limits;
}

void TimelineWidget::setHiddenOutputs(qint64 seq, bool ask)
{
    if (seq == m_scene->hiddenOutputsFrom && ask == m_scene->askOutput)
        return;
    m_scene->hiddenOutputsFrom = seq;
    m_scene->askOutput = ask;
    replotAll();
}

void TimelineWidget::setLabelColumnMinimum(int pixels)
{
    if (pixels == m_labelColumnMinimum)
        return;
    m_labelColumnMinimum = pixels;
    applyStyle();
}

void TimelineWidget::setKeepScrollBar(bool keep)
{
    m_keepScrollBar = keep;
    m_scrollBar->setVisible(keep || m_scrollBar->maximum() > 0);
}

void TimelineWidget::setCursorVisible(bool visible)
{
    m_scene->showCursor = visible;
    replotOverlay();
}

void TimelineWidget::setBookmarks(std::vector<std::uint32_t> seqs)
{
    if (seqs == m_scene->bookmarks)
        return;
    m_scene->bookmarks = std::move(seqs);
    replotOverlay();
}

qint64 TimelineWidget::hiddenOutputsFrom() const
{
    return m_scene->hiddenOutputsFrom;
}

void TimelineWidget::refreshTheme()
{
    m_plot->setBackground(TimelineStyle::background());
    m_keyAxis->grid()->setPen(QPen(TimelineStyle::gridColor(), 1, Qt::DotLine));
    m_keyAxis->setBasePen(QPen(TimelineStyle::mutedTextColor(), 1));
    m_keyAxis->setTickPen(QPen(TimelineStyle::mutedTextColor(), 1));
    m_keyAxis->setTickLabelColor(TimelineStyle::textColor());
    m_keyAxis->setLabelColor(TimelineStyle::mutedTextColor());
    m_scene->style.refreshTheme();
    assignLooks();
    m_legend->invalidate();
    m_minimap->invalidate();
    replotAll();
}

void TimelineWidget::changeEvent(QEvent *event)
{
    // Texts drawn on the plot (axis title, legend, lane kinds) are not widgets: redo them.
    if (event->type() == QEvent::LanguageChange) {
        applyKindNames();
        applyAxisMode();
        m_legend->invalidate();
        applyStyle(); // the label column fits the translated lane kinds
    }
    // The application's font family changed (language, settings): rebuild the fonts at our size.
    if (event->type() == QEvent::FontChange) {
        m_scene->style.setPointSize(m_scene->style.pointSize());
        applyStyle();
    }
    QWidget::changeEvent(event);
}

void TimelineWidget::onRangeChanged(double start, double end)
{
    m_applyingRange = true;
    m_cursor->setRange(start, end);
    m_applyingRange = false;
    emit visibleRangeChanged(start, end);
    replotAll();
}

void TimelineWidget::onExternalRange(double start, double end)
{
    if (m_applyingRange)
        return;
    const XRange r = visibleRange();
    if (r.start == start && r.end == end)
        return;
    setVisibleRange(start, end);
}

void TimelineWidget::onAxisModeChanged()
{
    const TimelineAxis from = m_scene->axis;
    const TimelineAxis to = toAxis(m_cursor->axisMode());
    if (from == to)
        return;
    const TimelineLayout &layout = m_scene->layout;
    const XRange old = visibleRange();
    const XRange data = layout.dataRange(from);
    m_scene->axis = to;
    applyAxisMode();
    m_minimap->invalidate();
    if (layout.eventCount() == 0 || (old.start <= data.start && old.end >= data.end)) {
        fitAll();
        return;
    }
    // Keep the same events in view.
    const auto last = std::int64_t(layout.eventCount() - 1);
    XRange next;
    if (from == TimelineAxis::Steps) {
        const auto s0 = std::clamp<std::int64_t>(std::int64_t(std::floor(old.start)), 0, last);
        const auto s1 = std::clamp<std::int64_t>(std::int64_t(std::ceil(old.end)), 0, last);
        next = {layout.x(std::uint32_t(s0), to), layout.x(std::uint32_t(s1), to)};
    } else {
        const auto s0 = std::clamp<std::int64_t>(layout.eventAt(old.start, from) + 1, 0, last);
        const auto s1 = std::clamp<std::int64_t>(layout.eventAt(old.end, from), 0, last);
        next = {double(s0) - 0.5, double(s1) + 0.5};
    }
    if (next.width() < minWidth())
        fitAll();
    else
        setVisibleRange(next.start, next.end);
    replotAll();
}

void TimelineWidget::onCursorChanged(qint64 seq)
{
    m_scene->cursor = seq;
    const TimelineLayout &layout = m_scene->layout;
    if (overviewShown())
        m_minimap->update();
    // "Hide finished lanes" and "state at the cursor" change the rows as the cursor moves.
    if (m_scene->lanes.cursorChanged(seq))
        arrangeLanes();
    if (m_followCursor && seq >= 0 && std::size_t(seq) < layout.eventCount()) {
        const double x = layout.x(std::uint32_t(seq), m_scene->axis);
        const XRange r = visibleRange();
        const double margin = 0.05 * r.width();
        if (x < r.start + margin || x > r.end - margin) {
            const XRange next = ensureVisible(r, x, 0.15);
            setVisibleRange(next.start, next.end);
        }
        ensureLaneVisible(layout.trace()->events[std::size_t(seq)].lane);
    }
    replotOverlay();
}

void TimelineWidget::ensureLaneVisible(quint32 lane)
{
    const int row = m_scene->rowOfLane(lane);
    if (row < 0)
        return;
    const LaneRow &r = m_scene->lanes.at(row);
    const double height = rowViewHeight();
    const double scroll = m_scene->rowScroll;
    // A thin lane keeps some rows above and below it in view: the cursor's ring is larger than it.
    const double margin = r.height >= m_scene->style.rowHeight()
        ? 0.0
        : std::clamp((height - r.height) / 4, 0.0, 2.0 * m_scene->style.lineHeight());
    if (r.top >= scroll + std::min(margin, double(r.top)) && r.top + r.height <= scroll + height - margin)
        return;
    // A near miss scrolls just enough; a lane far away comes to the middle, with its neighbours.
    const bool near = r.top + r.height > scroll - height / 2 && r.top < scroll + height * 1.5;
    if (!near)
        setRowScroll(r.top + r.height / 2.0 - height / 2);
    else if (r.top < scroll + margin)
        setRowScroll(r.top - margin);
    else
        setRowScroll(r.top + r.height + margin - height);
}

void TimelineWidget::onAfterLayout()
{
    const QRect area = m_plot->axisRect()->rect();
    if (area.height() != m_arrangedHeight && area.height() > 40) {
        // Compact rows fit the view, and until the user chooses, the groups that fold do too.
        if (!m_foldsChosen)
            m_scene->lanes.collapseToFit(m_scene->laneHeights(), area.height());
        m_arrangedHeight = area.height();
        m_scene->lanes.arrange(m_scene->laneHeights(), area.height(), m_scene->cursor);
        const auto seq = m_scene->cursor;
        if (m_followCursor && seq >= 0 && std::size_t(seq) < m_scene->layout.eventCount())
            ensureLaneVisible(m_scene->layout.trace()->events[std::size_t(seq)].lane);
        emit lanesChanged();
    }
    const double maxScroll = std::max(0, m_scene->lanes.contentHeight() - area.height());
    m_scene->rowScroll = std::clamp(m_scene->rowScroll, 0.0, maxScroll);
    const QSignalBlocker block(m_scrollBar);
    m_scrollBar->setRange(0, int(std::ceil(maxScroll)));
    m_scrollBar->setPageStep(std::max(1, area.height()));
    m_scrollBar->setValue(int(std::lround(m_scene->rowScroll)));
    const bool needed = maxScroll > 0 || m_keepScrollBar;
    m_scrollBar->setEnabled(maxScroll > 0);
    if (m_scrollBar->isVisibleTo(this) != needed)
        QMetaObject::invokeMethod(m_scrollBar, "setVisible", Qt::QueuedConnection, Q_ARG(bool, needed));
}

void TimelineWidget::setRowScroll(double pixels)
{
    const double maxScroll = std::max(0, m_scene->lanes.contentHeight() - rowViewHeight());
    pixels = std::clamp(pixels, 0.0, maxScroll);
    if (pixels == m_scene->rowScroll)
        return;
    m_scene->rowScroll = pixels;
    const QSignalBlocker block(m_scrollBar);
    m_scrollBar->setValue(int(std::lround(pixels)));
    replotAll();
    emit rowScrollChanged(pixels);
}

void TimelineWidget::replotAll()
{
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimelineWidget::replotOverlay()
{
    m_overlayLayer->replot();
}

QPointF TimelineWidget::eventPosition(qint64 seq) const
{
    const TimelineLayout &layout = m_scene->layout;
    if (seq < 0 || std::size_t(seq) >= layout.eventCount())
        return QPointF(-1, -1);
    if (auto p = m_scene->placed(std::uint32_t(seq)))
        return *p;
    const QRect area = m_plot->axisRect()->rect();
    const auto coords = TimelineScene::coordinates(m_keyAxis, area);
    const int row = m_scene->rowOfLane(layout.trace()->events[std::size_t(seq)].lane);
    if (row < 0)
        return QPointF(-1, -1);
    const double y = m_scene->rowBox(row, area).barCenter();
    const QPointF p(coords.toPixel(layout.x(std::uint32_t(seq), m_scene->axis)), y);
    return area.contains(p.toPoint()) ? p : QPointF(-1, -1);
}

qint64 TimelineWidget::eventAt(QPoint pos) const
{
    const TimelineLayout &layout = m_scene->layout;
    const QRect area = m_plot->axisRect()->rect();
    if (layout.eventCount() == 0 || !area.contains(pos))
        return -1;
    // What was drawn there, topmost first.
    for (auto it = m_scene->hits.rbegin(); it != m_scene->hits.rend(); ++it) {
        if (it->rect.adjusted(-2, -2, 2, 2).contains(pos))
            return it->seq;
    }
    const int row = m_scene->rowAt(pos.y(), area);
    if (row < 0 || m_scene->lanes.at(row).kind != LaneRow::Lane)
        return -1;
    const auto coords = TimelineScene::coordinates(m_keyAxis, area);
    const double tolerance = 8 * coords.unitsPerPixel();
    return layout.nearestEventInRow(m_scene->lanes.at(row).index, coords.toX(pos.x()), m_scene->axis, tolerance);
}

QString TimelineWidget::eventToolTip(qint64 seq) const
{
    const Trace &trace = m_document->trace();
    if (seq < 0 || std::size_t(seq) >= trace.events.size())
        return {};
    if (m_scene->outputHidden(std::uint32_t(seq)) && trace.events[std::size_t(seq)].eventKind() == EventKind::Output)
        return QCoreApplication::translate("Timeline", "prints a line: what? (predict mode)");
    return timelineToolTip(trace, std::uint32_t(seq), m_scene->style.pointSize());
}

void TimelineWidget::setHover(qint64 seq, QPoint globalPos)
{
    if (seq == m_scene->hover)
        return;
    m_scene->hover = seq;
    replotOverlay();
    if (seq >= 0 && QToolTip::isVisible())
        QToolTip::showText(globalPos, eventToolTip(seq), m_plot);
    else if (seq < 0)
        QToolTip::hideText();
    emit eventHovered(seq);
}

bool TimelineWidget::exportImage(const QString &fileName, QSize size)
{
    const int w = size.isValid() ? size.width() : 0;
    const int h = size.isValid() ? size.height() : 0;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    bool ok = false;
    if (suffix == QLatin1String("pdf"))
        ok = m_plot->savePdf(fileName, w, h);
    else if (suffix == QLatin1String("jpg") || suffix == QLatin1String("jpeg"))
        ok = m_plot->saveJpg(fileName, w, h);
    else if (suffix == QLatin1String("bmp"))
        ok = m_plot->saveBmp(fileName, w, h);
    else
        ok = m_plot->savePng(fileName, w, h);
    replotAll(); // the export drew at its own size: place markers (hit tests) for the screen again
    return ok;
}

bool TimelineWidget::toggleGroupAt(QPoint pos)
{
    const QRect area = m_plot->axisRect()->rect();
    if (pos.x() >= area.left() || pos.y() < area.top() || pos.y() > area.bottom())
        return false;
    const int row = m_scene->rowAt(pos.y(), area);
    if (row < 0 || m_scene->lanes.at(row).kind == LaneRow::Lane)
        return false;
    const LaneRow &r = m_scene->lanes.at(row);
    setGroupCollapsed(r.group, r.kind == LaneRow::GroupHeader);
    return true;
}

QString TimelineWidget::groupToolTip(QPoint pos) const
{
    const QRect area = m_plot->axisRect()->rect();
    const int row = m_scene->rowAt(pos.y(), area);
    if (row < 0 || m_scene->lanes.at(row).kind == LaneRow::Lane)
        return {};
    const LaneRow &r = m_scene->lanes.at(row);
    QString text = QStringLiteral("<b>%1</b>").arg(TimelineGroupPainter::title(*m_scene, r.group).toHtmlEscaped());
    std::int64_t seq = m_scene->cursor;
    if (area.contains(pos)) {
        const auto coords = TimelineScene::coordinates(m_keyAxis, area);
        seq = m_scene->layout.eventAt(coords.toX(pos.x()), m_scene->axis);
        text += QStringLiteral("<br>") + QCoreApplication::translate("Timeline", "at step %1: %2")
                                             .arg(seq)
                                             .arg(TimelineGroupPainter::countsText(*m_scene, r.group, seq));
    } else if (seq >= 0) {
        text += QStringLiteral("<br>") + QCoreApplication::translate("Timeline", "at the cursor: %1")
                                             .arg(TimelineGroupPainter::countsText(*m_scene, r.group, seq));
    }
    text += QStringLiteral("<br><i>%1</i>")
                .arg(r.kind == LaneRow::GroupSummary
                         ? QCoreApplication::translate("Timeline", "Click its name to show its lanes.")
                         : QCoreApplication::translate("Timeline", "Click its name to fold its lanes into one."));
    return text;
}

bool TimelineWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() != Qt::LeftButton)
            return false;
        m_pressed = true;
        m_dragging = false;
        m_pressPos = e->position().toPoint();
        m_pressRange = visibleRange();
        m_pressScroll = m_scene->rowScroll;
        return true;
    }
    case QEvent::MouseMove: {
        auto *e = static_cast<QMouseEvent *>(event);
        const QPoint pos = e->position().toPoint();
        if (m_pressed && (e->buttons() & Qt::LeftButton)) {
            const QPoint delta = pos - m_pressPos;
            if (!m_dragging && delta.manhattanLength() > 4) {
                m_dragging = true;
                m_plot->setCursor(Qt::ClosedHandCursor);
                setHover(-1, {});
            }
            if (m_dragging) {
                const double upp = m_pressRange.width() / std::max(1, m_plot->axisRect()->width());
                const XRange r = panRange(m_pressRange, -delta.x() * upp, limits());
                setVisibleRange(r.start, r.end);
                setRowScroll(m_pressScroll - delta.y());
            }
            return true;
        }
        setHover(eventAt(pos), e->globalPosition().toPoint());
        return false;
    }
    case QEvent::MouseButtonRelease: {
        auto *e = static_cast<QMouseEvent *>(event);
        if (e->button() != Qt::LeftButton || !m_pressed)
            return false;
        const bool click = !m_dragging;
        m_pressed = m_dragging = false;
        m_plot->unsetCursor();
        if (click && m_legend->isShown() && m_legend->outerRect().contains(e->position().toPoint())) {
            setLegendUnfolded(!m_legend->isUnfolded());
            return true;
        }
        if (click && toggleGroupAt(e->position().toPoint()))
            return true;
        if (click) {
            const QPoint pos = e->position().toPoint();
            qint64 seq = eventAt(pos);
            const QRect area = m_plot->axisRect()->rect();
            if (seq < 0 && area.contains(pos)) {
                // Not on an event: the cursor goes to this column / instant.
                const auto coords = TimelineScene::coordinates(m_keyAxis, area);
                seq = m_scene->layout.eventAt(coords.toX(pos.x()), m_scene->axis);
            }
            if (seq >= 0) {
                m_cursor->setCursor(seq);
                emit eventClicked(seq);
            }
        }
        return true;
    }
    case QEvent::MouseButtonDblClick:
        return true;
    case QEvent::Wheel: {
        auto *e = static_cast<QWheelEvent *>(event);
        const QPoint angle = e->angleDelta();
        const QRect area = m_plot->axisRect()->rect();
        if (e->modifiers() & Qt::ShiftModifier) {
            const int d = angle.y() != 0 ? angle.y() : angle.x();
            setRowScroll(m_scene->rowScroll - d / 120.0 * m_scene->style.rowHeight());
        } else if (std::abs(angle.x()) > std::abs(angle.y())) {
            const XRange r
                = panRange(visibleRange(), -angle.x() / 120.0 * 0.1 * visibleRange().width(), limits());
            setVisibleRange(r.start, r.end);
        } else if (angle.y() != 0) {
            const auto coords = TimelineScene::coordinates(m_keyAxis, area);
            const double px = std::clamp(e->position().x(), double(area.left()), double(area.right()));
            zoomAt(coords.toX(px), std::pow(kZoomStep, angle.y() / 120.0));
        }
        return true;
    }
    case QEvent::KeyPress: {
        auto *e = static_cast<QKeyEvent *>(event);
        const double page = std::max(1, m_plot->axisRect()->height() - m_scene->style.rowHeight());
        switch (e->key()) {
        case Qt::Key_F:
            fitAll();
            return true;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            return true;
        case Qt::Key_Minus:
            zoomOut();
            return true;
        case Qt::Key_PageUp:
            setRowScroll(m_scene->rowScroll - page);
            return true;
        case Qt::Key_PageDown:
            setRowScroll(m_scene->rowScroll + page);
            return true;
        default:
            return false;
        }
    }
    case QEvent::ToolTip: {
        auto *e = static_cast<QHelpEvent *>(event);
        const qint64 seq = eventAt(e->pos());
        if (seq >= 0)
            QToolTip::showText(e->globalPos(), eventToolTip(seq), m_plot);
        else if (const QString text = groupToolTip(e->pos()); !text.isEmpty())
            QToolTip::showText(e->globalPos(), text, m_plot);
        else
            QToolTip::hideText();
        return true;
    }
    case QEvent::Leave:
        setHover(-1, {});
        return false;
    default:
        return false;
    }
}

} // namespace coroscope
