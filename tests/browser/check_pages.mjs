// Serves a built site over HTTP on 127.0.0.1, opens pages in Debian's
// Chromium, runs axe-core with the WCAG 2.2 AA rules on each, and takes
// screenshots at 1280 and 320 px of the pages marked "shot:"; a page wider
// than a 320 px screen fails (WCAG 1.4.10). Usage:
//   node check_pages.mjs SITE_DIR SHOT_DIR [shot:]page.html ...
// Prints one JSON line per page and exits 1 when any page has a violation.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [siteDir, shotDir, ...pages] = process.argv.slice(2);
const root = path.resolve(siteDir);
const here = path.dirname(fileURLToPath(import.meta.url));
const axePath = path.join(here, '../../node_modules/axe-core/axe.min.js');
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml',
                '.csv': 'text/csv; charset=utf-8', '.json': 'application/json', '.xml': 'application/xml',
                '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8' };

const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.normalize(path.join(root, url));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  // As if hosted under base_url's path: the 404 page's links start there.
  for (let rest = url; !fs.existsSync(file) && rest.indexOf('/', 1) > 0;) {
    rest = rest.slice(rest.indexOf('/', 1));
    file = path.normalize(path.join(root, rest));
  }
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

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
