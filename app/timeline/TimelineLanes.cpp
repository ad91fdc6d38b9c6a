#include "TimelineLanes.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace coroscope {

namespace {

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// Case-insensitive (ASCII) substring test on UTF-8 bytes: Chinese names match as they are.
bool containsNoCase(std::string_view haystack, std::string_view needle)
{
    if (needle.empty())
        return true;
    if (needle.size() > haystack.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && lower(haystack[i + k]) == lower(needle[k]))
            ++k;
        if (k == needle.size())
            return true;
    }
    return false;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

const std::vector<std::string> &defaultKindNames()
{
    static const std::vector<std::string> names {"module",    "event loop", "task",
                                                 "coroutine", "generator",  "worker thread"};
    return names;
}

} // namespace

bool laneDensityFromName(std::string_view name, LaneDensity &out)
{
    if (name == "auto")
        out = LaneDensity::Auto;
    else if (name == "compact")
        out = LaneDensity::Compact;
    else if (name == "roomy")
        out = LaneDensity::Roomy;
    else
        return false;
    return true;
}

bool laneGroupingFromName(std::string_view name, LaneGrouping &out)
{
    if (name == "auto")
        out = LaneGrouping::Auto;
    else if (name == "function")
        out = LaneGrouping::Function;
    else if (name == "spawner")
        out = LaneGrouping::Spawner;
    else if (name == "none")
        out = LaneGrouping::None;
    else
        return false;
    return true;
}

std::string TimelineLanes::functionKey(std::string_view name)
{
    // "Task-12 download()" -> "download()": the task's number tells members apart, not groups.
    if (name.starts_with("Task-")) {
        std::size_t i = 5;
        while (i < name.size() && isDigit(name[i]))
            ++i;
        if (i > 5 && i == name.size())
            return "Task";
        if (i > 5 && name[i] == ' ')
            return std::string(name.substr(i + 1));
    }
    // "ThreadPoolExecutor-0_3" -> "ThreadPoolExecutor-0": one pool's workers.
    std::size_t end = name.size();
    while (end > 0 && isDigit(name[end - 1]))
        --end;
    if (end < name.size() && end > 0 && name[end - 1] == '_')
        return std::string(name.substr(0, end - 1));
    return std::string(name);
}

void TimelineLanes::clear()
{
    m_layout = nullptr;
    m_groups.clear();
    m_groupOfRow.clear();
    m_rows.clear();
    m_rowOfLayoutRow.clear();
    m_passes.clear();
    m_laneRows = 0;
}

LaneGrouping TimelineLanes::effectiveGrouping() const
{
    return m_grouping == LaneGrouping::Auto ? LaneGrouping::Function : m_grouping;
}

void TimelineLanes::build(const TimelineLayout &layout, LaneGrouping grouping)
{
    clear();
    m_layout = &layout;
    m_grouping = grouping;
    const int n = layout.rowCount();
    m_groupOfRow.assign(std::size_t(n), -1);
    m_passes.assign(std::size_t(n), 1);
    const LaneGrouping mode = effectiveGrouping();
    // Small runs keep one lane per row, as they always had.
    if (mode == LaneGrouping::None || n <= kRoomyMaxLanes || !layout.trace())
        return;
    const Trace &trace = *layout.trace();

    // Members by key, in row (creation) order; the group sits where its first member would.
    std::map<std::string, std::vector<int>> byFunction;
    std::map<std::uint32_t, std::vector<int>> bySpawner;
    for (int r = 0; r < n; ++r) {
        const Lane &lane = trace.lanes[layout.row(r).lane];
        if (lane.kind == LaneKind::Loop || lane.kind == LaneKind::Module)
            continue;
        if (mode == LaneGrouping::Function)
            byFunction[functionKey(trace.laneName(layout.row(r).lane))].push_back(r);
        else if (lane.parent != NoLane)
            bySpawner[lane.parent].push_back(r);
    }
    auto add = [&](std::string title, std::uint32_t spawner, std::vector<int> rows) {
        if (int(rows.size()) < kMinGroupSize)
            return;
        LaneGroup g;
        g.title = std::move(title);
        g.spawner = spawner;
        g.shown = int(rows.size());
        g.rows = std::move(rows);
        m_groups.push_back(std::move(g));
    };
    for (auto &[key, rows] : byFunction)
        add(key, NoLane, std::move(rows));
    for (auto &[parent, rows] : bySpawner) {
        const std::string title = parent < trace.lanes.size() ? std::string(trace.laneName(parent)) : std::string();
        add(title, parent, std::move(rows));
    }
    std::sort(m_groups.begin(), m_groups.end(),
              [](const LaneGroup &a, const LaneGroup &b) { return a.rows.front() < b.rows.front(); });
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (int r : m_groups[g].rows)
            m_groupOfRow[std::size_t(r)] = int(g);
}

