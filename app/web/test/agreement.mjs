// node test/agreement.mjs DIR: for every NAME.run.json (a run as the page embeds it) and NAME.ref.json
// (what the window's C++ derives from it: tests/web/tst_webagreement.cpp), derives the same with the
// page's modules and compares. Prints each disagreement (the first few of each kind) and "N runs
// agree"; exits 1 on any disagreement.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRun } from '../src/model/decode.js';
import { Axis, TimelineLayout } from '../src/model/layout.js';
import { Density, TimelineLanes } from '../src/model/lanes.js';
import { LaneGroupActivity } from '../src/model/activity.js';
import { LoopStateTracker } from '../src/model/loopState.js';
import { TraceIndex } from '../src/model/traceIndex.js';
import { assignLooks, hex, patternNames } from '../src/view/style.js';

const dir = process.argv[2];
const heights = { roomy: 60, line: 22, minCompact: 4, summary: 48 };
const viewHeight = 600;
let failures = 0;
let runs = 0;

// JSON with object keys sorted (the C++ side writes them sorted).
function canonical(v) {
    return JSON.stringify(v, (key, value) =>
        value && typeof value === 'object' && !Array.isArray(value)
            ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]))
            : value);
}

function compare(name, what, actual, expected, limit = { left: 5 }) {
    const a = canonical(actual);
    const e = canonical(expected);
    if (a === e) return true;
    ++failures;
    if (limit.left-- > 0) console.log(`${name}: ${what} differ\n  js:  ${a.slice(0, 600)}\n  c++: ${e.slice(0, 600)}`);
    return false;
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.run.json')).sort()) {
    const name = file.slice(0, -'.run.json'.length);
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const ref = JSON.parse(readFileSync(join(dir, name + '.ref.json'), 'utf8'));
    const run = decodeRun(data);
    const before = failures;
    compare(name, 'primary file', data.sources.primaryFile, ref.primaryFile);

    const layout = new TimelineLayout(run);
    compare(name, 'rows', layout.rows.map((r) => ({
        lane: r.lane,
        spans: r.spans.map((s) => [s.begin, s.end, s.label, s.owner, s.state, s.open, s.endsBeforeJump, s.beginsBeforeJump]),
        events: r.events.length,
        outputs: [...r.outputs],
    })), ref.rows);
    compare(name, 'arrows', layout.arrows.map((a) => [a.from, a.to, a.kind]), ref.arrows);
    // Level of detail of a 900-pixel view of the whole run, on both axes (busy is a C++ float).
    const lod = [];
    for (const axis of [Axis.Steps, Axis.Time]) {
        const data = layout.dataRange(axis);
        const width = Math.max(data.end - data.start, axis === Axis.Steps ? 6 : 1e-6);
        const range = { start: data.start - 0.05 * width, end: data.end + 0.05 * width };
        const ppu = 900 / (range.end - range.start);
        for (let r = 0; r < layout.rowCount; ++r)
            lod.push(layout.lodSpans(r, range, axis, ppu, 2.5, []).map((l) => [l.start, l.end, l.first, l.count, Math.fround(l.busy)]));
    }
    compare(name, 'merged spans', lod, ref.lod);

    const lanes = new TimelineLanes(layout);
    lanes.collapseToFit(heights, viewHeight);
    lanes.arrange(heights, viewHeight);
    compare(name, 'groups', lanes.groups.map((g) => ({ title: g.title, rows: g.rows, collapsed: g.collapsed })), ref.groups);
    compare(name, 'drawn rows', lanes.rows.map((r) => [r.kind, r.index, r.group, r.top, r.height]), ref.drawn);
    compare(name, 'density', lanes.density === Density.Roomy ? 'roomy' : 'compact', ref.density);

    const lookGroup = new Int32Array(run.laneCount).fill(-1);
    for (let r = 0; r < layout.rowCount; ++r) lookGroup[layout.rows[r].lane] = lanes.groupOfRow[r];
    const looks = assignLooks(run, lookGroup);
    compare(name, 'lane looks', looks.map((l) => [hex(l.solid), hex(l.light), hex(l.hatch), patternNames[l.pattern]]), ref.looks);

    const index = new TraceIndex(run, data.sources.primaryFile);
    const lines = [];
    for (let s = 0; s < run.n; ++s) lines.push([index.shownLine[s], index.shownExact[s] === 1]);
    compare(name, 'source lines', lines, ref.lines);

    const activities = lanes.groups.map((g) => new LaneGroupActivity(layout, g.rows));
    const tracker = new LoopStateTracker(run, 100); // another interval than the C++'s: checkpoints change nothing
    const limit = { left: 3 };
    ref.steps.forEach((seq, i) => {
        let state = {};
        if (seq >= 0) {
            const s = tracker.at(seq);
            state = {
                ready: s.ready.toArray().map((r) => [r.lane, r.name]),
                timers: s.timers.map((t) => [t.lane, t.due, t.name, t.armEvent]),
                primitives: s.primitives.map((p) => [p.name, p.kind, p.holders, p.waiters.map((w) => [w.lane, w.woken]), p.value, p.parties, p.set, p.lock]),
                running: s.running,
                clock: s.clock,
            };
        }
        compare(name, `loop state at step ${seq}`, state, ref.loop[i], limit);
        const states = layout.rows.map((_, r) => layout.laneStateAt(r, seq));
        compare(name, `lane states at step ${seq}`, states, ref.laneStates[i], limit);
        const counts = activities.map((a) => {
            const c = a.at(seq);
            return [c.pending, c.running, c.waiting, c.done];
        });
        compare(name, `group counts at step ${seq}`, counts, ref.counts[i], limit);
    });
    // Backwards too: the tracker then starts from its checkpoints.
    for (let i = ref.steps.length - 1; i >= 0; i -= 7) {
        const seq = ref.steps[i];
        if (seq < 0) continue;
        const s = tracker.at(seq);
        compare(name, `loop state at step ${seq}, stepping back`, s.ready.toArray().map((r) => [r.lane, r.name]), ref.loop[i].ready, limit);
    }
    ++runs;
    console.log(`${name}: ${run.n} events, ${layout.rowCount} lanes, ${lanes.groups.length} groups: ${failures === before ? 'agree' : 'DIFFER'}`);
}

if (runs === 0) {
    console.log(`no runs in ${dir}`);
    process.exit(1);
}
if (failures > 0) {
    console.log(`${failures} disagreements`);
    process.exit(1);
}
console.log(`${runs} runs agree`);
