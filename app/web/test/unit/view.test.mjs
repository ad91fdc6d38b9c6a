// Texts and numbers as the page writes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserLanguage, catalogues, grouped, setLanguage, tr } from '../../src/view/i18n.js';
import { formatSeconds, traceTime, zoomRange } from '../../src/view/format.js';
import { mix } from '../../src/view/style.js';
import { highlightLine } from '../../src/view/highlight.js';

test('both languages have every text', () => {
    const en = Object.keys(catalogues.en).sort();
    const zh = Object.keys(catalogues.zh_CN).sort();
    assert.deepEqual(zh, en);
    for (const key of en) {
        const holes = (t) => (t.match(/\{\d\}/g) || []).sort().join();
        assert.equal(holes(catalogues.zh_CN[key]), holes(catalogues.en[key]), key);
    }
});

test('the language follows the browser', () => {
    assert.equal(browserLanguage({ languages: ['zh-TW', 'en'] }), 'zh_CN');
    assert.equal(browserLanguage({ languages: ['de-DE', 'en-GB'] }), 'en');
    assert.equal(browserLanguage({ languages: [], language: 'zh-CN' }), 'zh_CN');
    assert.equal(browserLanguage({ languages: ['fr'] }), 'en');
});

test('texts fill their holes', () => {
    setLanguage('en');
    assert.equal(tr('stepOf', 3, 44, '1.000 s'), 'step 3 / 44 · 1.000 s');
    setLanguage('zh_CN');
    assert.equal(tr('stepOf', 3, 44, '1.000 秒'), '第 3 / 44 步 · 1.000 秒');
    assert.equal(traceTime(1.5e9), '1.500 秒');
    setLanguage('en');
    assert.equal(traceTime(1500), '0.000002 s');
    assert.equal(grouped(10000), '10,000');
});

test('seconds as the axis writes them', () => {
    assert.equal(formatSeconds(1.5, 0.5), '1.5 s');
    assert.equal(formatSeconds(0.25, 0.05), '0.25 s');
    assert.equal(formatSeconds(0.025, 0.005), '25 ms');
    assert.equal(formatSeconds(1.002, 0.001, 1), '1.002 s');
    assert.equal(formatSeconds(-0, 1), '0 s');
});

test('zooming keeps the anchor and stays within limits', () => {
    const r = zoomRange({ start: 0, end: 100 }, 50, 0.5, { start: -50, end: 150 }, 6);
    assert.deepEqual(r, { start: 25, end: 75 });
    const out = zoomRange({ start: 0, end: 100 }, 50, 4, { start: -50, end: 150 }, 6);
    assert.deepEqual(out, { start: -50, end: 150 });
});

test('colours mix as Qt mixes them', () => {
    // TimelineStyle: the blue lane's light tint and hatch (checked against Qt by test/agreement).
    assert.equal(mix(0xffffff, 0x0072b2, 0.22).toString(16), 'c7e0ee');
    assert.equal(mix(0xffffff, 0xd55e00, 0.78).toString(16), 'de8138');
    assert.equal(mix(0xffffff, 0x0072b2, 0).toString(16), 'ffffff');
    assert.equal(mix(0xffffff, 0x0072b2, 1).toString(16), '72b2');
});

test('source lines are coloured, not changed', () => {
    const state = {};
    const html = highlightLine('    await asyncio.sleep(1)  # wait', 'python', state);
    assert.match(html, /<span class="k">await<\/span>/);
    assert.match(html, /<span class="c"># wait<\/span>/);
    assert.equal(html.replace(/<[^>]+>/g, ''), '    await asyncio.sleep(1)  # wait');
    const s2 = {};
    const doc = highlightLine('x = """a <b>', 'python', s2);
    assert.equal(doc.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>'), 'x = """a <b>');
    assert.equal(s2.open, '"""');
});