int TimelineLanes::groupOfRow(int layoutRow) const
{
    return layoutRow >= 0 && std::size_t(layoutRow) < m_groupOfRow.size() ? m_groupOfRow[std::size_t(layoutRow)]
                                                                         : -1;
}

void TimelineLanes::setCollapsed(int group, bool collapsed)
{
    if (group >= 0 && std::size_t(group) < m_groups.size())
        m_groups[std::size_t(group)].collapsed = collapsed;
}

void TimelineLanes::setAllCollapsed(bool collapsed)
{
    for (LaneGroup &g : m_groups)
        g.collapsed = collapsed;
}

void TimelineLanes::collapseToFit(const LaneHeights &heights, int viewHeight)
{
    setAllCollapsed(false);
    if (m_groups.empty() || !m_layout)
        return;
    int grouped = 0;
    for (const LaneGroup &g : m_groups)
        grouped += int(g.rows.size());
    const int singles = m_layout->rowCount() - grouped;
    auto needed = [&] {
        long long h = (long long)singles * heights.line;
        for (const LaneGroup &g : m_groups)
            h += g.collapsed ? heights.summary : heights.line + (long long)g.rows.size() * heights.minCompact;
        return h;
    };
    std::vector<int> order(m_groups.size());
    std::iota(order.begin(), order.end(), 0);
    // Largest first; of equal ones the later (the earlier is usually what the program is about).
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return m_groups[std::size_t(a)].rows.size() > m_groups[std::size_t(b)].rows.size();
    });
    for (int g : order) {
        if (needed() <= viewHeight)
            break;
        m_groups[std::size_t(g)].collapsed = true;
    }
}

void TimelineLanes::setFilter(const LaneFilter &filter)
{
    m_filter = filter;
}

bool TimelineLanes::passes(int r, std::int64_t cursor) const
{
    if (!m_layout || r < 0 || r >= m_layout->rowCount())
        return false;
    const Trace &trace = *m_layout->trace();
    const Lane &lane = trace.lanes[m_layout->row(r).lane];
    if (lane.kind == LaneKind::Loop || !m_filter.isActive())
        return true;
    if (m_filter.onlyPrinting && m_layout->row(r).outputs.empty())
        return false;
    if (m_filter.hideFinished || m_filter.state != LaneFilter::State::Any) {
        const LaneState state = m_layout->laneStateAt(r, cursor);
        if (m_filter.hideFinished && state == LaneState::Done)
            return false;
        switch (m_filter.state) {
        case LaneFilter::State::Any:
            break;
        case LaneFilter::State::NotStarted:
            if (state != LaneState::NotStarted)
                return false;
            break;
        case LaneFilter::State::Running:
            if (state != LaneState::Running)
                return false;
            break;
        case LaneFilter::State::Waiting:
            if (state != LaneState::Waiting)
                return false;
            break;
        case LaneFilter::State::Done:
            if (state != LaneState::Done)
                return false;
            break;
        }
    }
    if (!m_filter.text.empty()) {
        const auto &kinds = m_kindNames.empty() ? defaultKindNames() : m_kindNames;
        const auto k = std::size_t(lane.kind);
        const bool kindMatches = k < kinds.size() && containsNoCase(kinds[k], m_filter.text);
        if (!kindMatches && !containsNoCase(trace.laneName(m_layout->row(r).lane), m_filter.text))
            return false;
    }
    return true;
}

