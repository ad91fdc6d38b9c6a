// The event loop just after an event: ready queue, timers, synchronisation primitives, who runs, the
// clock. A port of core/trace/LoopState.cpp: replayed forwards from the last position, or from a
// checkpoint kept every `interval` events when stepping back.
import { EventKind as K, dueTime } from './decode.js';

const NoLane = -1;

export function parseSyncDetail(detail) {
    const space = detail.indexOf(' ');
    const name = space < 0 ? detail : detail.slice(0, space);
    const dash = name.lastIndexOf('-');
    const d = { name, kind: dash >= 0 ? name.slice(0, dash) : name, verb: '', rest: '' };
    if (space < 0) return d;
    const rest = detail.slice(space + 1);
    const verbEnd = rest.indexOf(' ');
    d.verb = verbEnd < 0 ? rest : rest.slice(0, verbEnd);
    if (verbEnd >= 0) d.rest = rest.slice(verbEnd + 1);
    return d;
}

export function syncField(d, key) {
    for (const item of d.rest.split(' '))
        if (item.length > key.length && item.startsWith(key) && item[key.length] === '=') return item.slice(key.length + 1);
    return '';
}

function toInt(text, fallback) {
    return /^[+-]?\d+/.test(text) ? parseInt(text, 10) : fallback;
}

// A FIFO that the loop takes from the front: an index moves, nothing shifts (a ready queue of 10,000
// tasks would cost a copy per event otherwise).
export class ReadyQueue {
    constructor(items = [], head = 0) {
        this.items = items;
        this.head = head;
    }
    get length() {
        return this.items.length - this.head;
    }
    push(item) {
        this.items.push(item);
    }
    // Removes the entry queued by event `event`; false when there is none.
    take(event) {
        const items = this.items;
        for (let i = this.head; i < items.length; ++i) {
            if (items[i].event !== event) continue;
            if (i === this.head) {
                items[i] = undefined;
                ++this.head;
                if (this.head > 1024 && this.head * 2 > items.length) {
                    this.items = items.slice(this.head);
                    this.head = 0;
                }
            } else {
                items.splice(i, 1);
            }
            return true;
        }
        return false;
    }
    has(event) {
        const items = this.items;
        for (let i = this.head; i < items.length; ++i) if (items[i].event === event) return true;
        return false;
    }
    toArray() {
        return this.items.slice(this.head);
    }
    // The first `n` entries.
    first(n) {
        return this.items.slice(this.head, this.head + n);
    }
    copy() {
        return new ReadyQueue(this.items.slice(this.head), 0);
    }
}

function emptyState() {
    return { ready: new ReadyQueue(), timers: [], primitives: [], running: NoLane, clock: 0 };
}

function copyState(s) {
    return {
        ready: s.ready.copy(),
        timers: s.timers.slice(),
        primitives: s.primitives.map((p) => ({ ...p, holders: p.holders.slice(), waiters: p.waiters.map((w) => ({ ...w })) })),
        running: s.running,
        clock: s.clock,
    };
}

function copyReplay(r) {
    return { state: copyState(r.state), position: r.position, stack: r.stack.slice(), inCallback: r.inCallback };
}

function newReplay() {
    return { state: emptyState(), position: -1, stack: [], inCallback: false };
}

function newPrimitive(name, kind) {
    return { name, kind, holders: [], waiters: [], value: -1, parties: -1, set: false, lock: '', lastEvent: -1 };
}

function findPrimitive(s, name) {
    for (let i = s.primitives.length - 1; i >= 0; --i) if (s.primitives[i].name === name) return s.primitives[i];
    return null;
}

function removeWaiter(p, lane) {
    const i = p.waiters.findIndex((w) => w.lane === lane);
    if (i >= 0) p.waiters.splice(i, 1);
}

function applySync(s, run, seq) {
    const d = parseSyncDetail(run.strings[run.detail[seq]]);
    let p = findPrimitive(s, d.name);
    if (d.verb === 'created' || !p) {
        if (p && d.verb === 'created') {
            Object.assign(p, newPrimitive(d.name, d.kind));
        } else {
            p = newPrimitive(d.name, d.kind);
            s.primitives.push(p);
        }
    }
    p.lastEvent = seq;
    let v = syncField(d, 'value');
    if (v) p.value = toInt(v, p.value);
    v = syncField(d, 'parties');
    if (v) p.parties = toInt(v, p.parties);
    v = syncField(d, 'lock');
    if (v) p.lock = v;
    const lane = run.lane[seq];
    switch (d.verb) {
    case 'acquire':
        removeWaiter(p, lane);
        if (p.kind === 'Lock') p.holders.length = 0;
        p.holders.push(lane);
        break;
    case 'release': {
        let i = p.holders.indexOf(lane);
        if (i < 0 && p.holders.length > 0) i = 0;
        if (i >= 0) p.holders.splice(i, 1);
        break;
    }
    case 'wait':
        p.waiters.push({ lane, woken: false });
        break;
    case 'cancel':
    case 'leave':
    case 'pass':
        removeWaiter(p, lane);
        break;
    case 'set':
    case 'abort':
        p.set = true;
        break;
    case 'clear':
    case 'reset':
        p.set = false;
        break;
    default:
        break;
    }
}

