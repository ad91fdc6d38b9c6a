// The exported page in a real browser (Debian's Chromium, playwright-core), every request that would
// leave the page refused. tests/web/tst_webpage.cpp exports the pages with coroscope-cli, works out
// what `coroscope-cli events` says at the step that prints 2-end, and runs this with
// COROSCOPE_WEB_CASES=cases.json:
//   { gather: { page, step, console: [...], cppLine, pyLine, readyAt: { seq: [[lane, what]...] }, events, outputs },
//     big: { page, events } }
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browserMissing, launch, openPage } from './browser.mjs';

const cases = JSON.parse(readFileSync(process.env.COROSCOPE_WEB_CASES, 'utf8'));
const g = cases.gather;
const missing = await browserMissing();
let browser;

before(async () => {
    if (!missing) browser = await launch();
});
after(async () => {
    if (browser) await browser.close();
});

const opts = { skip: missing || false };

// What the panes show now.
async function panes(page) {
    return page.evaluate(() => ({
        step: Number(document.getElementById('app').dataset.step),
        stepText: document.querySelector('.cs-step').textContent,
        console: [...document.querySelectorAll('.cs-console .cs-out:not(.cs-ask)')].map((e) => e.textContent),
        newest: document.querySelector('.cs-console .cs-newest')?.textContent ?? null,
        cppLine: Number(document.querySelector('.cs-code-cpp')?.dataset.line ?? -1),
        pyLine: Number(document.querySelector('.cs-code-python')?.dataset.line ?? -1),
        cppCurrent: document.querySelector('.cs-code-cpp .cs-current .cs-no')?.textContent ?? null,
        pyCurrent: document.querySelector('.cs-code-python .cs-current .cs-no')?.textContent ?? null,
        // The ready queue as the loop pane lists it: "1. Task-2 task1()" and what it will run.
        ready: (() => {
            const rows = [...document.querySelectorAll('.cs-loop .cs-loop-row')];
            const head = rows.findIndex((r) => r.firstChild.textContent === 'Ready queue');
            const out = [];
            for (let i = head + 1; i < rows.length && rows[i].classList.contains('cs-loop-child'); ++i)
                out.push([rows[i].firstChild.textContent.replace(/^\d+\. /, ''), rows[i].lastChild.textContent]);
            return out;
        })(),
        eventRow: document.querySelector('.cs-events tr.cs-at')?.textContent ?? '',
        // What the page says of the run, the source code left out (it holds the print() calls' texts).
        // (and the sample's summary in the header, which names the lines it prints).
        text: [...document.querySelectorAll('.cs-predict, .cs-banner, .cs-console, .cs-events, .cs-loop, .cs-transport, .cs-tooltip')]
            .map((e) => e.innerText).join('\n'),
        allText: document.body.innerText,
    }));
}

async function pressUntil(page, key, times) {
    for (let i = 0; i < times; ++i) await page.keyboard.press(key);
}

test('the page opens from file:// without a single request, and draws its timeline', opts, async () => {
    const { page, errors } = await openPage(browser, g.page);
    const before = browser.refused.length;
    assert.deepEqual(errors, []);
    assert.equal(browser.refused.length, before);
    // The timeline is drawn: many colours on its canvas.
    const colours = await page.evaluate(() => {
        const c = document.querySelector('.timeline-base');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return seen.size;
    });
    assert.ok(colours > 20, `${colours} colours`);
    const p = await panes(page);
    assert.equal(p.step, -1);
    assert.match(p.stepText, new RegExp(`${g.events} events`));
    await page.close();
});

