// The run as the exported page carries it (docs/web-page.md, "The embedded run"): a JSON object
// whose bulky parts (events, lanes, locations, timer dues) are base64 strings of LEB128 varints.
// decodeRun() turns it into typed arrays, one per event field, the shape every other module reads.

export const EventKind = Object.freeze({
    Create: 0, Start: 1, Suspend: 2, Resume: 3, Output: 4, Enter: 5, Leave: 6, Done: 7, Error: 8,
    Cancel: 9, Schedule: 10, Callback: 11, TimerArm: 12, TimerFire: 13, TimerCancel: 14, Clock: 15,
    Fault: 16, Submit: 17, Sync: 18,
});
// The names of the trace format (core/trace/Trace.cpp), indexed by kind.
export const eventKindNames = [
    'create', 'start', 'suspend', 'resume', 'output', 'enter', 'leave', 'done', 'error', 'cancel',
    'schedule', 'callback', 'timer-arm', 'timer-fire', 'timer-cancel', 'clock', 'fault', 'submit', 'sync',
];
export const LaneKind = Object.freeze({ Module: 0, Loop: 1, Task: 2, Coroutine: 3, Generator: 4, Worker: 5 });
export const NoEvent = -1;
export const NoLane = -1;

export class FormatError extends Error {}

export function base64Bytes(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    return bytes;
}

// Unsigned LEB128, up to 2^53 (JS numbers): multiplications, not 32-bit shifts.
export class VarintReader {
    constructor(bytes) {
        this.bytes = bytes;
        this.pos = 0;
    }
    next() {
        const bytes = this.bytes;
        let result = 0;
        let scale = 1;
        for (;;) {
            if (this.pos >= bytes.length) throw new FormatError('the run data ends early');
            const b = bytes[this.pos++];
            result += (b & 0x7f) * scale;
            if (b < 0x80) return result;
            scale *= 128;
        }
    }
    // Zigzag: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...
    signed() {
        const v = this.next();
        return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
    }
    get done() {
        return this.pos >= this.bytes.length;
    }
}

function reader(part, what) {
    if (!part || typeof part.count !== 'number' || typeof part.data !== 'string')
        throw new FormatError(`the run has no ${what}`);
    return new VarintReader(base64Bytes(part.data));
}

// The run's events and tables. Times are nanoseconds of the run's clock (numbers: exact to 104 days).
export function decodeRun(data) {
    if (!data || data.format !== 1) throw new FormatError('this page holds a run in a format this viewer does not know');
    const strings = data.strings;
    if (!Array.isArray(strings) || strings[0] !== '') throw new FormatError('the run has no string table');
    const str = (id) => {
        if (id >= strings.length) throw new FormatError(`string ${id} is not in the table`);
        return id;
    };

    const laneIn = reader(data.lanes, 'lanes');
    const laneCount = data.lanes.count;
    const laneName = new Uint32Array(laneCount);
    const laneKind = new Uint8Array(laneCount);
    const laneParent = new Int32Array(laneCount);
    const laneCreated = new Uint32Array(laneCount);
    for (let i = 0; i < laneCount; ++i) {
        laneName[i] = str(laneIn.next());
        laneKind[i] = laneIn.next();
        laneParent[i] = laneIn.next() - 1;
        laneCreated[i] = laneIn.next();
    }

    const locIn = reader(data.locations, 'source locations');
    const locCount = data.locations.count;
    const locFile = new Uint32Array(locCount);
    const locLine = new Uint32Array(locCount);
    for (let i = 0; i < locCount; ++i) {
        locFile[i] = str(locIn.next());
        locLine[i] = locIn.next();
    }

    const evIn = reader(data.events, 'events');
    const n = data.events.count;
    const kind = new Uint8Array(n);
    const lane = new Uint32Array(n);
    const cause = new Int32Array(n);
    const detail = new Uint32Array(n);
    const loc = new Uint32Array(n);
    const time = new Float64Array(n);
    for (let i = 0; i < n; ++i) kind[i] = evIn.next();
    for (let i = 0; i < n; ++i) {
        const l = evIn.next();
        if (l >= laneCount) throw new FormatError(`event ${i} is on lane ${l}, which the run does not have`);
        lane[i] = l;
    }
    for (let i = 0; i < n; ++i) {
        const c = evIn.next();
        if (c === 0) {
            cause[i] = NoEvent;
        } else {
            const d = (c - 1) % 2 === 0 ? (c - 1) / 2 : -c / 2; // zigzag of seq - cause
            cause[i] = i - d;
        }
    }
    for (let i = 0; i < n; ++i) detail[i] = str(evIn.next());
    for (let i = 0; i < n; ++i) {
        const l = evIn.next();
        loc[i] = l < locCount ? l : 0;
    }
    let t = 0;
    for (let i = 0; i < n; ++i) {
        t += evIn.signed();
        time[i] = t;
    }

    // Timer dues the fires do not imply (Trace::timerDues), by arming event.
    const dues = new Map();
    if (data.timerDues) {
        const dueIn = reader(data.timerDues, 'timer dues');
        let arm = 0;
        for (let i = 0; i < data.timerDues.count; ++i) {
            arm += dueIn.next();
            dues.set(arm, dueIn.signed() + (arm < n ? time[arm] : 0));
        }
    }

    const run = {
        n, kind, lane, cause, detail, loc, time,
        strings,
        laneCount, laneName, laneKind, laneParent, laneCreated,
        locFile, locLine,
        dues,
        annotations: (data.annotations || []).map(([seq, note]) => ({ seq, note }))
            .filter((a) => a.seq >= 0 && a.seq < n).sort((a, b) => a.seq - b.seq),
        meta: new Map(data.meta || []),
        clock: data.clock === 'real' ? 'real' : 'virtual',
        title: data.title || '',
        sources: data.sources || {},
        sample: data.sample || null,
        view: data.view || {},
        kept: data.kept || { events: n, of: n },
    };
    run.fireOf = timerFires(run);
    return run;
}

// Which TimerFire fired each TimerArm (Trace::timerFireOf).
function timerFires(run) {
    const fires = new Map();
    for (let i = 0; i < run.n; ++i)
        if (run.kind[i] === EventKind.TimerFire && run.cause[i] >= 0 && !fires.has(run.cause[i]))
            fires.set(run.cause[i], i);
    return fires;
}

// Trace::dueTime: the recorded due, else the time of the fire, else -1.
export function dueTime(run, arm) {
    const due = run.dues.get(arm);
    if (due !== undefined) return due;
    const fire = run.fireOf.get(arm);
    return fire !== undefined ? run.time[fire] : -1;
}

export function laneNameOf(run, lane) {
    return lane >= 0 && lane < run.laneCount ? run.strings[run.laneName[lane]] : '';
}

export function detailOf(run, seq) {
    return run.strings[run.detail[seq]];
}

// "s_gather_order.cpp:17", or '' (Trace::locationText).
export function locationText(run, seq) {
    const l = run.loc[seq];
    if (l === 0 || run.locLine[l] === 0) return '';
    let file = run.strings[run.locFile[l]];
    const slash = file.lastIndexOf('/');
    if (slash >= 0) file = file.slice(slash + 1);
    return `${file}:${run.locLine[l]}`;
}
