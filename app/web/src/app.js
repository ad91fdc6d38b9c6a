// The page: one cursor drives the timeline, the source, the console, the loop pane and the events,
// as in the window (app/gui/MainWindow). Keys, buttons, swipes and the address (#step=N) move it.
import { EventKind as K, LaneKind, detailOf, eventKindNames, laneNameOf, locationText } from './model/decode.js';
import { Axis, TimelineLayout } from './model/layout.js';
import { LoopStateTracker } from './model/loopState.js';
import { TraceIndex } from './model/traceIndex.js';
import { SourceMap } from './model/sourceMap.js';
import { TimelineView } from './view/timeline.js';
import { drawMarker, Shape } from './view/markers.js';
import { highlightLine } from './view/highlight.js';
import { traceTime } from './view/format.js';
import { browserLanguage, grouped, language, languages, setLanguage, tr } from './view/i18n.js';
import { colors, hex, tilePattern } from './view/style.js';

const speeds = [1, 2, 4, 8, 16, 32, 64];

// 24x24 icons for the transport buttons.
const svg = (body) => `<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="currentColor">${body}</svg>`;
const icons = {
    toStart: svg('<rect x="4" y="5" width="3" height="14"/><path d="M20 5v14L8 12z"/>'),
    back: svg('<path d="M17 5v14L6 12z"/>'),
    play: svg('<path d="M7 4v16l13-8z"/>'),
    pause: svg('<rect x="6" y="5" width="4" height="14"/><rect x="14" y="5" width="4" height="14"/>'),
    forward: svg('<path d="M7 5v14l11-7z"/>'),
    toEnd: svg('<path d="M4 5v14l12-7z"/><rect x="17" y="5" width="3" height="14"/>'),
    nextOutput: svg('<path d="M3 6v12l8-6z"/><path d="M11 6v12l8-6z"/><rect x="19" y="6" width="2.5" height="12"/>'),
};
const consoleCap = 1000; // lines kept in the console pane; older ones are counted
const listCap = 60; // entries shown per loop-pane list (the rest are counted)

function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
}

function storedLanguage() {
    try {
        return localStorage.getItem('coroscope.lang');
    } catch {
        return null;
    }
}

function storeLanguage(lang) {
    try {
        localStorage.setItem('coroscope.lang', lang);
    } catch {
        // file:// pages may have no storage: the switch lasts as long as the page.
    }
}

export class App {
    constructor(root, run) {
        this.root = root;
        this.run = run;
        setLanguage(storedLanguage() || run.view.lang || browserLanguage());
        const sources = run.sources || {};
        this.pythonRun = sources.primary === 'python';
        this.cppMap = new SourceMap(sources.cpp ? sources.cpp.text : '');
        const t0 = performance.now();
        this.layout = new TimelineLayout(run);
        const t1 = performance.now();
        this.index = new TraceIndex(run, sources.primaryFile || '');
        this.tracker = new LoopStateTracker(run);
        this.timings = { layout: t1 - t0, index: performance.now() - t1 };
        this.cursor = -1;
        this.playing = null;
        this.speed = 4;
        this.predict = { enabled: false, revealed: 0, asking: false };
        this.hashTimer = null;
        this.build();
        this.retranslate();
        const start = this.stepFromHash() ?? (run.view.step !== null && run.view.step !== undefined ? run.view.step : -1);
        this.setCursor(start, { force: true });
        clearTimeout(this.hashTimer); // the address changes when the reader moves, not on opening
        this.hashTimer = null;
        this.timeline.readableView(this.cursor);
        this.timeline.followCursor();
        window.addEventListener('hashchange', () => {
            const step = this.stepFromHash();
            if (step !== null) this.setCursor(step);
        });
        window.addEventListener('keydown', (e) => this.onKey(e));
        // A menu closes when one clicks elsewhere.
        document.addEventListener('click', (e) => {
            for (const menu of document.querySelectorAll('details.cs-menu[open]'))
                if (!menu.contains(e.target)) menu.open = false;
        });
    }

    get n() {
        return this.run.n;
    }

    // --- building the page -----------------------------------------------------------------------

