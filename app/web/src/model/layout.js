// The timeline's rows, spans and arrows: a port of app/timeline/TimelineLayout.cpp, kept line for line
// so that the page draws what the window draws (test/agreement checks both give the same for every
// sample). Positions are event numbers; both axes derive from them.
import { EventKind as K, LaneKind } from './decode.js';

export const SpanState = Object.freeze({ Pending: 0, Running: 1, Suspended: 2, Idle: 3 });
export const LaneState = Object.freeze({ NotStarted: 0, Running: 1, Waiting: 2, Done: 3 });
export const ArrowKind = Object.freeze({ Wakeup: 0, Start: 1 });
export const Axis = Object.freeze({ Steps: 0, Time: 1 });

const NoLane = -1;

function isLaneEnd(k) {
    return k === K.Done || k === K.Error || k === K.Cancel;
}

// A span: five fields, the state and three flags packed in one (a run has hundreds of thousands).
class Span {
    constructor(begin, end, label, owner, bits) {
        this.begin = begin;
        this.end = end;
        this.label = label;
        this.owner = owner;
        this.bits = bits;
    }
    get state() {
        return this.bits & 3;
    }
    get open() {
        return (this.bits & 4) !== 0;
    }
    get endsBeforeJump() {
        return (this.bits & 8) !== 0;
    }
    get beginsBeforeJump() {
        return (this.bits & 16) !== 0;
    }
}

function span(begin, end, label, owner, state, open, endsBeforeJump = false, beginsBeforeJump = false) {
    return new Span(begin, end, label, owner, state | (open ? 4 : 0) | (endsBeforeJump ? 8 : 0) | (beginsBeforeJump ? 16 : 0));
}

