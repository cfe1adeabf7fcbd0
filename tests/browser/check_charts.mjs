// Measures every chart of a built site in Debian's Chromium, at 320, 390
// and 1280 px: no text box overlaps another or a series' marker (where a
// line ends), none reaches outside its SVG, and at 390 px and wider no text
// is smaller than 12 CSS px. Usage:
//   node check_charts.mjs SITE_DIR page.html ...
// Prints one JSON line per page and width, and exits 1 on any problem.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const [siteDir, ...pages] = process.argv.slice(2);
const root = path.resolve(siteDir);
const { server, base } = await serve(root);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run', '--disable-quic'],
});

// Runs in the page: every problem with the charts shown at this width.
function measure(minFont) {
  const problems = [];
  let charts = 0, texts = 0;
  const overlap = (a, b, slack) => a.left + slack < b.right && b.left + slack < a.right &&
                                  a.top + slack < b.bottom && b.top + slack < a.bottom;
  for (const svg of document.querySelectorAll('svg.tracker-chart')) {
    if (getComputedStyle(svg).display === 'none') continue;
    charts++;
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const name = svg.querySelector('title')?.id || '(no title)';
    const boxes = [];
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      texts++;
      const r = t.getBoundingClientRect();
      boxes.push({ r, text: t.textContent });
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
        problems.push(`${name}: "${t.textContent}" reaches outside the chart`);
      const px = parseFloat(t.getAttribute('font-size')) * scale;
      if (px < minFont - 0.01) problems.push(`${name}: "${t.textContent}" is ${px.toFixed(1)} px`);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (overlap(boxes[i].r, boxes[j].r, 0.5)) problems.push(`${name}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
    // Where each line ends: its last marker.
    for (const g of svg.querySelectorAll('.tracker-chart__series')) {
      const markers = g.querySelectorAll('circle, rect, path:not([fill="none"])');
      if (!markers.length) continue;
      const m = markers[markers.length - 1].getBoundingClientRect();
      for (const b of boxes)
        if (overlap(b.r, m, 0.5)) problems.push(`${name}: "${b.text}" covers the end of a line`);
    }
  }
  return { charts, texts, problems };
}

let failed = false;
try {
  for (const page of pages) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tab = await context.newPage();
    await tab.goto(base + page, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready);
    for (const width of [320, 390, 1280]) {
      await tab.setViewportSize({ width, height: 900 });
      const result = await tab.evaluate(measure, width >= 390 ? 12 : 0);
      if (result.problems.length) failed = true;
      console.log(JSON.stringify({ page, width, ...result }));
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