test('at the step that prints 2-end the panes say what coroscope-cli events says', opts, async () => {
    const { page, errors } = await openPage(browser, g.page);
    await page.keyboard.press('Home');
    await pressUntil(page, 'ArrowRight', g.step + 1);
    const p = await panes(page);
    assert.equal(p.step, g.step);
    assert.match(p.stepText, new RegExp(`step ${g.step} / ${g.events - 1}`));
    assert.deepEqual(p.console, g.console);
    assert.equal(p.newest, '2-end');
    assert.equal(p.cppLine, g.cppLine);
    assert.equal(p.cppCurrent, String(g.cppLine));
    assert.equal(p.pyLine, g.pyLine);
    assert.equal(p.pyCurrent, String(g.pyLine));
    assert.deepEqual(p.ready, g.readyAt[g.step]);
    assert.match(p.eventRow, /2-end/);
    // The address follows, so that a link can point at this moment.
    await page.waitForFunction((s) => location.hash === `#step=${s}`, g.step);
    // The ready queue just before, step by step back.
    for (let s = g.step - 1; String(s) in g.readyAt; --s) {
        await page.keyboard.press('ArrowLeft');
        const back = await panes(page);
        assert.equal(back.step, s);
        assert.deepEqual(back.ready, g.readyAt[s], `ready queue at step ${s}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
});

test('→ and ← move one step, Home and End to the ends', opts, async () => {
    const { page, errors } = await openPage(browser, g.page, { hash: `#step=${g.step}` });
    assert.equal((await panes(page)).step, g.step);
    await page.keyboard.press('ArrowRight');
    assert.equal((await panes(page)).step, g.step + 1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await panes(page)).step, g.step - 1);
    await page.keyboard.press('End');
    assert.equal((await panes(page)).step, g.events - 1);
    await page.keyboard.press('ArrowRight'); // nothing past the end
    assert.equal((await panes(page)).step, g.events - 1);
    await page.keyboard.press('Home');
    assert.equal((await panes(page)).step, -1);
    // The buttons do the same.
    await page.click('.cs-forward');
    await page.click('.cs-forward');
    assert.equal((await panes(page)).step, 1);
    await page.click('.cs-back');
    assert.equal((await panes(page)).step, 0);
    assert.deepEqual(errors, []);
    await page.close();
});

test('the wheel zooms, a drag pans, a swipe on a pane steps', opts, async () => {
    const { page, errors } = await openPage(browser, g.page, { hash: `#step=${g.step}` });
    const range = () => page.evaluate(() => ({ ...window.coroscope.timeline.range }));
    const box = await page.locator('.cs-timeline').boundingBox();
    const before = await range();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.mouse.wheel(0, -300); // away from the reader: zoom in
    await page.waitForFunction((w) => {
        const r = window.coroscope.timeline.range;
        return r.end - r.start < w;
    }, before.end - before.start);
    const zoomed = await range();
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const panned = await range();
    assert.ok(panned.start > zoomed.start, `${JSON.stringify(zoomed)} -> ${JSON.stringify(panned)}`);
    assert.ok(Math.abs((panned.end - panned.start) - (zoomed.end - zoomed.start)) < 1e-9);
    assert.equal((await panes(page)).step, g.step); // a drag is not a click
    // A swipe to the left on the console steps forwards; to the right, back.
    const swipe = (dx) => page.evaluate((d) => {
        const target = document.querySelector('.cs-console');
        const r = target.getBoundingClientRect();
        const touch = (x) => new Touch({ identifier: 1, target, clientX: x, clientY: r.top + 10 });
        const x0 = r.left + r.width / 2;
        target.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, touches: [touch(x0)], changedTouches: [touch(x0)] }));
        target.dispatchEvent(new TouchEvent('touchend', { bubbles: true, touches: [], changedTouches: [touch(x0 + d)] }));
    }, dx);
    await swipe(-120);
    assert.equal((await panes(page)).step, g.step + 1);
    await swipe(120);
    await swipe(120);
    assert.equal((await panes(page)).step, g.step - 1);
    assert.deepEqual(errors, []);
    await page.close();
});

test('a link opens at its step', opts, async () => {
    const { page } = await openPage(browser, g.page, { hash: `#step=${g.step}` });
    const p = await panes(page);
    assert.equal(p.step, g.step);
    assert.deepEqual(p.console, g.console);
    await page.close();
});

