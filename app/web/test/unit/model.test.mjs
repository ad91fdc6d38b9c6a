// The page's models on small runs made by hand: decoding, spans and arrows, the loop's queues,
// source lines. test/agreement.mjs holds them to the C++ on every sample of the gallery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRun, dueTime, EventKind as K, FormatError, LaneKind, locationText, VarintReader } from '../../src/model/decode.js';
import { ArrowKind, Axis, LaneState, SpanState, TimelineLayout } from '../../src/model/layout.js';
import { LoopStateTracker, parseSyncDetail } from '../../src/model/loopState.js';
import { TraceIndex } from '../../src/model/traceIndex.js';
import { SourceMap } from '../../src/model/sourceMap.js';
import { functionKey, TimelineLanes } from '../../src/model/lanes.js';
import { encodeRun } from './encode.mjs';

// <module> creates a task, which starts, sleeps 1 s (a timer) and prints.
function sleeper() {
    const strings = ['', '<module>', 'event loop', 'Task-1 main()', 'step', 'sleep(1)', 'wakeup', 'hi', 'main.cpp', '+1.000s'];
    const lanes = [{ name: 1, kind: LaneKind.Module }, { name: 2, kind: LaneKind.Loop }, { name: 3, kind: LaneKind.Task, parent: 0 }];
    const s = 1e9;
    const events = [
        { kind: K.Start, lane: 0, loc: 1 },                  // 0
        { kind: K.Create, lane: 2 },                         // 1
        { kind: K.Schedule, lane: 2, cause: 0, detail: 4 },  // 2: queued by the module
        { kind: K.Suspend, lane: 0, detail: 5 },             // 3
        { kind: K.Start, lane: 2, cause: 2, loc: 2 },        // 4
        { kind: K.TimerArm, lane: 2, detail: 5, loc: 3 },    // 5
        { kind: K.Suspend, lane: 2, detail: 5, loc: 3 },     // 6
        { kind: K.Clock, lane: 1, detail: 9, time: s },      // 7
        { kind: K.TimerFire, lane: 1, cause: 5, detail: 6, time: s }, // 8
        { kind: K.Resume, lane: 2, cause: 8, time: s },      // 9
        { kind: K.Output, lane: 2, detail: 7, loc: 4, time: s }, // 10
        { kind: K.Done, lane: 2, time: s },                  // 11
    ];
    return decodeRun(encodeRun({ strings, lanes, events, locations: [[0, 0], [8, 10], [8, 3], [8, 4], [8, 5]],
        annotations: [[10, 'look']], sources: { primaryFile: 'main.cpp' } }));
}

test('varints hold numbers past 32 bits', () => {
    const r = new VarintReader(Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x03, 0x04]));
    assert.equal(r.next(), 2 ** 35);
    assert.equal(r.signed(), -2);
    assert.equal(r.signed(), 2);
    assert.ok(r.done);
    assert.throws(() => r.next(), FormatError);
});

test('a run decodes to its events', () => {
    const run = sleeper();
    assert.equal(run.n, 12);
    assert.equal(run.kind[9], K.Resume);
    assert.equal(run.cause[9], 8);
    assert.equal(run.cause[0], -1);
    assert.equal(run.time[11], 1e9);
    assert.equal(dueTime(run, 5), 1e9); // implied by its fire
    assert.equal(locationText(run, 10), 'main.cpp:5');
    assert.deepEqual(run.annotations, [{ seq: 10, note: 'look' }]);
});

test('a damaged run is refused with a reason', () => {
    const data = encodeRun({ strings: [''], lanes: [], events: [{ kind: 1, lane: 3 }] });
    assert.throws(() => decodeRun(data), /lane 3/);
    assert.throws(() => decodeRun({ format: 2 }), FormatError);
});

test('spans, arrows and lane states', () => {
    const run = sleeper();
    const layout = new TimelineLayout(run);
    assert.equal(layout.loopRow, 0);
    assert.deepEqual(layout.rows.map((r) => r.lane), [1, 0, 2]);
    const task = layout.rows[2];
    assert.deepEqual(task.spans.map((s) => [s.begin, s.end, s.state]),
        [[1, 4, SpanState.Pending], [4, 6, SpanState.Running], [6, 9, SpanState.Suspended], [9, 11, SpanState.Running]]);
    assert.equal(layout.spanLabel(task.spans[2]), 'sleep(1)');
    assert.deepEqual(layout.arrows.map((a) => [a.from, a.to, a.kind]), [[0, 4, ArrowKind.Start], [8, 9, ArrowKind.Wakeup]]);
    assert.equal(layout.laneStateAt(2, 5), LaneState.Running);
    assert.equal(layout.laneStateAt(2, 7), LaneState.Waiting);
    assert.equal(layout.laneStateAt(2, 11), LaneState.Done);
    assert.equal(layout.eventAt(3.4, Axis.Steps), 3);
    assert.equal(layout.eventAt(0.5, Axis.Time), 6);
    // The loop's row: who runs when, an idle gap labelled with the clock jump.
    const loop = layout.rows[0].spans;
    assert.ok(loop.some((s) => s.state === SpanState.Idle && run.strings[s.label] === '+1.000s'));
});

