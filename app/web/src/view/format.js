// Numbers as the window writes them (app/model/TraceText.cpp, app/timeline/TimelineCoordinates.cpp).
import { tr } from './i18n.js';

// "0.000 s", "1.000250 s": three decimals, six when the time is not a whole millisecond.
export function traceTime(ns) {
    const fine = ns % 1e6 !== 0;
    return tr('seconds', (ns / 1e9).toFixed(fine ? 6 : 3));
}

export function secondsUnit(magnitude) {
    magnitude = Math.abs(magnitude);
    if (magnitude >= 0.1 || magnitude === 0) return 1;
    if (magnitude >= 1e-4) return 1e-3;
    if (magnitude >= 1e-7) return 1e-6;
    return 1e-9;
}

// "1.5 s", "250 ms": seconds in the unit that suits them, with the decimals `resolution` needs.
export function formatSeconds(seconds, resolution, unit = 0) {
    if (unit !== 1 && unit !== 1e-3 && unit !== 1e-6 && unit !== 1e-9)
        unit = secondsUnit(Math.max(Math.abs(seconds), Math.abs(resolution)));
    const suffix = unit === 1 ? 's' : unit === 1e-3 ? 'ms' : unit === 1e-6 ? 'µs' : 'ns';
    const value = seconds / unit;
    const step = Math.abs(resolution) / unit;
    let decimals = 0;
    if (step > 0) decimals = Math.min(Math.max(Math.ceil(-Math.log10(step) - 1e-9), 0), 6);
    let text = value.toFixed(decimals);
    if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
    if (text === '-0') text = '0';
    return `${text} ${suffix}`;
}

// Range helpers (TimelineCoordinates.cpp).
export function clampRange(range, limits) {
    const w = range.end - range.start;
    const lw = limits.end - limits.start;
    if (w >= lw) {
        const c = (limits.start + limits.end) / 2;
        return { start: c - w / 2, end: c + w / 2 };
    }
    if (range.start < limits.start) return { start: limits.start, end: limits.start + w };
    if (range.end > limits.end) return { start: limits.end - w, end: limits.end };
    return range;
}

export function zoomRange(range, anchor, factor, limits, minWidth) {
    const width = range.end - range.start;
    if (!(factor > 0) || width <= 0) return range;
    let w = Math.max(width * factor, minWidth);
    const fraction = (anchor - range.start) / width;
    const out = { start: anchor - fraction * w, end: anchor - fraction * w + w };
    const lw = limits.end - limits.start;
    if (lw > 0 && w > lw) return { ...limits };
    return lw > 0 ? clampRange(out, limits) : out;
}

export function panRange(range, dx, limits) {
    const out = { start: range.start + dx, end: range.end + dx };
    const lw = limits.end - limits.start;
    return lw > 0 && out.end - out.start <= lw ? clampRange(out, limits) : out;
}

export function fitRange(dataStart, dataEnd, margin, minWidth) {
    if (dataEnd < dataStart) [dataStart, dataEnd] = [dataEnd, dataStart];
    let w = dataEnd - dataStart;
    if (w < minWidth) {
        const c = 0.5 * (dataStart + dataEnd);
        dataStart = c - minWidth / 2;
        dataEnd = c + minWidth / 2;
        w = minWidth;
    }
    return { start: dataStart - margin * w, end: dataEnd + margin * w };
}

// A 1-2-5 step near `raw`.
export function niceStep(raw) {
    if (!(raw > 0)) return 1;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw - 1e-12) return m * mag;
    return 10 * mag;
}
