// The timeline on a canvas: lanes with their spans, markers, labels and printed lines, wake-up
// arrows, folded groups, the cursor. What and where follow the window's painters
// (app/timeline/TimelineSpansPlottable.cpp, TimelineBackdrop.cpp, TimelineOverlay.cpp,
// TimelineGroupPainter.cpp); zoom, pan and pinch follow TimelineWidget.
import { EventKind as K, LaneKind } from '../model/decode.js';
import { ArrowKind, Axis, SpanState } from '../model/layout.js';
import { RowKind, TimelineLanes } from '../model/lanes.js';
import { LaneGroupActivity } from '../model/activity.js';
import { assignLooks, colors, hex, mix, tilePattern, white } from './style.js';
import { drawMarker, isMajor, markerFor, Shape } from './markers.js';
import { clampRange, fitRange, formatSeconds, niceStep, panRange, secondsUnit, zoomRange } from './format.js';
import { grouped, tr } from './i18n.js';

const kZoomStep = 0.8;
const mergePixels = 2.5;
const markerSpacing = 9;
const maxLabels = 400;
const maxArrows = 300;
const maxOutputsPerRow = 300;
const fontFamily = '"DejaVu Sans", "Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function laneKindText(kind) {
    switch (kind) {
    case LaneKind.Module: return tr('module');
    case LaneKind.Loop: return tr('who runs when');
    case LaneKind.Task: return tr('task');
    case LaneKind.Coroutine: return tr('coroutine');
    case LaneKind.Generator: return tr('generator');
    case LaneKind.Worker: return tr('worker thread');
    default: return '';
    }
}

// A label as drawn: no screen shows more than a few hundred characters of one.
function clip(text) {
    return text.length > 400 ? text.slice(0, 400) + '…' : text;
}

export class TimelineView {
    constructor(host, run, layout, { onCursor, onHover, fontPx = 15 } = {}) {
        this.host = host;
        this.run = run;
        this.layout = layout;
        this.onCursor = onCursor || (() => {});
        this.onHover = onHover || (() => {});
        this.axis = Axis.Steps;
        this.cursor = -1;
        this.hover = -1;
        this.hiddenOutputsFrom = -1; // predict mode: printed lines from this seq on are not drawn
        this.askOutput = false;
        this.bookmarks = run.annotations.map((a) => a.seq);
        this.rowScroll = 0;
        this.hits = [];
        this.placedBySeq = new Map();
        this.activities = [];
        this.foldsChosen = false;
        this.lanes = new TimelineLanes(layout);
        // A group's lanes share one look: 100 downloads read as one colour.
        const lookGroup = new Int32Array(run.laneCount).fill(-1);
        for (let r = 0; r < layout.rowCount; ++r) lookGroup[layout.rows[r].lane] = this.lanes.groupOfRow[r];
        this.looks = assignLooks(run, lookGroup);
        this.fallbackLook = assignLooks({ laneCount: 1, laneKind: [LaneKind.Task] }, null)[0];

        this.base = document.createElement('canvas');
        this.overlay = document.createElement('canvas');
        this.base.className = 'timeline-base';
        this.overlay.className = 'timeline-overlay';
        this.overlay.setAttribute('role', 'img');
        host.append(this.base, this.overlay);
        this.baseFontPx = fontPx;
        this.setFontSize(fontPx);
        this.range = { start: 0, end: 1 };
        this.width = 0;
        this.height = 0;
        this.dirty = true;
        this.overlayDirty = true;
        this.frameRequested = false;
        this.widthCache = new Map(); // text widths by font and text
        this.installInput();
        // The first size comes from the owner (App), once the page around is built: each early
        // measurement would lay the whole page out again.
        new ResizeObserver(() => {
            if (this.width > 0) this.resize();
        }).observe(host);
    }

    // Metrics from one type size (TimelineStyle::updateMetrics).
    setFontSize(px) {
        if (px === this.fontPx) return;
        this.fontPx = px;
        this.smallPx = Math.max(12, px - 2);
        const line = Math.round(px * 1.2);
        const smallLine = Math.round(this.smallPx * 1.2);
        this.font = `${px}px ${fontFamily}`;
        this.boldFont = `600 ${px}px ${fontFamily}`;
        this.smallFont = `${this.smallPx}px ${fontFamily}`;
        this.boldSmallFont = `600 ${this.smallPx}px ${fontFamily}`;
        this.lineText = line;
        this.smallLineText = smallLine;
        this.barTop = Math.round(line * 0.35);
        this.barHeight = Math.round(line * 1.5);
        this.outputTop = this.barTop + this.barHeight + Math.round(line * 0.25);
        this.outputHeight = Math.round(line * 1.25);
        this.rowHeight = this.outputTop + this.outputHeight + Math.round(line * 0.35);
        this.markerSize = Math.max(9, Math.round(this.barHeight * 0.62));
        this.lineHeight = Math.ceil(smallLine * 1.25);
        this.summaryHeight = Math.round(this.lineHeight * 2.2);
        this.axisHeight = line + smallLine + 14;
        this.relayout = true;
    }

    laneHeights() {
        return { roomy: this.rowHeight, line: this.lineHeight, minCompact: 4, summary: this.summaryHeight };
    }

    // --- geometry --------------------------------------------------------------------------------

    resize() {
        const rect = this.host.getBoundingClientRect();
        const w = Math.max(50, Math.floor(rect.width));
        const h = Math.max(50, Math.floor(rect.height));
        const dpr = window.devicePixelRatio || 1;
        const first = this.width === 0;
        if (w === this.width && h === this.height && dpr === this.dpr && !this.relayout) return;
        const oldPlotHeight = this.area ? this.area.height : 0;
        this.width = w;
        this.height = h;
        this.dpr = dpr;
        for (const c of [this.base, this.overlay]) {
            c.width = Math.round(w * dpr);
            c.height = Math.round(h * dpr);
            c.style.width = `${w}px`;
            c.style.height = `${h}px`;
        }
        this.labelColumnWidth = this.computeLabelColumn();
        const right = w < 600 ? 6 : 16;
        this.area = {
            left: this.labelColumnWidth,
            top: this.axisHeight,
            width: Math.max(20, w - this.labelColumnWidth - right),
            height: Math.max(20, h - this.axisHeight - 2),
        };
        this.area.right = this.area.left + this.area.width - 1;
        this.area.bottom = this.area.top + this.area.height - 1;
        if (!this.foldsChosen && (first || this.relayout || oldPlotHeight !== this.area.height))
            this.lanes.collapseToFit(this.laneHeights(), this.area.height);
        this.arrange();
        // A few roomy lanes on a big screen (a projector): larger type, so that they fill the room.
        const want = this.fitting ? this.fontPx : this.fittedFontSize();
        if (want !== this.fontPx) {
            this.setFontSize(want);
            this.fitting = true; // once: the new size is not measured again
            this.resize();
            this.fitting = false;
            if (first) this.fitAll();
            return;
        }
        if (first) this.fitAll();
        this.relayout = false;
        this.invalidate();
    }

    fittedFontSize() {
        const base = this.baseFontPx;
        if (this.width < 1000 || this.lanes.density !== 0 /* roomy */) return base;
        const content = this.lanes.contentHeight();
        if (content <= 0) return base;
        // Row heights grow with the type: aim at 80% of the view.
        const scaled = Math.floor(this.fontPx * (0.8 * this.area.height) / content);
        return Math.min(Math.max(scaled, base), Math.round(base * 1.35));
    }

    arrange() {
        this.lanes.arrange(this.laneHeights(), this.area.height);
        this.rowScroll = Math.min(Math.max(this.rowScroll, 0), Math.max(0, this.lanes.contentHeight() - this.area.height));
    }

