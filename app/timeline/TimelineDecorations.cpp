#include "TimelineDecorations.h"

#include "TimelineScene.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Timeline", text);
}

QString laneKindText(LaneKind kind)
{
    switch (kind) {
    case LaneKind::Module: return tr("module");
    case LaneKind::Loop: return tr("who runs when");
    case LaneKind::Task: return tr("task");
    case LaneKind::Coroutine: return tr("coroutine");
    case LaneKind::Generator: return tr("generator");
    case LaneKind::Worker: return tr("worker thread");
    default: return {};
    }
}

// A lane's swatch: solid (running) on the left, light and hatched (suspended) on the right.
void drawSwatch(QPainter *p, const QRectF &r, const LaneLook &look)
{
    const QRectF left(r.left(), r.top(), r.width() / 2, r.height());
    const QRectF right(r.center().x(), r.top(), r.width() / 2, r.height());
    p->fillRect(left, look.solid);
    p->setBrushOrigin(right.topLeft());
    p->fillRect(right, look.suspendedBrush);
    p->setPen(QPen(look.solid, 1));
    p->setBrush(Qt::NoBrush);
    p->drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
}

} // namespace

// ---- TimelineBackdrop ------------------------------------------------------------------------

TimelineBackdrop::TimelineBackdrop(TimelineScene *scene, QCPAxisRect *axisRect)
    : QCPLayerable(axisRect->parentPlot(), QString(), axisRect)
    , m_scene(scene)
    , m_axisRect(axisRect)
{
}

void TimelineBackdrop::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(false);
}

QRect TimelineBackdrop::clipRect() const
{
    return mParentPlot->viewport();
}

void TimelineBackdrop::draw(QCPPainter *painter)
{
    const TimelineScene &scene = *m_scene;
    const TimelineLayout &layout = scene.layout;
    const TimelineStyle &style = scene.style;
    const QRect area = m_axisRect->rect();
    if (layout.rowCount() == 0)
        return;
    const RowGeometry geo = scene.rowGeometry(area);
    int first = 0, last = 0;
    geo.visibleRows(area.height(), layout.rowCount(), first, last);
    painter->setClipRect(QRect(0, area.top(), mParentPlot->viewport().width(), area.height()));
    const int labelLeft = std::max(4, area.left() - scene.labelColumnWidth + 8);
    const int labelRight = area.left() - 10;
    for (int r = first; r < last; ++r) {
        const int top = int(std::lround(geo.rowTop(r)));
        const int h = style.rowHeight();
        if (r % 2 == 1)
            painter->fillRect(QRect(labelLeft - 8, top, area.right() - labelLeft + 9, h), TimelineStyle::zebra());
        painter->fillRect(QRect(labelLeft - 8, top + h - 1, area.right() - labelLeft + 9, 1), TimelineStyle::separator());

        // The lane's name beside its bar, its kind beside its printed lines.
        const LaneLook &look = style.look(layout.row(r).lane);
        const int barTop = top + style.barTop();
        const int sw = std::max(14, int(style.metrics().height() * 0.9));
        const QRectF swatch(labelLeft, barTop + (style.barHeight() - sw) / 2.0, sw, sw);
        painter->setAntialiasing(false);
        drawSwatch(painter, swatch, look);
        const double textLeft = swatch.right() + 8;
        const double avail = labelRight - textLeft;
        if (avail > 20) {
            painter->setFont(style.boldFont());
            painter->setPen(TimelineStyle::textColor());
            const QString name = layout.rowKind(r) == LaneKind::Loop ? tr("event loop") : qs(layout.rowName(r));
            painter->drawText(QRectF(textLeft, barTop, avail, style.barHeight()), Qt::AlignVCenter | Qt::AlignLeft,
                              style.boldMetrics().elidedText(name, Qt::ElideRight, avail));
            painter->setFont(style.smallFont());
            painter->setPen(TimelineStyle::mutedTextColor());
            painter->drawText(QRectF(textLeft, top + style.outputTop(), avail, style.outputHeight()),
                              Qt::AlignVCenter | Qt::AlignLeft,
                              style.smallMetrics().elidedText(laneKindText(layout.rowKind(r)), Qt::ElideRight, avail));
        }
    }
    // The label column's edge.
    painter->fillRect(QRect(area.left() - 1, area.top(), 1, area.height()), TimelineStyle::separator());
}

