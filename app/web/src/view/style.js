// The timeline's colours, hatches and metrics: app/timeline/TimelineStyle.cpp's, so that a lane has
// the same colour and hatch in the page as in the window (test/agreement compares the looks).
import { LaneKind } from '../model/decode.js';

// Okabe-Ito, then Tol's: strong, colour-blind-friendly, dark enough for white text.
export const palette = [0x0072b2, 0xd55e00, 0x009e73, 0xb8478f, 0xc98a00, 0x3d8fc7, 0x882255, 0x2f8f80, 0x332288, 0x7f7f1f];
// Qt's brush patterns as 8x8 bitmaps (bit x of row y: ink at pixel x), read off Qt 6.
export const Pattern = Object.freeze({ BDiag: 0, FDiag: 1, Hor: 2, Ver: 3, DiagCross: 4, Cross: 5, Dense6: 6 });
export const patternNames = ['BDiagPattern', 'FDiagPattern', 'HorPattern', 'VerPattern', 'DiagCrossPattern', 'CrossPattern', 'Dense6Pattern'];
const patternBits = [
    [0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01],
    [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80],
    [0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00],
    [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10],
    [0x81, 0x42, 0x24, 0x18, 0x18, 0x24, 0x42, 0x81],
    [0x10, 0x10, 0x10, 0xff, 0x10, 0x10, 0x10, 0x10],
    [0x88, 0x00, 0x22, 0x00, 0x88, 0x00, 0x22, 0x00],
];
const lanePatterns = [Pattern.BDiag, Pattern.FDiag, Pattern.Hor, Pattern.Ver, Pattern.DiagCross, Pattern.Cross];

export const colors = Object.freeze({
    text: '#1a1a1a',
    muted: '#555b63',
    background: '#ffffff',
    zebra: '#f3f5f8',
    groupBand: '#e9eef5',
    separator: '#d5d9e0',
    grid: '#c4cad3',
    idle: '#e4e6ea',
    idleHatch: '#b8bdc6',
    doneFill: '#c3c8cf',
    cursor: '#d0103a',
    hover: '#006dd9',
    wakeArrow: '#202020',
    startArrow: '#707680',
    dim: 'rgba(255,255,255,0.588)',
    bookmark: '#e69f00',
});

export const hex = (rgb) => '#' + rgb.toString(16).padStart(6, '0');

// QColor::fromRgbF(a + (b - a) * t) as Qt computes it: floats, 16-bit channels, rounded to 8 bits.
function channelF(c8) {
    return Math.fround((c8 * 257) / 65535);
}
function channel8(f) {
    const c16 = Math.trunc(Math.fround(Math.fround(f) * 65535) + 0.5);
    return (c16 - (c16 >> 8) + 0x80) >> 8;
}
export function mix(a, b, t) {
    t = Math.min(Math.max(t, 0), 1);
    let out = 0;
    for (const shift of [16, 8, 0]) {
        const x = channelF((a >> shift) & 0xff);
        const y = channelF((b >> shift) & 0xff);
        out |= channel8(x + (y - x) * t) << shift;
    }
    return out;
}
export const white = 0xffffff;

// How each lane looks: one look per group of lanes (lookGroup[lane] >= 0), the loop grey.
export function assignLooks(run, lookGroup) {
    const cycle = 30; // lcm(10 colours, 6 hatches)
    const made = new Map();
    const groupKey = new Map();
    const looks = new Array(run.laneCount);
    let next = 0;
    for (let id = 0; id < run.laneCount; ++id) {
        const group = lookGroup && id < lookGroup.length ? lookGroup[id] : -1;
        let key = -1;
        if (run.laneKind[id] !== LaneKind.Loop) {
            if (group < 0) key = next++ % cycle;
            else if (groupKey.has(group)) key = groupKey.get(group);
            else {
                key = next++ % cycle;
                groupKey.set(group, key);
            }
        }
        let look = made.get(key);
        if (!look) {
            const solid = key < 0 ? 0x5f6368 : palette[key % palette.length];
            const pattern = key < 0 ? Pattern.Dense6 : lanePatterns[key % lanePatterns.length];
            look = {
                solid,
                light: mix(white, solid, 0.22),
                hatch: mix(white, solid, 0.55),
                textOnSolid: white,
                pattern,
                waitingBack: mix(white, solid, 0.42),
                waitingInk: mix(white, solid, 0.78),
            };
            look.css = { solid: hex(look.solid), light: hex(look.light), hatch: hex(look.hatch) };
            made.set(key, look);
        }
        looks[id] = look;
    }
    return looks;
}

// A 16x16 tile of `pattern` in `ink` on `back`, as a canvas pattern (TimelineStyle::tileBrush).
const tiles = new Map();
export function tilePattern(ctx, back, ink, pattern) {
    const key = `${back}:${ink}:${pattern}`;
    let tile = tiles.get(key);
    if (!tile) {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 16;
        const c = canvas.getContext('2d');
        c.fillStyle = hex(back);
        c.fillRect(0, 0, 16, 16);
        c.fillStyle = hex(ink);
        const bits = patternBits[pattern];
        for (let y = 0; y < 16; ++y)
            for (let x = 0; x < 16; ++x) if (bits[y % 8] & (1 << (x % 8))) c.fillRect(x, y, 1, 1);
        tile = canvas;
        tiles.set(key, tile);
    }
    return ctx.createPattern(tile, 'repeat');
}