// The first index in [lo, hi) for which pred is false (pred true for a prefix).
export function partitionPoint(lo, hi, pred) {
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (pred(mid)) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

export class TimelineLayout {
    constructor(run) {
        this.run = run;
        this.rows = [];
        this.rowOfLane = new Int32Array(run.laneCount).fill(-1);
        this.arrows = [];
        this.loopRow = -1;
        this.build();
    }

    build() {
        const run = this.run;
        const { n, kind: kinds, lane: lanes, cause: causes, detail: details, laneKind } = run;
        const laneCount = run.laneCount;
        const rows = this.rows;
        for (let pass = 0; pass < 2; ++pass) {
            for (let lane = 0; lane < laneCount; ++lane) {
                const loop = laneKind[lane] === LaneKind.Loop;
                if (loop !== (pass === 0)) continue;
                this.rowOfLane[lane] = rows.length;
                rows.push({ lane, spans: [], events: [], outputs: [], runSteps: null, runNs: null });
            }
        }
        this.loopRow = rows.length === 0 || laneKind[rows[0].lane] !== LaneKind.Loop ? -1 : 0;

        // Per-row counts first, so that each row's event lists are filled in place.
        const perLane = new Uint32Array(laneCount);
        const outputsPerLane = new Uint32Array(laneCount);
        for (let seq = 0; seq < n; ++seq) {
            ++perLane[lanes[seq]];
            if (kinds[seq] === K.Output) ++outputsPerLane[lanes[seq]];
        }
        for (const row of rows) {
            row.events = new Uint32Array(perLane[row.lane]);
            row.outputs = new Uint32Array(outputsPerLane[row.lane]);
        }
        const eventFill = new Uint32Array(laneCount);
        const outputFill = new Uint32Array(laneCount);

        const openActive = new Uint8Array(laneCount);
        const openBegin = new Uint32Array(laneCount);
        const openLabel = new Uint32Array(laneCount);
        const openState = new Uint8Array(laneCount);
        const lastArrowFrom = new Int32Array(laneCount).fill(-1);
        const closeSpan = (lane, seq, stillOpen) => {
            if (!openActive[lane]) return;
            openActive[lane] = 0;
            if (seq <= openBegin[lane] && !stillOpen) return;
            rows[this.rowOfLane[lane]].spans.push(
                span(openBegin[lane], seq, openLabel[lane], lane, openState[lane], stillOpen));
        };
        const openSpan = (lane, seq, state, label) => {
            openActive[lane] = 1;
            openBegin[lane] = seq;
            openLabel[lane] = label;
            openState[lane] = state;
        };

        const stack = [];
        let inCallback = false;
        let callbackLabel = 0;
        let segmentRow = this.loopRow;
        let owner = NoLane;
        let segmentBegin = 0;
        let segmentLabel = 0;
        let idleOpen = false;
        let segmentJump = false;
        let clockLabel = 0;
        const endCallbackSlice = () => {
            if (inCallback && stack.length > 0) stack.pop();
            inCallback = false;
        };
        const pushSegment = (s) => {
            if (segmentRow >= 0 && (s.end > s.begin || s.open)) rows[segmentRow].spans.push(s);
        };
        const time = run.time;

        for (let seq = 0; seq < n; ++seq) {
            const lane = lanes[seq];
            const kind = kinds[seq];
            const rowIndex = this.rowOfLane[lane];
            const row = rows[rowIndex];
            row.events[eventFill[lane]++] = seq;
            const loopLane = laneKind[lane] === LaneKind.Loop;
            if (loopLane) segmentRow = rowIndex;

            if (!loopLane) {
                switch (kind) {
                case K.Create:
                    if (!openActive[lane]) openSpan(lane, seq, SpanState.Pending, 0);
                    break;
                case K.Start:
                case K.Resume:
                    closeSpan(lane, seq, false);
                    openSpan(lane, seq, SpanState.Running, 0);
                    break;
                case K.Suspend:
                    closeSpan(lane, seq, false);
                    openSpan(lane, seq, SpanState.Suspended, details[seq]);
                    break;
                case K.Done:
                case K.Error:
                case K.Cancel:
                    closeSpan(lane, seq, false);
                    break;
                default:
                    break;
                }
            }
            if (kind === K.Output) row.outputs[outputFill[lane]++] = seq;

            const cause = causes[seq];
            const handOver = kind === K.Enter && cause >= 0 && cause < seq
                && (kinds[cause] === K.Submit || kinds[cause] === K.Schedule);
            if ((kind === K.Resume || kind === K.Start || handOver) && cause >= 0 && cause < seq) {
                let from = cause;
                if (kinds[from] === K.Schedule && causes[from] >= 0 && causes[from] < from) from = causes[from];
                if (lanes[from] !== lane && lastArrowFrom[lane] !== from) {
                    this.arrows.push({ from, to: seq, kind: kind === K.Resume ? ArrowKind.Wakeup : ArrowKind.Start });
                    lastArrowFrom[lane] = from;
                }
            }

            if (laneKind[lane] === LaneKind.Worker) continue;

            switch (kind) {
            case K.Clock:
                endCallbackSlice();
                if (loopLane) clockLabel = details[seq];
                break;
            case K.TimerFire:
                endCallbackSlice();
                break;
            case K.Start:
            case K.Resume:
                if (cause >= 0 && cause < seq) {
                    const ck = kinds[cause];
                    if (ck === K.Schedule || ck === K.TimerFire) endCallbackSlice();
                }
                stack.push(lane);
                break;
            case K.Callback:
                endCallbackSlice();
                stack.push(lane);
                inCallback = true;
                callbackLabel = details[seq];
                break;
            default:
                if (isLaneEnd(kind) || kind === K.Suspend) {
                    const at = stack.lastIndexOf(lane);
                    if (at >= 0) stack.splice(at, 1);
                }
                break;
            }
            const now = stack.length === 0 ? NoLane : stack[stack.length - 1];
            const loopRuns = now !== NoLane && laneKind[now] === LaneKind.Loop;
            const label = loopRuns && inCallback ? callbackLabel : 0;
            if (now !== owner || label !== segmentLabel || kind === K.Callback) {
                const jump = kind === K.Clock && loopLane && seq > 0;
                if (owner !== NoLane) {
                    pushSegment(span(segmentBegin, seq, segmentLabel, owner, SpanState.Running, false,
                        jump && seq - 1 >= segmentBegin, segmentJump));
                } else if (idleOpen) {
                    if (clockLabel !== 0 || time[seq] > time[segmentBegin])
                        pushSegment(span(segmentBegin, seq, clockLabel, NoLane, SpanState.Idle, false, false, segmentJump));
                }
                owner = now;
                segmentBegin = seq;
                segmentLabel = label;
                segmentJump = jump;
                idleOpen = now === NoLane;
                clockLabel = jump ? details[seq] : 0;
            }
        }

        if (n > 0) {
            const last = n - 1;
            for (let lane = 0; lane < laneCount; ++lane) closeSpan(lane, last, true);
            if (owner !== NoLane) pushSegment(span(segmentBegin, last, segmentLabel, owner, SpanState.Running, true));
        }

        for (const row of rows) {
            const m = row.spans.length;
            row.runSteps = new Float64Array(m + 1);
            row.runNs = new Float64Array(m + 1);
            let steps = 0;
            let ns = 0;
            for (let i = 0; i < m; ++i) {
                row.runSteps[i] = steps;
                row.runNs[i] = ns;
                const s = row.spans[i];
                if (s.state === SpanState.Running) {
                    steps += s.end - s.begin;
                    ns += this.spanEndNs(s) - this.spanStartNs(s);
                }
            }
            row.runSteps[m] = steps;
            row.runNs[m] = ns;
        }
    }

    get eventCount() {
        return this.run.n;
    }
    get rowCount() {
        return this.rows.length;
    }
    rowName(r) {
        return this.run.strings[this.run.laneName[this.rows[r].lane]];
    }
    rowKind(r) {
        return this.run.laneKind[this.rows[r].lane];
    }
    spanLabel(s) {
        return s.label < this.run.strings.length ? this.run.strings[s.label] : '';
    }
    arrowCount(kind) {
        return this.arrows.filter((a) => a.kind === kind).length;
    }

    x(seq, axis) {
        return axis === Axis.Steps ? seq : this.run.time[seq] * 1e-9;
    }
    spanStart(s, axis) {
        return this.x(axis === Axis.Time && s.beginsBeforeJump ? s.begin - 1 : s.begin, axis);
    }
    spanEnd(s, axis) {
        return this.x(axis === Axis.Time && s.endsBeforeJump ? s.end - 1 : s.end, axis);
    }
    spanStartNs(s) {
        return this.run.time[s.beginsBeforeJump ? s.begin - 1 : s.begin];
    }
    spanEndNs(s) {
        return this.run.time[s.endsBeforeJump ? s.end - 1 : s.end];
    }
    dataRange(axis) {
        if (this.run.n === 0) return { start: 0, end: 0 };
        return { start: this.x(0, axis), end: this.x(this.run.n - 1, axis) };
    }

    spansIn(r, range, axis) {
        const spans = this.rows[r].spans;
        const first = partitionPoint(0, spans.length, (i) => this.spanEnd(spans[i], axis) < range.start);
        const last = partitionPoint(first, spans.length, (i) => this.spanStart(spans[i], axis) <= range.end);
        return [first, last];
    }
    seqsIn(seqs, range, axis) {
        const first = partitionPoint(0, seqs.length, (i) => this.x(seqs[i], axis) < range.start);
        const last = partitionPoint(first, seqs.length, (i) => this.x(seqs[i], axis) <= range.end);
        return [first, last];
    }
    eventsIn(r, range, axis) {
        return this.seqsIn(this.rows[r].events, range, axis);
    }
    outputsIn(r, range, axis) {
        return this.seqsIn(this.rows[r].outputs, range, axis);
    }
    arrowsIn(range, axis) {
        const arrows = this.arrows;
        const first = partitionPoint(0, arrows.length, (i) => this.x(arrows[i].to, axis) < range.start);
        const reach = range.end + (range.end - range.start);
        const last = partitionPoint(first, arrows.length, (i) => this.x(arrows[i].to, axis) <= reach);
        return [first, last];
    }

    busyFraction(r, first, last, axis) {
        const row = this.rows[r];
        if (last <= first) return 0;
        const a = row.spans[first];
        const b = row.spans[last - 1];
        if (axis === Axis.Time) {
            const extent = this.spanEndNs(b) - this.spanStartNs(a);
            if (extent > 0) return (row.runNs[last] - row.runNs[first]) / extent;
        }
        const extent = b.end - a.begin;
        return extent > 0 ? (row.runSteps[last] - row.runSteps[first]) / extent : 0;
    }

    // Spans of row r in range, runs narrower than minPixels merged (TimelineLayout::lodSpans).
    lodSpans(r, range, axis, pixelsPerUnit, minPixels, out) {
        out.length = 0;
        if (r < 0 || r >= this.rows.length || !(pixelsPerUnit > 0)) return out;
        const spans = this.rows[r].spans;
        const [first, last] = this.spansIn(r, range, axis);
        const minUnits = minPixels / pixelsPerUnit;
        const single = (i) => {
            const s = spans[i];
            out.push({ start: this.spanStart(s, axis), end: this.spanEnd(s, axis), first: i, count: 1,
                busy: s.state === SpanState.Running ? 1 : 0 });
        };
        let i = first;
        while (i < last) {
            const s = this.spanStart(spans[i], axis);
            const e = this.spanEnd(spans[i], axis);
            if (e - s >= minUnits) {
                single(i++);
                continue;
            }
            const limit = s + minUnits;
            let j = partitionPoint(i + 1, last, (k) => this.spanStart(spans[k], axis) < limit);
            if (j - 1 > i && this.spanEnd(spans[j - 1], axis) - this.spanStart(spans[j - 1], axis) >= minUnits) --j;
            if (j === i + 1) {
                single(i++);
                continue;
            }
            out.push({ start: s, end: this.spanEnd(spans[j - 1], axis), first: i, count: j - i,
                busy: this.busyFraction(r, i, j, axis) });
            i = j;
        }
        return out;
    }

    laneStateAt(r, seq) {
        if (r < 0 || r >= this.rows.length || seq < 0) return LaneState.NotStarted;
        const spans = this.rows[r].spans;
        const it = partitionPoint(0, spans.length, (i) => spans[i].begin <= seq);
        if (it === 0) return LaneState.NotStarted;
        const s = spans[it - 1];
        if (!s.open && seq >= s.end && it === spans.length) return LaneState.Done;
        switch (s.state) {
        case SpanState.Pending: return LaneState.NotStarted;
        case SpanState.Suspended: return LaneState.Waiting;
        default: return LaneState.Running;
        }
    }

    // The event at x: steps round to the nearest column, time takes the last event at or before x.
    eventAt(xv, axis) {
        const n = this.run.n;
        if (n === 0) return -1;
        if (axis === Axis.Steps) {
            const r = Math.floor(xv + 0.5);
            return r < 0 ? -1 : Math.min(r, n - 1);
        }
        const time = this.run.time;
        return partitionPoint(0, n, (i) => time[i] * 1e-9 <= xv) - 1;
    }

    nearestEventInRow(r, xv, axis, maxDistance) {
        if (r < 0 || r >= this.rows.length) return -1;
        const seqs = this.rows[r].events;
        const p = partitionPoint(0, seqs.length, (i) => this.x(seqs[i], axis) < xv);
        let best = -1;
        let bestDistance = maxDistance;
        if (p > 0) {
            const s = seqs[p - 1];
            const d = xv - this.x(s, axis);
            if (d <= bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        if (p < seqs.length) {
            const px = this.x(seqs[p], axis);
            const q = partitionPoint(p, seqs.length, (i) => this.x(seqs[i], axis) <= px);
            const s = seqs[q - 1];
            if (px - xv <= bestDistance) best = s;
        }
        return best;
    }
}
