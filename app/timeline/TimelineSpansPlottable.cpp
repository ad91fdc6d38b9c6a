#include "TimelineSpansPlottable.h"

#include "TimelineGroupPainter.h"
#include "TimelineScene.h"

#include <QCoreApplication>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

// A label as drawn: no screen shows more than a few hundred characters of one, and shaping the
// whole of `gather(...)` over 10,000 tasks (110 kB) took 40 ms a frame.
QString qs(std::string_view text)
{
    constexpr std::size_t kMax = 400;
    if (text.size() > kMax) {
        std::size_t cut = kMax;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80)
            --cut; // not inside a UTF-8 sequence
        return QString::fromUtf8(text.data(), qsizetype(cut)) + QChar(0x2026);
    }
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A solid rectangle to fill; adjacent ones of one colour are filled as one.
struct Fill {
    int x0, x1;
    QRgb color;
};

} // namespace

struct TimelineSpansPlottable::Frame {
    QRect area;
    TimelineCoordinates coords;
    int firstRow = 0, lastRow = 0; // drawn rows (TimelineLanes) in view
    XRange range;
    int labelsLeft = 0;
    std::vector<Fill> fills; // wide spans and merged runs
    std::vector<Fill> narrow; // spans thinner than the merge width: drawn on top, or they vanish
};

TimelineSpansPlottable::TimelineSpansPlottable(TimelineScene *scene, QCPAxis *keyAxis, QCPAxis *valueAxis)
    : QCPAbstractPlottable(keyAxis, valueAxis)
    , m_scene(scene)
{
    setSelectable(QCP::stNone);
    setAntialiased(false);
    setAntialiasedFill(false);
    setAntialiasedScatters(false);
}

double TimelineSpansPlottable::selectTest(const QPointF &, bool, QVariant *) const
{
    return -1; // hit tests go through TimelineWidget::eventAt()
}

QCPRange TimelineSpansPlottable::getKeyRange(bool &foundRange, QCP::SignDomain) const
{
    const XRange r = m_scene->layout.dataRange(m_scene->axis);
    foundRange = m_scene->layout.eventCount() > 0;
    return QCPRange(r.start, r.end);
}

QCPRange TimelineSpansPlottable::getValueRange(bool &foundRange, QCP::SignDomain, const QCPRange &) const
{
    foundRange = m_scene->layout.rowCount() > 0;
    return QCPRange(0, std::max(1, m_scene->layout.rowCount()));
}

void TimelineSpansPlottable::drawLegendIcon(QCPPainter *, const QRectF &) const { }

void TimelineSpansPlottable::draw(QCPPainter *painter)
{
    TimelineScene &scene = *m_scene;
    scene.hits.clear();
    scene.stats = {};
    const TimelineLayout &layout = scene.layout;
    if (layout.rowCount() == 0 || layout.eventCount() == 0 || !keyAxis())
        return;
    Frame frame;
    frame.area = clipRect();
    frame.coords = TimelineScene::coordinates(keyAxis(), frame.area);
    frame.range = frame.coords.range;
    scene.lanes.visibleRows(scene.rowScroll, frame.area.height(), frame.firstRow, frame.lastRow);
    frame.labelsLeft = scene.maxLabels;
    if (frame.coords.pixelsPerUnit() <= 0)
        return;

    painter->setAntialiasing(false);
    for (int r = frame.firstRow; r < frame.lastRow; ++r) {
        switch (scene.lanes.at(r).kind) {
        case LaneRow::Lane:
            drawRow(painter, frame, r);
            break;
        case LaneRow::GroupSummary:
            TimelineGroupPainter::drawSummary(painter, scene, r, frame.area, frame.coords);
            break;
        case LaneRow::GroupHeader:
            TimelineGroupPainter::drawHeader(painter, scene, r, frame.area, frame.coords);
            break;
        }
        painter->setAntialiasing(false);
    }
    drawArrows(painter, frame);
    scene.stats.rows = std::size_t(frame.lastRow - frame.firstRow);
}

