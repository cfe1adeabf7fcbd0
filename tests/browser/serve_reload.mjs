// An open page under `tracker serve`, in chromium: the source is edited on
// disk and the time until the page shows the edit is measured, `runs`
// times. Prints {"runs", "median_ms", "max_ms", "all"} as JSON; restores
// the file. Usage: node serve_reload.mjs URL FILE TEXT-TO-REPLACE RUNS
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const [url, file, from, runs] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
});
const original = fs.readFileSync(file, 'utf8');
if (!original.includes(from)) throw new Error(`${file} does not contain "${from}"`);
const times = [];
try {
  const page = await browser.newPage();
  await page.goto(url);
  for (let i = 0; i < Number(runs); i++) {
    const word = `Edited in run ${i}`;
    await page.waitForTimeout(300);  // the page's wait for the next build is open
    const t0 = Date.now();
    fs.writeFileSync(file, original.replace(from, word));
    await page.waitForFunction(w => document.body && document.body.innerText.includes(w), word,
                               { polling: 'raf', timeout: 5000 });
    times.push(Date.now() - t0);
  }
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
}
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ runs: times.length, median_ms: sorted[Math.floor(sorted.length / 2)],
                             max_ms: sorted[sorted.length - 1], all: times }));
