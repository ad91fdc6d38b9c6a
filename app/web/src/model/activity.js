// How many lanes of a group wait, run, are done at each event: what a folded group's summary lane
// draws. A port of app/timeline/LaneGroupActivity.cpp (a byte per event of the group's extent, the
// counts kept every 256 events).
import { SpanState } from './layout.js';

const None = 0, Pending = 1, Running = 2, Waiting = 3;
const kDone = 0x10;
const kBlock = 256;

function stateOf(s) {
    return s === SpanState.Pending ? Pending : s === SpanState.Suspended ? Waiting : Running;
}

function add(c, state, d) {
    if (state === Pending) c.pending += d;
    else if (state === Running) c.running += d;
    else if (state === Waiting) c.waiting += d;
}

function apply(c, mark) {
    if (mark === 0) return;
    add(c, mark & 3, -1);
    add(c, (mark >> 2) & 3, 1);
    if (mark & kDone) ++c.done;
}

const zero = () => ({ pending: 0, running: 0, waiting: 0, done: 0 });

export class LaneGroupActivity {
    constructor(layout, rows) {
        this.members = rows.length;
        this.base = 0;
        this.lastSeq = 0;
        this.marks = new Uint8Array(0);
        this.blockStart = [];
        this.blockRuns = new Uint8Array(0);
        this.final = zero();
        this.peakAlive = 0;
        this.peakSeq = 0;
        let first = Infinity;
        let last = 0;
        for (const r of rows) {
            const row = layout.rows[r];
            if (row.spans.length === 0) continue;
            first = Math.min(first, row.spans[0].begin);
            last = Math.max(last, row.spans[row.spans.length - 1].end);
            if (row.events.length > 0) this.lastSeq = Math.max(this.lastSeq, row.events[row.events.length - 1]);
        }
        if (first > last) return;
        this.base = first;
        const marks = (this.marks = new Uint8Array(last - first + 1));
        for (const r of rows) {
            const spans = layout.rows[r].spans;
            for (const s of spans) {
                const state = stateOf(s.state);
                marks[s.begin - first] |= state << 2;
                if (!s.open) marks[s.end - first] |= state;
            }
            if (spans.length > 0 && !spans[spans.length - 1].open) marks[spans[spans.length - 1].end - first] |= kDone;
        }
        const blocks = Math.ceil(marks.length / kBlock);
        this.blockRuns = new Uint8Array(blocks);
        const now = zero();
        for (let i = 0; i < marks.length; ++i) {
            if (i % kBlock === 0) this.blockStart.push({ ...now });
            apply(now, marks[i]);
            if (now.running > 0) this.blockRuns[Math.floor(i / kBlock)] = 1;
            const alive = now.pending + now.running + now.waiting;
            if (alive > this.peakAlive) {
                this.peakAlive = alive;
                this.peakSeq = first + i;
            }
        }
        this.final = now;
    }

    get firstSeq() {
        return this.base;
    }
    isEmpty() {
        return this.marks.length === 0;
    }

    at(seq) {
        if (this.marks.length === 0 || seq < this.base) return zero();
        const i = seq - this.base;
        if (i >= this.marks.length) return { ...this.final };
        const block = Math.floor(i / kBlock);
        const c = { ...this.blockStart[block] };
        for (let k = block * kBlock; k <= i; ++k) apply(c, this.marks[k]);
        return c;
    }

    runsBetween(first, last) {
        const marks = this.marks;
        if (marks.length === 0 || last < first || last < this.base) return false;
        const end = this.base + marks.length - 1;
        if (first > end) return this.final.running > 0;
        let i = Math.max(first, this.base) - this.base;
        const stop = Math.min(last, end) - this.base;
        while (i <= stop) {
            const block = Math.floor(i / kBlock);
            const blockEnd = block * kBlock + kBlock - 1;
            if (i % kBlock === 0 && blockEnd <= stop) {
                if (this.blockRuns[block]) return true;
                i = blockEnd + 1;
                continue;
            }
            const c = { ...this.blockStart[block] };
            for (let k = block * kBlock; k < i; ++k) apply(c, marks[k]);
            for (let k = i; k <= Math.min(stop, blockEnd); ++k) {
                apply(c, marks[k]);
                if (c.running > 0) return true;
            }
            i = blockEnd + 1;
        }
        return last > end && this.final.running > 0;
    }
}
