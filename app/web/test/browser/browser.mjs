// Debian's Chromium driven by playwright-core, as the browser tests and the screenshot tool use it:
// headless, a fresh profile, and every request that would leave the page refused (the page must need
// nothing from the network).
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const chromiumPath = process.env.COROSCOPE_CHROMIUM || '/usr/bin/chromium';

// Why the browser cannot run here, or null.
export async function browserMissing() {
    if (!existsSync(chromiumPath)) return `no Chromium at ${chromiumPath} (apt-get install chromium)`;
    try {
        await import('playwright-core');
    } catch {
        return 'no playwright-core (npm ci in app/web)';
    }
    return null;
}

export async function launch({ locale = 'en-US' } = {}) {
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'coroscope-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumPath,
        headless: true,
        locale,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-quic', '--allow-file-access-from-files'],
    });
    const refused = [];
    // Everything but the page file itself is refused and counted.
    await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file://') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        refused.push(url);
        return route.abort('blockedbyclient');
    });
    return {
        context,
        refused,
        async close() {
            await context.close();
            rmSync(profile, { recursive: true, force: true });
        },
    };
}

// A page opened on `file` at `width`x`height`, its errors collected.
export async function openPage(browser, file, { width = 1920, height = 1080, hash = '', mobile = false, locale } = {}) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
    });
    const url = 'file://' + file + hash;
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true' || document.querySelector('.cs-failed'), null, { timeout: 60000 });
    const openMs = Date.now() - t0;
    return { page, errors, openMs };
}
