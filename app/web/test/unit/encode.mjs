// A run in the page's format, built in JS: what core/web/WebRunData.cpp writes, for unit tests.
function varint(out, v) {
    while (v >= 0x80) {
        out.push((v % 128) | 0x80);
        v = Math.floor(v / 128);
    }
    out.push(v);
}
const zigzag = (v) => (v >= 0 ? 2 * v : -2 * v - 1);
const b64 = (bytes) => Buffer.from(bytes).toString('base64');

// events: [{kind, lane, cause = -1, detail = 0, loc = 0, time = 0}], lanes: [{name, kind, parent = -1}]
export function encodeRun({ strings, lanes, events, locations = [[0, 0]], dues = [], annotations = [], sources = {}, view = {} }) {
    const laneBytes = [];
    for (const l of lanes) {
        varint(laneBytes, l.name);
        varint(laneBytes, l.kind);
        varint(laneBytes, (l.parent ?? -1) + 1);
        varint(laneBytes, l.created ?? 0);
    }
    const locBytes = [];
    for (const [file, line] of locations) {
        varint(locBytes, file);
        varint(locBytes, line);
    }
    const ev = [];
    for (const e of events) varint(ev, e.kind);
    for (const e of events) varint(ev, e.lane);
    events.forEach((e, i) => varint(ev, e.cause === undefined || e.cause < 0 ? 0 : zigzag(i - e.cause) + 1));
    for (const e of events) varint(ev, e.detail ?? 0);
    for (const e of events) varint(ev, e.loc ?? 0);
    let last = 0;
    for (const e of events) {
        varint(ev, zigzag((e.time ?? 0) - last));
        last = e.time ?? 0;
    }
    const dueBytes = [];
    let arm = 0;
    for (const [a, due] of dues) {
        varint(dueBytes, a - arm);
        varint(dueBytes, zigzag(due - (events[a].time ?? 0)));
        arm = a;
    }
    return {
        format: 1, title: 'test', clock: 'virtual', meta: [], strings,
        lanes: { count: lanes.length, data: b64(laneBytes) },
        locations: { count: locations.length, data: b64(locBytes) },
        events: { count: events.length, data: b64(ev) },
        timerDues: { count: dues.length, data: b64(dueBytes) },
        annotations, sources, sample: null, view, kept: { events: events.length, of: events.length },
    };
}
