// From the layout's rows (one per lane) to the rows drawn: groups of many lanes of one coroutine
// function, folded when they do not fit, and the rows' heights. A port of app/timeline/TimelineLanes.cpp
// (grouping by function, as the window's default; no lane filter).
import { LaneKind } from './decode.js';
import { partitionPoint } from './layout.js';

export const kMinGroupSize = 8;
export const kRoomyMaxLanes = 16;
export const RowKind = Object.freeze({ Lane: 0, GroupHeader: 1, GroupSummary: 2 });
export const Density = Object.freeze({ Roomy: 0, Compact: 1 });

function isDigit(c) {
    return c >= '0' && c <= '9';
}

// "Task-12 download()" -> "download()"; "ThreadPoolExecutor-0_3" -> "ThreadPoolExecutor-0".
export function functionKey(name) {
    if (name.startsWith('Task-')) {
        let i = 5;
        while (i < name.length && isDigit(name[i])) ++i;
        if (i > 5 && i === name.length) return 'Task';
        if (i > 5 && name[i] === ' ') return name.slice(i + 1);
    }
    let end = name.length;
    while (end > 0 && isDigit(name[end - 1])) --end;
    if (end < name.length && end > 0 && name[end - 1] === '_') return name.slice(0, end - 1);
    return name;
}

export class TimelineLanes {
    constructor(layout) {
        this.layout = layout;
        this.groups = [];
        const n = layout.rowCount;
        this.groupOfRow = new Int32Array(n).fill(-1);
        this.rows = [];
        this.rowOfLayoutRow = new Int32Array(n).fill(-1);
        this.density = Density.Roomy;
        this.laneRows = 0;
        this.heights = null;
        this.viewHeight = 0;
        if (n <= kRoomyMaxLanes) return;
        const run = layout.run;
        // Members by key, in row (creation) order.
        const byFunction = new Map();
        for (let r = 0; r < n; ++r) {
            const lane = layout.rows[r].lane;
            const kind = run.laneKind[lane];
            if (kind === LaneKind.Loop || kind === LaneKind.Module) continue;
            const key = functionKey(layout.rowName(r));
            let members = byFunction.get(key);
            if (!members) byFunction.set(key, (members = []));
            members.push(r);
        }
        for (const [title, rows] of byFunction)
            if (rows.length >= kMinGroupSize) this.groups.push({ title, rows, collapsed: false });
        this.groups.sort((a, b) => a.rows[0] - b.rows[0]);
        this.groups.forEach((g, i) => {
            for (const r of g.rows) this.groupOfRow[r] = i;
        });
    }

    setAllCollapsed(collapsed) {
        for (const g of this.groups) g.collapsed = collapsed;
    }

    // All groups open, then the largest ones fold until the rest fits at the thinnest compact rows.
    collapseToFit(heights, viewHeight) {
        this.setAllCollapsed(false);
        if (this.groups.length === 0) return;
        let grouped = 0;
        for (const g of this.groups) grouped += g.rows.length;
        const singles = this.layout.rowCount - grouped;
        const needed = () => {
            let h = singles * heights.line;
            for (const g of this.groups) h += g.collapsed ? heights.summary : heights.line + g.rows.length * heights.minCompact;
            return h;
        };
        const order = this.groups.map((_, i) => i);
        // Largest first; of equal ones the later (a stable sort keeps their order).
        order.sort((a, b) => this.groups[b].rows.length - this.groups[a].rows.length);
        for (const g of order) {
            if (needed() <= viewHeight) break;
            this.groups[g].collapsed = true;
        }
    }