void TimelineSpansPlottable::drawRow(QCPPainter *painter, Frame &frame, int drawn)
{
    TimelineScene &scene = *m_scene;
    const TimelineLayout &layout = scene.layout;
    const TimelineStyle &style = scene.style;
    const int r = scene.lanes.at(drawn).index;
    const RowBox rowBox = scene.rowBox(drawn, frame.area);
    const RowBox &box = rowBox;
    const TimelineRow &row = layout.row(r);
    const Trace &trace = *layout.trace();
    const TimelineAxis axis = scene.axis;
    const bool loopRow = layout.rowKind(r) == LaneKind::Loop;
    const LaneLook &own = style.look(row.lane);
    const int barTop = box.barTop;
    const int barH = box.barHeight;
    const int barBottom = barTop + barH;
    const bool thin = barH < 8; // a compact waterfall lane: no hatch, a stronger tint for waiting
    const double barCenter = barTop + barH / 2.0;
    const QRect &area = frame.area;
    const double ppu = frame.coords.pixelsPerUnit();
    auto px = [&](double x) {
        return std::clamp(frame.coords.toPixel(x), double(area.left() - 4), double(area.right() + 4));
    };

    layout.lodSpans(r, frame.range, axis, ppu, scene.mergePixels, m_lod);
    scene.stats.spans += m_lod.size();

    // Span labels wait until the bars are down.
    struct Label {
        QRectF span;
        QString text;
        SpanState state;
        const LaneLook *look;
        QString shorter = {}; // tried before eliding: "main()" for "Task-1 main()"
    };
    std::vector<Label> labels;
    struct Patterned {
        QRect rect;
        const LaneLook *look;
        bool idle;
    };
    std::vector<Patterned> patterned;
    std::vector<std::pair<QLineF, const LaneLook *>> pending;

    frame.fills.clear();
    frame.narrow.clear();
    auto addFill = [&](std::vector<Fill> &fills, double x0, double x1, const QColor &c) {
        int a = int(std::floor(x0));
        int b = std::max(a + 1, int(std::ceil(x1)));
        const QRgb rgb = c.rgb();
        if (!fills.empty() && fills.back().color == rgb && fills.back().x1 >= a) {
            fills.back().x1 = std::max(fills.back().x1, b);
            return;
        }
        fills.push_back({a, b, rgb});
    };
    const double minPx = scene.mergePixels;
    for (const LodSpan &l : m_lod) {
        const double x0 = px(l.start), x1 = px(l.end);
        if (l.count > 1) {
            scene.stats.merged += l.count;
            // A merged run: from the light (waiting) to the solid (running) colour by running share,
            // in eight steps so that neighbouring runs of one shade fill as one rectangle.
            const double busy = std::round(l.busy * 8) / 8;
            addFill(x1 - x0 < minPx ? frame.narrow : frame.fills, x0, std::max(x1, x0 + 2),
                    TimelineStyle::mix(own.light, own.solid, busy));
            continue;
        }
        const TimelineSpan &span = row.spans[l.first];
        const double w = x1 - x0;
        switch (span.state) {
        case SpanState::Running: {
            const LaneLook &look = style.look(span.owner);
            addFill(w < minPx ? frame.narrow : frame.fills, x0, std::max(x1, x0 + 3), look.solid);
            if (loopRow && w > 24 && box.labels) {
                if (span.label) {
                    labels.push_back(
                        {QRectF(x0, barTop, w, barH), qs(layout.spanLabel(span)), span.state, &look});
                } else {
                    const QString name = qs(trace.laneName(span.owner));
                    const auto space = name.indexOf(QLatin1Char(' '));
                    labels.push_back({QRectF(x0, barTop, w, barH), name, span.state, &look,
                                      name.startsWith(QLatin1String("Task-")) && space > 0
                                          ? name.mid(space + 1)
                                          : QString()});
                }
            }
            break;
        }
        case SpanState::Suspended: {
            addFill(frame.fills, x0, std::max(x1, x0 + 1), thin ? own.hatch : own.light);
            if (w >= 6 && !thin)
                patterned.push_back({QRect(int(x0), barTop, int(std::ceil(w)), barH), &own, false});
            if (w > 24 && span.label && box.labels)
                labels.push_back({QRectF(x0, barTop, w, barH), qs(layout.spanLabel(span)), span.state, &own});
            break;
        }
        case SpanState::Idle: {
            addFill(frame.fills, x0, std::max(x1, x0 + 1), TimelineStyle::idle());
            if (w >= 6 && !thin)
                patterned.push_back({QRect(int(x0), barTop, int(std::ceil(w)), barH), &own, true});
            if (w > 24 && box.labels) {
                const QString jump = span.label ? qs(layout.spanLabel(span)) : QString();
                labels.push_back({QRectF(x0, barTop, w, barH),
                                  jump.isEmpty()
                                      ? QCoreApplication::translate("Timeline", "idle")
                                      : QCoreApplication::translate("Timeline", "clock %1").arg(jump),
                                  span.state, &own});
            }
            break;
        }
        case SpanState::Pending:
            if (w >= 1)
                pending.push_back({QLineF(x0, barCenter, x1, barCenter), &own});
            break;
        }
    }
    auto flush = [&](const std::vector<Fill> &fills) {
        for (const Fill &f : fills)
            painter->fillRect(QRect(f.x0, barTop, f.x1 - f.x0, barH), QColor::fromRgb(f.color));
        scene.stats.rects += fills.size();
    };
    flush(frame.fills);
    painter->setBrushOrigin(0, barTop); // hatches line up from span to span
    for (const Patterned &p : patterned) {
        const QRect rect = p.rect.intersected(area.adjusted(-2, 0, 2, 0));
        const QColor hatch = p.idle ? TimelineStyle::idleHatch() : p.look->hatch;
        painter->fillRect(rect, p.idle ? style.idleBrush() : p.look->suspendedBrush);
        painter->fillRect(QRect(rect.left(), rect.top(), rect.width(), 2), hatch);
        painter->fillRect(QRect(rect.left(), rect.bottom() - 1, rect.width(), 2), hatch);
    }
    flush(frame.narrow);
    for (const auto &[line, look] : pending) {
        painter->setPen(QPen(look->solid, thin ? 1 : 2, Qt::DashLine, Qt::FlatCap));
        painter->drawLine(line);
    }

    // Markers: every event of the row when they are far enough apart. Placed first, so that span
    // labels can make room for them; drawn last, on top.
    struct Placed {
        double x, size;
        MarkerShape shape;
        std::uint32_t seq;
    };
    std::vector<Placed> placed;
    const auto [ef, el] = layout.eventsIn(r, frame.range, axis);
    const double events = double(el - ef);
    if (box.markerSize > 0 && events > 0 && events * scene.markerSpacing <= area.width()) {
        const double major = box.markerSize;
        const double minor = std::round(major * 0.8);
        // Big markers first, at their place; events at one instant (time axis) are spread a
        // little, in their order. Small ones only where they fit between.
        double lastRight = -1e9;
        double lastInstant = -1e9; // where the last placed big marker's event really is
        for (std::size_t k = ef; k < el; ++k) {
            const std::uint32_t seq = row.events[k];
            const MarkerShape shape = TimelineStyle::markerFor(trace.events[seq].eventKind());
            if (!TimelineStyle::isMajor(shape))
                continue;
            const double at = frame.coords.toPixel(layout.x(seq, axis));
            double x = at;
            if (x - major / 2 < lastRight) {
                const double shifted = lastRight + major / 2 + 1;
                if (std::abs(at - lastInstant) < 0.5 && shifted - at <= 2.2 * major)
                    x = shifted; // same instant: spread
                else if (x - major / 2 < lastRight - major * 0.35)
                    continue; // too close to tell apart: zoom in to see it
            }
            placed.push_back({x, major, shape, seq});
            lastRight = x + major / 2;
            lastInstant = at;
        }
        const std::size_t majors = placed.size();
        std::size_t next = 0; // first big marker not left of the current small one
        lastRight = -1e9;
        for (std::size_t k = ef; k < el; ++k) {
            const std::uint32_t seq = row.events[k];
            const MarkerShape shape = TimelineStyle::markerFor(trace.events[seq].eventKind());
            if (shape == MarkerShape::None || TimelineStyle::isMajor(shape))
                continue;
            const double x = frame.coords.toPixel(layout.x(seq, axis));
            while (next < majors && placed[next].x + major / 2 < x - minor / 2)
                ++next;
            const bool clash
                = x - minor / 2 < lastRight || (next < majors && placed[next].x - major / 2 < x + minor / 2);
            if (clash)
                continue;
            placed.push_back({x, minor, shape, seq});
            lastRight = x + minor / 2;
        }
        std::inplace_merge(placed.begin(), placed.begin() + std::ptrdiff_t(majors), placed.end(),
                           [](const Placed &a, const Placed &b) { return a.x < b.x; });
    }

    // Span labels: inside the visible part of the span, clear of its markers, elided to fit.
    painter->setFont(*box.font);
    const QFontMetricsF &fm = *box.metrics;
    std::size_t m = 0; // first placed marker that may touch the label
    for (const Label &label : labels) {
        if (frame.labelsLeft <= 0)
            break;
        double left = std::max(label.span.left(), double(area.left())) + 6;
        double right = std::min(label.span.right(), double(area.right())) - 6;
        while (m < placed.size() && placed[m].x + placed[m].size / 2 < left)
            ++m;
        std::size_t k = m;
        while (k < placed.size() && placed[k].x - placed[k].size / 2 < left + 4) {
            left = std::max(left, placed[k].x + placed[k].size / 2 + 4);
            ++k;
        }
        if (k < placed.size())
            right = std::min(right, placed[k].x - placed[k].size / 2 - 4);
        const double avail = right - left;
        if (avail < 18)
            continue;
        QString text = label.text;
        if (fm.horizontalAdvance(text) > avail) {
            const QString &base = label.shorter.isEmpty() ? label.text : label.shorter;
            text = fm.horizontalAdvance(base) <= avail ? base : fm.elidedText(base, Qt::ElideRight, avail);
        }
        if (text.isEmpty() || text == QStringLiteral("…"))
            continue;
        const double tw = fm.horizontalAdvance(text);
        const QRectF box(left, label.span.top(), tw, label.span.height());
        if (label.state == SpanState::Running) {
            painter->setPen(label.look->textOnSolid);
        } else {
            // A plate behind the text keeps it readable over the hatch.
            const QRectF plate = box.adjusted(-4, 4, 4, -4);
            painter->fillRect(plate,
                              label.state == SpanState::Idle ? TimelineStyle::idle() : label.look->light);
            painter->setPen(TimelineStyle::textColor());
        }
        painter->drawText(box, Qt::AlignVCenter | Qt::AlignLeft, text);
        --frame.labelsLeft;
        ++scene.stats.labels;
    }

    for (const Placed &p : placed) {
        style.drawMarkerCached(painter, p.shape, QPointF(p.x, std::round(barCenter)), p.size);
        scene.hits.push_back({QRectF(p.x - p.size / 2, barCenter - p.size / 2, p.size, p.size), p.seq});
    }
    scene.stats.markers += placed.size();

    // Printed lines: boxes under the bar, from their event to the right.
    const double reach = 400 / ppu; // a label starting left of the view may still show
    const auto [of, ol] = layout.outputsIn(r, XRange {frame.range.start - reach, frame.range.end}, axis);
    if (of < ol && !box.roomy && !box.labels) {
        // Too thin for text: a dark tick where a line was printed (hover tells what).
        for (std::size_t k = of; k < ol; ++k) {
            const std::uint32_t seq = row.outputs[k];
            if (scene.outputHidden(seq))
                continue;
            const double x = frame.coords.toPixel(layout.x(seq, axis));
            if (x >= area.left() && x <= area.right())
                painter->fillRect(QRectF(std::round(x) - 1, barTop, 2, barH), TimelineStyle::textColor());
        }
    } else if (of < ol && int(ol - of) <= scene.maxOutputsPerRow) {
        const LaneLook &look = own;
        // Roomy rows print under the bar; compact ones on it.
        const double top = box.roomy ? box.outputTop : barTop;
        const double h = box.roomy ? box.outputHeight : barH;
        const double pad = 6;
        double lastRight = -1e9;
        double lastX = -1e9;
        for (std::size_t k = of; k < ol && frame.labelsLeft > 0; ++k) {
            const std::uint32_t seq = row.outputs[k];
            const bool asked = scene.outputHidden(seq);
            if (asked && !(scene.askOutput && seq == scene.hiddenOutputsFrom))
                continue; // predict mode: not printed yet
            const double x = frame.coords.toPixel(layout.x(seq, axis));
            // Lines printed at one instant queue up to the right, in order; any other label
            // that would overlap the previous one is left out (zoom in to see it).
            const bool sameInstant = std::abs(x - lastX) < 1;
            if (!sameInstant && x - 2 < lastRight + 4)
                continue;
            double left = std::max(x - 2, lastRight + 4);
            if (left - x > area.width() / 3.0 || left > area.right())
                continue;
            lastX = x;
            QString text = asked ? QStringLiteral(" ? ") : qs(trace.detail(trace.events[seq]));
            const double maxWidth = std::min(area.width() * 0.45, 600.0);
            if (fm.horizontalAdvance(text) > maxWidth)
                text = fm.elidedText(text, Qt::ElideRight, maxWidth);
            const double tw = fm.horizontalAdvance(text);
            // Near the right edge the box slides left (its tick still points at the event).
            left = std::max(std::min(left, area.right() - tw - 2 * pad - 2), lastRight + 4);
            const QRectF box(left, top, tw + 2 * pad, h);
            if (box.right() < area.left())
                continue;
            painter->setAntialiasing(true);
            painter->setPen(QPen(look.solid, 2));
            if (x >= area.left() - 2 && rowBox.roomy)
                painter->drawLine(QPointF(x, barBottom), QPointF(x, top + 1));
            painter->setBrush(look.light);
            painter->drawRoundedRect(box, 4, 4);
            painter->setPen(TimelineStyle::textColor());
            painter->drawText(box.adjusted(pad, 0, -pad + 2, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            painter->setBrush(Qt::NoBrush);
            scene.hits.push_back({box, seq});
            lastRight = box.right();
            --frame.labelsLeft;
            ++scene.stats.labels;
        }
        painter->setAntialiasing(false);
    }
}

void TimelineSpansPlottable::drawArrows(QCPPainter *painter, Frame &frame)
{
    TimelineScene &scene = *m_scene;
    const TimelineLayout &layout = scene.layout;
    const TimelineStyle &style = scene.style;
    const auto [first, last] = layout.arrowsIn(frame.range, scene.axis);
    if (first == last || int(last - first) > scene.maxArrows)
        return;
    const double marker = style.markerSize();
    auto position = [&](std::uint32_t seq, int row) {
        if (auto p = scene.placed(seq))
            return *p;
        return QPointF(frame.coords.toPixel(layout.x(seq, scene.axis)), scene.rowBox(row, frame.area).barCenter());
    };
    painter->setAntialiasing(true);
    for (std::size_t i = first; i < last; ++i) {
        const TimelineArrow &a = layout.arrows()[i];
        if (layout.x(a.from, scene.axis) > frame.range.end)
            continue;
        // Between lanes drawn on their own rows (not into a folded group's summary).
        const int rf = scene.laneRowOfEvent(a.from);
        const int rt = scene.laneRowOfEvent(a.to);
        if (rf < 0 || rt < 0)
            continue;
        const bool fromVisible = rf >= frame.firstRow && rf < frame.lastRow;
        const bool toVisible = rt >= frame.firstRow && rt < frame.lastRow;
        if (!fromVisible && !toVisible)
            continue;
        QPointF p0 = position(a.from, rf);
        QPointF p1 = position(a.to, rt);
        const QLineF full(p0, p1);
        if (full.length() < marker)
            continue;
        // Stop short of the target marker and start clear of the source one.
        const QPointF dir = (p1 - p0) / full.length();
        p1 -= dir * (marker * 0.62);
        p0 += dir * (marker * 0.3);
        // A gentle curve, bulging towards earlier time: arrows at one instant (time axis) stay
        // visible beside the cursor line and beside each other.
        QPointF normal(-dir.y(), dir.x());
        if (normal.x() > 0 || (normal.x() == 0 && normal.y() > 0))
            normal = -normal;
        const double len = QLineF(p0, p1).length();
        const QPointF ctrl = (p0 + p1) / 2 + normal * std::clamp(len * 0.12, 6.0, 36.0);
        const QLineF tangent(ctrl, p1);
        const QPointF endDir = tangent.length() > 0 ? (p1 - ctrl) / tangent.length() : dir;
        const bool wake = a.kind == TimelineArrow::Wakeup;
        const QColor color = wake ? TimelineStyle::wakeArrow() : TimelineStyle::startArrow();
        const double width = wake ? 2.2 : 1.6;
        QPainterPath path(p0);
        path.quadTo(ctrl, p1 - endDir * 4);
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(Qt::white, width + 2.5, Qt::SolidLine, Qt::RoundCap));
        painter->drawPath(path);
        painter->setPen(QPen(color, width, wake ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap));
        painter->drawPath(path);
        const QPointF side(-endDir.y(), endDir.x());
        const double head = std::max(8.0, marker * 0.55);
        QPolygonF tip;
        tip << p1 << p1 - endDir * head + side * head * 0.45 << p1 - endDir * head - side * head * 0.45;
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(color);
        painter->drawPolygon(tip);
        painter->setBrush(Qt::NoBrush);
        ++scene.stats.arrows;
    }
    painter->setAntialiasing(false);
}

} // namespace coroscope
