// node tools/screenshot.mjs PAGE.html OUT.png [WxH] [#step=N] [--lang zh_CN] [--predict] [--time] [--wait MS]
// Opens an exported page in Debian's Chromium (nothing from the network) and saves a screenshot.
import { resolve } from 'node:path';
import { launch, openPage } from '../test/browser/browser.mjs';

const [file, out, size = '1920x1080', ...rest] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const hash = rest.find((a) => a.startsWith('#')) || '';
const lang = rest.includes('--lang') ? rest[rest.indexOf('--lang') + 1] : null;
const browser = await launch();
try {
    const { page, errors, openMs } = await openPage(browser, resolve(file), { width, height, hash });
    if (lang) await page.evaluate((l) => window.coroscope.setLanguage(l), lang);
    if (rest.includes('--time')) await page.evaluate(() => window.coroscope.setAxis(1));
    if (rest.includes('--predict')) {
        await page.keyboard.press('p');
        for (let i = 0; i < 400; ++i) await page.keyboard.press('ArrowRight');
    }
    for (const a of rest.filter((x) => x.startsWith('--key=')))
        await page.keyboard.press(a.slice(6));
    await page.waitForTimeout(rest.includes('--wait') ? Number(rest[rest.indexOf('--wait') + 1]) : 300);
    await page.screenshot({ path: out });
    console.log(`${out}: opened in ${openMs} ms${errors.length ? '; errors: ' + errors.join(' | ') : ''}; refused ${browser.refused.length} requests`);
} finally {
    await browser.close();
}