    arrange(heights, viewHeight) {
        this.heights = heights;
        this.viewHeight = viewHeight;
        const layout = this.layout;
        const n = layout.rowCount;
        const rows = [];
        this.laneRows = 0;
        this.rowOfLayoutRow.fill(-1);
        const emitted = new Uint8Array(this.groups.length);
        for (let r = 0; r < n; ++r) {
            const g = this.groupOfRow[r];
            if (g < 0) {
                this.rowOfLayoutRow[r] = rows.length;
                rows.push({ kind: RowKind.Lane, index: r, group: -1, top: 0, height: 0 });
                ++this.laneRows;
                continue;
            }
            if (emitted[g]) continue;
            emitted[g] = 1;
            const group = this.groups[g];
            if (group.collapsed) {
                const summary = rows.length;
                rows.push({ kind: RowKind.GroupSummary, index: g, group: g, top: 0, height: 0 });
                for (const member of group.rows) this.rowOfLayoutRow[member] = summary;
                continue;
            }
            rows.push({ kind: RowKind.GroupHeader, index: g, group: g, top: 0, height: 0 });
            for (const member of group.rows) {
                this.rowOfLayoutRow[member] = rows.length;
                rows.push({ kind: RowKind.Lane, index: member, group: g, top: 0, height: 0 });
                ++this.laneRows;
            }
        }
        this.rows = rows;
        this.resolveDensity();

        const roomy = this.density === Density.Roomy;
        const isLoop = (row) => row.kind === RowKind.Lane && layout.rowKind(row.index) === LaneKind.Loop;
        if (!roomy) {
            const anyGrouped = rows.some((row) => row.kind === RowKind.Lane && row.group >= 0);
            let fixed = 0;
            let crowd = 0;
            for (const row of rows) {
                if (row.kind === RowKind.GroupSummary) fixed += heights.summary;
                else if (row.kind === RowKind.GroupHeader || isLoop(row) || (anyGrouped && row.group < 0)) fixed += heights.line;
                else ++crowd;
            }
            let crowdHeight = heights.line;
            if (crowd > 0)
                crowdHeight = Math.min(Math.max(Math.trunc((viewHeight - fixed) / crowd), heights.minCompact), heights.line);
            for (const row of rows) {
                if (row.kind === RowKind.GroupSummary) row.height = heights.summary;
                else if (row.kind === RowKind.GroupHeader || isLoop(row) || (anyGrouped && row.group < 0)) row.height = heights.line;
                else row.height = crowdHeight;
            }
        } else {
            for (const row of rows)
                row.height = row.kind === RowKind.GroupHeader ? heights.line : heights.roomy;
        }
        let content = 0;
        let summaries = 0;
        for (const row of rows) {
            content += row.height;
            if (row.kind === RowKind.GroupSummary) ++summaries;
        }
        if (summaries > 0 && content < viewHeight) {
            const grow = Math.min(Math.trunc((viewHeight - content) / summaries), 3 * heights.roomy);
            for (const row of rows)
                if (row.kind === RowKind.GroupSummary)
                    row.height = Math.max(row.height, Math.min(row.height + grow, 3 * heights.roomy));
        }
        let top = 0;
        for (const row of rows) {
            row.top = top;
            top += row.height;
        }
    }

    resolveDensity() {
        this.density = this.laneRows <= kRoomyMaxLanes ? Density.Roomy : Density.Compact;
        if (this.density === Density.Roomy && this.groups.length > 0) {
            let roomy = 0;
            for (const row of this.rows) roomy += row.kind === RowKind.GroupHeader ? this.heights.line : this.heights.roomy;
            if (roomy > this.viewHeight) this.density = Density.Compact;
        }
    }

    get count() {
        return this.rows.length;
    }
    contentHeight() {
        const last = this.rows[this.rows.length - 1];
        return last ? last.top + last.height : 0;
    }
    rowAt(y) {
        const rows = this.rows;
        if (rows.length === 0 || y < 0 || y >= this.contentHeight()) return -1;
        const it = partitionPoint(0, rows.length, (i) => rows[i].top + rows[i].height <= y);
        return it === rows.length ? -1 : it;
    }
    visibleRows(scroll, height) {
        const rows = this.rows;
        if (rows.length === 0 || height <= 0) return [0, 0];
        const first = partitionPoint(0, rows.length, (i) => rows[i].top + rows[i].height <= scroll);
        const last = partitionPoint(first, rows.length, (i) => rows[i].top < scroll + height);
        return [first, last];
    }
    rowOfLayout(r) {
        return r >= 0 && r < this.rowOfLayoutRow.length ? this.rowOfLayoutRow[r] : -1;
    }
    // The drawn row of a trace lane (its own, or its group's summary), or -1.
    rowOfLane(lane) {
        return this.rowOfLayout(this.layout.rowOfLane[lane]);
    }
}