function markWoken(s, run, schedule) {
    const cause = run.cause[schedule];
    if (run.kind[cause] !== K.Sync) return;
    const d = parseSyncDetail(run.strings[run.detail[cause]]);
    const p = findPrimitive(s, d.name);
    if (!p) return;
    const lane = run.lane[schedule];
    for (const w of p.waiters) if (w.lane === lane) w.woken = true;
}

// Checkpoints hold copies of the queues: past this many entries in all of them, keep half as many.
const checkpointBudget = 1 << 21;

function entriesOf(r) {
    return 1 + r.state.ready.length + r.state.timers.length + r.stack.length + r.state.primitives.length;
}

export class LoopStateTracker {
    // JS replays an event more slowly than C++: checkpoints closer together (512, not 4096) keep a
    // step back under a millisecond or two.
    constructor(run, interval = 512) {
        this.run = run;
        this.interval = Math.max(1, interval);
        this.now = newReplay();
        this.checkpoints = [];
        this.checkpointEntries = 0;
    }

    // The state after event `seq` (seq < 0: before the first event).
    at(seq) {
        const run = this.run;
        if (run.n === 0 || seq < 0) return emptyState();
        seq = Math.min(seq, run.n - 1);
        if (seq < this.now.position) {
            let lo = 0;
            let hi = this.checkpoints.length;
            while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                if (this.checkpoints[mid].position <= seq) lo = mid + 1;
                else hi = mid;
            }
            this.now = lo === 0 ? newReplay() : copyReplay(this.checkpoints[lo - 1]);
        }
        while (this.now.position < seq) {
            this.apply(++this.now.position);
            if ((this.now.position + 1) % this.interval === 0) this.keepCheckpoint();
        }
        return this.now.state;
    }

    keepCheckpoint() {
        const cps = this.checkpoints;
        if (cps.length > 0 && cps[cps.length - 1].position >= this.now.position) return;
        cps.push(copyReplay(this.now));
        this.checkpointEntries += entriesOf(this.now);
        if (this.checkpointEntries <= checkpointBudget) return;
        // Over budget: double the interval and keep only the checkpoints that fall on it.
        this.interval *= 2;
        this.checkpoints = cps.filter((c) => (c.position + 1) % this.interval === 0);
        this.checkpointEntries = this.checkpoints.reduce((n, c) => n + entriesOf(c), 0);
    }

    apply(seq) {
        const run = this.run;
        const now = this.now;
        const s = now.state;
        const kind = run.kind[seq];
        const lane = run.lane[seq];
        const cause = run.cause[seq];
        s.clock = run.time[seq];
        const endCallbackSlice = () => {
            if (now.inCallback && now.stack.length > 0) now.stack.pop();
            now.inCallback = false;
        };
        const consume = (c) => s.ready.take(c);
        const disarm = (arm) => {
            const i = s.timers.findIndex((t) => t.armEvent === arm);
            if (i >= 0) s.timers.splice(i, 1);
        };
        switch (kind) {
        case K.Schedule:
            s.ready.push({ event: seq, lane, name: run.detail[seq] });
            if (cause >= 0 && cause < seq) markWoken(s, run, seq);
            break;
        case K.Sync:
            applySync(s, run, seq);
            break;
        case K.TimerArm: {
            const t = { armEvent: seq, lane, due: dueTime(run, seq), name: run.detail[seq] };
            // After those due before it, or at the same time and armed before it (upper_bound).
            let lo = 0;
            let hi = s.timers.length;
            while (lo < hi) {
                const mid = (lo + hi) >>> 1;
                const m = s.timers[mid];
                const less = t.due !== m.due ? t.due < m.due : t.armEvent < m.armEvent;
                if (less) hi = mid;
                else lo = mid + 1;
            }
            s.timers.splice(lo, 0, t);
            break;
        }
        case K.Clock:
            endCallbackSlice();
            break;
        case K.TimerFire:
            endCallbackSlice();
            disarm(cause);
            s.ready.push({ event: seq, lane, name: run.detail[seq] });
            break;
        case K.TimerCancel:
            disarm(cause);
            break;
        case K.Start:
        case K.Resume:
            if (cause >= 0 && s.ready.has(cause)) {
                endCallbackSlice();
                consume(cause);
            }
            now.stack.push(lane);
            break;
        case K.Enter:
            if (cause >= 0) consume(cause);
            break;
        case K.Callback:
            endCallbackSlice();
            consume(cause);
            now.stack.push(lane);
            now.inCallback = true;
            break;
        case K.Suspend:
        case K.Done:
        case K.Error:
        case K.Cancel: {
            const i = now.stack.lastIndexOf(lane);
            if (i >= 0) now.stack.splice(i, 1);
            break;
        }
        default:
            break;
        }
        s.running = now.stack.length === 0 ? NoLane : now.stack[now.stack.length - 1];
    }
}
