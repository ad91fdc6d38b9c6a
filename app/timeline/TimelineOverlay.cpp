#include "TimelineOverlay.h"

#include "TimelineGroupPainter.h"
#include "TimelineScene.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace coroscope {

TimelineOverlay::TimelineOverlay(TimelineScene *scene, QCPAxisRect *axisRect, QCPAxis *keyAxis)
    : QCPLayerable(axisRect->parentPlot(), QString(), axisRect)
    , m_scene(scene)
    , m_axisRect(axisRect)
    , m_keyAxis(keyAxis)
{ }

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
    const int row = scene.rowOfLane(scene.layout.trace()->events[std::size_t(seq)].lane);
    if (row < 0)
        return QPointF(-1e6, -1e6); // filtered out: nothing to ring
    const RowBox box = scene.rowBox(row, area);
    return QPointF(coords.toPixel(scene.layout.x(std::uint32_t(seq), scene.axis)), box.barCenter());
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
    const std::int64_t cursor = std::clamp<std::int64_t>(scene.cursor, -1, n - 1);
    if (!scene.showCursor) {
        if (scene.hover >= 0 && scene.hover < n) {
            painter->setRenderHint(QPainter::Antialiasing, true);
            painter->setPen(QPen(TimelineStyle::hover(), 3));
            painter->setBrush(Qt::NoBrush);
            const double ring = style.markerSize() * 0.85;
            painter->drawEllipse(eventPoint(scene.hover), ring, ring);
        }
        return;
    }
    const QColor accent = TimelineStyle::cursor();

    painter->save();
    painter->setClipRect(area);
    // Everything after the cursor is dimmed: one translucent rectangle, not a redraw of the spans.
    double x = 0, dimFrom = 0;
    if (cursor < 0) {
        x = coords.toPixel(layout.x(0, scene.axis))
            - (scene.axis == TimelineAxis::Steps ? coords.pixelsPerUnit() / 2 : 2);
        dimFrom = x;
    } else {
        x = coords.toPixel(layout.x(std::uint32_t(cursor), scene.axis));
        dimFrom = scene.axis == TimelineAxis::Steps ? coords.toPixel(double(cursor) + 0.5) : x + 2;
        // On the time axis the cursor's marker may sit right of its instant (spread): keep it bright.
        // So does a line just printed (its label runs right of the cursor on either axis).
        const bool printed = layout.trace()->events[std::size_t(cursor)].eventKind() == EventKind::Output;
        if (auto r = scene.placedRect(std::uint32_t(cursor)); r && (scene.axis == TimelineAxis::Time || printed))
            dimFrom = std::max(dimFrom, r->right() + 2);
        // Predict mode: the "?" of the line the class is asked about stays bright too.
        if (scene.askOutput && scene.hiddenOutputsFrom == cursor + 1)
            if (auto r = scene.placedRect(std::uint32_t(cursor + 1)))
                dimFrom = std::max(dimFrom, r->right() + 2);
    }
    dimFrom = std::max(dimFrom, double(area.left()));
    if (dimFrom < area.right())
        painter->fillRect(QRectF(dimFrom, area.top(), area.right() + 1 - dimFrom, area.height()),
                          TimelineStyle::dimOverlay());
    // Time axis: later events of the cursor's instant sit left of that edge; dim them one by one.
    if (scene.axis == TimelineAxis::Time && scene.hits.size() <= 4000) {
        for (const TimelineScene::Hit &hit : scene.hits) {
            if (std::int64_t(hit.seq) > cursor && hit.rect.left() < dimFrom)
                painter->fillRect(
                    hit.rect.adjusted(-1, -1, 1, 1)
                        .intersected(QRectF(area.left(), area.top(), dimFrom - area.left(), area.height())),
                    TimelineStyle::dimOverlay());
        }
    }
    // Bookmarked steps: an amber line with a flag at the top (the cursor's label covers the flag of
    // the step it is on, whose note the banner shows anyway).
    for (const std::uint32_t seq : scene.bookmarks) {
        if (seq >= std::uint64_t(n))
            continue;
        const double bx = std::round(coords.toPixel(layout.x(seq, scene.axis)));
        if (bx < area.left() - 2 || bx > area.right() + 2)
            continue;
        painter->fillRect(QRectF(bx - 1, area.top(), 2, area.height()), QColor(0xe6, 0x9f, 0x00, 150));
        const double f = std::max(8.0, style.markerSize() * 0.6);
        QPolygonF flag;
        flag << QPointF(bx, area.top() + 1) << QPointF(bx + f * 1.3, area.top() + 1 + f * 0.5)
             << QPointF(bx, area.top() + 1 + f);
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(Qt::black, 1));
        painter->setBrush(QColor(0xe6, 0x9f, 0x00));
        painter->drawPolygon(flag);
        painter->setRenderHint(QPainter::Antialiasing, false);
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
        else {
            // Decimals to the pixel, in the unit of the axis (0 s, not 0 ms, at the start of a 2 s run).
            const double t = layout.x(std::uint32_t(cursor), TimelineAxis::Time);
            const double unit = secondsUnit(
                std::max({std::fabs(t), std::fabs(coords.range.start), std::fabs(coords.range.end)}));
            text = QString::fromStdString(formatSeconds(t, std::max(coords.unitsPerPixel(), 1e-9), unit));
        }
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

    // The lane of the cursor's event (or its folded group): a bar beside its name.
    const int left = std::max(0, area.left() - scene.labelColumnWidth);
    painter->setClipRect(QRect(0, area.top(), area.left(), area.height()));
    if (cursor >= 0) {
        const int row = scene.rowOfLane(layout.trace()->events[std::size_t(cursor)].lane);
        const double top = row >= 0 ? scene.rowTop(row, area) : 0;
        const int h = row >= 0 ? scene.lanes.at(row).height : 0;
        if (row >= 0 && top + h > area.top() && top < area.bottom())
            painter->fillRect(QRectF(left, top + (h > 8 ? 2 : 0), 5, std::max(2, h - (h > 8 ? 4 : 0))), accent);
    }
    // Folded groups: how many of their lanes run, wait, are done at the cursor.
    int first = 0, last = 0;
    scene.lanes.visibleRows(scene.rowScroll, area.height(), first, last);
    for (int r = first; r < last; ++r)
        if (scene.lanes.at(r).kind == LaneRow::GroupSummary)
            TimelineGroupPainter::drawCounts(painter, scene, r, area, left + 26, area.left() - 10);
}

} // namespace coroscope
