#include "TimelineGroupPainter.h"

#include "TimelineScene.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

QString qs(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// 10000 -> "10,000": counts of thousands of lanes read at a glance.
QString grouped(qint64 n)
{
    QString digits = QString::number(n);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return digits;
}

QColor pendingFill(const LaneLook &look)
{
    return TimelineStyle::mix(Qt::white, look.light, 0.55);
}

// One column run of the summary: heights in pixels of each band, bottom up.
struct Column {
    int ran, waiting, pending, done;
    bool operator==(const Column &) const = default;
};

} // namespace

QString TimelineGroupPainter::title(const TimelineScene &scene, int group)
{
    const LaneGroup &g = scene.lanes.group(group);
    QString name = qs(g.title);
    if (g.spawner != NoLane) {
        if (scene.layout.trace() && g.spawner < scene.layout.trace()->lanes.size()
            && scene.layout.trace()->lanes[g.spawner].kind == LaneKind::Loop)
            name = QCoreApplication::translate("Timeline", "event loop");
        name = QCoreApplication::translate("Timeline", "from %1").arg(name);
    }
    const int total = int(g.rows.size());
    const QString count = g.shown < total ? QStringLiteral("%1 / %2").arg(grouped(g.shown), grouped(total)) : grouped(total);
    return QStringLiteral("%1 × %2").arg(name, count);
}

QString TimelineGroupPainter::countsText(const TimelineScene &scene, int group, qint64 seq)
{
    const LaneGroupActivity::Counts c = scene.activity(group).at(seq);
    QStringList parts;
    if (c.running > 0)
        parts << QCoreApplication::translate("Timeline", "%1 running").arg(grouped(c.running));
    if (c.waiting > 0)
        parts << QCoreApplication::translate("Timeline", "%1 waiting").arg(grouped(c.waiting));
    if (c.pending > 0)
        parts << QCoreApplication::translate("Timeline", "%1 not started").arg(grouped(c.pending));
    if (c.done > 0)
        parts << QCoreApplication::translate("Timeline", "%1 done").arg(grouped(c.done));
    if (parts.isEmpty())
        return QCoreApplication::translate("Timeline", "none created yet");
    return parts.join(QStringLiteral(" · "));
}

void TimelineGroupPainter::drawSummary(QPainter *painter, const TimelineScene &scene, int row, const QRect &area,
                                       const TimelineCoordinates &coords)
{
    const LaneRow &r = scene.lanes.at(row);
    const LaneGroupActivity &a = scene.activity(r.group);
    const LaneGroup &group = scene.lanes.group(r.group);
    const LaneLook &look = scene.style.look(scene.layout.row(group.rows.front()).lane);
    const int top = int(std::lround(scene.rowTop(row, area))) + 3;
    const int h = r.height - 7;
    if (h <= 2 || a.members() == 0)
        return;
    const double scale = double(h) / a.members();
    const int bottom = top + h;

    auto px = [&](std::uint32_t n) { return n == 0 ? 0 : std::max(1, int(std::lround(n * scale))); };
    // The lanes' own vocabulary: waiting is light and hatched, running solid; not started is the
    // palest tint, done grey.
    const QColor runColor = look.solid, doneColor = TimelineStyle::doneFill();
    const QColor pendingColor = pendingFill(look);
    // The hatched fill goes down once over the whole lane and the columns paint over what is not
    // waiting: one tiled fill per column run cost 10 ms a frame, solid fills are nearly free.
    painter->setBrushOrigin(0, top);
    painter->fillRect(QRect(area.left(), top, area.width(), h), look.waitingBrush);
    const QColor empty = TimelineStyle::groupBand();
    auto flush = [&](int x0, int x1, const Column &c) {
        const int w = x1 - x0;
        const int waitTop = bottom - std::min(c.waiting, h);
        if (waitTop > top)
            painter->fillRect(QRect(x0, top, w, waitTop - top), empty);
        if (c.pending > 0)
            painter->fillRect(QRect(x0, std::max(top, waitTop - c.pending), w, std::min(c.pending, waitTop - top)),
                              pendingColor);
        if (c.done > 0)
            painter->fillRect(QRect(x0, top + 1, w, std::min(c.done, h - 1)), doneColor);
        // Someone ran in these columns: a solid strip along the bottom (running is brief, and in
        // asyncio one lane at a time, so its count alone would be a hairline).
        if (c.ran > 0)
            painter->fillRect(QRect(x0, bottom - c.ran, w, c.ran), runColor);
    };
    int runStart = area.left();
    Column run {0, 0, 0, 0};
    const int minRan = std::max(3, h / 8);
    // Each pixel column: the counts at its middle, and whether a lane ran during it (the events
    // from the previous column's last to its own).
    const TimelineLayout &layout = scene.layout;
    std::int64_t prevEnd = layout.eventAt(coords.toX(area.left()), scene.axis);
    for (int x = area.left(); x <= area.right(); ++x) {
        const std::int64_t end = layout.eventAt(coords.toX(x + 1), scene.axis);
        const std::int64_t mid = layout.eventAt(coords.toX(x + 0.5), scene.axis);
        Column c {0, 0, 0, 0};
        if (end >= std::int64_t(a.firstSeq())) {
            const auto counts = a.at(mid);
            c.waiting = px(counts.waiting + counts.running);
            c.pending = px(counts.pending);
            c.done = px(counts.done);
            if (a.runsBetween(std::max<std::int64_t>(prevEnd, 0), end))
                c.ran = std::max(minRan, px(counts.running));
        }
        prevEnd = end;
        if (!(c == run)) {
            flush(runStart, x, run);
            run = c;
            runStart = x;
        }
    }
    flush(runStart, area.right() + 1, run);
    // The full height is every lane of the group: a faint frame says where "all of them" is.
    painter->fillRect(QRect(area.left(), top, area.width(), 1), TimelineStyle::separator());
    painter->fillRect(QRect(area.left(), bottom, area.width(), 1), TimelineStyle::separator());
}