    build() {
        const run = this.run;
        this.root.textContent = '';
        const app = el('div', { class: 'cs-app' });
        this.root.append(app);

        // The header: what this is, and the tools.
        this.titleEl = el('h1', { class: 'cs-title' });
        this.subtitleEl = el('p', { class: 'cs-subtitle' });
        this.axisButtons = [Axis.Steps, Axis.Time].map((axis) =>
            el('button', { class: 'cs-seg', 'data-axis': axis === Axis.Steps ? 'steps' : 'time', onclick: () => this.setAxis(axis) }));
        this.zoomOutButton = el('button', { class: 'cs-icon', onclick: () => this.timeline.zoomOut(), text: '−' });
        this.zoomInButton = el('button', { class: 'cs-icon', onclick: () => this.timeline.zoomIn(), text: '+' });
        this.fitButton = el('button', { onclick: () => this.timeline.fitAll() });
        this.predictButton = el('button', { class: 'cs-toggle', id: 'cs-predict', 'aria-pressed': 'false', onclick: () => this.setPredict(!this.predict.enabled) });
        this.bookmarkList = el('div', { class: 'cs-menu-list' });
        this.bookmarkSummary = el('summary');
        this.bookmarks = el('details', { class: 'cs-menu' }, this.bookmarkSummary, this.bookmarkList);
        this.langButtons = languages.map(([code, name]) =>
            el('button', { class: 'cs-seg', lang: code === 'zh_CN' ? 'zh-CN' : 'en', 'data-lang': code, text: name, onclick: () => this.setLanguage(code) }));
        this.helpSummary = el('summary');
        this.helpText = el('p', { class: 'cs-help-text' });
        const tools = el('div', { class: 'cs-tools' },
            el('div', { class: 'cs-group', role: 'group' }, ...this.axisButtons),
            el('div', { class: 'cs-group cs-zoom', role: 'group' }, this.zoomOutButton, this.zoomInButton, this.fitButton),
            this.predictButton,
            this.bookmarks,
            el('div', { class: 'cs-group', role: 'group' }, ...this.langButtons),
            el('details', { class: 'cs-menu cs-help' }, this.helpSummary, el('div', { class: 'cs-menu-list' }, this.helpText)));
        app.append(el('header', { class: 'cs-header' }, el('div', { class: 'cs-heading' }, this.titleEl, this.subtitleEl), tools));

        // What the page kept of a larger run; the bookmark's note; predict mode's question.
        this.keptEl = el('div', { class: 'cs-notice', role: 'status' });
        this.keptEl.hidden = run.kept.of <= run.kept.events;
        this.bannerEl = el('div', { class: 'cs-banner', role: 'status' });
        this.bannerEl.hidden = true;
        this.predictText = el('span', { class: 'cs-predict-text' });
        this.revealButton = el('button', { class: 'cs-reveal', onclick: () => this.reveal() });
        this.predictEl = el('div', { class: 'cs-predict', role: 'status' }, this.predictText, this.revealButton);
        this.predictEl.hidden = true;
        app.append(this.keptEl, this.bannerEl, this.predictEl);

        const main = el('main', { class: 'cs-main' });
        app.append(main);

        // Timeline with its legend.
        this.timelineHost = el('div', { class: 'cs-timeline' });
        this.legendEl = el('div', { class: 'cs-legend' });
        this.timelineTitle = el('h2');
        main.append(el('section', { class: 'cs-pane cs-timeline-pane', 'aria-label': 'timeline' }, this.timelineHost, this.legendEl));

        // The event at the cursor, and its neighbours.
        this.eventTitle = el('h2');
        this.eventTable = el('table', { class: 'cs-events' });
        this.eventHelp = el('p', { class: 'cs-event-help' });
        main.append(el('section', { class: 'cs-pane cs-event-pane' }, this.eventTitle, el('div', { class: 'cs-scroll' }, this.eventTable), this.eventHelp));

        // Source: the C++ port beside the Python (a script's Python alone).
        this.sourceTitle = el('h2');
        this.codeViews = [];
        const codes = el('div', { class: 'cs-codes' });
        const addCode = (which, source, language) => {
            if (!source) return;
            const text = which === 'cpp' ? this.cppMap.displayText : source.text.replace(/\s+$/, '');
            const view = { which, language, file: source.file, lines: [], current: 0, title: el('h3', { class: 'cs-code-title' }) };
            const body = el('div', { class: 'cs-code-body' });
            const state = {};
            text.split('\n').forEach((line, i) => {
                const row = el('div', { class: 'cs-line' }, el('span', { class: 'cs-no', text: String(i + 1) }));
                const code = el('span', { class: 'cs-tx' });
                code.innerHTML = highlightLine(line, language, state) || ' ';
                row.append(code);
                body.append(row);
                view.lines.push(row);
            });
            view.body = body;
            view.box = el('div', { class: `cs-code cs-code-${which}` }, view.title, body);
            this.codeViews.push(view);
        };
        // Python first on a phone (the tab shown), the C++ port on the left on a wide screen, as in the window.
        addCode('cpp', run.sources.cpp, 'cpp');
        addCode('python', run.sources.python, 'python');
        this.sourceTabs = el('div', { class: 'cs-tabs', role: 'tablist' });
        if (this.codeViews.length > 1) {
            for (const v of this.codeViews) {
                const b = el('button', { role: 'tab', class: 'cs-tab', onclick: () => this.showCode(v.which) });
                v.tab = b;
                this.sourceTabs.append(b);
            }
        }
        for (const v of this.codeViews) codes.append(v.box);
        this.noSource = el('p', { class: 'cs-empty' });
        this.noSource.hidden = this.codeViews.length > 0;
        // No source at all (another tool's trace): the console takes the source's place, with a note.
        main.classList.toggle('cs-no-source', this.codeViews.length === 0);
        main.append(el('section', { class: 'cs-pane cs-source-pane' }, el('div', { class: 'cs-pane-head' }, this.sourceTitle, this.sourceTabs), codes, this.noSource));
        this.showCode(run.sources.python ? 'python' : 'cpp'); // a phone shows the Python first

        // Console.
        this.consoleTitle = el('h2');
        this.consoleEl = el('div', { class: 'cs-console', role: 'log' });
        main.append(el('section', { class: 'cs-pane cs-console-pane' }, this.consoleTitle, this.consoleEl));
        this.consoleShown = []; // seqs of the printed lines in the pane
        this.consoleFirst = 0; // index (in index.outputs) of the first line in the pane

        // The loop.
        this.loopTitle = el('h2');
        this.loopEl = el('div', { class: 'cs-loop' });
        main.append(el('section', { class: 'cs-pane cs-loop-pane' }, this.loopTitle, this.loopEl));

        // Transport: icons drawn as SVG (a phone's fonts may lack the media symbols).
        const button = (cls, icon, action) => {
            const b = el('button', { class: `cs-icon ${cls}`, onclick: action });
            b.innerHTML = icons[icon];
            return b;
        };
        this.toStartButton = button('cs-to-start', 'toStart', () => this.setCursor(-1));
        this.backButton = button('cs-back', 'back', () => this.step(-1));
        this.playButton = button('cs-play', 'play', () => this.togglePlay());
        this.forwardButton = button('cs-forward', 'forward', () => this.step(1));
        this.toEndButton = button('cs-to-end', 'toEnd', () => this.setCursor(this.n - 1));
        this.nextOutputButton = button('cs-next-output', 'nextOutput', () => this.nextOutput());
        this.stepText = el('span', { class: 'cs-step', 'aria-live': 'polite' });
        this.slider = el('input', { type: 'range', class: 'cs-slider', min: -1, max: Math.max(0, this.n - 1), step: 1, value: -1 });
        this.slider.addEventListener('input', () => this.setCursor(Number(this.slider.value)));
        this.speedLabel = el('label', { class: 'cs-speed-label' });
        this.speedSelect = el('select', { class: 'cs-speed' });
        for (const s of speeds) this.speedSelect.append(el('option', { value: s }));
        this.speedSelect.value = String(this.speed);
        this.speedSelect.addEventListener('change', () => {
            this.speed = Number(this.speedSelect.value);
            if (this.playing) this.startTimer();
        });
        app.append(el('footer', { class: 'cs-transport' },
            el('div', { class: 'cs-buttons' }, this.toStartButton, this.backButton, this.playButton, this.forwardButton, this.toEndButton, this.nextOutputButton),
            this.stepText, this.slider, el('span', { class: 'cs-speed-box' }, this.speedLabel, this.speedSelect)));

        this.tooltip = el('div', { class: 'cs-tooltip', role: 'tooltip' });
        this.tooltip.hidden = true;
        app.append(this.tooltip);

        this.timeline = new TimelineView(this.timelineHost, run, this.layout, {
            onCursor: (seq) => this.setCursor(seq),
            onHover: (seq, x, y) => this.showTooltip(seq, x, y),
            fontPx: this.fontSize(),
        });
        window.addEventListener('resize', () => {
            const px = this.fontSize();
            if (px !== this.timeline.baseFontPx) {
                this.timeline.baseFontPx = px;
                this.timeline.setFontSize(px);
                this.timeline.resize();
            }
        });
        this.installSwipes(main);
    }

