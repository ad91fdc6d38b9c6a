// The event markers, by shape as well as colour (app/timeline/TimelineStyle.cpp, drawMarker), drawn
// on a canvas: dark shapes with a white halo read on a solid bar, a light one and the background.
import { EventKind as K } from '../model/decode.js';

export const Shape = Object.freeze({
    None: 0, Create: 1, Start: 2, Suspend: 3, Resume: 4, Done: 5, Error: 6, Cancel: 7, Schedule: 8,
    TimerArm: 9, TimerFire: 10, Clock: 11, Enter: 12, Leave: 13, Fault: 14, Sync: 15,
});

const byKind = new Map([
    [K.Create, Shape.Create], [K.Start, Shape.Start], [K.Suspend, Shape.Suspend], [K.Resume, Shape.Resume],
    [K.Done, Shape.Done], [K.Error, Shape.Error], [K.Cancel, Shape.Cancel], [K.Schedule, Shape.Schedule],
    [K.Submit, Shape.Schedule], [K.TimerArm, Shape.TimerArm], [K.TimerFire, Shape.TimerFire],
    [K.Clock, Shape.Clock], [K.Enter, Shape.Enter], [K.Leave, Shape.Leave], [K.Fault, Shape.Fault],
    [K.Sync, Shape.Sync],
]);

export function markerFor(kind) {
    return byKind.get(kind) ?? Shape.None;
}

const major = new Set([Shape.Create, Shape.Start, Shape.Suspend, Shape.Resume, Shape.Done, Shape.Error,
    Shape.Cancel, Shape.Clock, Shape.Fault]);
export function isMajor(shape) {
    return major.has(shape);
}

const ink = '#141414';