// ---- TimelineOverlay -------------------------------------------------------------------------

TimelineOverlay::TimelineOverlay(TimelineScene *scene, QCPAxisRect *axisRect, QCPAxis *keyAxis)
    : QCPLayerable(axisRect->parentPlot(), QString(), axisRect)
    , m_scene(scene)
    , m_axisRect(axisRect)
    , m_keyAxis(keyAxis)
{
}

void TimelineOverlay::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(false);
}

QRect TimelineOverlay::clipRect() const
{
    return mParentPlot->viewport();
}

QPointF TimelineOverlay::eventPoint(std::int64_t seq) const
{
    const TimelineScene &scene = *m_scene;
    if (auto p = scene.placed(std::uint32_t(seq)))
        return *p;
    const QRect area = m_axisRect->rect();
    const auto coords = TimelineScene::coordinates(m_keyAxis, area);
    const int row = scene.layout.rowOfLane(scene.layout.trace()->events[std::size_t(seq)].lane);
    const double top = std::round(scene.rowGeometry(area).rowTop(row)) + scene.style.barTop();
    return QPointF(coords.toPixel(scene.layout.x(std::uint32_t(seq), scene.axis)), top + scene.style.barHeight() / 2.0);
}

void TimelineOverlay::draw(QCPPainter *painter)
{
    const TimelineScene &scene = *m_scene;
    const TimelineLayout &layout = scene.layout;
    const TimelineStyle &style = scene.style;
    const auto n = std::int64_t(layout.eventCount());
    if (n == 0)
        return;
    const QRect area = m_axisRect->rect();
    const auto coords = TimelineScene::coordinates(m_keyAxis, area);
    const RowGeometry geo = scene.rowGeometry(area);
    const std::int64_t cursor = std::clamp<std::int64_t>(scene.cursor, -1, n - 1);
    const QColor accent = TimelineStyle::cursor();

    painter->save();
    painter->setClipRect(area);
    // Everything after the cursor is dimmed: one translucent rectangle, not a redraw of the spans.
    double x = 0, dimFrom = 0;
    if (cursor < 0) {
        x = coords.toPixel(layout.x(0, scene.axis)) - (scene.axis == TimelineAxis::Steps ? coords.pixelsPerUnit() / 2 : 2);
        dimFrom = x;
    } else {
        x = coords.toPixel(layout.x(std::uint32_t(cursor), scene.axis));
        dimFrom = scene.axis == TimelineAxis::Steps ? coords.toPixel(double(cursor) + 0.5) : x + 2;
        // On the time axis the cursor's marker may sit right of its instant (spread): keep it bright.
        if (auto r = scene.placedRect(std::uint32_t(cursor)); r && scene.axis == TimelineAxis::Time)
            dimFrom = std::max(dimFrom, r->right() + 2);
    }
    dimFrom = std::max(dimFrom, double(area.left()));
    if (dimFrom < area.right())
        painter->fillRect(QRectF(dimFrom, area.top(), area.right() + 1 - dimFrom, area.height()), TimelineStyle::dimOverlay());
    // Time axis: later events of the cursor's instant sit left of that edge; dim them one by one.
    if (scene.axis == TimelineAxis::Time && scene.hits.size() <= 4000) {
        for (const TimelineScene::Hit &hit : scene.hits) {
            if (std::int64_t(hit.seq) > cursor && hit.rect.left() < dimFrom)
                painter->fillRect(hit.rect.adjusted(-1, -1, 1, 1).intersected(QRectF(area.left(), area.top(), dimFrom - area.left(), area.height())),
                                  TimelineStyle::dimOverlay());
        }
    }
    const bool lineVisible = x >= area.left() - 2 && x <= area.right() + 2;
    if (lineVisible)
        painter->fillRect(QRectF(std::round(x) - 1, area.top(), 3, area.height()), accent);

    // Rings on the cursor's event and the hovered one.
    painter->setRenderHint(QPainter::Antialiasing, true);
    const double ring = style.markerSize() * 0.85;
    auto drawRing = [&](std::int64_t seq, const QColor &color) {
        painter->setBrush(Qt::NoBrush);
        const auto rect = scene.placedRect(std::uint32_t(seq));
        if (rect && rect->width() > rect->height() * 1.3) {
            // A printed line: a frame around its label.
            const QRectF frame = rect->adjusted(-3, -3, 3, 3);
            painter->setPen(QPen(Qt::white, 6));
            painter->drawRoundedRect(frame, 6, 6);
            painter->setPen(QPen(color, 3));
            painter->drawRoundedRect(frame, 6, 6);
            return;
        }
        const QPointF p = eventPoint(seq);
        if (!area.adjusted(-20, -20, 20, 20).contains(p.toPoint()))
            return;
        painter->setPen(QPen(Qt::white, 6));
        painter->drawEllipse(p, ring, ring);
        painter->setPen(QPen(color, 3));
        painter->drawEllipse(p, ring, ring);
    };
    if (cursor >= 0)
        drawRing(cursor, accent);
    if (scene.hover >= 0 && scene.hover < n && scene.hover != cursor)
        drawRing(scene.hover, TimelineStyle::hover());

    // The cursor's label at the top of the line.
    if (lineVisible) {
        QString text;
        if (cursor < 0)
            text = QCoreApplication::translate("Timeline", "before step 0");
        else if (scene.axis == TimelineAxis::Steps)
            text = QCoreApplication::translate("Timeline", "step %1").arg(cursor);
        else
            text = QString::fromStdString(formatSeconds(layout.x(std::uint32_t(cursor), TimelineAxis::Time),
                                                        std::max(coords.unitsPerPixel(), 1e-9)));
        painter->setFont(style.boldFont());
        const QFontMetricsF &fm = style.boldMetrics();
        const double w = fm.horizontalAdvance(text) + 14;
        const double h = fm.height() + 4;
        double left = std::clamp(x - w / 2, double(area.left()), double(area.right()) - w);
        const QRectF box(left, area.top() + 1, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(accent);
        painter->drawRoundedRect(box, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(box, Qt::AlignCenter, text);
    }
    painter->restore();

    // The lane of the cursor's event: a bar beside its name.
    if (cursor >= 0) {
        const int row = layout.rowOfLane(layout.trace()->events[std::size_t(cursor)].lane);
        const double top = geo.rowTop(row);
        if (row >= 0 && top + style.rowHeight() > area.top() && top < area.bottom()) {
            const int left = std::max(0, area.left() - scene.labelColumnWidth);
            painter->setClipRect(QRect(0, area.top(), area.left(), area.height()));
            painter->fillRect(QRectF(left, top + 2, 5, style.rowHeight() - 4), accent);
        }
    }
}

// ---- TimelineLegend --------------------------------------------------------------------------

namespace {

enum class LegendKind { Running, Suspended, Marker, Output, Wakeup, Cursor };
struct LegendEntry {
    LegendKind kind;
    MarkerShape shape;
    const char *text;
};
const LegendEntry kLegend[] = {
    {LegendKind::Running, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "running")},
    {LegendKind::Suspended, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "suspended: waits for…")},
    {LegendKind::Marker, MarkerShape::Create, QT_TRANSLATE_NOOP("Timeline", "create")},
    {LegendKind::Marker, MarkerShape::Start, QT_TRANSLATE_NOOP("Timeline", "start")},
    {LegendKind::Marker, MarkerShape::Suspend, QT_TRANSLATE_NOOP("Timeline", "suspend")},
    {LegendKind::Marker, MarkerShape::Resume, QT_TRANSLATE_NOOP("Timeline", "resume")},
    {LegendKind::Marker, MarkerShape::Done, QT_TRANSLATE_NOOP("Timeline", "done")},
    {LegendKind::Marker, MarkerShape::Error, QT_TRANSLATE_NOOP("Timeline", "error")},
    {LegendKind::Marker, MarkerShape::Cancel, QT_TRANSLATE_NOOP("Timeline", "cancel")},
    {LegendKind::Marker, MarkerShape::Schedule, QT_TRANSLATE_NOOP("Timeline", "queued")},
    {LegendKind::Marker, MarkerShape::TimerArm, QT_TRANSLATE_NOOP("Timeline", "timer")},
    {LegendKind::Marker, MarkerShape::Clock, QT_TRANSLATE_NOOP("Timeline", "clock jump")},
    {LegendKind::Output, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "printed line")},
    {LegendKind::Wakeup, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "wake-up")},
    {LegendKind::Cursor, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "cursor")},
};

} // namespace

