#include "TimelineStyle.h"

#include "trace/Trace.h"

#include <QGuiApplication>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace coroscope {

namespace {

// Strong, colour-blind-friendly colours (Okabe-Ito, then Tol's), dark enough for white text.
constexpr QRgb kPalette[] = {
    0x0072b2, // blue
    0xd55e00, // vermillion
    0x009e73, // bluish green
    0xb8478f, // reddish purple
    0xc98a00, // orange
    0x3d8fc7, // sky
    0x882255, // wine
    0x2f8f80, // teal
    0x332288, // indigo
    0x7f7f1f, // olive
};
constexpr Qt::BrushStyle kPatterns[] = {
    Qt::BDiagPattern, Qt::FDiagPattern,     Qt::HorPattern,
    Qt::VerPattern,   Qt::DiagCrossPattern, Qt::CrossPattern,
};

// Okabe & Ito (2008), without yellow (unreadable on white); the light ones carry black text.
constexpr QRgb kHighContrastPalette[] = {
    0x0072b2, // blue
    0xe69f00, // orange
    0x009e73, // bluish green
    0xcc79a7, // reddish purple
    0x56b4e9, // sky blue
    0xd55e00, // vermillion
    0x000000, // black
};

bool g_highContrast = false;

bool prefersBlackText(const QColor &c)
{
    auto linear = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const double l = 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
    return (l + 0.05) / 0.05 > 1.05 / (l + 0.05);
}

QFont baseFont(qreal points, int weight = QFont::Normal)
{
    QFont f = QGuiApplication::font();
    QStringList families {f.family()};
    // CJK text (the samples print Chinese) falls back to Noto CJK.
    families << QStringLiteral("Noto Sans CJK SC") << QStringLiteral("Noto Sans CJK JP");
    f.setFamilies(families);
    f.setPointSizeF(points);
    f.setWeight(QFont::Weight(weight));
    return f;
}

} // namespace

void TimelineStyle::setHighContrast(bool on)
{
    g_highContrast = on;
}

bool TimelineStyle::highContrast()
{
    return g_highContrast;
}

QColor TimelineStyle::textColor()
{
    return g_highContrast ? QColor(Qt::black) : QColor(0x1a, 0x1a, 0x1a);
}
QColor TimelineStyle::mutedTextColor()
{
    return g_highContrast ? QColor(0x22, 0x22, 0x22) : QColor(0x55, 0x5b, 0x63);
}
QColor TimelineStyle::zebra()
{
    return g_highContrast ? QColor(0xf0, 0xf0, 0xf0) : QColor(0xf3, 0xf5, 0xf8);
}
QColor TimelineStyle::groupBand()
{
    return g_highContrast ? QColor(0xe4, 0xe4, 0xe4) : QColor(0xe9, 0xee, 0xf5);
}
QColor TimelineStyle::separator()
{
    return g_highContrast ? QColor(0x60, 0x60, 0x60) : QColor(0xd5, 0xd9, 0xe0);
}
QColor TimelineStyle::gridColor()
{
    return g_highContrast ? QColor(0x80, 0x80, 0x80) : QColor(0xc4, 0xca, 0xd3);
}
QColor TimelineStyle::idleHatch()
{
    return g_highContrast ? QColor(0x80, 0x84, 0x8c) : QColor(0xb8, 0xbd, 0xc6);
}
QColor TimelineStyle::wakeArrow()
{
    return g_highContrast ? QColor(Qt::black) : QColor(0x20, 0x20, 0x20);
}
QColor TimelineStyle::startArrow()
{
    return g_highContrast ? QColor(0x40, 0x40, 0x40) : QColor(0x70, 0x76, 0x80);
}

TimelineStyle::TimelineStyle(qreal pointSize)
{
    setPointSize(pointSize);
    refreshTheme();
}

