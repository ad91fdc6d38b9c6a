// Bundles the viewer into one HTML template: src/template.html with the styles and the script inline.
// Core (core/web/WebPage.cpp) embeds the result and puts a run into it at export.
//   node build.mjs [--out FILE] [--dev]     (default: dist/viewer.html; --dev: not minified)
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : join(here, 'dist', 'viewer.html');
const dev = args.includes('--dev');

const common = { bundle: true, write: false, minify: !dev, charset: 'utf8', logLevel: 'warning', legalComments: 'none' };
const script = await build({
    ...common,
    entryPoints: [join(here, 'src', 'main.js')],
    format: 'iife',
    // Browsers of the last few years: Chromium/Edge 90, Firefox 90, Safari 15 (school Chromebooks and iPads).
    target: ['chrome90', 'firefox90', 'safari15'],
});
const style = await build({ ...common, entryPoints: [join(here, 'src', 'styles.css')], target: ['chrome90', 'firefox90', 'safari15'] });

const js = script.outputFiles[0].text;
const css = style.outputFiles[0].text;
// The script goes in a <script> element: esbuild escapes "</script" in strings; check nothing else slipped.
if (/<\/script/i.test(js)) throw new Error('the bundle contains "</script"');
const template = readFileSync(join(here, 'src', 'template.html'), 'utf8');
for (const marker of ['<!--VIEWER_STYLE-->', '<!--VIEWER_SCRIPT-->', '/*COROSCOPE_RUN*/', 'COROSCOPE_LANG', '<!--COROSCOPE_TITLE-->'])
    if (!template.includes(marker)) throw new Error(`template.html lacks ${marker}`);
const html = template
    .replace('<!--VIEWER_STYLE-->', () => `<style>${css}</style>`)
    .replace('<!--VIEWER_SCRIPT-->', () => `<script>${js}</script>`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, html);
console.log(`web viewer: ${out} (${(html.length / 1024).toFixed(1)} KiB: script ${(js.length / 1024).toFixed(1)}, styles ${(css.length / 1024).toFixed(1)})`);
