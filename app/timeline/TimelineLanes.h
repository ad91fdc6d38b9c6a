#pragma once

#include "TimelineLayout.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

// How tall the lanes are: today's roomy rows (a bar and a line of printed text), compact rows (one
// text line at most, thinner when many lanes must fit: a waterfall), or chosen by the lane count.
enum class LaneDensity : std::uint8_t { Auto, Compact, Roomy };
// What lanes are grouped by: the coroutine function ("download() × 100"), the lane that spawned
// them, or nothing. Auto groups by function.
enum class LaneGrouping : std::uint8_t { Auto, None, Function, Spawner };

// The names the command lines use: "auto", "compact", "roomy"; "auto", "function", "spawner",
// "none". False for anything else.
bool laneDensityFromName(std::string_view name, LaneDensity &out);
bool laneGroupingFromName(std::string_view name, LaneGrouping &out);

// Which lanes are shown. The event loop's rows always are (they say who runs when).
struct LaneFilter {
    enum class State : std::uint8_t { Any, NotStarted, Running, Waiting, Done };
    std::string text; // case-insensitive substring of the lane's name or kind; empty: any
    State state = State::Any; // the lane's state at the cursor
    bool onlyPrinting = false; // lanes with at least one printed line
    bool hideFinished = false; // lanes done (returned, raised, cancelled) at the cursor

    bool isActive() const { return !text.empty() || state != State::Any || onlyPrinting || hideFinished; }
    // A search for lanes: groups holding a match open, so that the match is seen.
    bool opensGroups() const { return !text.empty() || state != State::Any; }
    bool dependsOnCursor() const { return state != State::Any || hideFinished; }
    bool operator==(const LaneFilter &) const = default;
};

// Pixel heights the rows are made of (from the style: they scale with the type size).
struct LaneHeights {
    int roomy = 60; // a lane with its bar and its printed lines
    int line = 22; // one text line: compact single lanes, group headers
    int minCompact = 4; // the thinnest a compact lane gets (a 3 px bar and a 1 px gap)
    int summary = 48; // a collapsed group's summary lane
    bool operator==(const LaneHeights &) const = default;
};

// A set of lanes shown together: same function, or same spawner.
struct LaneGroup {
    std::string title; // "download()", or the spawner's name
    std::uint32_t spawner = NoLane; // grouping by spawner: the lane that created the members
    std::vector<int> rows; // the members' layout rows, in creation order
    bool collapsed = false;
    int shown = 0; // members that pass the filter (all of them without one)
};

// One row as drawn, top to bottom.
struct LaneRow {
    enum Kind : std::uint8_t {
        Lane, // one lane: `index` is its layout row
        GroupHeader, // an open group's title line: `index` is the group
        GroupSummary, // a collapsed group: how many of its lanes run, wait, are done, over time
    };
    Kind kind = Lane;
    int index = 0;
    int group = -1; // the group a lane belongs to (-1: none)
    int top = 0; // pixels from the top of the content
    int height = 0;
};

// The lane layout: from the timeline's rows (one per lane) to the rows drawn, with groups, collapse,
// filter and density; plain C++ (no Qt). Rows may differ in height, so positions are prefix sums
// and lookups binary searches: 100,000 lanes cost a vector, not a widget each.
class TimelineLanes
{
public:
    // The smallest number of lanes sharing a function (or spawner) that forms a group: smaller runs
    // (gather-order, the generator samples) stay one lane per row, as they always were.
    static constexpr int kMinGroupSize = 8;
    // Auto density stays roomy up to this many lanes shown.
    static constexpr int kRoomyMaxLanes = 16;

    // Rebuilds the groups for `layout` (which must outlive this) and opens all of them.
    void build(const TimelineLayout &layout, LaneGrouping grouping);
    void clear();
    const TimelineLayout *layout() const { return m_layout; }

    LaneGrouping grouping() const { return m_grouping; }
    // Takes effect at the next build().
    void setGroupingMode(LaneGrouping grouping) { m_grouping = grouping; }
    // The grouping in effect (Auto resolved).
    LaneGrouping effectiveGrouping() const;
    const std::vector<LaneGroup> &groups() const { return m_groups; }
    const LaneGroup &group(int index) const { return m_groups[std::size_t(index)]; }
    // The group of a layout row, or -1.
    int groupOfRow(int layoutRow) const;
    // The key lanes of one function share: "download()" for "Task-12 download()", "ThreadPoolExecutor-0"
    // for its worker "ThreadPoolExecutor-0_3".
    static std::string functionKey(std::string_view laneName);

    void setCollapsed(int group, bool collapsed);
    void setAllCollapsed(bool collapsed);
    // The opening policy: all groups open, then the largest ones collapse until the rest fits in
    // `viewHeight` pixels at the thinnest compact rows.
    void collapseToFit(const LaneHeights &heights, int viewHeight);

    void setDensity(LaneDensity density) { m_density = density; }
    LaneDensity density() const { return m_density; }
    // The density in effect for the rows shown (Auto resolved by their number).
    LaneDensity effectiveDensity() const { return m_effectiveDensity; }

    // `cursor` is the event the state filters read (-1: before the first). Kind names the text
    // also matches, indexed by LaneKind (the UI language's, by default the English ones).
    void setFilter(const LaneFilter &filter);
    const LaneFilter &filter() const { return m_filter; }
    void setKindNames(std::vector<std::string> names) { m_kindNames = std::move(names); }
    // Whether `layoutRow` passes the filter with the cursor at `cursor`.
    bool passes(int layoutRow, std::int64_t cursor) const;

    // Lays the rows out for a view `viewHeight` pixels high (compact lanes fit it, within limits).
    void arrange(const LaneHeights &heights, int viewHeight, std::int64_t cursor);
    // Re-filters for a new cursor when the filter reads it; true when the rows changed (arrange
    // again then). Free otherwise.
    bool cursorChanged(std::int64_t cursor);

    int count() const { return int(m_rows.size()); }
    const LaneRow &at(int row) const { return m_rows[std::size_t(row)]; }
    const std::vector<LaneRow> &rows() const { return m_rows; }
    int contentHeight() const { return m_rows.empty() ? 0 : m_rows.back().top + m_rows.back().height; }
    // The row at `y` pixels from the top of the content, or -1.
    int rowAt(double y) const;
    // Rows [first, last) intersecting the content band [scroll, scroll + height).
    void visibleRows(double scroll, double height, int &first, int &last) const;
    // The row showing `layoutRow`: its own, or its group's summary when collapsed; -1 when hidden.
    int rowOfLayoutRow(int layoutRow) const;
    // Lane rows shown (not headers or summaries).
    int laneRowsShown() const { return m_laneRows; }

private:
    void resolveDensity();

    const TimelineLayout *m_layout = nullptr;
    LaneGrouping m_grouping = LaneGrouping::Auto;
    LaneDensity m_density = LaneDensity::Auto;
    LaneDensity m_effectiveDensity = LaneDensity::Roomy;
    LaneFilter m_filter;
    std::vector<std::string> m_kindNames;
    std::vector<LaneGroup> m_groups;
    std::vector<int> m_groupOfRow; // per layout row
    std::vector<LaneRow> m_rows;
    std::vector<int> m_rowOfLayoutRow; // per layout row, -1 hidden
    std::vector<std::uint8_t> m_passes; // per layout row, as last filtered
    std::int64_t m_filterCursor = -1;
    LaneHeights m_heights;
    int m_viewHeight = 0;
    int m_laneRows = 0;
};

} // namespace coroscope