test('the ready queue and the timers follow the events, forwards and back', () => {
    const run = sleeper();
    const tracker = new LoopStateTracker(run, 4);
    assert.deepEqual(tracker.at(2).ready.toArray().map((r) => r.lane), [2]);
    assert.equal(tracker.at(4).ready.length, 0);
    assert.equal(tracker.at(4).running, 2);
    assert.deepEqual(tracker.at(6).timers.map((t) => [t.lane, t.due]), [[2, 1e9]]);
    assert.equal(tracker.at(8).timers.length, 0);
    assert.equal(tracker.at(8).ready.length, 1);
    assert.equal(tracker.at(2).ready.length, 1); // back again, from a checkpoint
    assert.equal(tracker.at(-1).ready.length, 0);
});

test('sync details split as the C++ does', () => {
    assert.deepEqual(parseSyncDetail('Semaphore-2 release value=1'), { name: 'Semaphore-2', kind: 'Semaphore', verb: 'release', rest: 'value=1' });
    assert.deepEqual(parseSyncDetail('Lock-1'), { name: 'Lock-1', kind: 'Lock', verb: '', rest: '' });
});

test('source lines: own, inherited on the lane, through the cause on the loop', () => {
    const run = sleeper();
    const index = new TraceIndex(run, 'core/samples/main.cpp');
    assert.deepEqual([...index.outputs], [10]);
    assert.equal(index.outputCountAt(9), 0);
    assert.equal(index.outputCountAt(10), 1);
    assert.deepEqual(index.sourceLineAt(5), { line: 4, exact: true });
    assert.deepEqual(index.sourceLineAt(8), { line: 4, exact: false }); // the fire shows the sleep that armed it
    assert.deepEqual(index.sourceLineAt(9), { line: 4, exact: false }); // the resume inherits its lane's line
    assert.equal(index.nextOutputAfter(-1), 10);
    assert.equal(index.nextOutputAfter(10), -1);
});

test('py markers map the C++ port to its mirror', () => {
    const map = new SourceMap('int a; // py:3\nint b;\r\n  co_await x;   //py:7\n');
    assert.equal(map.displayText, 'int a;\nint b;\n  co_await x;');
    assert.equal(map.pythonLine(1), 3);
    assert.equal(map.pythonLine(2), 0);
    assert.equal(map.cppLine(7), 3);
    assert.equal(map.cppLine(9), 0);
});

test('function keys group lanes', () => {
    assert.equal(functionKey('Task-12 download()'), 'download()');
    assert.equal(functionKey('Task-7'), 'Task');
    assert.equal(functionKey('ThreadPoolExecutor-0_3'), 'ThreadPoolExecutor-0');
    assert.equal(functionKey('my_gen()'), 'my_gen()');
});

test('twenty tasks of one function form a group that folds when it does not fit', () => {
    const strings = ['', '<module>', 'event loop'];
    const lanes = [{ name: 1, kind: LaneKind.Module }, { name: 2, kind: LaneKind.Loop }];
    const events = [{ kind: K.Start, lane: 0 }];
    for (let i = 0; i < 20; ++i) {
        strings.push(`Task-${i + 1} job()`);
        lanes.push({ name: strings.length - 1, kind: LaneKind.Task, parent: 0 });
        events.push({ kind: K.Create, lane: lanes.length - 1 });
    }
    const run = decodeRun(encodeRun({ strings, lanes, events }));
    const lanesView = new TimelineLanes(new TimelineLayout(run));
    assert.equal(lanesView.groups.length, 1);
    assert.equal(lanesView.groups[0].title, 'job()');
    const heights = { roomy: 60, line: 22, minCompact: 4, summary: 48 };
    lanesView.collapseToFit(heights, 100);
    assert.ok(lanesView.groups[0].collapsed);
    lanesView.arrange(heights, 100);
    assert.equal(lanesView.rows.length, 3); // loop, module, the summary
    lanesView.collapseToFit(heights, 1000);
    assert.ok(!lanesView.groups[0].collapsed);
});