test('predict mode hides the next printed line until it is revealed', opts, async () => {
    const { page, errors } = await openPage(browser, g.page);
    const lines = g.console; // the lines up to 2-end, in order
    await page.keyboard.press('p');
    await pressUntil(page, 'ArrowRight', g.events); // try to run through the whole run
    let p = await panes(page);
    const first = lines[0];
    // Held before the first printed line, asked what it is; the line is nowhere on the page.
    assert.deepEqual(p.console, []);
    assert.ok(!p.text.includes(first), 'the hidden line shows');
    assert.match(p.text, new RegExp(`What prints next\\? Line 1 of ${g.outputs}`));
    const held = p.step;
    await page.keyboard.press('r');
    p = await panes(page);
    assert.equal(p.step, held + 1);
    assert.deepEqual(p.console, [first]);
    assert.ok(!p.text.includes(lines[1]), 'the next line shows');
    // Stepping on stops before the second line.
    await pressUntil(page, 'ArrowRight', g.events);
    p = await panes(page);
    assert.deepEqual(p.console, [first]);
    assert.match(p.text, new RegExp(`Line 2 of ${g.outputs}`));
    await page.keyboard.press('p'); // off: everything shows again
    await page.keyboard.press('End');
    p = await panes(page);
    assert.equal(p.console.length, g.outputs);
    assert.deepEqual(errors, []);
    await page.close();
});

test('English or Chinese: the browser chooses, the switch changes it', opts, async () => {
    const zh = await launch({ locale: 'zh-CN' });
    try {
        const { page, errors } = await openPage(zh, g.page, { hash: `#step=${g.step}` });
        let p = await panes(page);
        assert.match(p.stepText, new RegExp(`第 ${g.step} / ${g.events - 1} 步`));
        assert.match(p.allText, /控制台/);
        await page.click('button[data-lang="en"]');
        p = await panes(page);
        assert.match(p.stepText, new RegExp(`step ${g.step} /`));
        assert.match(p.allText, /Console/);
        assert.deepEqual(errors, []);
        await page.close();
    } finally {
        await zh.close();
    }
});

test('on a phone the transport stays at hand and nothing runs off the side', opts, async () => {
    const { page, errors } = await openPage(browser, g.page, { width: 390, height: 844, hash: `#step=${g.step}` });
    const layout = await page.evaluate(() => {
        const t = document.querySelector('.cs-transport').getBoundingClientRect();
        const tl = document.querySelector('.cs-timeline').getBoundingClientRect();
        return { transportBottom: t.bottom, transportTop: t.top, scrollWidth: document.scrollingElement.scrollWidth, timelineHeight: tl.height };
    });
    assert.ok(layout.transportBottom <= 844 && layout.transportTop > 600, JSON.stringify(layout));
    assert.ok(layout.scrollWidth <= 390, JSON.stringify(layout));
    assert.ok(layout.timelineHeight > 250, JSON.stringify(layout));
    await page.click('.cs-forward');
    assert.equal((await panes(page)).step, g.step + 1);
    assert.deepEqual(errors, []);
    await page.close();
});

test('a 100,000-event run opens and steps', opts, async () => {
    const big = cases.big;
    const { page, errors, openMs } = await openPage(browser, big.page);
    const timing = await page.evaluate(() => ({
        opened: window.coroscope.openedMs,
        navigation: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? 0,
        ready: performance.now(),
    }));
    let p = await panes(page);
    assert.match(p.stepText.replace(/,/g, ''), new RegExp(`${big.events} events`));
    const t0 = Date.now();
    await page.keyboard.press('End');
    const endMs = Date.now() - t0;
    p = await panes(page);
    assert.equal(p.step, big.events - 1);
    const t1 = Date.now();
    await pressUntil(page, 'ArrowLeft', 30);
    const backMs = (Date.now() - t1) / 30;
    assert.equal((await panes(page)).step, big.events - 31);
    assert.deepEqual(errors, []);
    // Figures, not pass/fail timing (bench/ keeps those): the ctest log shows them.
    console.log(`big run: ${big.events} events; page open ${openMs} ms (viewer's decode and layout ${timing.opened.toFixed(0)} ms); ` +
        `End ${endMs} ms; a step back ${backMs.toFixed(1)} ms`);
    await page.close();
});
