#pragma once

#include "trace/Event.h"
#include "trace/Lane.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QPixmap>
#include <QPointF>

#include <map>
#include <tuple>
#include <vector>

class QPainter;

namespace coroscope {

struct Trace;

// The event markers, by shape (not only by colour) so they read in black and white too.
enum class MarkerShape : quint8 {
    None,
    Create, // hollow circle
    Start, // play triangle
    Suspend, // pause bars
    Resume, // bar + play triangle
    Done, // stop square
    Error, // red cross
    Cancel, // slashed circle
    Schedule, // small hollow diamond (queued)
    TimerArm, // small clock face
    TimerFire, // small filled diamond
    Clock, // double chevron (the clock jumps)
    Enter, // small right bracket
    Leave, // small left bracket
    Fault, // red warning triangle
    Sync, // small padlock (a lock, event, semaphore... acted)
};

// How one lane looks: a strong colour for running, a light tint plus a lane-specific hatch for
// suspended, so lanes differ by pattern as well as by colour.
struct LaneLook {
    QColor solid;
    QColor light;
    QColor hatch;
    QColor textOnSolid;
    Qt::BrushStyle pattern = Qt::NoBrush;
    // The suspended fill, light tint and hatch pre-rendered as an opaque tile: filling with it is a
    // tiled copy, ten times cheaper than blending a pattern brush over the tint.
    QBrush suspendedBrush;
    // The same, stronger: a folded group's waiting lanes (a big area must read from afar).
    QBrush waitingBrush;
};

// Colours, fonts and metrics of the timeline; everything scales with one point size (a classroom
// projector wants 14-18 pt).
class TimelineStyle
{
public:
    explicit TimelineStyle(qreal pointSize = 12);

    void setPointSize(qreal points);
    qreal pointSize() const { return m_pointSize; }

    // Fonts: lane names and labels at the point size, details one size smaller (never below 10 pt).
    const QFont &font() const { return m_font; }
    const QFont &boldFont() const { return m_boldFont; }
    const QFont &smallFont() const { return m_smallFont; }
    const QFont &boldSmallFont() const { return m_boldSmallFont; }
    const QFontMetricsF &metrics() const { return m_metrics; }
    const QFontMetricsF &boldMetrics() const { return m_boldMetrics; }
    const QFontMetricsF &smallMetrics() const { return m_smallMetrics; }
    const QFontMetricsF &boldSmallMetrics() const { return m_boldSmallMetrics; }

    // Row geometry in pixels: a bar (spans, markers, span labels) and a line for printed text below.
    int rowHeight() const { return m_rowHeight; }
    int barTop() const { return m_barTop; } // from the row's top
    int barHeight() const { return m_barHeight; }
    int outputTop() const { return m_outputTop; } // from the row's top
    int outputHeight() const { return m_outputHeight; }
    int markerSize() const { return m_markerSize; }
    // Compact rows: one line of the small font (a single lane, a group's title); a collapsed
    // group's summary lane is about two of them.
    int lineHeight() const { return m_lineHeight; }
    int summaryHeight() const { return m_summaryHeight; }

    // Lane looks, indexed by lane id (built for a trace: the loop grey, the others from the palette).
    // Lanes with the same `lookGroup` entry (>= 0; indexed by lane) share one look: a group of 100
    // downloads reads as one colour.
    void assignLanes(const Trace &trace, const std::vector<int> *lookGroup = nullptr);
    const LaneLook &look(quint32 lane) const;
    static QColor paletteColor(int index);
    static Qt::BrushStyle palettePattern(int index);

    static MarkerShape markerFor(EventKind kind);
    // Big markers (a lane's life: create, start, suspend, resume, end) vs small ones (queue, timers).
    static bool isMajor(MarkerShape shape);
    // Draws `shape` centred on `center`, `size` pixels across; antialiased.
    static void drawMarker(QPainter *painter, MarkerShape shape, QPointF center, double size);
    // The same from a cache of pre-rendered markers (a pixmap copy instead of antialiased paths;
    // vector painters, e.g. PDF export, get the paths).
    void drawMarkerCached(QPainter *painter, MarkerShape shape, QPointF center, double size) const;

    // The theme: the normal one, or high contrast for projectors (black text and lines, stronger
    // hatches, the Okabe-Ito palette with black text on its light colours). Application-wide:
    // every timeline follows it after TimelineWidget::refreshTheme().
    static void setHighContrast(bool on);
    static bool highContrast();
    // Re-reads the theme (the idle and fallback looks).
    void refreshTheme();

    // Shared colours.
    static QColor textColor();
    static QColor mutedTextColor();
    static QColor background() { return Qt::white; }
    static QColor zebra();
    static QColor groupBand(); // behind a group's title and summary
    static QColor separator();
    static QColor gridColor();
    static QColor idle() { return QColor(0xe4, 0xe6, 0xea); }
    static QColor idleHatch();
    static QColor doneFill() { return QColor(0xc3, 0xc8, 0xcf); } // a group's finished lanes
    static QColor cursor() { return QColor(0xd0, 0x10, 0x3a); }
    static QColor hover() { return QColor(0x00, 0x6d, 0xd9); }
    static QColor wakeArrow();
    static QColor startArrow();
    static QColor dimOverlay() { return QColor(255, 255, 255, 150); }
    // The solid/light mix for merged spans: `busy` in [0, 1].
    static QColor mix(const QColor &a, const QColor &b, double t);
    // An opaque tile: `background` with `pattern` drawn in `ink`.
    static QBrush tileBrush(const QColor &background, const QColor &ink, Qt::BrushStyle pattern);
    const QBrush &idleBrush() const { return m_idleBrush; }

private:
    void updateMetrics();

    qreal m_pointSize = 12;
    QFont m_font, m_boldFont, m_smallFont, m_boldSmallFont;
    QFontMetricsF m_metrics {QFont()}, m_boldMetrics {QFont()}, m_smallMetrics {QFont()},
        m_boldSmallMetrics {QFont()};
    int m_rowHeight = 60, m_barTop = 6, m_barHeight = 28, m_outputTop = 38, m_outputHeight = 20,
        m_markerSize = 16, m_lineHeight = 22, m_summaryHeight = 48;
    std::vector<LaneLook> m_looks;
    LaneLook m_fallback;
    QBrush m_idleBrush;
    mutable std::map<std::tuple<int, int, int>, QPixmap> m_sprites; // (shape, size, dpr x 100)
};

} // namespace coroscope