TimelineLegend::TimelineLegend(TimelineScene *scene, QCustomPlot *plot)
    : QCPLayoutElement(plot)
    , m_scene(scene)
{
    setMargins(QMargins(8, 4, 8, 6));
}

void TimelineLegend::applyDefaultAntialiasingHint(QCPPainter *painter) const
{
    painter->setAntialiasing(true);
}

int TimelineLegend::layoutItems(int width, QVector<QRectF> *rects) const
{
    const TimelineStyle &style = m_scene->style;
    const QFontMetricsF &fm = style.smallMetrics();
    const double icon = std::max(22.0, fm.height() * 1.4);
    const double lineH = std::max(icon, fm.height()) + 6;
    const double gap = fm.horizontalAdvance(QLatin1Char(' ')) * 3;
    double x = 0, y = 0;
    for (const LegendEntry &e : kLegend) {
        const double w = icon + 6 + fm.horizontalAdvance(tr(e.text));
        if (x > 0 && x + w > width) {
            x = 0;
            y += lineH;
        }
        if (rects)
            rects->push_back(QRectF(x, y, w, lineH));
        x += w + gap;
    }
    return int(std::ceil(y + lineH));
}

QSize TimelineLegend::minimumOuterSizeHint() const
{
    const int width = std::max(200, (mParentPlot ? mParentPlot->viewport().width() : 800) - mMargins.left() - mMargins.right());
    return QSize(0, layoutItems(width, nullptr) + mMargins.top() + mMargins.bottom());
}

