// Debian's Chromium as a client under test: serves echo.html from 127.0.0.1 (so the page has an
// http origin the browser sends as Origin), opens it headless through playwright-core, and runs
// each case in the page with the browser's own WebSocket. getCaseCount and updateReports go over
// plain HTTP (the fuzzing server answers both ways).
//
//   node client.mjs ws://127.0.0.1:9001 [agent] [1,2,3]
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base, agent = 'chromium', only] = process.argv.slice(2);
if (!base) {
  console.error('usage: node client.mjs ws://host:port [agent] [case numbers, comma-separated]');
  process.exit(2);
}
const PER_CASE_MS = 60_000;
const httpBase = base.replace(/^ws/, 'http');
const a = encodeURIComponent(agent);

const page = readFileSync(new URL('./echo.html', import.meta.url));
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));

let cases;
if (only) {
  cases = only.split(',').filter(Boolean).map(Number);
} else {
  const count = Number((await (await fetch(`${httpBase}/getCaseCount`)).text()).trim());
  cases = Array.from({ length: count }, (_, i) => i + 1);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await browser.newPage();
  tab.on('console', (m) => console.error(`page: ${m.text()}`));
  await tab.goto(`http://127.0.0.1:${server.address().port}/echo.html`);
  for (const n of cases) {
    const url = `${base}/runCase?case=${n}&agent=${a}`;
    try {
      const how = await tab.evaluate(([u, t]) => window.runCase(u, t), [url, PER_CASE_MS]);
      if (!how.startsWith('closed')) console.error(`case ${n}: ${how}`);
    } catch (e) {
      // a crashed or stuck page: note it and go on with a fresh page
      console.error(`case ${n}: ${e.message}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
await fetch(`${httpBase}/updateReports?agent=${a}`).catch((e) => console.error(e.message));