bool TimelineLanes::cursorChanged(std::int64_t cursor)
{
    if (!m_filter.dependsOnCursor() || !m_layout || cursor == m_filterCursor)
        return false;
    m_filterCursor = cursor;
    bool changed = false;
    for (int r = 0; r < m_layout->rowCount(); ++r) {
        const std::uint8_t p = passes(r, cursor) ? 1 : 0;
        if (p != m_passes[std::size_t(r)]) {
            m_passes[std::size_t(r)] = p;
            changed = true;
        }
    }
    return changed;
}

void TimelineLanes::arrange(const LaneHeights &heights, int viewHeight, std::int64_t cursor)
{
    m_heights = heights;
    m_viewHeight = viewHeight;
    m_rows.clear();
    m_laneRows = 0;
    if (!m_layout)
        return;
    const TimelineLayout &layout = *m_layout;
    const int n = layout.rowCount();
    m_filterCursor = cursor;
    for (int r = 0; r < n; ++r)
        m_passes[std::size_t(r)] = passes(r, cursor) ? 1 : 0;
    for (LaneGroup &g : m_groups)
        g.shown = int(std::count_if(g.rows.begin(), g.rows.end(),
                                    [&](int r) { return m_passes[std::size_t(r)] != 0; }));

    // Rows in order: single lanes as they come, each group where its first member is.
    m_rowOfLayoutRow.assign(std::size_t(n), -1);
    std::vector<std::uint8_t> emitted(m_groups.size(), 0);
    const bool opened = m_filter.opensGroups();
    for (int r = 0; r < n; ++r) {
        const int g = m_groupOfRow[std::size_t(r)];
        if (g < 0) {
            if (m_passes[std::size_t(r)]) {
                m_rowOfLayoutRow[std::size_t(r)] = int(m_rows.size());
                m_rows.push_back({LaneRow::Lane, r, -1, 0, 0});
                ++m_laneRows;
            }
            continue;
        }
        if (emitted[std::size_t(g)])
            continue;
        emitted[std::size_t(g)] = 1;
        const LaneGroup &group = m_groups[std::size_t(g)];
        if (group.shown == 0)
            continue;
        if (group.collapsed && !opened) {
            const int summary = int(m_rows.size());
            m_rows.push_back({LaneRow::GroupSummary, g, g, 0, 0});
            for (int member : group.rows)
                if (m_passes[std::size_t(member)])
                    m_rowOfLayoutRow[std::size_t(member)] = summary;
            continue;
        }
        m_rows.push_back({LaneRow::GroupHeader, g, g, 0, 0});
        for (int member : group.rows) {
            if (!m_passes[std::size_t(member)])
                continue;
            m_rowOfLayoutRow[std::size_t(member)] = int(m_rows.size());
            m_rows.push_back({LaneRow::Lane, member, g, 0, 0});
            ++m_laneRows;
        }
    }
    resolveDensity();

    // Heights. Compact: single lanes and headers get one text line, the crowd (a group's lanes, or
    // every task of an ungrouped run) shares what is left of the view, within [minCompact, line].
    const bool roomy = m_effectiveDensity == LaneDensity::Roomy;
    int crowdHeight = heights.line;
    if (!roomy) {
        const bool anyGrouped = std::any_of(m_rows.begin(), m_rows.end(), [](const LaneRow &row) {
            return row.kind == LaneRow::Lane && row.group >= 0;
        });
        long long fixed = 0;
        int crowd = 0;
        for (const LaneRow &row : m_rows) {
            const bool loop = row.kind == LaneRow::Lane && layout.rowKind(row.index) == LaneKind::Loop;
            if (row.kind == LaneRow::GroupSummary)
                fixed += heights.summary;
            else if (row.kind == LaneRow::GroupHeader || loop || (anyGrouped && row.group < 0))
                fixed += heights.line;
            else
                ++crowd;
        }
        if (crowd > 0)
            crowdHeight = int(std::clamp<long long>((viewHeight - fixed) / crowd, heights.minCompact, heights.line));
        for (LaneRow &row : m_rows) {
            const bool loop = row.kind == LaneRow::Lane && layout.rowKind(row.index) == LaneKind::Loop;
            if (row.kind == LaneRow::GroupSummary)
                row.height = heights.summary;
            else if (row.kind == LaneRow::GroupHeader || loop || (anyGrouped && row.group < 0))
                row.height = heights.line;
            else
                row.height = crowdHeight;
        }
    } else {
        for (LaneRow &row : m_rows)
            row.height = row.kind == LaneRow::Lane ? heights.roomy
                : row.kind == LaneRow::GroupHeader ? heights.line
                                                   : heights.roomy;
    }
    // Room to spare: folded groups' summaries grow into it (up to three roomy rows), so that their
    // counts read from the back of a room.
    long long content = 0;
    int summaries = 0;
    for (const LaneRow &row : m_rows) {
        content += row.height;
        summaries += row.kind == LaneRow::GroupSummary ? 1 : 0;
    }
    if (summaries > 0 && content < viewHeight) {
        const int grow = int(std::min<long long>((viewHeight - content) / summaries, 3LL * heights.roomy));
        for (LaneRow &row : m_rows)
            if (row.kind == LaneRow::GroupSummary)
                row.height = std::max(row.height, std::min(row.height + grow, 3 * heights.roomy));
    }
    int top = 0;
    for (LaneRow &row : m_rows) {
        row.top = top;
        top += row.height;
    }
}