void TimelineGroupPainter::drawHeader(QPainter *painter, const TimelineScene &scene, int row, const QRect &area,
                                      const TimelineCoordinates &coords)
{
    // The group's extent, from its first lane's creation to its last lane's last event.
    const LaneRow &r = scene.lanes.at(row);
    const LaneGroupActivity &a = scene.activity(r.group);
    const LaneGroup &group = scene.lanes.group(r.group);
    if (a.isEmpty())
        return;
    const LaneLook &look = scene.style.look(scene.layout.row(group.rows.front()).lane);
    const double x0 = std::max(coords.toPixel(scene.layout.x(a.firstSeq(), scene.axis)), double(area.left()));
    const double x1 = std::min(coords.toPixel(scene.layout.x(a.lastSeq(), scene.axis)), double(area.right()));
    if (x1 < x0)
        return;
    const int y = int(std::lround(scene.rowTop(row, area) + r.height / 2.0));
    painter->fillRect(QRectF(x0, y - 1, std::max(2.0, x1 - x0), 3), look.solid);
    painter->fillRect(QRectF(x0, y - 5, 2, 11), look.solid);
    painter->fillRect(QRectF(x1 - 2, y - 5, 2, 11), look.solid);
}

void TimelineGroupPainter::drawName(QPainter *painter, const TimelineScene &scene, int row, const QRect &area,
                                    int left, int right)
{
    drawTitle(painter, scene, scene.lanes.at(row).group, scene.lanes.at(row).kind == LaneRow::GroupSummary,
              std::round(scene.rowTop(row, area)), left, right);
}

void TimelineGroupPainter::drawPinnedName(QPainter *painter, const TimelineScene &scene, int group, const QRect &area,
                                          int left, int right)
{
    const int h = scene.style.lineHeight();
    painter->fillRect(QRect(left - 8, area.top(), right - left + 18, h), TimelineStyle::groupBand());
    painter->fillRect(QRect(left - 8, area.top() + h - 1, right - left + 18, 1), TimelineStyle::separator());
    drawTitle(painter, scene, group, false, area.top(), left, right);
}

