// Serves a built site (serve.mjs), opens pages in Debian's
// Chromium, runs axe-core with the WCAG 2.2 AA rules on each, and takes
// screenshots at 1280 and 320 px of the pages marked "shot:"; a page wider
// than a 320 px screen fails (WCAG 1.4.10). Usage:
//   node check_pages.mjs SITE_DIR SHOT_DIR [shot:]page.html ...
// Prints one JSON line per page and exits 1 when any page has a violation.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const [siteDir, shotDir, ...pages] = process.argv.slice(2);
const root = path.resolve(siteDir);
const here = path.dirname(fileURLToPath(import.meta.url));
const axePath = path.join(here, '../../node_modules/axe-core/axe.min.js');
const { server, base } = await serve(root);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
  // Playwright gives each launch a fresh, empty profile of its own.
});
let failed = false;
try {
  fs.mkdirSync(shotDir, { recursive: true });
  for (const arg of pages) {
    const shoot = arg.startsWith('shot:');
    const page = shoot ? arg.slice(5) : arg;
    // The pages forbid scripts; axe is the checker's own, so it may pass the CSP.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const tab = await context.newPage();
    const requests = [];
    tab.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) requests.push(r.url()); });
    const response = await tab.goto(base + page, { waitUntil: 'load' });
    await tab.addScriptTag({ path: axePath });
    const result = await tab.evaluate(async () =>
      await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
    const violations = result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    // WCAG 1.4.10, reflow: at 320 px the page itself never scrolls sideways;
    // a table may, inside its own scrolling region.
    await tab.setViewportSize({ width: 320, height: 900 });
    const reflow = await tab.evaluate(() => document.documentElement.scrollWidth);
    const name = page.replace(/[^a-z0-9]+/gi, '-');
    for (const width of shoot ? [1280, 320] : []) {
      await tab.setViewportSize({ width, height: 900 });
      await tab.screenshot({ path: path.join(shotDir, `${name}-${width}.png`), fullPage: true });
    }
    const ok = response.status() === 200 && violations.length === 0 && requests.length === 0 && reflow <= 320;
    if (!ok) failed = true;
    console.log(JSON.stringify({ page, status: response.status(), violations, external_requests: requests,
                                 width_at_320: reflow, passes: result.passes.length }));
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
