#include "TimelineMinimap.h"

#include "TimelineScene.h"
#include "TimelineWidget.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace coroscope {

namespace {

constexpr int kSamplesPerLine = 3; // drawn rows looked at per pixel line of the strip

} // namespace

TimelineMinimap::TimelineMinimap(TimelineScene *scene, TimelineWidget *timeline, QWidget *parent)
    : QWidget(parent)
    , m_scene(scene)
    , m_timeline(timeline)
{
    setObjectName(QStringLiteral("timelineMinimap"));
    setMouseTracking(false);
    setCursor(Qt::OpenHandCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(QCoreApplication::translate("Timeline", "The whole run: drag the frame (or press anywhere) to move the view"));
}

QSize TimelineMinimap::sizeHint() const
{
    return QSize(400, std::max(34, int(m_scene->style.lineHeight() * 1.8)));
}

QSize TimelineMinimap::minimumSizeHint() const
{
    return QSize(100, sizeHint().height());
}

void TimelineMinimap::invalidate()
{
    m_dirty = true;
    update();
}

XRange TimelineMinimap::wholeRange() const
{
    return m_timeline->wholeRange();
}

QRect TimelineMinimap::overviewRect() const
{
    const QRect area = m_timeline->plot()->axisRect()->rect();
    const int left = std::max(0, area.left());
    const int right = std::min(width() - 1, area.right());
    return QRect(QPoint(left, 3), QPoint(std::max(left + 10, right), height() - 4));
}

QRectF TimelineMinimap::windowFrame() const
{
    const QRect r = overviewRect();
    const XRange whole = wholeRange();
    const XRange view = m_timeline->visibleRange();
    const double content = std::max(1, m_scene->lanes.contentHeight());
    auto toX = [&](double x) { return r.left() + (x - whole.start) / whole.width() * r.width(); };
    double x0 = std::clamp(toX(view.start), double(r.left()), double(r.right()));
    double x1 = std::clamp(toX(view.end), double(r.left()), double(r.right()));
    if (x1 - x0 < 4) {
        const double c = (x0 + x1) / 2;
        x0 = c - 2;
        x1 = c + 2;
    }
    const double viewH = m_timeline->rowViewHeight();
    double y0 = r.top() + m_scene->rowScroll / content * r.height();
    double y1 = r.top() + std::min(1.0, (m_scene->rowScroll + viewH) / content) * r.height();
    if (y1 - y0 < 4)
        y1 = y0 + 4;
    return QRectF(QPointF(x0, y0), QPointF(x1, std::min(y1, double(r.bottom() + 1))));
}

void TimelineMinimap::render()
{
    const QRect r = overviewRect();
    const qreal dpr = devicePixelRatioF();
    m_image = QImage(QSize(r.width(), r.height()) * dpr, QImage::Format_RGB32);
    m_image.setDevicePixelRatio(dpr);
    m_image.fill(TimelineStyle::background());
    m_dirty = false;
    const TimelineScene &scene = *m_scene;
    const TimelineLanes &lanes = scene.lanes;
    const int content = lanes.contentHeight();
    if (content <= 0 || scene.layout.eventCount() == 0 || m_image.isNull())
        return;
    const XRange whole = wholeRange();
    const int w = r.width(), h = r.height();
    const double ppu = w / whole.width();
    const TimelineCoordinates coords {whole, 0, double(w)};
    QPainter p(&m_image);
    p.setRenderHint(QPainter::Antialiasing, false);
    std::vector<LodSpan> lod;
    for (int py = 0; py < h; ++py) {
        const double y0 = double(py) * content / h, y1 = double(py + 1) * content / h;
        int first = 0, last = 0;
        lanes.visibleRows(y0, y1 - y0, first, last);
        const int n = last - first;
        for (int k = 0; k < std::min(n, kSamplesPerLine); ++k) {
            const int row = first + int((long long)k * n / std::min(n, kSamplesPerLine));
            const LaneRow &lr = lanes.at(row);
            if (lr.kind == LaneRow::GroupHeader)
                continue;
            if (lr.kind == LaneRow::GroupSummary) {
                // Work in flight, darker where more of the group's lanes are alive.
                const LaneGroupActivity &a = scene.activity(lr.group);
                const LaneLook &look = scene.style.look(scene.layout.row(lanes.group(lr.group).rows.front()).lane);
                for (int x = 0; x < w; ++x) {
                    const auto c = a.at(scene.layout.eventAt(coords.toX(x + 0.5), scene.axis));
                    if (c.alive() > 0)
                        p.fillRect(QRectF(x, py, 1, 1),
                                   TimelineStyle::mix(look.light, look.solid, 0.35 + 0.65 * c.alive() / a.members()));
                }
                continue;
            }
            const int layoutRow = lr.index;
            const TimelineRow &tr = scene.layout.row(layoutRow);
            scene.layout.lodSpans(layoutRow, whole, scene.axis, ppu, 1.0, lod);
            for (const LodSpan &l : lod) {
                const double x0 = coords.toPixel(l.start), x1 = std::max(coords.toPixel(l.end), x0 + 1);
                QColor color;
                if (l.count > 1) {
                    color = TimelineStyle::mix(scene.style.look(tr.lane).hatch, scene.style.look(tr.lane).solid, l.busy);
                } else {
                    const TimelineSpan &s = tr.spans[l.first];
                    switch (s.state) {
                    case SpanState::Running: color = scene.style.look(s.owner).solid; break;
                    case SpanState::Suspended: color = scene.style.look(tr.lane).hatch; break;
                    case SpanState::Idle: color = TimelineStyle::idle(); break;
                    case SpanState::Pending: continue;
                    }
                }
                p.fillRect(QRectF(std::floor(x0), py, std::ceil(x1) - std::floor(x0), 1), color);
            }
        }
    }
}

void TimelineMinimap::paintEvent(QPaintEvent *)
{
    const QRect r = overviewRect();
    if (m_dirty || m_image.size() != r.size() * devicePixelRatioF())
        render();
    QPainter p(this);
    p.fillRect(rect(), TimelineStyle::background());
    // A caption in the lane column, where the lanes' names are below.
    const QRect caption(6, 0, std::max(0, r.left() - 14), height());
    p.setFont(m_scene->style.smallFont());
    p.setPen(TimelineStyle::mutedTextColor());
    p.drawText(caption, Qt::AlignVCenter | Qt::AlignRight,
               m_scene->style.smallMetrics().elidedText(QCoreApplication::translate("Timeline", "whole run"),
                                                        Qt::ElideRight, caption.width()));
    p.drawImage(r.topLeft(), m_image);
    // Outside the visible window is veiled, the window framed.
    const QRectF frame = windowFrame();
    const QColor veil(255, 255, 255, 150);
    p.fillRect(QRectF(r.left(), r.top(), frame.left() - r.left(), r.height()), veil);
    p.fillRect(QRectF(frame.right(), r.top(), r.right() + 1 - frame.right(), r.height()), veil);
    p.fillRect(QRectF(frame.left(), r.top(), frame.width(), frame.top() - r.top()), veil);
    p.fillRect(QRectF(frame.left(), frame.bottom(), frame.width(), r.bottom() + 1 - frame.bottom()), veil);
    p.setPen(QPen(TimelineStyle::separator(), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(r).adjusted(-0.5, -0.5, 0.5, 0.5));
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(TimelineStyle::hover(), 2));
    p.drawRect(frame.adjusted(1, 1, -1, -1));
    // The cursor, as on the timeline.
    if (m_scene->cursor >= 0 && std::size_t(m_scene->cursor) < m_scene->layout.eventCount()) {
        const XRange whole = wholeRange();
        const double x = r.left()
            + (m_scene->layout.x(std::uint32_t(m_scene->cursor), m_scene->axis) - whole.start) / whole.width()
                * r.width();
        if (x >= r.left() && x <= r.right())
            p.fillRect(QRectF(std::round(x) - 1, r.top(), 2, r.height()), TimelineStyle::cursor());
    }
}

void TimelineMinimap::moveTo(QPointF pos)
{
    const QRect r = overviewRect();
    const XRange whole = wholeRange();
    const XRange view = m_timeline->visibleRange();
    const double cx = whole.start + (pos.x() - r.left()) / r.width() * whole.width();
    m_timeline->setVisibleRange(cx - view.width() / 2, cx + view.width() / 2);
    const double content = m_scene->lanes.contentHeight();
    const double cy = (pos.y() - r.top()) / r.height() * content;
    m_timeline->setRowScroll(cy - m_timeline->rowViewHeight() / 2.0);
    update();
}

void TimelineMinimap::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const QRectF frame = windowFrame();
    const QPointF pos = event->position();
    // Grabbing the frame moves it from where it was taken; elsewhere it jumps there first.
    m_grab = frame.adjusted(-3, -3, 3, 3).contains(pos) ? pos - frame.center() : QPointF();
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    moveTo(pos - m_grab);
}

void TimelineMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging && (event->buttons() & Qt::LeftButton))
        moveTo(event->position() - m_grab);
}

void TimelineMinimap::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    setCursor(Qt::OpenHandCursor);
}

void TimelineMinimap::resizeEvent(QResizeEvent *event)
{
    m_dirty = true;
    QWidget::resizeEvent(event);
}

void TimelineMinimap::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        setToolTip(QCoreApplication::translate("Timeline", "The whole run: drag the frame (or press anywhere) to move the view"));
    QWidget::changeEvent(event);
}

} // namespace coroscope