QSize TimelineLegend::maximumOuterSizeHint() const
{
    return QSize(QWIDGETSIZE_MAX, minimumOuterSizeHint().height());
}

void TimelineLegend::draw(QCPPainter *painter)
{
    if (painter->modes() & (QCPPainter::pmVectorized | QCPPainter::pmNoCaching)) {
        drawItems(painter, mRect);
        return;
    }
    // The legend only changes with the width and the type size: drawn once, then copied.
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QSize size = mRect.size() * dpr;
    if (m_cache.size() != size || m_cachePointSize != m_scene->style.pointSize()) {
        m_cache = QPixmap(size);
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(TimelineStyle::background());
        QPainter p(&m_cache);
        p.setRenderHint(QPainter::Antialiasing, true);
        drawItems(&p, QRect(QPoint(0, 0), mRect.size()));
        m_cachePointSize = m_scene->style.pointSize();
    }
    painter->drawPixmap(mRect.topLeft(), m_cache);
}

void TimelineLegend::drawItems(QPainter *painter, const QRect &rect)
{
    const TimelineStyle &style = m_scene->style;
    const QFontMetricsF &fm = style.smallMetrics();
    QVector<QRectF> rects;
    layoutItems(rect.width(), &rects);
    const double icon = std::max(22.0, fm.height() * 1.4);
    const LaneLook neutral{QColor(0x4a, 0x55, 0x68), TimelineStyle::mix(Qt::white, QColor(0x4a, 0x55, 0x68), 0.22),
                           TimelineStyle::mix(Qt::white, QColor(0x4a, 0x55, 0x68), 0.55), Qt::white, Qt::BDiagPattern};
    painter->setFont(style.smallFont());
    for (int i = 0; i < rects.size(); ++i) {
        const LegendEntry &e = kLegend[i];
        const QRectF r = rects[i].translated(rect.topLeft());
        const QRectF iconRect(r.left(), r.center().y() - icon / 2, icon, icon);
        const QPointF c = iconRect.center();
        const double bh = icon * 0.62;
        const QRectF bar(iconRect.left(), c.y() - bh / 2, icon, bh);
        switch (e.kind) {
        case LegendKind::Running:
            painter->fillRect(bar, neutral.solid);
            break;
        case LegendKind::Suspended:
            painter->fillRect(bar, neutral.light);
            painter->fillRect(bar, QBrush(neutral.hatch, neutral.pattern));
            break;
        case LegendKind::Marker:
            TimelineStyle::drawMarker(painter, e.shape, c, TimelineStyle::isMajor(e.shape) ? icon * 0.8 : icon * 0.65);
            break;
        case LegendKind::Output:
            painter->setPen(QPen(neutral.solid, 1.5));
            painter->setBrush(neutral.light);
            painter->drawRoundedRect(bar, 3, 3);
            painter->setPen(TimelineStyle::textColor());
            painter->drawText(bar, Qt::AlignCenter, QStringLiteral("abc"));
            break;
        case LegendKind::Wakeup: {
            painter->setPen(QPen(TimelineStyle::wakeArrow(), 2.2));
            painter->drawLine(QPointF(iconRect.left(), c.y()), QPointF(iconRect.right() - 7, c.y()));
            QPolygonF tip;
            tip << QPointF(iconRect.right(), c.y()) << QPointF(iconRect.right() - 9, c.y() - 4.5)
                << QPointF(iconRect.right() - 9, c.y() + 4.5);
            painter->setPen(Qt::NoPen);
            painter->setBrush(TimelineStyle::wakeArrow());
            painter->drawPolygon(tip);
            break;
        }
        case LegendKind::Cursor:
            painter->fillRect(QRectF(c.x() - 1.5, iconRect.top(), 3, icon), TimelineStyle::cursor());
            break;
        }
        painter->setBrush(Qt::NoBrush);
        painter->setPen(TimelineStyle::textColor());
        painter->drawText(QRectF(iconRect.right() + 6, r.top(), r.width() - icon - 6, r.height()),
                          Qt::AlignVCenter | Qt::AlignLeft, tr(e.text));
    }
}

// ---- Tickers ---------------------------------------------------------------------------------

double StepsTicker::getTickStep(const QCPRange &range)
{
    const double raw = QCPAxisTicker::getTickStep(range);
    if (raw <= 1)
        return 1;
    // The next 1-2-5 step, so ticks land on whole events.
    const double mag = std::pow(10, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0}) {
        if (m * mag >= raw - 1e-9)
            return std::max(1.0, m * mag);
    }
    return 10 * mag;
}

QString StepsTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    return QString::number(qint64(std::llround(tick)));
}

double TimeTicker::getTickStep(const QCPRange &range)
{
    m_step = QCPAxisTicker::getTickStep(range);
    // One unit for the whole axis, the one that suits its largest value.
    m_unit = secondsUnit(std::max({std::fabs(range.lower), std::fabs(range.upper), m_step}));
    return m_step;
}

QString TimeTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    if (std::fabs(tick) < m_step * 1e-6)
        tick = 0;
    return QString::fromStdString(formatSeconds(tick, m_step, m_unit));
}

} // namespace coroscope
