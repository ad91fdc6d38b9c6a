#include "TimelineLegend.h"

#include "TimelineScene.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

enum class LegendKind { Running, Suspended, Marker, Output, Wakeup, Cursor };
struct LegendEntry {
    LegendKind kind;
    MarkerShape shape;
    const char *text;
};
// The most needed first: the folded strip shows what fits of this order.
const LegendEntry kLegend[] = {
    {LegendKind::Running, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "running")},
    {LegendKind::Suspended, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "suspended: waits for…")},
    {LegendKind::Output, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "printed line")},
    {LegendKind::Wakeup, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "wake-up")},
    {LegendKind::Cursor, MarkerShape::None, QT_TRANSLATE_NOOP("Timeline", "cursor")},
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
    {LegendKind::Marker, MarkerShape::Sync, QT_TRANSLATE_NOOP("Timeline", "lock, event, semaphore")},
};
constexpr int kEntries = int(std::size(kLegend));
const char *const kMore = QT_TRANSLATE_NOOP("Timeline", "more…");
const char *const kLess = QT_TRANSLATE_NOOP("Timeline", "less");

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

int TimelineLegend::layoutItems(int width, QVector<QRectF> *rects, QVector<int> *which) const
{
    const TimelineStyle &style = m_scene->style;
    const QFontMetricsF &fm = style.smallMetrics();
    const double icon = std::max(22.0, fm.height() * 1.4);
    const double lineH = std::max(icon, fm.height()) + 6;
    const double gap = fm.horizontalAdvance(QLatin1Char(' ')) * 3;
    auto entryWidth = [&](int i) {
        return icon + 6 + fm.horizontalAdvance(QCoreApplication::translate("Timeline", kLegend[i].text));
    };
    const double toggle = fm.horizontalAdvance(QCoreApplication::translate("Timeline", m_unfolded ? kLess : kMore))
        + 12;
    auto place = [&](double x, double y, double w, int index) {
        if (rects)
            rects->push_back(QRectF(x, y, w, lineH));
        if (which)
            which->push_back(index);
    };
    double x = 0, y = 0;
    if (!m_unfolded) {
        // One strip: what fits, with room kept for "more…" when not everything does.
        double total = 0;
        for (int i = 0; i < kEntries; ++i)
            total += entryWidth(i) + (i ? gap : 0);
        const double room = total <= width ? width : width - toggle - gap;
        for (int i = 0; i < kEntries; ++i) {
            const double w = entryWidth(i);
            if (x + w > room)
                break;
            place(x, y, w, i);
            x += w + gap;
        }
        if (total > width)
            place(x, y, toggle, -1);
        return int(std::ceil(lineH));
    }
    for (int i = 0; i < kEntries; ++i) {
        const double w = entryWidth(i);
        if (x > 0 && x + w > width) {
            x = 0;
            y += lineH;
        }
        place(x, y, w, i);
        x += w + gap;
    }
    if (x > 0 && x + toggle > width) {
        x = 0;
        y += lineH;
    }
    place(x, y, toggle, -1);
    return int(std::ceil(y + lineH));
}

void TimelineLegend::setUnfolded(bool unfolded)
{
    if (unfolded == m_unfolded)
        return;
    m_unfolded = unfolded;
    invalidate();
}

bool TimelineLegend::hasMore() const
{
    QVector<int> which;
    const int width = std::max(200, (mParentPlot ? mParentPlot->viewport().width() : 800) - mMargins.left()
                                        - mMargins.right());
    layoutItems(width, nullptr, &which);
    return !which.isEmpty() && which.back() < 0;
}

void TimelineLegend::setShown(bool shown)
{
    m_shown = shown;
    setVisible(shown);
}

QSize TimelineLegend::minimumOuterSizeHint() const
{
    if (!m_shown)
        return QSize(0, 0);
    const int width = std::max(
        200, (mParentPlot ? mParentPlot->viewport().width() : 800) - mMargins.left() - mMargins.right());
    return QSize(0, layoutItems(width, nullptr, nullptr) + mMargins.top() + mMargins.bottom());
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
    if (size.isEmpty())
        return;
    if (m_cache.size() != size || m_cacheFont != m_scene->style.smallFont()) {
        m_cache = QPixmap(size);
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(TimelineStyle::background());
        QPainter p(&m_cache);
        p.setRenderHint(QPainter::Antialiasing, true);
        drawItems(&p, QRect(QPoint(0, 0), mRect.size()));
        m_cacheFont = m_scene->style.smallFont();
    }
    painter->drawPixmap(mRect.topLeft(), m_cache);
}

void TimelineLegend::drawItems(QPainter *painter, const QRect &rect)
{
    const TimelineStyle &style = m_scene->style;
    const QFontMetricsF &fm = style.smallMetrics();
    QVector<QRectF> rects;
    QVector<int> which;
    layoutItems(rect.width(), &rects, &which);
    const double icon = std::max(22.0, fm.height() * 1.4);
    const LaneLook neutral {
        QColor(0x4a, 0x55, 0x68), TimelineStyle::mix(Qt::white, QColor(0x4a, 0x55, 0x68), 0.22),
        TimelineStyle::mix(Qt::white, QColor(0x4a, 0x55, 0x68), 0.55), Qt::white, Qt::BDiagPattern};
    painter->setFont(style.smallFont());
    for (int k = 0; k < rects.size(); ++k) {
        const QRectF r = rects[k].translated(rect.topLeft());
        if (which[k] < 0) {
            // The fold toggle: a link-like word.
            painter->setPen(TimelineStyle::hover());
            QFont f = style.smallFont();
            f.setUnderline(true);
            painter->setFont(f);
            painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                              QCoreApplication::translate("Timeline", m_unfolded ? kLess : kMore));
            painter->setFont(style.smallFont());
            continue;
        }
        const LegendEntry &e = kLegend[which[k]];
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
            TimelineStyle::drawMarker(painter, e.shape, c,
                                      TimelineStyle::isMajor(e.shape) ? icon * 0.8 : icon * 0.65);
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
                          Qt::AlignVCenter | Qt::AlignLeft, QCoreApplication::translate("Timeline", e.text));
    }
}

} // namespace coroscope
