// Prints a page of a built site to PDF in Debian's Chromium, as a reader's
// "Print to PDF" does: the page's own size (A4, from the theme's CSS), no
// background colours. Usage: node print_pdf.mjs SITE_DIR page.html OUT.pdf
import path from 'node:path';
import { chromium } from 'playwright-core';

const [siteDir, page, out] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
try {
  const tab = await browser.newPage();
  await tab.goto('file://' + path.resolve(siteDir, page), { waitUntil: 'load' });
  await tab.pdf({ path: out, preferCSSPageSize: true });
} finally {
  await browser.close();
}
