// The page's entry: read the run embedded in the page, then show it. A run too big to decode in one
// go still paints a message first, so the page never looks frozen.
import { decodeRun, FormatError } from './model/decode.js';
import { App } from './app.js';
import { browserLanguage, grouped, setLanguage, tr } from './view/i18n.js';

function fail(root, error) {
    const p = document.createElement('p');
    p.className = 'cs-failed';
    p.textContent = tr('failed', error instanceof FormatError ? error.message : String(error && error.message ? error.message : error));
    root.replaceChildren(p);
    console.error(error);
}

function start() {
    const root = document.getElementById('app');
    let data;
    const t0 = performance.now();
    try {
        const text = document.getElementById('coroscope-run').textContent;
        data = JSON.parse(text);
    } catch (error) {
        fail(root, new FormatError('the run in this page is damaged'));
        return;
    }
    setLanguage((data.view && data.view.lang) || browserLanguage());
    const count = data.events && data.events.count ? data.events.count : 0;
    const note = document.createElement('p');
    note.className = 'loading';
    note.textContent = count > 20000 ? tr('loadingCount', grouped(count)) : tr('loading');
    root.replaceChildren(note);
    // Let the message paint, then do the work.
    requestAnimationFrame(() => setTimeout(() => {
        try {
            const t1 = performance.now();
            const run = decodeRun(data);
            data = null;
            const t2 = performance.now();
            window.coroscope = new App(root, run);
            const t3 = performance.now();
            // Where the time went (the browser test prints it): parsing the JSON, decoding, the panes.
            window.coroscope.timings = { parse: t1 - t0, decode: t2 - t1, build: t3 - t2, ...window.coroscope.timings };
            window.coroscope.openedMs = t3 - t1;
            document.documentElement.dataset.ready = 'true';
        } catch (error) {
            fail(root, error);
        }
    }, 0));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