void TimelineStyle::refreshTheme()
{
    m_fallback = LaneLook {QColor(0x60, 0x60, 0x60), QColor(0xe0, 0xe0, 0xe0),
                           QColor(0x90, 0x90, 0x90), Qt::white,
                           Qt::BDiagPattern,         {}};
    m_fallback.suspendedBrush = tileBrush(m_fallback.light, m_fallback.hatch, m_fallback.pattern);
    m_fallback.waitingBrush = m_fallback.suspendedBrush;
    m_idleBrush = tileBrush(idle(), idleHatch(), Qt::BDiagPattern);
}

QBrush TimelineStyle::tileBrush(const QColor &background, const QColor &ink, Qt::BrushStyle pattern)
{
    QPixmap tile(16, 16); // Qt's patterns repeat every 8 pixels
    tile.fill(background);
    QPainter p(&tile);
    p.fillRect(tile.rect(), QBrush(ink, pattern));
    p.end();
    return QBrush(tile);
}

void TimelineStyle::setPointSize(qreal points)
{
    m_pointSize = std::clamp<qreal>(points, 6, 72);
    updateMetrics();
}

void TimelineStyle::updateMetrics()
{
    m_sprites.clear();
    m_font = baseFont(m_pointSize);
    m_boldFont = baseFont(m_pointSize, QFont::DemiBold);
    m_smallFont = baseFont(std::max<qreal>(10, m_pointSize - 1.5));
    m_boldSmallFont = baseFont(std::max<qreal>(10, m_pointSize - 1.5), QFont::DemiBold);
    m_metrics = QFontMetricsF(m_font);
    m_boldMetrics = QFontMetricsF(m_boldFont);
    m_smallMetrics = QFontMetricsF(m_smallFont);
    m_boldSmallMetrics = QFontMetricsF(m_boldSmallFont);
    const double line = m_metrics.height();
    m_barTop = int(std::lround(line * 0.35));
    m_barHeight = int(std::lround(line * 1.5));
    m_outputTop = m_barTop + m_barHeight + int(std::lround(line * 0.25));
    m_outputHeight = int(std::lround(line * 1.25));
    m_rowHeight = m_outputTop + m_outputHeight + int(std::lround(line * 0.35));
    m_markerSize = std::max(9, int(std::lround(m_barHeight * 0.62)));
    m_lineHeight = int(std::ceil(m_smallMetrics.height() * 1.25));
    m_summaryHeight = int(std::lround(m_lineHeight * 2.2));
}

QColor TimelineStyle::paletteColor(int index)
{
    if (g_highContrast) {
        constexpr int n = int(std::size(kHighContrastPalette));
        return QColor::fromRgb(kHighContrastPalette[((index % n) + n) % n]);
    }
    constexpr int n = int(std::size(kPalette));
    return QColor::fromRgb(kPalette[((index % n) + n) % n]);
}

Qt::BrushStyle TimelineStyle::palettePattern(int index)
{
    constexpr int n = int(std::size(kPatterns));
    return kPatterns[((index % n) + n) % n];
}

