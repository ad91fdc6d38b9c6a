#pragma once

#include "TimelineCoordinates.h"
#include "TimelineLanes.h"

#include <QPoint>
#include <QPointF>
#include <QSize>
#include <QWidget>

#include <memory>
#include <vector>

class QCustomPlot;
class QCPAxis;
class QCPLayer;
class QScrollBar;

namespace coroscope {

class CursorController;
class TimelineBackdrop;
class TimelineLayout;
class TimelineLegend;
class TimelineMinimap;
class TimelineOverlay;
class TimelineSpansPlottable;
class TraceDocument;
struct TimelineScene;

// The timeline: one lane per task / coroutine / generator / worker plus the event loop's lane,
// drawn with QCustomPlot from the document's trace; follows and moves the shared cursor.
//
// Mouse: wheel zooms x around the pointer, Shift+wheel scrolls lanes, drag pans, click puts the
// cursor on the event under the pointer, hover shows the event's details. Keys: F fits the whole
// run, + / - zoom, Page Up / Page Down scroll lanes. The x axis follows the controller's axis mode
// (steps or time); the visible range is published to the controller.
class TimelineWidget : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(qreal pointSize READ pointSize WRITE setPointSize)
    Q_PROPERTY(bool followCursor READ followCursor WRITE setFollowCursor)
    Q_PROPERTY(bool legendVisible READ legendVisible WRITE setLegendVisible)
public:
    TimelineWidget(TraceDocument *document, CursorController *cursor, QWidget *parent = nullptr);
    ~TimelineWidget() override;

    // Type size of lane names and labels (points, default 12; the lanes grow with it).
    qreal pointSize() const;
    // Whether the view scrolls to keep the cursor visible when it moves (default true).
    bool followCursor() const { return m_followCursor; }
    // Whether the legend (marker shapes, span styles) shows under the lanes (default true).
    bool legendVisible() const;
    // The legend is one strip ending in "more…" (folded, the default) or the whole of it.
    bool legendUnfolded() const;
    void setLegendUnfolded(bool unfolded);
    TimelineAxis axis() const;
    XRange visibleRange() const;
    const TimelineLayout &layout() const;
    // The rows drawn: groups, filter, heights (TimelineLanes).
    const TimelineLanes &lanes() const;
    // Pixels of rows scrolled out above the plot's top, and the plot area's height for rows.
    double rowScroll() const;
    int rowViewHeight() const;

    // How lanes are grouped (default Auto: by function, when a run has many lanes of one).
    LaneGrouping grouping() const;
    void setGrouping(LaneGrouping grouping);
    // Row height: Auto picks compact rows when many lanes are shown.
    LaneDensity density() const;
    void setDensity(LaneDensity density);
    LaneDensity effectiveDensity() const;
    // Which lanes are shown (the event loop's always are).
    const LaneFilter &laneFilter() const;
    void setLaneFilter(const LaneFilter &filter);
    // The overview strip (TimelineMinimap) over the plot: Auto shows it for runs with many lanes.
    enum class OverviewMode { Auto, Shown, Hidden };
    OverviewMode overviewMode() const;
    void setOverviewMode(OverviewMode mode);
    bool overviewShown() const;
    TimelineMinimap *minimap() const { return m_minimap; }
    // What fitAll() shows: the whole run with a margin.
    XRange wholeRange() const;
    // Fold a group to its summary lane, or open it. Once the user folds or opens one, the window
    // no longer folds groups by itself to fit its height.
    void setGroupCollapsed(int group, bool collapsed);
    void setAllGroupsCollapsed(bool collapsed);
    // The QCustomPlot inside (export, tests). Positions below are in its coordinates.
    QCustomPlot *plot() const { return m_plot; }