export function drawMarker(ctx, shape, cx, cy, size) {
    if (shape === Shape.None) return;
    const halo = Math.max(1.5, size * 0.13);
    const r = size / 2;
    ctx.save();
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    const fillWithHalo = (path, fill) => {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = halo * 2;
        ctx.stroke(path);
        ctx.fillStyle = fill;
        ctx.fill(path);
    };
    const strokeWithHalo = (path, color, width) => {
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = width + halo * 2;
        ctx.stroke(path);
        ctx.strokeStyle = color;
        ctx.lineWidth = width;
        ctx.stroke(path);
    };
    const p = new Path2D();
    switch (shape) {
    case Shape.Create:
        p.ellipse(cx, cy, r * 0.72, r * 0.72, 0, 0, 2 * Math.PI);
        ctx.fillStyle = '#fff';
        ctx.fill(p);
        ctx.strokeStyle = ink;
        ctx.lineWidth = Math.max(2, size * 0.14);
        ctx.stroke(p);
        break;
    case Shape.Start:
        p.moveTo(cx - r * 0.7, cy - r * 0.85);
        p.lineTo(cx + r * 0.85, cy);
        p.lineTo(cx - r * 0.7, cy + r * 0.85);
        p.closePath();
        fillWithHalo(p, ink);
        break;
    case Shape.Suspend: {
        const w = r * 0.5, h = r * 1.7;
        p.rect(cx - r * 0.75, cy - h / 2, w, h);
        p.rect(cx + r * 0.25, cy - h / 2, w, h);
        fillWithHalo(p, ink);
        break;
    }
    case Shape.Resume: {
        const h = r * 1.7;
        p.rect(cx - r * 0.95, cy - h / 2, r * 0.42, h);
        p.moveTo(cx - r * 0.3, cy - r * 0.85);
        p.lineTo(cx + r * 0.95, cy);
        p.lineTo(cx - r * 0.3, cy + r * 0.85);
        p.closePath();
        fillWithHalo(p, ink);
        break;
    }
    case Shape.Done:
        p.rect(cx - r * 0.72, cy - r * 0.72, r * 1.44, r * 1.44);
        fillWithHalo(p, ink);
        break;
    case Shape.Error:
        p.moveTo(cx - r * 0.75, cy - r * 0.75);
        p.lineTo(cx + r * 0.75, cy + r * 0.75);
        p.moveTo(cx + r * 0.75, cy - r * 0.75);
        p.lineTo(cx - r * 0.75, cy + r * 0.75);
        strokeWithHalo(p, '#d00000', Math.max(2.5, size * 0.22));
        break;
    case Shape.Cancel:
        p.ellipse(cx, cy, r * 0.75, r * 0.75, 0, 0, 2 * Math.PI);
        p.moveTo(cx - r * 0.53, cy + r * 0.53);
        p.lineTo(cx + r * 0.53, cy - r * 0.53);
        strokeWithHalo(p, '#b34a00', Math.max(2, size * 0.15));
        break;
    case Shape.Schedule:
    case Shape.TimerFire: {
        const s = r * (shape === Shape.Schedule ? 0.55 : 0.6);
        p.moveTo(cx, cy - s);
        p.lineTo(cx + s, cy);
        p.lineTo(cx, cy + s);
        p.lineTo(cx - s, cy);
        p.closePath();
        if (shape === Shape.TimerFire) {
            fillWithHalo(p, ink);
        } else {
            ctx.fillStyle = '#fff';
            ctx.fill(p);
            ctx.strokeStyle = ink;
            ctx.lineWidth = 1.5;
            ctx.stroke(p);
        }
        break;
    }
    case Shape.TimerArm: {
        const s = r * 0.6;
        p.ellipse(cx, cy, s, s, 0, 0, 2 * Math.PI);
        ctx.fillStyle = '#fff';
        ctx.fill(p);
        p.moveTo(cx, cy);
        p.lineTo(cx, cy - s * 0.75);
        p.moveTo(cx, cy);
        p.lineTo(cx + s * 0.6, cy);
        ctx.strokeStyle = ink;
        ctx.lineWidth = 1.5;
        ctx.stroke(p);
        break;
    }
    case Shape.Clock:
        for (const dx of [-r * 0.55, r * 0.25]) {
            p.moveTo(cx + dx - r * 0.3, cy - r * 0.7);
            p.lineTo(cx + dx + r * 0.35, cy);
            p.lineTo(cx + dx - r * 0.3, cy + r * 0.7);
        }
        strokeWithHalo(p, ink, Math.max(2, size * 0.15));
        break;
    case Shape.Enter:
    case Shape.Leave: {
        const d = shape === Shape.Enter ? 1 : -1;
        p.moveTo(cx - d * r * 0.2, cy - r * 0.55);
        p.lineTo(cx + d * r * 0.3, cy);
        p.lineTo(cx - d * r * 0.2, cy + r * 0.55);
        strokeWithHalo(p, ink, 1.5);
        break;
    }
    case Shape.Fault: {
        p.moveTo(cx, cy - r * 0.9);
        p.lineTo(cx + r * 0.9, cy + r * 0.75);
        p.lineTo(cx - r * 0.9, cy + r * 0.75);
        p.closePath();
        fillWithHalo(p, '#d00000');
        ctx.strokeStyle = '#fff';
        ctx.lineWidth = Math.max(1.5, size * 0.1);
        ctx.beginPath();
        ctx.moveTo(cx, cy - r * 0.35);
        ctx.lineTo(cx, cy + r * 0.2);
        ctx.moveTo(cx, cy + r * 0.46);
        ctx.lineTo(cx, cy + r * 0.5);
        ctx.stroke();
        break;
    }
    case Shape.Sync: {
        const w = r * 0.55;
        const shackle = new Path2D();
        shackle.moveTo(cx - w * 0.55, cy);
        shackle.lineTo(cx - w * 0.55, cy - w * 0.45);
        shackle.arc(cx, cy - w * 0.45, w * 0.55, Math.PI, 0);
        shackle.lineTo(cx + w * 0.55, cy);
        strokeWithHalo(shackle, ink, 1.5);
        p.rect(cx - w, cy - w * 0.1, w * 2, w * 1.2);
        fillWithHalo(p, ink);
        break;
    }
    default:
        break;
    }
    ctx.restore();
}