void TimelineLanes::resolveDensity()
{
    if (m_density != LaneDensity::Auto) {
        m_effectiveDensity = m_density;
        return;
    }
    m_effectiveDensity = m_laneRows <= kRoomyMaxLanes ? LaneDensity::Roomy : LaneDensity::Compact;
    // A big run folded down to a few rows: roomy when they fit, else compact (small runs, which
    // have no groups, keep their roomy rows and scroll as they always did).
    if (m_effectiveDensity == LaneDensity::Roomy && !m_groups.empty()) {
        long long roomy = 0;
        for (const LaneRow &row : m_rows)
            roomy += row.kind == LaneRow::GroupHeader ? m_heights.line : m_heights.roomy;
        if (roomy > m_viewHeight)
            m_effectiveDensity = LaneDensity::Compact;
    }
}

int TimelineLanes::rowAt(double y) const
{
    if (m_rows.empty() || y < 0 || y >= contentHeight())
        return -1;
    const auto it = std::partition_point(m_rows.begin(), m_rows.end(),
                                         [&](const LaneRow &row) { return row.top + row.height <= y; });
    return it == m_rows.end() ? -1 : int(it - m_rows.begin());
}

void TimelineLanes::visibleRows(double scroll, double height, int &first, int &last) const
{
    first = last = 0;
    if (m_rows.empty() || height <= 0)
        return;
    const auto begin = std::partition_point(m_rows.begin(), m_rows.end(),
                                            [&](const LaneRow &row) { return row.top + row.height <= scroll; });
    const auto end = std::partition_point(begin, m_rows.end(),
                                          [&](const LaneRow &row) { return row.top < scroll + height; });
    first = int(begin - m_rows.begin());
    last = int(end - m_rows.begin());
}

int TimelineLanes::rowOfLayoutRow(int layoutRow) const
{
    return layoutRow >= 0 && std::size_t(layoutRow) < m_rowOfLayoutRow.size()
        ? m_rowOfLayoutRow[std::size_t(layoutRow)]
        : -1;
}

} // namespace coroscope