void TimelineGroupPainter::drawTitle(QPainter *painter, const TimelineScene &scene, int group, bool folded, double top,
                                     int left, int right)
{
    const TimelineStyle &style = scene.style;
    const double lineH = style.lineHeight();
    // A fold arrow, as in a tree: ▸ folded, ▾ open.
    const double s = std::min(lineH * 0.5, 10.0);
    const QPointF c(left + s / 2 + 1, top + lineH / 2 + 1);
    QPolygonF arrow;
    if (folded)
        arrow << QPointF(c.x() - s * 0.35, c.y() - s * 0.5) << QPointF(c.x() + s * 0.45, c.y())
              << QPointF(c.x() - s * 0.35, c.y() + s * 0.5);
    else
        arrow << QPointF(c.x() - s * 0.5, c.y() - s * 0.35) << QPointF(c.x() + s * 0.5, c.y() - s * 0.35)
              << QPointF(c.x(), c.y() + s * 0.45);
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(Qt::NoPen);
    painter->setBrush(TimelineStyle::textColor());
    painter->drawPolygon(arrow);
    painter->setBrush(Qt::NoBrush);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double textLeft = left + s + 8;
    const double avail = right - textLeft;
    if (avail < 20)
        return;
    painter->setFont(style.boldFont());
    painter->setPen(TimelineStyle::textColor());
    painter->drawText(QRectF(textLeft, top, avail, std::max(lineH, double(style.boldMetrics().height()))),
                      Qt::AlignVCenter | Qt::AlignLeft,
                      style.boldMetrics().elidedText(title(scene, group), Qt::ElideRight, avail));
}

void TimelineGroupPainter::drawCounts(QPainter *painter, const TimelineScene &scene, int row, const QRect &area,
                                      int left, int right)
{
    const LaneRow &r = scene.lanes.at(row);
    if (r.kind != LaneRow::GroupSummary || scene.cursor < 0)
        return;
    const TimelineStyle &style = scene.style;
    const double top = std::round(scene.rowTop(row, area)) + style.lineHeight();
    const double avail = right - left;
    const double room = r.height - style.lineHeight() - 4;
    const double lineH = style.smallMetrics().height();
    if (avail < 20 || room < lineH * 0.8)
        return;
    const LaneGroupActivity::Counts c = scene.activity(r.group).at(scene.cursor);
    const LaneLook &look = scene.style.look(scene.layout.row(scene.lanes.group(r.group).rows.front()).lane);
    painter->setFont(style.smallFont());
    // One line per state, each with the swatch of its band in the summary, when there is room;
    // else one line of text.
    if (room >= lineH * 4) {
        struct Line {
            const char *text;
            std::uint32_t n;
            QBrush brush;
        };
        const Line lines[] = {
            {QT_TRANSLATE_NOOP("Timeline", "%1 running"), c.running, look.solid},
            {QT_TRANSLATE_NOOP("Timeline", "%1 waiting"), c.waiting, look.waitingBrush},
            {QT_TRANSLATE_NOOP("Timeline", "%1 not started"), c.pending, pendingFill(look)},
            {QT_TRANSLATE_NOOP("Timeline", "%1 done"), c.done, TimelineStyle::doneFill()},
        };
        const double sw = std::round(lineH * 0.7);
        double y = top;
        for (const Line &line : lines) {
            painter->setBrushOrigin(QPointF(left, y));
            painter->fillRect(QRectF(left, y + (lineH - sw) / 2, sw, sw), line.brush);
            painter->setPen(QPen(TimelineStyle::separator(), 1));
            painter->drawRect(QRectF(left, y + (lineH - sw) / 2, sw, sw));
            painter->setPen(line.n > 0 ? TimelineStyle::textColor() : TimelineStyle::mutedTextColor());
            painter->drawText(QRectF(left + sw + 6, y, avail - sw - 6, lineH), Qt::AlignVCenter | Qt::AlignLeft,
                              QCoreApplication::translate("Timeline", line.text).arg(grouped(line.n)));
            y += lineH;
        }
        return;
    }
    painter->setPen(TimelineStyle::mutedTextColor());
    painter->drawText(QRectF(left, top, avail, room), Qt::AlignTop | Qt::AlignLeft,
                      style.smallMetrics().elidedText(countsText(scene, r.group, scene.cursor), Qt::ElideRight,
                                                      avail));
}

} // namespace coroscope