    // The timeline's type: big on a projector, smaller on a phone.
    fontSize() {
        const w = window.innerWidth;
        return w >= 1800 ? 16 : w >= 1200 ? 15 : w >= 700 ? 14 : 13;
    }

    showCode(which) {
        this.shownCode = which;
        for (const v of this.codeViews) {
            v.box.classList.toggle('cs-shown', v.which === which);
            if (v.tab) {
                v.tab.classList.toggle('cs-active', v.which === which);
                v.tab.setAttribute('aria-selected', String(v.which === which));
            }
        }
        this.scrollCode();
    }

    // A horizontal swipe on the panes (not the timeline, where a drag pans) steps the cursor.
    installSwipes(main) {
        let start = null;
        main.addEventListener('touchstart', (e) => {
            if (e.touches.length !== 1 || e.target.closest('.cs-timeline')) {
                start = null;
                return;
            }
            start = { x: e.touches[0].clientX, y: e.touches[0].clientY, t: performance.now() };
        }, { passive: true });
        main.addEventListener('touchend', (e) => {
            if (!start) return;
            const t = e.changedTouches[0];
            const dx = t.clientX - start.x;
            const dy = t.clientY - start.y;
            if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy) && performance.now() - start.t < 800) this.step(dx < 0 ? 1 : -1);
            start = null;
        }, { passive: true });
    }

    // --- language --------------------------------------------------------------------------------

    setLanguage(code) {
        setLanguage(code);
        storeLanguage(code);
        this.retranslate();
        this.update(true);
    }

    retranslate() {
        const run = this.run;
        const zh = language() === 'zh_CN';
        document.documentElement.lang = zh ? 'zh-CN' : 'en';
        const sample = run.sample;
        this.titleEl.textContent = sample ? (zh ? sample.titleZh : sample.title) || run.title : run.title;
        const summary = sample ? (zh ? sample.summaryZh : sample.summary) : '';
        const facts = [];
        if (this.pythonRun) facts.push(tr('ranOnCPython'));
        facts.push(tr('eventCount', grouped(run.n)));
        facts.push(tr('madeWith'));
        this.subtitleEl.textContent = [summary, facts.join(' · ')].filter(Boolean).join(' — ');
        document.title = `${this.titleEl.textContent} · Coroscope`;
        this.axisButtons[0].textContent = tr('axisSteps');
        this.axisButtons[1].textContent = tr('axisTime');
        for (const b of this.axisButtons) b.title = tr('axisTip');
        this.zoomInButton.title = tr('zoomIn');
        this.zoomOutButton.title = tr('zoomOut');
        this.fitButton.textContent = tr('fit');
        this.fitButton.title = tr('fitTip');
        this.predictButton.textContent = tr('predict');
        this.predictButton.title = tr('predictTip');
        this.revealButton.textContent = tr('reveal');
        for (const b of this.langButtons) {
            b.classList.toggle('cs-active', b.dataset.lang === language());
            b.setAttribute('aria-pressed', String(b.dataset.lang === language()));
            b.title = tr('language');
        }
        this.helpSummary.textContent = tr('help');
        this.helpText.textContent = tr('helpText');
        this.keptEl.textContent = tr('kept', grouped(run.kept.events), grouped(run.kept.of));
        this.eventTitle.textContent = tr('events');
        this.sourceTitle.textContent = tr('source');
        this.consoleTitle.textContent = tr('console');
        this.loopTitle.textContent = tr('loop');
        this.noSource.textContent = tr('noSource');
        for (const v of this.codeViews) {
            const name = v.which === 'cpp' ? 'C++' : 'Python';
            v.title.textContent = `${name}  ·  ${v.file}${v.which === 'python' && this.pythonRun ? '  ·  ' + tr('ranOnCPython') : ''}`;
            if (v.tab) v.tab.textContent = name;
        }
        this.toStartButton.title = tr('toStart');
        this.backButton.title = tr('stepBack');
        this.forwardButton.title = tr('stepForward');
        this.toEndButton.title = tr('toEnd');
        this.nextOutputButton.title = tr('nextOutput');
        for (const b of [this.toStartButton, this.backButton, this.forwardButton, this.toEndButton, this.nextOutputButton, this.zoomInButton, this.zoomOutButton])
            b.setAttribute('aria-label', b.title);
        this.slider.title = tr('slider');
        this.speedLabel.textContent = tr('speed');
        [...this.speedSelect.options].forEach((o, i) => { o.textContent = tr('perSecond', speeds[i]); });
        this.buildLegend();
        this.buildBookmarks();
        this.timeline.relayout = true;
        this.timeline.resize(); // the first: the page is built by now
    }

    buildLegend() {
        const legend = this.legendEl;
        legend.textContent = '';
        const look = this.timeline.looks.find((l, lane) => this.run.laneKind[lane] !== LaneKind.Loop) || this.timeline.fallbackLook;
        const swatch = (draw) => {
            const c = el('canvas', { width: 36, height: 32, class: 'cs-legend-icon' });
            const ctx = c.getContext('2d');
            ctx.scale(2, 2);
            draw(ctx);
            return c;
        };
        const item = (icon, text, extra) => el('span', { class: `cs-legend-item${extra ? ' cs-legend-more' : ''}` }, icon, el('span', { text }));
        legend.append(
            item(swatch((ctx) => { ctx.fillStyle = hex(look.solid); ctx.fillRect(1, 3, 16, 10); }), tr('legendRunning')),
            item(swatch((ctx) => {
                ctx.fillStyle = tilePattern(ctx, look.light, look.hatch, look.pattern);
                ctx.fillRect(1, 3, 16, 10);
            }), tr('legendSuspended')),
            item(swatch((ctx) => {
                ctx.fillStyle = look.css.light; ctx.strokeStyle = look.css.solid; ctx.lineWidth = 1.5;
                ctx.beginPath(); ctx.roundRect(1.5, 3.5, 15, 9, 2); ctx.fill(); ctx.stroke();
                ctx.fillStyle = colors.text; ctx.font = '7px sans-serif'; ctx.fillText('abc', 3, 10.5);
            }), tr('legendPrinted')),
            item(swatch((ctx) => {
                ctx.strokeStyle = colors.wakeArrow; ctx.lineWidth = 1.5; ctx.beginPath(); ctx.moveTo(1, 8); ctx.lineTo(13, 8); ctx.stroke();
                ctx.fillStyle = colors.wakeArrow; ctx.beginPath(); ctx.moveTo(17, 8); ctx.lineTo(12, 5); ctx.lineTo(12, 11); ctx.fill();
            }), tr('legendWake')),
            item(swatch((ctx) => { ctx.fillStyle = colors.cursor; ctx.fillRect(8, 0, 2, 16); }), tr('legendCursor')),
        );
        const shapes = [[Shape.Create, 'create'], [Shape.Start, 'start'], [Shape.Suspend, 'suspend'], [Shape.Resume, 'resume'],
            [Shape.Done, 'done'], [Shape.Error, 'error', true], [Shape.Cancel, 'cancel', true], [Shape.Schedule, 'queued', true],
            [Shape.TimerArm, 'timer', true], [Shape.Clock, 'clock jump', true], [Shape.Sync, 'lock, event, semaphore', true]];
        for (const [shape, key, more] of shapes) legend.append(item(swatch((ctx) => drawMarker(ctx, shape, 9, 8, 12)), tr(key), more));
    }

    buildBookmarks() {
        const list = this.bookmarkList;
        list.textContent = '';
        const marks = this.run.annotations;
        this.bookmarkSummary.textContent = `${tr('bookmarks')} (${marks.length})`;
        this.bookmarks.hidden = marks.length === 0; // nothing to show: no menu
        if (marks.length === 0) {
            list.append(el('p', { class: 'cs-empty', text: tr('noBookmarks') }));
            return;
        }
        for (const a of marks) {
            list.append(el('button', {
                class: 'cs-bookmark',
                onclick: () => {
                    this.setCursor(a.seq);
                    this.bookmarks.open = false;
                },
            }, el('b', { text: tr('step %1', a.seq) }), el('span', { text: a.note || '—' })));
        }
    }

    // --- the cursor ------------------------------------------------------------------------------

    stepFromHash() {
        const m = /(?:^#|&)step=([^&]+)/.exec(location.hash);
        if (!m) return null;
        if (m[1] === 'start') return -1;
        if (m[1] === 'end') return this.n - 1;
        const v = parseInt(m[1], 10);
        return Number.isFinite(v) ? v : null;
    }

    // Predict mode holds the cursor before the first line not revealed.
    hiddenFrom() {
        const outputs = this.index.outputs;
        return this.predict.enabled && this.predict.revealed < outputs.length ? outputs[this.predict.revealed] : -1;
    }

    setCursor(seq, { force = false } = {}) {
        seq = Math.min(Math.max(Math.trunc(seq), -1), this.n - 1);
        const hidden = this.hiddenFrom();
        if (hidden >= 0 && seq >= hidden) {
            seq = hidden - 1;
            this.pause();
            this.predict.asking = true;
        } else if (this.predict.asking && seq !== hidden - 1) {
            this.predict.asking = false;
        }
        if (seq === this.cursor && !force) {
            this.update(false); // the question may have come (the "?" on the timeline and in the console)
            return;
        }
        this.cursor = seq;
        this.update(false);
        this.scheduleHash();
    }

    step(d) {
        this.setCursor(this.cursor + d);
    }

    nextOutput() {
        const next = this.index.nextOutputAfter(this.cursor);
        this.setCursor(next >= 0 ? next : this.n - 1);
    }

    scheduleHash() {
        // At most a few address updates a second: browsers throttle history calls made faster.
        if (this.hashTimer) return;
        this.hashTimer = setTimeout(() => {
            this.hashTimer = null;
            const hash = `#step=${this.cursor < 0 ? 'start' : this.cursor}`;
            if (location.hash === hash) return;
            try {
                history.replaceState(null, '', hash);
            } catch {
                // Some browsers refuse history calls on file:// pages: the address stays as it was.
            }
        }, 120);
    }

    togglePlay() {
        if (this.playing) this.pause();
        else this.play();
    }

    play() {
        if (this.cursor >= this.n - 1) this.setCursor(-1);
        this.playing = true;
        this.startTimer();
        this.updateTransport();
    }

    startTimer() {
        clearInterval(this.timer);
        this.timer = setInterval(() => {
            const before = this.cursor;
            this.step(1);
            if (this.cursor === before || this.cursor >= this.n - 1) this.pause();
        }, 1000 / this.speed);
    }

    pause() {
        if (!this.playing) return;
        this.playing = null;
        clearInterval(this.timer);
        this.updateTransport();
    }

    setAxis(axis) {
        this.timeline.setAxis(axis);
        this.axisButtons.forEach((b, i) => b.classList.toggle('cs-active', i === axis));
    }

    setPredict(on) {
        if (on === this.predict.enabled) return;
        this.predict = { enabled: on, revealed: on ? this.index.outputCountAt(this.cursor) : 0, asking: false };
        this.predictButton.setAttribute('aria-pressed', String(on));
        this.predictButton.classList.toggle('cs-active', on);
        this.update(true);
    }

    reveal() {
        const hidden = this.hiddenFrom();
        if (hidden < 0 || this.cursor !== hidden - 1) return false;
        ++this.predict.revealed;
        this.predict.asking = false;
        this.setCursor(hidden, { force: true });
        return true;
    }

    onKey(e) {
        if (e.target instanceof HTMLInputElement && e.target.type !== 'range') return;
        if (e.target instanceof HTMLSelectElement) return;
        if (e.altKey || e.metaKey) return;
        let handled = true;
        switch (e.key) {
        case 'ArrowRight':
            if (e.ctrlKey) this.nextOutput();
            else this.step(1);
            break;
        case 'ArrowLeft': this.step(-1); break;
        case 'Home': this.setCursor(-1); break;
        case 'End': this.setCursor(this.n - 1); break;
        case ' ':
        case 'Spacebar': this.togglePlay(); break;
        case 'n': case 'N': this.nextOutput(); break;
        case 'p': case 'P': this.setPredict(!this.predict.enabled); break;
        case 'r': case 'R': this.reveal(); break;
        case '+': case '=': this.timeline.zoomIn(); break;
        case '-': this.timeline.zoomOut(); break;
        case 'f': case 'F': this.timeline.fitAll(); break;
        case 'PageDown': this.step(1); break; // a clicker's keys
        case 'PageUp': this.step(-1); break;
        default: handled = false;
        }
        if (handled) {
            e.preventDefault();
            // The slider would move too on an arrow key.
            if (e.target === this.slider) this.slider.blur();
        }
    }

    // --- the panes follow the cursor -------------------------------------------------------------

    update(full) {
        const seq = this.cursor;
        const hidden = this.hiddenFrom();
        this.timeline.setHidden(hidden, this.predict.asking);
        this.timeline.setCursor(seq);
        if (full) this.timeline.invalidate();
        this.updateTransport();
        this.updateSource();
        this.updateConsole(full);
        this.updateLoop();
        this.updateEvents();
        this.updateBanner();
        this.updatePredict();
    }

    updateTransport() {
        const n = this.n;
        const seq = this.cursor;
        this.stepText.textContent = seq < 0 ? tr('beforeStart', grouped(n))
            : tr('stepOf', seq, n - 1, traceTime(this.run.time[seq]));
        this.slider.value = String(seq);
        this.playButton.innerHTML = this.playing ? icons.pause : icons.play;
        this.playButton.title = this.playing ? tr('pause') : tr('play');
        this.playButton.setAttribute('aria-label', this.playButton.title);
        this.root.dataset.step = String(seq);
    }

    updateSource() {
        const line = this.index.sourceLineAt(this.cursor);
        for (const v of this.codeViews) {
            let shown = 0;
            if (this.pythonRun) shown = v.which === 'python' ? line.line : this.cppMap.cppLine(line.line);
            else shown = v.which === 'cpp' ? line.line : this.cppMap.pythonLine(line.line);
            if (v.current) v.lines[v.current - 1]?.classList.remove('cs-current', 'cs-inherited');
            v.current = shown > 0 && shown <= v.lines.length ? shown : 0;
            if (v.current) v.lines[v.current - 1].classList.add(line.exact ? 'cs-current' : 'cs-inherited');
            v.box.dataset.line = String(v.current);
        }
        this.scrollCode();
    }

    // The highlighted line stays in view, inside its pane (the page itself does not jump).
    scrollCode() {
        for (const v of this.codeViews) {
            if (!v.current || !v.box.classList.contains('cs-shown') && window.innerWidth < 760) continue;
            const row = v.lines[v.current - 1];
            const body = v.body;
            const top = row.offsetTop - body.offsetTop;
            if (top < body.scrollTop + 8 || top + row.offsetHeight > body.scrollTop + body.clientHeight - 8)
                body.scrollTop = Math.max(0, top - body.clientHeight / 3);
        }
    }

    updateConsole(full) {
        const outputs = this.index.outputs;
        const count = this.index.outputCountAt(this.cursor);
        const first = Math.max(0, count - consoleCap);
        const pane = this.consoleEl;
        if (full || first !== this.consoleFirst || Math.abs(count - (this.consoleFirst + this.consoleShown.length)) > consoleCap) {
            pane.textContent = '';
            this.consoleShown = [];
            this.consoleFirst = first;
        }
        pane.querySelector('.cs-ask')?.remove();
        // Lines come and go at the end, as the cursor moves.
        while (this.consoleFirst + this.consoleShown.length > count) {
            this.consoleShown.pop();
            pane.lastElementChild?.remove();
        }
        if (pane.firstElementChild?.classList.contains('cs-console-note') || pane.firstElementChild?.classList.contains('cs-empty')) pane.firstElementChild.remove();
        while (this.consoleFirst + this.consoleShown.length < count) {
            const seq = outputs[this.consoleFirst + this.consoleShown.length];
            this.consoleShown.push(seq);
            pane.append(el('div', { class: 'cs-out', 'data-seq': seq, text: detailOf(this.run, seq) }));
        }
        if (this.consoleFirst > 0) pane.prepend(el('div', { class: 'cs-console-note', text: tr('consoleEarlier', grouped(this.consoleFirst)) }));
        if (count === 0) pane.prepend(el('div', { class: 'cs-empty', text: tr('consoleEmpty') }));
        this.consoleMarked?.classList.remove('cs-newest', 'cs-just');
        const newest = pane.lastElementChild;
        this.consoleMarked = newest;
        if (count > 0 && newest && newest.classList.contains('cs-out')) {
            newest.classList.add('cs-newest');
            if (Number(newest.dataset.seq) === this.cursor) newest.classList.add('cs-just');
        }
        if (this.predict.asking) {
            pane.querySelector('.cs-empty')?.remove();
            pane.append(el('div', { class: 'cs-out cs-ask', text: '?' }));
        }
        const shown = `${this.consoleFirst}:${count}:${this.predict.asking}`;
        if (shown !== this.consoleState) {
            this.consoleState = shown;
            pane.scrollTop = pane.scrollHeight; // the newest line in view (a layout: only when lines changed)
        }
    }

    laneText(lane) {
        return this.run.laneKind[lane] === LaneKind.Loop ? tr('event loop') : laneNameOf(this.run, lane);
    }

    updateLoop() {
        const run = this.run;
        const s = this.tracker.at(this.cursor);
        const str = (id) => (id < run.strings.length ? run.strings[id] : '');
        const rows = [];
        const head = (name, value, tip) => rows.push([name, value, tip, false]);
        const child = (name, value) => rows.push([name, value, '', true]);
        head(tr('Clock'), traceTime(s.clock), tr('clockTip'));
        head(tr('Running'), s.running < 0 ? tr('nothing') : this.laneText(s.running), tr('runningTip'));
        const ready = s.ready.first(listCap);
        const readyCount = s.ready.length;
        head(tr('Ready queue'), readyCount === 0 ? tr('empty') : readyCount === 1 ? tr('1 callback') : tr('%1 callbacks', grouped(readyCount)), tr('readyTip'));
        ready.forEach((r, i) => child(tr('ready item', i + 1, this.laneText(r.lane)), str(r.name)));
        if (readyCount > listCap) child('', tr('and more', grouped(readyCount - listCap)));
        head(tr('Timers'), s.timers.length === 0 ? tr('none') : s.timers.length === 1 ? tr('1 armed') : tr('%1 armed', grouped(s.timers.length)), tr('timersTip'));
        s.timers.slice(0, listCap).forEach((t) => child(tr('at %1 (in %2)', traceTime(t.due), traceTime(t.due - s.clock)), tr('timer item', this.laneText(t.lane), str(t.name))));
        if (s.timers.length > listCap) child('', tr('and more', grouped(s.timers.length - listCap)));
        let waiting = 0;
        for (const p of s.primitives) waiting += p.waiters.length;
        const made = s.primitives.length === 1 ? tr('1 primitive') : tr('%1 primitives', s.primitives.length);
        head(tr('Synchronisation'), s.primitives.length === 0 ? tr('none') : waiting === 0 ? made : tr('%1, %2 waiting', made, waiting), tr('syncTip'));
        for (const p of s.primitives.slice(0, listCap)) child(p.name, this.primitiveText(p));
        if (s.primitives.length > listCap) child('', tr('and more', grouped(s.primitives.length - listCap)));
        // The rows are kept and only their texts change: a step rebuilds nothing.
        const pane = this.loopEl;
        while (pane.children.length < rows.length)
            pane.append(el('div', { class: 'cs-loop-row' }, el('span', { class: 'cs-loop-name' }), el('span', { class: 'cs-loop-value' })));
        while (pane.children.length > rows.length) pane.lastElementChild.remove();
        rows.forEach(([name, value, tip, isChild], i) => {
            const row = pane.children[i];
            if (row.firstChild.textContent !== name) row.firstChild.textContent = name;
            if (row.lastChild.textContent !== value) row.lastChild.textContent = value;
            if (row.title !== tip) row.title = tip;
            row.classList.toggle('cs-loop-child', isChild);
        });
    }

    primitiveText(p) {
        const lanes = (ls) => ls.map((l) => this.laneText(l)).join(', ');
        const parts = [];
        if (p.kind === 'Lock') parts.push(p.holders.length === 0 ? tr('free') : tr('held by %1', lanes(p.holders)));
        else if (p.kind === 'Event') parts.push(p.set ? tr('set') : tr('not set'));
        else if (p.kind === 'Semaphore' || p.kind === 'BoundedSemaphore') {
            parts.push(tr('value %1', p.value));
            if (p.holders.length) parts.push(tr('held by %1', lanes(p.holders)));
        } else if (p.kind === 'Condition') parts.push(tr('lock %1', p.lock));
        else if (p.kind === 'Barrier') parts.push(p.set ? tr('broken') : tr('%1 of %2 arrived', p.waiters.length, p.parties));
        if (p.waiters.length)
            parts.push(tr('waiting: %1', p.waiters.map((w) => (w.woken ? tr('%1 (woken)', this.laneText(w.lane)) : this.laneText(w.lane))).join(', ')));
        return parts.join('; ');
    }

    detailShown(seq) {
        const hidden = this.hiddenFrom();
        return hidden >= 0 && seq >= hidden && this.run.kind[seq] === K.Output ? '?' : detailOf(this.run, seq).replace(/[\n\t]/g, ' ');
    }

    updateEvents() {
        const run = this.run;
        const seq = this.cursor;
        const wide = window.innerWidth >= 760;
        const before = wide ? 3 : 0;
        const after = wide ? 4 : 0;
        const first = Math.max(0, Math.max(seq, 0) - before);
        const last = Math.min(run.n - 1, Math.max(seq, 0) + after);
        const head = el('tr', {}, ...['#', 'Time', 'Lane', 'Kind', 'Detail', 'Line'].map((h) =>
            el('th', { text: tr(h), class: h === '#' || h === 'Time' || h === 'Line' ? 'cs-num' : null })));
        const rows = [head];
        for (let s = first; s <= last && run.n > 0; ++s) {
            const kind = eventKindNames[run.kind[s]];
            const tr_ = el('tr', { class: s === seq ? 'cs-at' : s > seq ? 'cs-later' : '', 'data-seq': s, onclick: () => this.setCursor(s) },
                el('td', { class: 'cs-num', text: String(s) }),
                el('td', { class: 'cs-num', text: traceTime(run.time[s]) }),
                el('td', { text: this.laneText(run.lane[s]) }),
                el('td', { text: tr('kind.' + kind) }),
                el('td', { class: 'cs-detail', text: this.detailShown(s) }),
                el('td', { class: 'cs-num', text: locationText(run, s) }));
            rows.push(tr_);
        }
        this.eventTable.replaceChildren(...rows);
        if (seq >= 0) {
            const kind = eventKindNames[run.kind[seq]];
            this.eventHelp.textContent = `${tr('kind.' + kind)}: ${tr('help.' + kind)}`;
        } else {
            this.eventHelp.textContent = tr('beforeStart', grouped(run.n));
        }
    }

    updateBanner() {
        const a = this.run.annotations.find((x) => x.seq === this.cursor);
        this.bannerEl.hidden = !a;
        if (a) this.bannerEl.textContent = a.note ? tr('bookmarkNote', a.seq, a.note) : tr('bookmarkBare', a.seq);
    }

    updatePredict() {
        const p = this.predict;
        this.predictEl.hidden = !p.enabled;
        if (!p.enabled) return;
        const total = this.index.outputs.length;
        const hidden = this.hiddenFrom();
        this.predictEl.classList.toggle('cs-asking', p.asking);
        if (hidden < 0) this.predictText.textContent = tr('predictDone');
        else if (p.asking) this.predictText.textContent = tr('predictAsk', p.revealed + 1, total);
        else this.predictText.textContent = tr('predictOn', p.revealed, total);
        this.revealButton.hidden = !(hidden >= 0 && this.cursor === hidden - 1);
    }

    showTooltip(seq, x, y) {
        const tip = this.tooltip;
        if (seq < 0) {
            tip.hidden = true;
            return;
        }
        const run = this.run;
        const kind = eventKindNames[run.kind[seq]];
        const detail = this.detailShown(seq);
        const loc = locationText(run, seq);
        tip.replaceChildren(
            el('b', { text: `${tr('step %1', seq)} · ${traceTime(run.time[seq])}` }),
            el('div', { text: `${this.laneText(run.lane[seq])} · ${tr('kind.' + kind)}` }),
            detail ? el('div', { class: 'cs-tip-detail', text: detail.length > 300 ? detail.slice(0, 300) + '…' : detail }) : null,
            loc ? el('div', { class: 'cs-tip-loc', text: loc }) : null);
        tip.hidden = false;
        const w = tip.offsetWidth;
        const h = tip.offsetHeight;
        tip.style.left = `${Math.min(x + 14, window.innerWidth - w - 8)}px`;
        tip.style.top = `${y + 18 + h > window.innerHeight ? y - h - 10 : y + 18}px`;
    }
}