    measure(font, text) {
        const key = font + '\u0000' + text;
        let w = this.widthCache.get(key);
        if (w === undefined) {
            // A canvas of its own: setting a font costs more than measuring, so it is set only on a change.
            if (!this.measurer) this.measurer = document.createElement('canvas').getContext('2d');
            if (this.measuredFont !== font) {
                this.measurer.font = font;
                this.measuredFont = font;
            }
            w = this.measurer.measureText(text).width;
            if (this.widthCache.size > 20000) this.widthCache.clear();
            this.widthCache.set(key, w);
        }
        return w;
    }

    elide(font, text, avail) {
        if (this.measure(font, text) <= avail) return text;
        let lo = 0;
        let hi = text.length;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.measure(font, text.slice(0, mid) + '…') <= avail) lo = mid;
            else hi = mid - 1;
        }
        return lo === 0 ? '' : text.slice(0, lo) + '…';
    }

    computeLabelColumn() {
        const layout = this.layout;
        let widest = this.measure(this.boldFont, tr('event loop'));
        const rows = Math.min(layout.rowCount, 5000);
        for (let r = 0; r < rows; ++r) widest = Math.max(widest, this.measure(this.boldFont, clip(layout.rowName(r))));
        for (const g of this.lanes.groups) widest = Math.max(widest, this.measure(this.boldFont, `${g.title} × 00000`) + 10);
        for (const kind of ['who runs when', 'worker thread', 'generator', 'coroutine'])
            widest = Math.max(widest, this.measure(this.smallFont, tr(kind)));
        const swatch = Math.max(14, this.lineText * 0.9);
        let width = Math.min(Math.max(Math.ceil(widest + swatch + 30), 150), 420);
        if (this.width < 700) width = Math.min(width, Math.max(110, Math.round(this.width * 0.38)));
        return width;
    }

    minWidth() {
        return this.axis === Axis.Steps ? 6 : 1e-7;
    }

    limits() {
        const data = this.layout.dataRange(this.axis);
        const fit = fitRange(data.start, data.end, 0.03, this.minWidth());
        const w = fit.end - fit.start;
        return { start: fit.start - 0.5 * w, end: fit.end + 0.5 * w };
    }

    wholeRange() {
        const layout = this.layout;
        if (layout.eventCount === 0) return this.axis === Axis.Steps ? { start: -0.5, end: 10 } : { start: 0, end: 1 };
        const data = layout.dataRange(this.axis);
        if (this.axis === Axis.Steps) return fitRange(data.start - 0.6, data.end + 0.6, 0.01, this.minWidth());
        const r = fitRange(data.start, data.end, 0.03, data.end > data.start ? this.minWidth() : 1e-3);
        r.end += 0.04 * (r.end - r.start);
        return r;
    }

    fitAll() {
        this.setRange(this.wholeRange(), false);
    }

    // The whole run when its steps are far enough apart to tell its markers apart; else (a long run, a
    // phone) a window of steps that are, around `seq`.
    readableView(seq) {
        this.fitAll();
        if (this.axis !== Axis.Steps) return;
        const perStep = this.markerSize * 0.8;
        const steps = this.area.width / perStep;
        const whole = this.range;
        if (whole.end - whole.start <= steps) return;
        const start = Math.min(Math.max(seq - 0.4 * steps, whole.start), whole.end - steps);
        this.setRange({ start, end: start + steps });
    }

    setRange(r, clamp = true) {
        if (!(r.end > r.start)) return;
        const mw = this.minWidth();
        if (r.end - r.start < mw) {
            const c = (r.start + r.end) / 2;
            r = { start: c - mw / 2, end: c + mw / 2 };
        }
        if (clamp && this.layout.eventCount > 0) r = clampRange(r, this.limits());
        this.range = r;
        this.invalidate();
    }

    setAxis(axis) {
        if (axis === this.axis) return;
        this.axis = axis;
        this.fitAll();
        this.followCursor();
    }

    zoomAt(anchor, factor) {
        this.setRange(zoomRange(this.range, anchor, factor, this.limits(), this.minWidth()));
    }

    zoomIn() {
        let anchor = (this.range.start + this.range.end) / 2;
        if (this.cursor >= 0) {
            const x = this.layout.x(this.cursor, this.axis);
            if (x >= this.range.start && x <= this.range.end) anchor = x;
        }
        this.zoomAt(anchor, kZoomStep);
    }

    zoomOut() {
        this.zoomAt((this.range.start + this.range.end) / 2, 1 / kZoomStep);
    }

    ppu() {
        return this.area.width / (this.range.end - this.range.start);
    }
    toPixel(x) {
        return this.area.left + (x - this.range.start) * this.ppu();
    }
    toX(px) {
        return this.range.start + (px - this.area.left) / this.ppu();
    }

    rowTop(i) {
        return this.area.top + this.lanes.rows[i].top - this.rowScroll;
    }

    // Where things go inside a drawn row (TimelineScene::rowBox).
    rowBox(i) {
        const r = this.lanes.rows[i];
        const top = Math.round(this.rowTop(i));
        const box = { top, height: r.height, roomy: true, labels: true };
        if (r.kind === RowKind.Lane && r.height >= this.rowHeight) {
            box.barTop = top + this.barTop;
            box.barHeight = this.barHeight;
            box.outputTop = top + this.outputTop;
            box.outputHeight = this.outputHeight;
            box.markerSize = this.markerSize;
            box.font = this.font;
        } else {
            box.roomy = false;
            const pad = r.height >= 14 ? 2 : r.height >= 6 ? 1 : 0;
            box.barTop = top + pad;
            box.barHeight = Math.max(2, r.height - 2 * pad - 1);
            box.markerSize = box.barHeight >= 10 ? Math.min(this.markerSize, Math.round(box.barHeight * 0.8)) : 0;
            box.font = this.smallFont;
            box.labels = box.barHeight >= this.smallLineText - 1;
        }
        box.barCenter = box.barTop + box.barHeight / 2;
        return box;
    }

    look(lane) {
        return lane >= 0 && lane < this.looks.length ? this.looks[lane] : this.fallbackLook;
    }

    activity(g) {
        if (!this.activities[g]) this.activities[g] = new LaneGroupActivity(this.layout, this.lanes.groups[g].rows);
        return this.activities[g];
    }

    // The drawn row of the lane of event `seq`, only when that lane has a row of its own.
    laneRowOfEvent(seq) {
        const row = this.lanes.rowOfLane(this.run.lane[seq]);
        return row >= 0 && this.lanes.rows[row].kind === RowKind.Lane ? row : -1;
    }

    outputHidden(seq) {
        return this.hiddenOutputsFrom >= 0 && seq >= this.hiddenOutputsFrom;
    }

    // --- state from the app ----------------------------------------------------------------------

    setCursor(seq, follow = true) {
        if (seq === this.cursor) return;
        this.cursor = seq;
        this.overlayDirty = true;
        if (follow) this.followCursor();
        this.request();
    }

    setHidden(from, ask) {
        if (from === this.hiddenOutputsFrom && ask === this.askOutput) return;
        this.hiddenOutputsFrom = from;
        this.askOutput = ask;
        this.invalidate();
    }

    // Keeps the cursor's event in view, as the window does (TimelineWidget::onCursorChanged): past 5% of
    // an edge the range shifts by the least that puts it 15% inside; the rows scroll to its lane.
    followCursor() {
        const seq = this.cursor;
        if (seq < 0 || seq >= this.layout.eventCount || !this.area) return;
        const x = this.layout.x(seq, this.axis);
        const r = this.range;
        const w = r.end - r.start;
        if (x < r.start + 0.05 * w || x > r.end - 0.05 * w) {
            const m = 0.15 * w;
            const start = x < r.start + m ? x - m : x + m - w;
            this.setRange({ start, end: start + w });
        }
        this.ensureLaneVisible(this.run.lane[seq]);
    }

    ensureLaneVisible(lane) {
        const row = this.lanes.rowOfLane(lane);
        if (row < 0) return;
        const r = this.lanes.rows[row];
        const height = this.area.height;
        const scroll = this.rowScroll;
        // A thin lane keeps some rows above and below it in view: the cursor's ring is larger than it.
        const margin = r.height >= this.rowHeight ? 0 : Math.min(Math.max((height - r.height) / 4, 0), 2 * this.lineHeight);
        if (r.top >= scroll + Math.min(margin, r.top) && r.top + r.height <= scroll + height - margin) return;
        // A near miss scrolls just enough; a lane far away comes to the middle, with its neighbours.
        const near = r.top + r.height > scroll - height / 2 && r.top < scroll + height * 1.5;
        if (!near) this.setRowScroll(r.top + r.height / 2 - height / 2);
        else if (r.top < scroll + margin) this.setRowScroll(r.top - margin);
        else this.setRowScroll(r.top + r.height + margin - height);
    }

    setRowScroll(px) {
        const max = Math.max(0, this.lanes.contentHeight() - this.area.height);
        const v = Math.min(Math.max(px, 0), max);
        if (v !== this.rowScroll) {
            this.rowScroll = v;
            this.invalidate();
        }
    }

    toggleGroup(g) {
        this.foldsChosen = true;
        this.lanes.groups[g].collapsed = !this.lanes.groups[g].collapsed;
        this.arrange();
        this.invalidate();
    }

    invalidate() {
        this.dirty = true;
        this.overlayDirty = true;
        this.request();
    }

    request() {
        if (this.frameRequested) return;
        this.frameRequested = true;
        requestAnimationFrame(() => {
            this.frameRequested = false;
            this.paint();
        });
    }

    paint() {
        if (this.dirty) {
            this.drawBase();
            this.dirty = false;
        }
        if (this.overlayDirty) {
            this.drawOverlay();
            this.overlayDirty = false;
        }
    }

    // --- the base layer --------------------------------------------------------------------------

    drawBase() {
        const ctx = this.base.getContext('2d');
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        ctx.fillStyle = colors.background;
        ctx.fillRect(0, 0, this.width, this.height);
        this.hits = [];
        this.titleHits = [];
        this.placedBySeq.clear();
        this.labelsLeft = maxLabels;
        const area = this.area;
        this.drawAxis(ctx);
        const [first, last] = this.lanes.visibleRows(this.rowScroll, area.height);
        this.visible = [first, last];
        ctx.save();
        ctx.beginPath();
        ctx.rect(0, area.top, this.width, area.height);
        ctx.clip();
        this.drawBackdrop(ctx, first, last);
        ctx.save();
        ctx.beginPath();
        ctx.rect(area.left, area.top, area.width, area.height);
        ctx.clip();
        for (let i = first; i < last; ++i) {
            const row = this.lanes.rows[i];
            if (row.kind === RowKind.Lane) this.drawRow(ctx, i);
            else if (row.kind === RowKind.GroupSummary) this.drawSummary(ctx, i);
            else this.drawHeader(ctx, i);
        }
        this.drawArrows(ctx, first, last);
        ctx.restore();
        ctx.restore();
    }

    drawAxis(ctx) {
        const area = this.area;
        const range = this.range;
        const label = this.axis === Axis.Steps ? tr('step (one column per event)')
            : this.run.clock === 'virtual' ? tr('time (virtual clock)') : tr('time (wall clock)');
        ctx.fillStyle = colors.text;
        ctx.font = this.smallFont;
        ctx.textBaseline = 'middle';
        ctx.textAlign = 'center';
        ctx.fillText(label, area.left + area.width / 2, 4 + this.smallLineText / 2);
        const targetTicks = Math.max(2, Math.floor(area.width / (this.fontPx * 7)));
        const width = range.end - range.start;
        let step;
        let unit = 1;
        if (this.axis === Axis.Steps) {
            step = Math.max(1, niceStep(width / targetTicks));
            if (step < 1) step = 1;
            if (step > 1 && step % 1 !== 0) step = Math.ceil(step);
        } else {
            step = niceStep(width / targetTicks);
            unit = secondsUnit(Math.max(Math.abs(range.start), Math.abs(range.end), step));
        }
        const y = this.axisHeight - 6 - this.lineText / 2;
        ctx.font = this.font;
        const firstTick = Math.ceil(range.start / step) * step;
        for (let t = firstTick; t <= range.end; t += step) {
            const x = Math.round(this.toPixel(t)) + 0.5;
            if (x < area.left - 1 || x > area.right + 1) continue;
            const text = this.axis === Axis.Steps ? String(Math.round(t))
                : formatSeconds(Math.abs(t) < step * 1e-6 ? 0 : t, step, unit);
            ctx.fillStyle = colors.text;
            ctx.fillText(text, x, y);
            ctx.fillStyle = colors.grid;
            ctx.fillRect(x - 0.5, this.axisHeight - 5, 1, 5);
            ctx.fillStyle = '#eef0f3';
            ctx.fillRect(x - 0.5, area.top, 1, area.height);
        }
        ctx.fillStyle = colors.grid;
        ctx.fillRect(area.left, this.axisHeight - 1, area.width, 1);
        ctx.textAlign = 'left';
    }

    drawSwatch(ctx, x, y, size, look) {
        ctx.fillStyle = hex(look.solid);
        ctx.fillRect(x, y, size / 2, size);
        ctx.save();
        ctx.translate(x + size / 2, y);
        ctx.fillStyle = tilePattern(ctx, look.light, look.hatch, look.pattern);
        ctx.fillRect(0, 0, size / 2, size);
        ctx.restore();
        ctx.strokeStyle = hex(look.solid);
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
    }

    drawBackdrop(ctx, first, last) {
        const area = this.area;
        const layout = this.layout;
        const labelLeft = Math.max(4, area.left - this.labelColumnWidth + 8);
        const labelRight = area.left - 10;
        for (let i = first; i < last; ++i) {
            const row = this.lanes.rows[i];
            const top = Math.round(this.rowTop(i));
            const h = row.height;
            const group = row.kind !== RowKind.Lane;
            if (group) {
                ctx.fillStyle = colors.groupBand;
                ctx.fillRect(labelLeft - 8, top, area.right - labelLeft + 9, h);
            } else if (i % 2 === 1) {
                ctx.fillStyle = colors.zebra;
                ctx.fillRect(labelLeft - 8, top, area.right - labelLeft + 9, h);
            }
            if (h >= 6 || group) {
                ctx.fillStyle = colors.separator;
                ctx.fillRect(labelLeft - 8, top + h - 1, area.right - labelLeft + 9, 1);
            }
            if (group) {
                this.drawTitle(ctx, row.group, row.kind === RowKind.GroupSummary, top, labelLeft, labelRight);
                continue;
            }
            const r = row.index;
            const box = this.rowBox(i);
            const look = this.look(layout.rows[r].lane);
            const indent = row.group >= 0 ? 10 : 0;
            const sw = Math.min(Math.max(14, Math.floor(this.lineText * 0.9)), box.barHeight);
            if (sw >= 3) this.drawSwatch(ctx, labelLeft + indent, box.barTop + (box.barHeight - sw) / 2, sw, look);
            const textLeft = labelLeft + indent + sw + 8;
            const avail = labelRight - textLeft;
            const name = layout.rowKind(r) === LaneKind.Loop ? tr('event loop') : clip(layout.rowName(r));
            ctx.textBaseline = 'middle';
            if (avail > 20 && box.roomy) {
                ctx.font = this.boldFont;
                ctx.fillStyle = colors.text;
                ctx.fillText(this.elide(this.boldFont, name, avail), textLeft, box.barTop + box.barHeight / 2);
                ctx.font = this.smallFont;
                ctx.fillStyle = colors.muted;
                ctx.fillText(this.elide(this.smallFont, laneKindText(layout.rowKind(r)), avail), textLeft,
                    box.outputTop + box.outputHeight / 2);
            } else if (avail > 20 && h >= this.smallLineText - 2) {
                const font = row.group >= 0 ? this.smallFont : this.boldSmallFont;
                ctx.font = font;
                ctx.fillStyle = colors.text;
                ctx.fillText(this.elide(font, name, avail), textLeft, top + h / 2);
            }
        }
        if (first < last && this.lanes.rows[first].kind === RowKind.Lane && this.lanes.rows[first].group >= 0) {
            const h = this.lineHeight;
            ctx.fillStyle = colors.groupBand;
            ctx.fillRect(labelLeft - 8, area.top, labelRight - labelLeft + 18, h);
            ctx.fillStyle = colors.separator;
            ctx.fillRect(labelLeft - 8, area.top + h - 1, labelRight - labelLeft + 18, 1);
            this.drawTitle(ctx, this.lanes.rows[first].group, false, area.top, labelLeft, labelRight);
        }
        ctx.fillStyle = colors.separator;
        ctx.fillRect(area.left - 1, area.top, 1, area.height);
    }

    groupTitle(g) {
        const group = this.lanes.groups[g];
        return `${group.title} × ${grouped(group.rows.length)}`;
    }

    drawTitle(ctx, g, folded, top, left, right) {
        const lineH = this.lineHeight;
        const s = Math.min(lineH * 0.5, 10);
        const cx = left + s / 2 + 1;
        const cy = top + lineH / 2 + 1;
        ctx.fillStyle = colors.text;
        ctx.beginPath();
        if (folded) {
            ctx.moveTo(cx - s * 0.35, cy - s * 0.5);
            ctx.lineTo(cx + s * 0.45, cy);
            ctx.lineTo(cx - s * 0.35, cy + s * 0.5);
        } else {
            ctx.moveTo(cx - s * 0.5, cy - s * 0.35);
            ctx.lineTo(cx + s * 0.5, cy - s * 0.35);
            ctx.lineTo(cx, cy + s * 0.45);
        }
        ctx.closePath();
        ctx.fill();
        const textLeft = left + s + 8;
        const avail = right - textLeft;
        if (avail < 20) return;
        ctx.font = this.boldFont;
        ctx.textBaseline = 'middle';
        ctx.fillText(this.elide(this.boldFont, this.groupTitle(g), avail), textLeft, top + lineH / 2);
        // The title is a button: it folds or opens the group.
        this.titleHits.push({ x0: left - 8, x1: right, y0: top, y1: top + lineH, group: g });
    }

    drawRow(ctx, drawn) {
        const layout = this.layout;
        const run = this.run;
        const r = this.lanes.rows[drawn].index;
        const box = this.rowBox(drawn);
        const row = layout.rows[r];
        const axis = this.axis;
        const loopRow = layout.rowKind(r) === LaneKind.Loop;
        const own = this.look(row.lane);
        const barTop = box.barTop;
        const barH = box.barHeight;
        const barBottom = barTop + barH;
        const thin = barH < 8;
        const barCenter = barTop + barH / 2;
        const area = this.area;
        const ppu = this.ppu();
        const px = (x) => Math.min(Math.max(this.toPixel(x), area.left - 4), area.right + 4);
        const lod = layout.lodSpans(r, this.range, axis, ppu, mergePixels, this.lodScratch || (this.lodScratch = []));

        const labels = [];
        const patterned = [];
        const pending = [];
        const fills = [];
        const narrow = [];
        const addFill = (list, x0, x1, color) => {
            const a = Math.floor(x0);
            const b = Math.max(a + 1, Math.ceil(x1));
            const last = list[list.length - 1];
            if (last && last.color === color && last.x1 >= a) {
                last.x1 = Math.max(last.x1, b);
                return;
            }
            list.push({ x0: a, x1: b, color });
        };
        for (const l of lod) {
            const x0 = px(l.start);
            const x1 = px(l.end);
            if (l.count > 1) {
                const busy = Math.round(l.busy * 8) / 8;
                addFill(x1 - x0 < mergePixels ? narrow : fills, x0, Math.max(x1, x0 + 2), mix(own.light, own.solid, busy));
                continue;
            }
            const span = row.spans[l.first];
            const w = x1 - x0;
            switch (span.state) {
            case SpanState.Running: {
                const look = this.look(span.owner);
                addFill(w < mergePixels ? narrow : fills, x0, Math.max(x1, x0 + 3), look.solid);
                if (loopRow && w > 24 && box.labels) {
                    if (span.label) {
                        labels.push({ x: x0, w, text: clip(layout.spanLabel(span)), state: span.state, look });
                    } else {
                        const name = clip(run.strings[run.laneName[span.owner]]);
                        const space = name.indexOf(' ');
                        labels.push({ x: x0, w, text: name, state: span.state, look,
                            shorter: name.startsWith('Task-') && space > 0 ? name.slice(space + 1) : '' });
                    }
                }
                break;
            }
            case SpanState.Suspended:
                addFill(fills, x0, Math.max(x1, x0 + 1), thin ? own.hatch : own.light);
                if (w >= 6 && !thin) patterned.push({ x: Math.floor(x0), w: Math.ceil(w), idle: false });
                if (w > 24 && span.label && box.labels)
                    labels.push({ x: x0, w, text: clip(layout.spanLabel(span)), state: span.state, look: own });
                break;
            case SpanState.Idle:
                addFill(fills, x0, Math.max(x1, x0 + 1), 0xe4e6ea);
                if (w >= 6 && !thin) patterned.push({ x: Math.floor(x0), w: Math.ceil(w), idle: true });
                if (w > 24 && box.labels) {
                    const jump = span.label ? clip(layout.spanLabel(span)) : '';
                    labels.push({ x: x0, w, text: jump ? tr('clock %1', jump) : tr('idle'), state: span.state, look: own });
                }
                break;
            case SpanState.Pending:
                if (w >= 1) pending.push({ x0, x1 });
                break;
            default:
                break;
            }
        }
        const flush = (list) => {
            for (const f of list) {
                ctx.fillStyle = hex(f.color);
                ctx.fillRect(f.x0, barTop, f.x1 - f.x0, barH);
            }
        };
        flush(fills);
        for (const p of patterned) {
            const x0 = Math.max(p.x, area.left - 2);
            const x1 = Math.min(p.x + p.w, area.right + 2);
            if (x1 <= x0) continue;
            const back = p.idle ? 0xe4e6ea : own.light;
            const ink = p.idle ? 0xb8bdc6 : own.hatch;
            const pattern = tilePattern(ctx, back, ink, p.idle ? 0 : own.pattern);
            pattern.setTransform(new DOMMatrix([1, 0, 0, 1, 0, barTop]));
            ctx.fillStyle = pattern;
            ctx.fillRect(x0, barTop, x1 - x0, barH);
            ctx.fillStyle = hex(ink);
            ctx.fillRect(x0, barTop, x1 - x0, 2);
            ctx.fillRect(x0, barBottom - 2, x1 - x0, 2);
        }
        flush(narrow);
        if (pending.length > 0) {
            ctx.save();
            ctx.strokeStyle = own.css.solid;
            ctx.lineWidth = thin ? 1 : 2;
            ctx.setLineDash([6, 3]);
            for (const p of pending) {
                ctx.beginPath();
                ctx.moveTo(p.x0, barCenter);
                ctx.lineTo(p.x1, barCenter);
                ctx.stroke();
            }
            ctx.restore();
        }

        // Markers: placed first so that labels make room for them; drawn last, on top.
        const placed = [];
        const [ef, el] = layout.eventsIn(r, this.range, axis);
        const events = el - ef;
        if (box.markerSize > 0 && events > 0 && events * markerSpacing <= area.width) {
            const major = box.markerSize;
            const minor = Math.round(major * 0.8);
            let lastRight = -1e9;
            let lastInstant = -1e9;
            for (let k = ef; k < el; ++k) {
                const seq = row.events[k];
                const shape = markerFor(run.kind[seq]);
                if (!isMajor(shape)) continue;
                const at = this.toPixel(layout.x(seq, axis));
                let x = at;
                if (x - major / 2 < lastRight) {
                    const shifted = lastRight + major / 2 + 1;
                    if (Math.abs(at - lastInstant) < 0.5 && shifted - at <= 2.2 * major) x = shifted;
                    else if (x - major / 2 < lastRight - major * 0.35) continue;
                }
                placed.push({ x, size: major, shape, seq });
                lastRight = x + major / 2;
                lastInstant = at;
            }
            const majors = placed.length;
            let next = 0;
            lastRight = -1e9;
            const minors = [];
            for (let k = ef; k < el; ++k) {
                const seq = row.events[k];
                const shape = markerFor(run.kind[seq]);
                if (shape === Shape.None || isMajor(shape)) continue;
                const x = this.toPixel(layout.x(seq, axis));
                while (next < majors && placed[next].x + major / 2 < x - minor / 2) ++next;
                const clash = x - minor / 2 < lastRight || (next < majors && placed[next].x - major / 2 < x + minor / 2);
                if (clash) continue;
                minors.push({ x, size: minor, shape, seq });
                lastRight = x + minor / 2;
            }
            placed.push(...minors);
            placed.sort((a, b) => a.x - b.x);
        }

        // Span labels: inside the visible part of their span, clear of its markers, elided to fit.
        ctx.font = box.font;
        ctx.textBaseline = 'middle';
        let m = 0;
        for (const label of labels) {
            if (this.labelsLeft <= 0) break;
            let left = Math.max(label.x, area.left) + 6;
            let right = Math.min(label.x + label.w, area.right) - 6;
            while (m < placed.length && placed[m].x + placed[m].size / 2 < left) ++m;
            let k = m;
            while (k < placed.length && placed[k].x - placed[k].size / 2 < left + 4) {
                left = Math.max(left, placed[k].x + placed[k].size / 2 + 4);
                ++k;
            }
            if (k < placed.length) right = Math.min(right, placed[k].x - placed[k].size / 2 - 4);
            const avail = right - left;
            if (avail < 18) continue;
            let text = label.text;
            if (this.measure(box.font, text) > avail) {
                const base = label.shorter || label.text;
                text = this.measure(box.font, base) <= avail ? base : this.elide(box.font, base, avail);
            }
            if (!text || text === '…') continue;
            const tw = this.measure(box.font, text);
            if (label.state === SpanState.Running) {
                ctx.fillStyle = hex(label.look.textOnSolid);
            } else {
                ctx.fillStyle = label.state === SpanState.Idle ? colors.idle : label.look.css.light;
                ctx.fillRect(left - 4, barTop + 4, tw + 8, barH - 8);
                ctx.fillStyle = colors.text;
            }
            ctx.fillText(text, left, barTop + barH / 2 + 1);
            --this.labelsLeft;
        }

        for (const p of placed) {
            drawMarker(ctx, p.shape, p.x, Math.round(barCenter), p.size);
            const hit = { x0: p.x - p.size / 2, x1: p.x + p.size / 2, y0: barCenter - p.size / 2, y1: barCenter + p.size / 2, seq: p.seq };
            this.hits.push(hit);
            this.placedBySeq.set(p.seq, hit);
        }

        // Printed lines: boxes under the bar (on it, in compact rows), from their event rightwards.
        const reach = 400 / ppu;
        const [of, ol] = layout.outputsIn(r, { start: this.range.start - reach, end: this.range.end }, axis);
        if (of < ol && !box.roomy && !box.labels) {
            ctx.fillStyle = colors.text;
            for (let k = of; k < ol; ++k) {
                const seq = row.outputs[k];
                if (this.outputHidden(seq)) continue;
                const x = this.toPixel(layout.x(seq, axis));
                if (x >= area.left && x <= area.right) ctx.fillRect(Math.round(x) - 1, barTop, 2, barH);
            }
        } else if (of < ol && ol - of <= maxOutputsPerRow) {
            const top = box.roomy ? box.outputTop : barTop;
            const h = box.roomy ? box.outputHeight : barH;
            const pad = 6;
            let lastRight = -1e9;
            let lastX = -1e9;
            for (let k = of; k < ol && this.labelsLeft > 0; ++k) {
                const seq = row.outputs[k];
                const asked = this.outputHidden(seq);
                if (asked && !(this.askOutput && seq === this.hiddenOutputsFrom)) continue;
                const x = this.toPixel(layout.x(seq, axis));
                const sameInstant = Math.abs(x - lastX) < 1;
                if (!sameInstant && x - 2 < lastRight + 4) continue;
                let left = Math.max(x - 2, lastRight + 4);
                if (left - x > area.width / 3 || left > area.right) continue;
                lastX = x;
                let text = asked ? ' ? ' : clip(run.strings[run.detail[seq]]);
                const maxWidth = Math.min(area.width * 0.45, 600);
                if (this.measure(box.font, text) > maxWidth) text = this.elide(box.font, text, maxWidth);
                const tw = this.measure(box.font, text);
                left = Math.max(Math.min(left, area.right - tw - 2 * pad - 2), lastRight + 4);
                const bw = tw + 2 * pad;
                if (left + bw < area.left) continue;
                if (x >= area.left - 2 && box.roomy) {
                    ctx.strokeStyle = own.css.solid;
                    ctx.lineWidth = 2;
                    ctx.beginPath();
                    ctx.moveTo(x, barBottom);
                    ctx.lineTo(x, top + 1);
                    ctx.stroke();
                }
                ctx.fillStyle = own.css.light;
                ctx.strokeStyle = own.css.solid;
                ctx.lineWidth = 2;
                ctx.beginPath();
                ctx.roundRect(left, top, bw, h, 4);
                ctx.fill();
                ctx.stroke();
                ctx.fillStyle = colors.text;
                ctx.fillText(text, left + pad, top + h / 2 + 1);
                const hit = { x0: left, x1: left + bw, y0: top, y1: top + h, seq, label: true };
                this.hits.push(hit);
                this.placedBySeq.set(seq, hit);
                lastRight = left + bw;
                --this.labelsLeft;
            }
        }
    }

    drawSummary(ctx, drawn) {
        const r = this.lanes.rows[drawn];
        const a = this.activity(r.group);
        const group = this.lanes.groups[r.group];
        const look = this.look(this.layout.rows[group.rows[0]].lane);
        const area = this.area;
        const top = Math.round(this.rowTop(drawn)) + 3;
        const h = r.height - 7;
        if (h <= 2 || a.members === 0) return;
        const scale = h / a.members;
        const bottom = top + h;
        const px = (n) => (n === 0 ? 0 : Math.max(1, Math.round(n * scale)));
        const pendingColor = hex(mix(white, look.light, 0.55));
        const pattern = tilePattern(ctx, look.waitingBack, look.waitingInk, look.pattern);
        pattern.setTransform(new DOMMatrix([1, 0, 0, 1, 0, top]));
        ctx.fillStyle = pattern;
        ctx.fillRect(area.left, top, area.width, h);
        const flush = (x0, x1, c) => {
            const w = x1 - x0;
            const waitTop = bottom - Math.min(c.waiting, h);
            if (waitTop > top) {
                ctx.fillStyle = colors.groupBand;
                ctx.fillRect(x0, top, w, waitTop - top);
            }
            if (c.pending > 0) {
                ctx.fillStyle = pendingColor;
                ctx.fillRect(x0, Math.max(top, waitTop - c.pending), w, Math.min(c.pending, waitTop - top));
            }
            if (c.done > 0) {
                ctx.fillStyle = colors.doneFill;
                ctx.fillRect(x0, top + 1, w, Math.min(c.done, h - 1));
            }
            if (c.ran > 0) {
                ctx.fillStyle = look.css.solid;
                ctx.fillRect(x0, bottom - c.ran, w, c.ran);
            }
        };
        const same = (a1, b1) => a1.ran === b1.ran && a1.waiting === b1.waiting && a1.pending === b1.pending && a1.done === b1.done;
        let runStart = area.left;
        let run = { ran: 0, waiting: 0, pending: 0, done: 0 };
        const minRan = Math.max(3, Math.floor(h / 8));
        const layout = this.layout;
        let prevEnd = layout.eventAt(this.toX(area.left), this.axis);
        for (let x = area.left; x <= area.right; ++x) {
            const end = layout.eventAt(this.toX(x + 1), this.axis);
            const mid = layout.eventAt(this.toX(x + 0.5), this.axis);
            const c = { ran: 0, waiting: 0, pending: 0, done: 0 };
            if (end >= a.firstSeq) {
                const counts = a.at(mid);
                c.waiting = px(counts.waiting + counts.running);
                c.pending = px(counts.pending);
                c.done = px(counts.done);
                if (a.runsBetween(Math.max(prevEnd, 0), end)) c.ran = Math.max(minRan, px(counts.running));
            }
            prevEnd = end;
            if (!same(c, run)) {
                flush(runStart, x, run);
                run = c;
                runStart = x;
            }
        }
        flush(runStart, area.right + 1, run);
        ctx.fillStyle = colors.separator;
        ctx.fillRect(area.left, top, area.width, 1);
        ctx.fillRect(area.left, bottom, area.width, 1);
    }

    drawHeader(ctx, drawn) {
        const r = this.lanes.rows[drawn];
        const a = this.activity(r.group);
        if (a.isEmpty()) return;
        const group = this.lanes.groups[r.group];
        const look = this.look(this.layout.rows[group.rows[0]].lane);
        const area = this.area;
        const x0 = Math.max(this.toPixel(this.layout.x(a.firstSeq, this.axis)), area.left);
        const x1 = Math.min(this.toPixel(this.layout.x(a.lastSeq, this.axis)), area.right);
        if (x1 < x0) return;
        const y = Math.round(this.rowTop(drawn) + r.height / 2);
        ctx.fillStyle = look.css.solid;
        ctx.fillRect(x0, y - 1, Math.max(2, x1 - x0), 3);
        ctx.fillRect(x0, y - 5, 2, 11);
        ctx.fillRect(x1 - 2, y - 5, 2, 11);
    }

    drawArrows(ctx, firstRow, lastRow) {
        const layout = this.layout;
        const [first, last] = layout.arrowsIn(this.range, this.axis);
        if (first === last || last - first > maxArrows) return;
        const marker = this.markerSize;
        const position = (seq, row) => {
            const hit = this.placedBySeq.get(seq);
            if (hit) return [(hit.x0 + hit.x1) / 2, (hit.y0 + hit.y1) / 2];
            return [this.toPixel(layout.x(seq, this.axis)), this.rowBox(row).barCenter];
        };
        for (let i = first; i < last; ++i) {
            const a = layout.arrows[i];
            if (layout.x(a.from, this.axis) > this.range.end) continue;
            const rf = this.laneRowOfEvent(a.from);
            const rt = this.laneRowOfEvent(a.to);
            if (rf < 0 || rt < 0) continue;
            const fromVisible = rf >= firstRow && rf < lastRow;
            const toVisible = rt >= firstRow && rt < lastRow;
            if (!fromVisible && !toVisible) continue;
            let [x0, y0] = position(a.from, rf);
            let [x1, y1] = position(a.to, rt);
            const length = Math.hypot(x1 - x0, y1 - y0);
            if (length < marker) continue;
            const dx = (x1 - x0) / length;
            const dy = (y1 - y0) / length;
            x1 -= dx * marker * 0.62;
            y1 -= dy * marker * 0.62;
            x0 += dx * marker * 0.3;
            y0 += dy * marker * 0.3;
            let nx = -dy;
            let ny = dx;
            if (nx > 0 || (nx === 0 && ny > 0)) {
                nx = -nx;
                ny = -ny;
            }
            const len = Math.hypot(x1 - x0, y1 - y0);
            const bulge = Math.min(Math.max(len * 0.12, 6), 36);
            const cx = (x0 + x1) / 2 + nx * bulge;
            const cy = (y0 + y1) / 2 + ny * bulge;
            const tl = Math.hypot(x1 - cx, y1 - cy);
            const ex = tl > 0 ? (x1 - cx) / tl : dx;
            const ey = tl > 0 ? (y1 - cy) / tl : dy;
            const wake = a.kind === ArrowKind.Wakeup;
            const color = wake ? colors.wakeArrow : colors.startArrow;
            const width = wake ? 2.2 : 1.6;
            const path = new Path2D();
            path.moveTo(x0, y0);
            path.quadraticCurveTo(cx, cy, x1 - ex * 4, y1 - ey * 4);
            ctx.lineCap = 'round';
            ctx.setLineDash([]);
            ctx.strokeStyle = '#fff';
            ctx.lineWidth = width + 2.5;
            ctx.stroke(path);
            ctx.strokeStyle = color;
            ctx.lineWidth = width;
            if (!wake) ctx.setLineDash([width * 2, width * 2]);
            ctx.stroke(path);
            ctx.setLineDash([]);
            const head = Math.max(8, marker * 0.55);
            const sx = -ey;
            const sy = ex;
            ctx.beginPath();
            ctx.moveTo(x1, y1);
            ctx.lineTo(x1 - ex * head + sx * head * 0.45, y1 - ey * head + sy * head * 0.45);
            ctx.lineTo(x1 - ex * head - sx * head * 0.45, y1 - ey * head - sy * head * 0.45);
            ctx.closePath();
            ctx.fillStyle = color;
            ctx.fill();
            ctx.strokeStyle = '#fff';
            ctx.lineWidth = 1.5;
            ctx.stroke();
        }
    }

    // --- the overlay: cursor, bookmarks, counts --------------------------------------------------

    drawOverlay() {
        const ctx = this.overlay.getContext('2d');
        ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
        ctx.clearRect(0, 0, this.width, this.height);
        const layout = this.layout;
        const n = layout.eventCount;
        if (n === 0) return;
        const area = this.area;
        const cursor = Math.min(Math.max(this.cursor, -1), n - 1);
        ctx.save();
        ctx.beginPath();
        ctx.rect(area.left, area.top, area.width, area.height);
        ctx.clip();
        let x;
        let dimFrom;
        if (cursor < 0) {
            x = this.toPixel(layout.x(0, this.axis)) - (this.axis === Axis.Steps ? this.ppu() / 2 : 2);
            dimFrom = x;
        } else {
            x = this.toPixel(layout.x(cursor, this.axis));
            dimFrom = this.axis === Axis.Steps ? this.toPixel(cursor + 0.5) : x + 2;
            const printed = this.run.kind[cursor] === K.Output;
            const hit = this.placedBySeq.get(cursor);
            if (hit && (this.axis === Axis.Time || printed)) dimFrom = Math.max(dimFrom, hit.x1 + 2);
            if (this.askOutput && this.hiddenOutputsFrom === cursor + 1) {
                const ask = this.placedBySeq.get(cursor + 1);
                if (ask) dimFrom = Math.max(dimFrom, ask.x1 + 2);
            }
        }
        dimFrom = Math.max(dimFrom, area.left);
        ctx.fillStyle = colors.dim;
        if (dimFrom < area.right) ctx.fillRect(dimFrom, area.top, area.right + 1 - dimFrom, area.height);
        if (this.axis === Axis.Time && this.hits.length <= 4000) {
            for (const hit of this.hits) {
                if (hit.seq > cursor && hit.x0 < dimFrom) {
                    const x0 = Math.max(hit.x0 - 1, area.left);
                    const x1 = Math.min(hit.x1 + 1, dimFrom);
                    if (x1 > x0) ctx.fillRect(x0, hit.y0 - 1, x1 - x0, hit.y1 - hit.y0 + 2);
                }
            }
        }
        // Bookmarked steps: an amber line with a flag.
        for (const seq of this.bookmarks) {
            const bx = Math.round(this.toPixel(layout.x(seq, this.axis)));
            if (bx < area.left - 2 || bx > area.right + 2) continue;
            ctx.fillStyle = 'rgba(230,159,0,0.6)';
            ctx.fillRect(bx - 1, area.top, 2, area.height);
            const f = Math.max(8, this.markerSize * 0.6);
            ctx.beginPath();
            ctx.moveTo(bx, area.top + 1);
            ctx.lineTo(bx + f * 1.3, area.top + 1 + f * 0.5);
            ctx.lineTo(bx, area.top + 1 + f);
            ctx.closePath();
            ctx.fillStyle = colors.bookmark;
            ctx.fill();
            ctx.strokeStyle = '#000';
            ctx.lineWidth = 1;
            ctx.stroke();
        }
        const lineVisible = x >= area.left - 2 && x <= area.right + 2;
        if (lineVisible) {
            ctx.fillStyle = colors.cursor;
            ctx.fillRect(Math.round(x) - 1, area.top, 3, area.height);
        }
        const ring = this.markerSize * 0.85;
        const drawRing = (seq, color) => {
            const hit = this.placedBySeq.get(seq);
            if (hit && hit.label) {
                ctx.strokeStyle = '#fff';
                ctx.lineWidth = 6;
                ctx.beginPath();
                ctx.roundRect(hit.x0 - 3, hit.y0 - 3, hit.x1 - hit.x0 + 6, hit.y1 - hit.y0 + 6, 6);
                ctx.stroke();
                ctx.strokeStyle = color;
                ctx.lineWidth = 3;
                ctx.stroke();
                return;
            }
            let px;
            let py;
            if (hit) {
                px = (hit.x0 + hit.x1) / 2;
                py = (hit.y0 + hit.y1) / 2;
            } else {
                const row = this.lanes.rowOfLane(this.run.lane[seq]);
                if (row < 0) return;
                px = this.toPixel(layout.x(seq, this.axis));
                py = this.rowBox(row).barCenter;
            }
            if (px < area.left - 20 || px > area.right + 20 || py < area.top - 20 || py > area.bottom + 20) return;
            ctx.beginPath();
            ctx.ellipse(px, py, ring, ring, 0, 0, 2 * Math.PI);
            ctx.strokeStyle = '#fff';
            ctx.lineWidth = 6;
            ctx.stroke();
            ctx.strokeStyle = color;
            ctx.lineWidth = 3;
            ctx.stroke();
        };
        if (cursor >= 0) drawRing(cursor, colors.cursor);
        if (this.hover >= 0 && this.hover < n && this.hover !== cursor) drawRing(this.hover, colors.hover);
        if (lineVisible) {
            let text;
            if (cursor < 0) text = tr('before step 0');
            else if (this.axis === Axis.Steps) text = tr('step %1', cursor);
            else {
                const t = layout.x(cursor, Axis.Time);
                const unit = secondsUnit(Math.max(Math.abs(t), Math.abs(this.range.start), Math.abs(this.range.end)));
                text = formatSeconds(t, Math.max(1 / this.ppu(), 1e-9), unit);
            }
            ctx.font = this.boldFont;
            const w = this.measure(this.boldFont, text) + 14;
            const h = this.lineText + 4;
            const left = Math.min(Math.max(x - w / 2, area.left), area.right - w);
            ctx.fillStyle = colors.cursor;
            ctx.beginPath();
            ctx.roundRect(left, area.top + 1, w, h, 4);
            ctx.fill();
            ctx.fillStyle = '#fff';
            ctx.textBaseline = 'middle';
            ctx.textAlign = 'center';
            ctx.fillText(text, left + w / 2, area.top + 1 + h / 2 + 1);
            ctx.textAlign = 'left';
        }
        ctx.restore();

        // The cursor's lane: a bar beside its name; folded groups' counts at the cursor.
        const left = Math.max(0, area.left - this.labelColumnWidth);
        ctx.save();
        ctx.beginPath();
        ctx.rect(0, area.top, area.left, area.height);
        ctx.clip();
        if (cursor >= 0) {
            const row = this.lanes.rowOfLane(this.run.lane[cursor]);
            if (row >= 0) {
                const top = this.rowTop(row);
                const h = this.lanes.rows[row].height;
                if (top + h > area.top && top < area.bottom) {
                    ctx.fillStyle = colors.cursor;
                    ctx.fillRect(left, top + (h > 8 ? 2 : 0), 5, Math.max(2, h - (h > 8 ? 4 : 0)));
                }
            }
        }
        const [first, last] = this.lanes.visibleRows(this.rowScroll, area.height);
        for (let i = first; i < last; ++i)
            if (this.lanes.rows[i].kind === RowKind.GroupSummary) this.drawCounts(ctx, i, left + 26, area.left - 10);
        ctx.restore();
    }

    countsText(g, seq) {
        const c = this.activity(g).at(seq);
        const parts = [];
        if (c.running > 0) parts.push(tr('%1 running', grouped(c.running)));
        if (c.waiting > 0) parts.push(tr('%1 waiting', grouped(c.waiting)));
        if (c.pending > 0) parts.push(tr('%1 not started', grouped(c.pending)));
        if (c.done > 0) parts.push(tr('%1 done', grouped(c.done)));
        return parts.length === 0 ? tr('none created yet') : parts.join(' · ');
    }

    drawCounts(ctx, i, left, right) {
        const r = this.lanes.rows[i];
        if (this.cursor < 0) return;
        const top = Math.round(this.rowTop(i)) + this.lineHeight;
        const avail = right - left;
        const room = r.height - this.lineHeight - 4;
        const lineH = this.smallLineText;
        if (avail < 20 || room < lineH * 0.8) return;
        const c = this.activity(r.group).at(this.cursor);
        const look = this.look(this.layout.rows[this.lanes.groups[r.group].rows[0]].lane);
        ctx.font = this.smallFont;
        ctx.textBaseline = 'middle';
        if (room >= lineH * 4) {
            const lines = [
                ['%1 running', c.running, look.css.solid],
                ['%1 waiting', c.waiting, tilePattern(ctx, look.waitingBack, look.waitingInk, look.pattern)],
                ['%1 not started', c.pending, hex(mix(white, look.light, 0.55))],
                ['%1 done', c.done, colors.doneFill],
            ];
            const sw = Math.round(lineH * 0.7);
            let y = top;
            for (const [key, count, fill] of lines) {
                ctx.fillStyle = fill;
                ctx.fillRect(left, y + (lineH - sw) / 2, sw, sw);
                ctx.strokeStyle = colors.separator;
                ctx.lineWidth = 1;
                ctx.strokeRect(left + 0.5, y + (lineH - sw) / 2 + 0.5, sw - 1, sw - 1);
                ctx.fillStyle = count > 0 ? colors.text : colors.muted;
                ctx.fillText(this.elide(this.smallFont, tr(key, grouped(count)), avail - sw - 6), left + sw + 6, y + lineH / 2);
                y += lineH;
            }
            return;
        }
        ctx.fillStyle = colors.muted;
        ctx.fillText(this.elide(this.smallFont, this.countsText(r.group, this.cursor), avail), left, top + lineH / 2);
    }

    // --- input -----------------------------------------------------------------------------------

    eventAtPoint(px, py) {
        for (let i = this.hits.length - 1; i >= 0; --i) {
            const h = this.hits[i];
            if (px >= h.x0 - 2 && px <= h.x1 + 2 && py >= h.y0 - 2 && py <= h.y1 + 2) return h.seq;
        }
        return -1;
    }

    titleAt(px, py) {
        for (const t of this.titleHits || []) if (px >= t.x0 && px <= t.x1 && py >= t.y0 && py <= t.y1) return t.group;
        // A folded group's whole name column folds or opens it too.
        if (px < this.area.left && py >= this.area.top) {
            const i = this.lanes.rowAt(py - this.area.top + this.rowScroll);
            if (i >= 0 && this.lanes.rows[i].kind !== RowKind.Lane) return this.lanes.rows[i].group;
        }
        return -1;
    }

    click(px, py) {
        const g = this.titleAt(px, py);
        if (g >= 0) {
            this.toggleGroup(g);
            return;
        }
        let seq = this.eventAtPoint(px, py);
        const a = this.area;
        if (seq < 0 && px >= a.left && px <= a.right && py >= a.top && py <= a.bottom)
            seq = this.layout.eventAt(this.toX(px), this.axis);
        if (seq >= 0) this.onCursor(seq);
    }

    installInput() {
        const el = this.overlay;
        el.tabIndex = 0;
        const pointers = new Map();
        let press = null; // { x, y, range, scroll, moved }
        let pinch = null; // { dist, range, anchorX }
        const local = (e) => {
            const r = el.getBoundingClientRect();
            return [e.clientX - r.left, e.clientY - r.top];
        };
        el.addEventListener('pointerdown', (e) => {
            el.setPointerCapture(e.pointerId);
            pointers.set(e.pointerId, local(e));
            if (pointers.size === 1) {
                const [x, y] = local(e);
                press = { x, y, range: { ...this.range }, scroll: this.rowScroll, moved: false, touch: e.pointerType !== 'mouse' };
            } else if (pointers.size === 2) {
                const [[ax, ay], [bx, by]] = [...pointers.values()];
                pinch = { dist: Math.hypot(ax - bx, ay - by), range: { ...this.range }, anchor: this.toX((ax + bx) / 2) };
                press = null;
            }
        });
        el.addEventListener('pointermove', (e) => {
            const [x, y] = local(e);
            if (pointers.has(e.pointerId)) pointers.set(e.pointerId, [x, y]);
            if (pinch && pointers.size === 2) {
                const [[ax, ay], [bx, by]] = [...pointers.values()];
                const dist = Math.max(10, Math.hypot(ax - bx, ay - by));
                const factor = pinch.dist / dist;
                this.setRange(zoomRange(pinch.range, pinch.anchor, factor, this.limits(), this.minWidth()));
                return;
            }
            if (press) {
                const dx = x - press.x;
                const dy = y - press.y;
                if (!press.moved && Math.abs(dx) + Math.abs(dy) > (press.touch ? 8 : 4)) press.moved = true;
                if (press.moved) {
                    const upp = (press.range.end - press.range.start) / this.area.width;
                    this.setRange(panRange(press.range, -dx * upp, this.limits()));
                    this.setRowScroll(press.scroll - dy);
                    el.style.cursor = 'grabbing';
                }
                return;
            }
            if (e.pointerType === 'mouse') this.setHover(this.eventAtPoint(x, y), e);
        });
        const end = (e) => {
            pointers.delete(e.pointerId);
            if (pointers.size < 2) pinch = null;
            if (press && e.type === 'pointerup' && !press.moved) {
                const [x, y] = local(e);
                this.click(x, y);
            }
            press = null;
            el.style.cursor = '';
        };
        el.addEventListener('pointerup', end);
        el.addEventListener('pointercancel', end);
        el.addEventListener('pointerleave', (e) => {
            if (e.pointerType === 'mouse') this.setHover(-1, e);
        });
        el.addEventListener('wheel', (e) => {
            e.preventDefault();
            // Lines or pages (mice) count as notches; pixels (trackpads) as fractions of one.
            const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
            const dx = e.deltaX * scale;
            const dy = e.deltaY * scale;
            if (e.shiftKey) {
                this.setRowScroll(this.rowScroll + (dy || dx) * this.rowHeight);
            } else if (Math.abs(dx) > Math.abs(dy)) {
                const w = this.range.end - this.range.start;
                this.setRange(panRange(this.range, dx * 0.1 * w, this.limits()));
            } else if (dy !== 0) {
                const [x] = local(e);
                const px = Math.min(Math.max(x, this.area.left), this.area.right);
                this.zoomAt(this.toX(px), Math.pow(kZoomStep, -dy * (e.ctrlKey ? 4 : 1)));
            }
        }, { passive: false });
        el.addEventListener('keydown', (e) => {
            const page = Math.max(1, this.area.height - this.rowHeight);
            switch (e.key) {
            case 'f': case 'F': this.fitAll(); break;
            case '+': case '=': this.zoomIn(); break;
            case '-': this.zoomOut(); break;
            case 'PageUp': this.setRowScroll(this.rowScroll - page); break;
            case 'PageDown': this.setRowScroll(this.rowScroll + page); break;
            case 'ArrowUp': this.setRowScroll(this.rowScroll - this.rowHeight / 2); break;
            case 'ArrowDown': this.setRowScroll(this.rowScroll + this.rowHeight / 2); break;
            default: return;
            }
            e.preventDefault();
            e.stopPropagation();
        });
    }

    setHover(seq, e) {
        const [x, y] = e ? [e.clientX, e.clientY] : [0, 0];
        if (seq !== this.hover) {
            this.hover = seq;
            this.overlayDirty = true;
            this.request();
        }
        let title = '';
        if (seq < 0 && e) {
            const r = this.overlay.getBoundingClientRect();
            const g = this.titleAt(x - r.left, y - r.top);
            if (g >= 0) {
                const group = this.lanes.groups[g];
                title = `${this.groupTitle(g)}\n${this.cursor >= 0 ? this.countsText(g, this.cursor) + '\n' : ''}${group.collapsed ? tr('foldTip') : tr('unfoldTip')}`;
            }
        }
        this.overlay.title = title;
        this.onHover(seq, x, y);
    }
}
