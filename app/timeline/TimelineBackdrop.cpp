#include "TimelineBackdrop.h"

#include "TimelineGroupPainter.h"
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

QString laneKindText(LaneKind kind)
{
    switch (kind) {
    case LaneKind::Module:
        return QCoreApplication::translate("Timeline", "module");
    case LaneKind::Loop:
        return QCoreApplication::translate("Timeline", "who runs when");
    case LaneKind::Task:
        return QCoreApplication::translate("Timeline", "task");
    case LaneKind::Coroutine:
        return QCoreApplication::translate("Timeline", "coroutine");
    case LaneKind::Generator:
        return QCoreApplication::translate("Timeline", "generator");
    case LaneKind::Worker:
        return QCoreApplication::translate("Timeline", "worker thread");
    case LaneKind::Process:
        return QCoreApplication::translate("Timeline", "worker process");
    default:
        return {};
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

TimelineBackdrop::TimelineBackdrop(TimelineScene *scene, QCPAxisRect *axisRect)
    : QCPLayerable(axisRect->parentPlot(), QString(), axisRect)
    , m_scene(scene)
    , m_axisRect(axisRect)
{ }

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
    int first = 0, last = 0;
    scene.lanes.visibleRows(scene.rowScroll, area.height(), first, last);
    painter->setClipRect(QRect(0, area.top(), mParentPlot->viewport().width(), area.height()));
    const int labelLeft = std::max(4, area.left() - scene.labelColumnWidth + 8);
    const int labelRight = area.left() - 10;
    for (int i = first; i < last; ++i) {
        const LaneRow &row = scene.lanes.at(i);
        const int top = int(std::lround(scene.rowTop(i, area)));
        const int h = row.height;
        const bool group = row.kind != LaneRow::Lane;
        if (group)
            painter->fillRect(QRect(labelLeft - 8, top, area.right() - labelLeft + 9, h), TimelineStyle::groupBand());
        else if (i % 2 == 1)
            painter->fillRect(QRect(labelLeft - 8, top, area.right() - labelLeft + 9, h), TimelineStyle::zebra());
        if (h >= 6 || group)
            painter->fillRect(QRect(labelLeft - 8, top + h - 1, area.right() - labelLeft + 9, 1),
                              TimelineStyle::separator());
        if (group) {
            TimelineGroupPainter::drawName(painter, scene, i, area, labelLeft, labelRight);
            continue;
        }

        // The lane's name beside its bar, its kind beside its printed lines.
        const int r = row.index;
        const RowBox box = scene.rowBox(i, area);
        const LaneLook &look = style.look(layout.row(r).lane);
        const int indent = row.group >= 0 ? 10 : 0; // a group's lanes sit under its title
        const int sw = std::min(std::max(14, int(style.metrics().height() * 0.9)), box.barHeight);
        const QRectF swatch(labelLeft + indent, box.barTop + (box.barHeight - sw) / 2.0, sw, sw);
        painter->setAntialiasing(false);
        drawSwatch(painter, swatch, look);
        const double textLeft = swatch.right() + 8;
        const double avail = labelRight - textLeft;
        const QString name = layout.rowKind(r) == LaneKind::Loop
            ? QCoreApplication::translate("Timeline", "event loop")
            : qs(layout.rowName(r));
        if (avail > 20 && box.roomy) {
            painter->setFont(style.boldFont());
            painter->setPen(TimelineStyle::textColor());
            painter->drawText(QRectF(textLeft, box.barTop, avail, box.barHeight), Qt::AlignVCenter | Qt::AlignLeft,
                              style.boldMetrics().elidedText(name, Qt::ElideRight, avail));
            painter->setFont(style.smallFont());
            painter->setPen(TimelineStyle::mutedTextColor());
            painter->drawText(
                QRectF(textLeft, box.outputTop, avail, box.outputHeight), Qt::AlignVCenter | Qt::AlignLeft,
                style.smallMetrics().elidedText(laneKindText(layout.rowKind(r)), Qt::ElideRight, avail));
        } else if (avail > 20 && h >= style.smallMetrics().height() - 2) {
            // Compact: the name alone, in the small type, on the lane's one line.
            painter->setFont(row.group >= 0 ? style.smallFont() : style.boldSmallFont());
            painter->setPen(TimelineStyle::textColor());
            painter->drawText(QRectF(textLeft, top, avail, h), Qt::AlignVCenter | Qt::AlignLeft,
                              (row.group >= 0 ? style.smallMetrics() : style.boldSmallMetrics())
                                  .elidedText(name, Qt::ElideRight, avail));
        }
    }
    // Scrolled into an open group: its title stays on top of the name column.
    if (first < last && scene.lanes.at(first).kind == LaneRow::Lane && scene.lanes.at(first).group >= 0)
        TimelineGroupPainter::drawPinnedName(painter, scene, scene.lanes.at(first).group, area, labelLeft, labelRight);
    // The label column's edge.
    painter->fillRect(QRect(area.left() - 1, area.top(), 1, area.height()), TimelineStyle::separator());
}

} // namespace coroscope