    // Where event `seq` is drawn after the last replot (its marker or label, else its place on its
    // lane), in plot() coordinates; (-1, -1) when it is off screen.
    QPointF eventPosition(qint64 seq) const;
    // The event under `pos` (plot() coordinates): a marker or label there, else the nearest event of
    // the lane under `pos` within a few pixels; -1 if none.
    qint64 eventAt(QPoint pos) const;
    // The hover text of an event (rich text).
    QString eventToolTip(qint64 seq) const;
    // Predict mode: printed lines from `seq` on are hidden (-1: none); with `ask`, the first of them
    // shows as a "?" box.
    void setHiddenOutputs(qint64 seq, bool ask);
    qint64 hiddenOutputsFrom() const;
    // Timelines stacked on one axis (compare) line up only with equal plot areas: the lane-name
    // column at least this wide, and room for the scroll bar kept even when nothing scrolls.
    int naturalLabelColumnWidth() const { return labelColumnWidth(); }
    void setLabelColumnMinimum(int pixels);
    void setKeepScrollBar(bool keep);
    // Whether the cursor line shows and what follows it is dimmed (default true).
    void setCursorVisible(bool visible);
    // Bookmarked (annotated) steps, flagged on the plot.
    void setBookmarks(std::vector<std::uint32_t> seqs);
    // Re-reads TimelineStyle's theme (colours, high contrast) after TimelineStyle::setTheme().
    void refreshTheme();
    // Renders the timeline to an image file (.png, .jpg, .bmp, .pdf) at `size` (default: as shown).
    bool exportImage(const QString &fileName, QSize size = {});

    QSize sizeHint() const override;

public slots:
    void fitAll(); // zoom to show the whole run
    void setPointSize(qreal points);
    void setFollowCursor(bool follow);
    void setLegendVisible(bool visible);
    void setVisibleRange(double start, double end);
    void zoomIn();
    void zoomOut();
    // Scrolls the lanes so that `lane` (a lane id of the trace) is visible.
    void ensureLaneVisible(quint32 lane);

signals:
    void eventHovered(qint64 seq); // -1 when the pointer leaves events
    void eventClicked(qint64 seq); // the cursor has been set to it
    void visibleRangeChanged(double start, double end);
    // The rows drawn changed (groups, folds, filter, density, scroll), or the trace did.
    void lanesChanged();
    void rowScrollChanged(double pixels);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void applyStyle();
    void applyAxisMode();
    void onAxisModeChanged();
    void onCursorChanged(qint64 seq);
    void onRangeChanged(double start, double end);
    void onExternalRange(double start, double end);
    void onAfterLayout();
    void arrangeLanes();
    void regroup();
    void assignLooks();
    void updateOverviewVisibility();
    void applyKindNames();
    bool toggleGroupAt(QPoint pos);
    QString groupToolTip(QPoint pos) const;
public:
    // Scrolls the lanes so that `pixels` of content are above the plot's top.
    void setRowScroll(double pixels);
private:
    void setHover(qint64 seq, QPoint globalPos);
    void zoomAt(double anchorX, double factor);
    void replotAll();
    void replotOverlay();
    XRange limits() const;
public:
    // Zoom and pan stay inside these x limits too (a compare view locks two timelines to the union
    // of their runs); empty: this run's own.
    void setExtraLimits(XRange limits);
private:
    double minWidth() const;
    int labelColumnWidth() const;

    TraceDocument *m_document;
    CursorController *m_cursor;
    std::unique_ptr<TimelineScene> m_scene;
    QCustomPlot *m_plot = nullptr;
    QScrollBar *m_scrollBar = nullptr;
    QCPAxis *m_keyAxis = nullptr;
    QCPLayer *m_overlayLayer = nullptr;
    TimelineSpansPlottable *m_spans = nullptr;
    TimelineBackdrop *m_backdrop = nullptr;
    TimelineOverlay *m_overlay = nullptr;
    TimelineLegend *m_legend = nullptr;
    TimelineMinimap *m_minimap = nullptr;
    OverviewMode m_overviewMode = OverviewMode::Auto;
    bool m_overviewWanted = false; // what the queued show/hide of the strip will apply
    bool m_followCursor = true;
    bool m_applyingRange = false;
    XRange m_extraLimits {0, 0};
    int m_labelColumnMinimum = 0;
    bool m_keepScrollBar = false;
    bool m_foldsChosen = false; // the user folded or opened a group: keep their choice
    QString m_foldsOrigin; // the document's origin the choice was made for
    int m_arrangedHeight = -1; // the view height the rows were last fitted to

    // Mouse gesture state.
    bool m_pressed = false;
    bool m_dragging = false;
    QPoint m_pressPos;
    XRange m_pressRange;
    double m_pressScroll = 0;
};

} // namespace coroscope