QColor TimelineStyle::mix(const QColor &a, const QColor &b, double t)
{
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

void TimelineStyle::assignLanes(const Trace &trace, const std::vector<int> *lookGroup)
{
    m_looks.clear();
    m_looks.reserve(trace.lanes.size());
    // Colours and hatches cycle together: a few dozen distinct looks, each made once, however many
    // lanes (a stress run has ten thousand).
    const int colours = g_highContrast ? int(std::size(kHighContrastPalette)) : int(std::size(kPalette));
    const int cycle = std::lcm(colours, int(std::size(kPatterns)));
    std::map<int, LaneLook> made;
    std::map<int, int> groupKey; // a group's look: that of its first member
    int next = 0;
    for (std::size_t id = 0; id < trace.lanes.size(); ++id) {
        const Lane &lane = trace.lanes[id];
        const int group = lookGroup && id < lookGroup->size() ? (*lookGroup)[id] : -1;
        int key = -1;
        if (lane.kind != LaneKind::Loop) {
            if (group < 0)
                key = next++ % cycle;
            else if (auto g = groupKey.find(group); g != groupKey.end())
                key = g->second;
            else
                key = groupKey[group] = next++ % cycle;
        }
        auto it = made.find(key);
        if (it == made.end()) {
            LaneLook look;
            if (key < 0) {
                look.solid = QColor(0x5f, 0x63, 0x68);
                look.pattern = Qt::Dense6Pattern;
            } else {
                look.solid = paletteColor(key);
                look.pattern = palettePattern(key);
            }
            look.light = mix(Qt::white, look.solid, g_highContrast ? 0.18 : 0.22);
            look.hatch = mix(Qt::white, look.solid, g_highContrast ? 0.85 : 0.55);
            // High contrast: black or white text, whichever contrasts more (WCAG) with the colour.
            look.textOnSolid = g_highContrast && prefersBlackText(look.solid) ? Qt::black : Qt::white;
            look.suspendedBrush = tileBrush(look.light, look.hatch, look.pattern);
            look.waitingBrush = tileBrush(mix(Qt::white, look.solid, 0.42), mix(Qt::white, look.solid, 0.78),
                                          look.pattern);
            it = made.emplace(key, look).first;
        }
        m_looks.push_back(it->second);
    }
}

const LaneLook &TimelineStyle::look(quint32 lane) const
{
    return lane < m_looks.size() ? m_looks[lane] : m_fallback;
}

MarkerShape TimelineStyle::markerFor(EventKind kind)
{
    switch (kind) {
    case EventKind::Create:
        return MarkerShape::Create;
    case EventKind::Start:
        return MarkerShape::Start;
    case EventKind::Suspend:
        return MarkerShape::Suspend;
    case EventKind::Resume:
        return MarkerShape::Resume;
    case EventKind::Done:
        return MarkerShape::Done;
    case EventKind::Error:
        return MarkerShape::Error;
    case EventKind::Cancel:
        return MarkerShape::Cancel;
    case EventKind::Schedule:
    case EventKind::Submit:
        return MarkerShape::Schedule;
    case EventKind::TimerArm:
        return MarkerShape::TimerArm;
    case EventKind::TimerFire:
        return MarkerShape::TimerFire;
    case EventKind::Clock:
        return MarkerShape::Clock;
    case EventKind::Enter:
        return MarkerShape::Enter;
    case EventKind::Leave:
        return MarkerShape::Leave;
    case EventKind::Fault:
        return MarkerShape::Fault;
    case EventKind::Sync:
        return MarkerShape::Sync;
    default:
        return MarkerShape::None; // Output has its label; Callback is its span on the loop's row
    }
}

bool TimelineStyle::isMajor(MarkerShape shape)
{
    switch (shape) {
    case MarkerShape::Create:
    case MarkerShape::Start:
    case MarkerShape::Suspend:
    case MarkerShape::Resume:
    case MarkerShape::Done:
    case MarkerShape::Error:
    case MarkerShape::Cancel:
    case MarkerShape::Clock:
    case MarkerShape::Fault:
        return true;
    default:
        return false;
    }
}

void TimelineStyle::drawMarkerCached(QPainter *p, MarkerShape shape, QPointF c, double size) const
{
    QPaintDevice *device = p->device();
    if (!device || device->devType() == QInternal::Printer || device->devType() == QInternal::Picture
        || p->paintEngine()->type() != QPaintEngine::Raster) {
        drawMarker(p, shape, c, size);
        return;
    }
    const qreal dpr = device->devicePixelRatioF();
    const auto key = std::make_tuple(int(shape), int(std::lround(size * 4)), int(std::lround(dpr * 100)));
    auto it = m_sprites.find(key);
    if (it == m_sprites.end()) {
        const int side = int(std::ceil(size * 1.6)) + 4; // room for the halo
        QPixmap sprite(QSize(side, side) * dpr);
        sprite.setDevicePixelRatio(dpr);
        sprite.fill(Qt::transparent);
        QPainter sp(&sprite);
        drawMarker(&sp, shape, QPointF(side / 2.0, side / 2.0), size);
        sp.end();
        it = m_sprites.emplace(key, sprite).first;
    }
    const double half = it->second.width() / it->second.devicePixelRatio() / 2.0;
    p->drawPixmap(QPointF(c.x() - half, c.y() - half), it->second);
}

void TimelineStyle::drawMarker(QPainter *p, MarkerShape shape, QPointF c, double size)
{
    if (shape == MarkerShape::None)
        return;
    const QColor ink(0x14, 0x14, 0x14);
    const double halo = std::max(1.5, size * 0.13);
    const double r = size / 2;
    p->save();
    p->setRenderHint(QPainter::Antialiasing, true);
    // Dark shapes with a white halo read on a solid bar, a light one and the background alike.
    auto fillWithHalo = [&](const QPainterPath &path, const QColor &fill) {
        p->setPen(QPen(Qt::white, halo * 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p->setBrush(Qt::NoBrush);
        p->drawPath(path);
        p->setPen(Qt::NoPen);
        p->setBrush(fill);
        p->drawPath(path);
    };
    auto strokeWithHalo = [&](const QPainterPath &path, const QColor &color, double width) {
        p->setBrush(Qt::NoBrush);
        p->setPen(QPen(Qt::white, width + halo * 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p->drawPath(path);
        p->setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p->drawPath(path);
    };
    QPainterPath path;
    switch (shape) {
    case MarkerShape::Create: {
        path.addEllipse(c, r * 0.72, r * 0.72);
        p->setPen(QPen(ink, std::max(2.0, size * 0.14)));
        p->setBrush(Qt::white);
        p->drawPath(path);
        break;
    }
    case MarkerShape::Start: {
        path.moveTo(c.x() - r * 0.7, c.y() - r * 0.85);
        path.lineTo(c.x() + r * 0.85, c.y());
        path.lineTo(c.x() - r * 0.7, c.y() + r * 0.85);
        path.closeSubpath();
        fillWithHalo(path, ink);
        break;
    }
    case MarkerShape::Suspend: {
        const double w = r * 0.5, h = r * 1.7;
        path.addRect(QRectF(c.x() - r * 0.75, c.y() - h / 2, w, h));
        path.addRect(QRectF(c.x() + r * 0.25, c.y() - h / 2, w, h));
        fillWithHalo(path, ink);
        break;
    }
    case MarkerShape::Resume: {
        const double h = r * 1.7;
        path.addRect(QRectF(c.x() - r * 0.95, c.y() - h / 2, r * 0.42, h));
        path.moveTo(c.x() - r * 0.3, c.y() - r * 0.85);
        path.lineTo(c.x() + r * 0.95, c.y());
        path.lineTo(c.x() - r * 0.3, c.y() + r * 0.85);
        path.closeSubpath();
        fillWithHalo(path, ink);
        break;
    }
    case MarkerShape::Done: {
        path.addRect(QRectF(c.x() - r * 0.72, c.y() - r * 0.72, r * 1.44, r * 1.44));
        fillWithHalo(path, ink);
        break;
    }
    case MarkerShape::Error: {
        path.moveTo(c.x() - r * 0.75, c.y() - r * 0.75);
        path.lineTo(c.x() + r * 0.75, c.y() + r * 0.75);
        path.moveTo(c.x() + r * 0.75, c.y() - r * 0.75);
        path.lineTo(c.x() - r * 0.75, c.y() + r * 0.75);
        strokeWithHalo(path, QColor(0xd0, 0x00, 0x00), std::max(2.5, size * 0.22));
        break;
    }
    case MarkerShape::Cancel: {
        path.addEllipse(c, r * 0.75, r * 0.75);
        path.moveTo(c.x() - r * 0.53, c.y() + r * 0.53);
        path.lineTo(c.x() + r * 0.53, c.y() - r * 0.53);
        strokeWithHalo(path, QColor(0xb3, 0x4a, 0x00), std::max(2.0, size * 0.15));
        break;
    }
    case MarkerShape::Schedule: {
        const double s = r * 0.55;
        path.moveTo(c.x(), c.y() - s);
        path.lineTo(c.x() + s, c.y());
        path.lineTo(c.x(), c.y() + s);
        path.lineTo(c.x() - s, c.y());
        path.closeSubpath();
        p->setPen(QPen(ink, 1.5));
        p->setBrush(Qt::white);
        p->drawPath(path);
        break;
    }
    case MarkerShape::TimerArm: {
        const double s = r * 0.6;
        p->setPen(QPen(ink, 1.5));
        p->setBrush(Qt::white);
        p->drawEllipse(c, s, s);
        p->drawLine(c, QPointF(c.x(), c.y() - s * 0.75));
        p->drawLine(c, QPointF(c.x() + s * 0.6, c.y()));
        break;
    }
    case MarkerShape::TimerFire: {
        const double s = r * 0.6;
        path.moveTo(c.x(), c.y() - s);
        path.lineTo(c.x() + s, c.y());
        path.lineTo(c.x(), c.y() + s);
        path.lineTo(c.x() - s, c.y());
        path.closeSubpath();
        fillWithHalo(path, ink);
        break;
    }
    case MarkerShape::Clock: {
        for (double dx : {-r * 0.55, r * 0.25}) {
            path.moveTo(c.x() + dx - r * 0.3, c.y() - r * 0.7);
            path.lineTo(c.x() + dx + r * 0.35, c.y());
            path.lineTo(c.x() + dx - r * 0.3, c.y() + r * 0.7);
        }
        strokeWithHalo(path, ink, std::max(2.0, size * 0.15));
        break;
    }
    case MarkerShape::Enter:
    case MarkerShape::Leave: {
        const double d = shape == MarkerShape::Enter ? 1 : -1;
        path.moveTo(c.x() - d * r * 0.2, c.y() - r * 0.55);
        path.lineTo(c.x() + d * r * 0.3, c.y());
        path.lineTo(c.x() - d * r * 0.2, c.y() + r * 0.55);
        strokeWithHalo(path, ink, 1.5);
        break;
    }
    case MarkerShape::Fault: {
        path.moveTo(c.x(), c.y() - r * 0.9);
        path.lineTo(c.x() + r * 0.9, c.y() + r * 0.75);
        path.lineTo(c.x() - r * 0.9, c.y() + r * 0.75);
        path.closeSubpath();
        fillWithHalo(path, QColor(0xd0, 0x00, 0x00));
        p->setPen(QPen(Qt::white, std::max(1.5, size * 0.1)));
        p->drawLine(QPointF(c.x(), c.y() - r * 0.35), QPointF(c.x(), c.y() + r * 0.2));
        p->drawPoint(QPointF(c.x(), c.y() + r * 0.48));
        break;
    }
    case MarkerShape::Sync: {
        // A padlock: the shackle, then the body over it.
        const double w = r * 0.55;
        QPainterPath shackle;
        shackle.moveTo(c.x() - w * 0.55, c.y());
        shackle.lineTo(c.x() - w * 0.55, c.y() - w * 0.45);
        shackle.arcTo(QRectF(c.x() - w * 0.55, c.y() - w * 1.0, w * 1.1, w * 1.1), 180, -180);
        shackle.lineTo(c.x() + w * 0.55, c.y());
        strokeWithHalo(shackle, ink, 1.5);
        path.addRect(QRectF(c.x() - w, c.y() - w * 0.1, w * 2, w * 1.2));
        fillWithHalo(path, ink);
        break;
    }
    case MarkerShape::None:
        break;
    }
    p->restore();
}

} // namespace coroscope
