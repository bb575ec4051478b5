// Drives a wsconform run report (index.html) in headless Chromium, opened from file://:
// filters the case table, sorts it, opens a failed case with its wire log, opens a case from
// its #case-<id> link, and saves screenshots. Fails on any script dialog (an injected payload
// that ran), page error, console error, or request that leaves the file.
//
// usage: node report-browser-test.mjs <results-folder> [screenshot-dir]
//   CHROMIUM (env) overrides the browser path (default /usr/bin/chromium).
//   Exit 0 when every check passed, 1 when one failed, 2 on bad usage.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [folderArg, shotsArg] = process.argv.slice(2);
if (!folderArg) {
  console.error('usage: node report-browser-test.mjs <results-folder> [screenshot-dir]');
  process.exit(2);
}
const folder = path.resolve(folderArg);
const report = path.join(folder, 'index.html');
if (!existsSync(report)) {
  console.error(`report-browser-test: ${report} does not exist`);
  process.exit(2);
}
const shots = path.resolve(shotsArg ?? path.join(here, '..', '..', '..', 'target', 'report-browser'));
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0;
let failed = 0;
function check(ok, what, detail) {
  if (ok) {
    passed++;
    console.log(`  ok    ${what}`);
  } else {
    failed++;
    console.log(`  FAIL  ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
  }
}

const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.type()} ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') { problems.push(`console error: ${m.text()}`); } });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('about:')) {
      problems.push(`request left the file: ${u}`);
    }
  });

  const url = pathToFileURL(report).href;
  console.log(`report-browser-test: ${url}`);
  await page.goto(url);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });

  // ---- the page as loaded
  const total = await page.locator('#case-table tbody.case').count();
  check(total > 0, `the case table has rows (${total})`);
  check((await page.textContent('#shown')).trim() === `${total} of ${total} cases`, 'the count line says all cases show',
    await page.textContent('#shown'));
  const order = await page.$$eval('#case-table tbody.case', (bs) => bs.map((b) => Number(b.dataset.order)));
  check(order.every((v, i) => v === i), 'rows start in case-id order');
  // ---- the header names the target's identity (implementation, version, profile, URL), not only its agent
  const targetLine = await page.evaluate(() => {
    const dt = [...document.querySelectorAll('dl.run-info dt')].find((d) => d.textContent === 'Target');
    return dt ? dt.nextElementSibling.textContent : null;
  });
  console.log(`  target line: ${targetLine}`);
  check(targetLine !== null && /\d/.test(targetLine) && targetLine.includes('profile ') && targetLine.includes('://'),
    'the header shows the target\'s identity', targetLine);
  await page.screenshot({ path: path.join(shots, 'report-summary.png') });

  // ---- the case to open: a failed one, else any not passed, else the first
  const target = await page.evaluate(() => {
    const pick = document.querySelector('tbody.case[data-outcome=FAILED]')
      || document.querySelector('tbody.case:not([data-outcome=PASSED])')
      || document.querySelector('tbody.case');
    const data = JSON.parse(document.getElementById('case-data').textContent).cases[Number(pick.dataset.i)];
    return { id: pick.dataset.id, anchor: pick.id, outcome: pick.dataset.outcome, reason: data.reason || null, fix: data.fix || null,
      wire: (data.wirelog || []).length, hasScript: JSON.stringify(data).includes('<script') };
  });
  console.log(`  case to open: ${target.id} (${target.outcome}, ${target.wire} wire-log rows)`);

  // ---- filter by outcome
  const visibleIds = () => page.$$eval('#case-table tbody.case:not([hidden])', (bs) => bs.map((b) => b.dataset.id));
  await page.selectOption('#filter-outcome', target.outcome);
  const byOutcome = await page.$$eval('#case-table tbody.case:not([hidden])', (bs) => bs.map((b) => b.dataset.outcome));
  const cardCount = Number(await page.textContent(`#outcome-cards [data-outcome="${target.outcome}"] .n`));
  check(byOutcome.length === cardCount && byOutcome.every((o) => o === target.outcome),
    `outcome filter ${target.outcome} shows exactly its ${cardCount} cases`, byOutcome);

  // ---- filter by text, on top of it
  await page.fill('#filter-text', target.id);
  const byText = await visibleIds();
  check(byText.includes(target.id), `text filter "${target.id}" keeps the case`, byText);
  await page.fill('#filter-text', 'no-such-case-zzz');
  check((await visibleIds()).length === 0 && await page.isVisible('#no-match'), 'a text that matches nothing hides every row');
  await page.click('#filter-reset');
  check((await visibleIds()).length === total, 'reset shows every row again');

  // ---- a summary card sets the filter
  await page.click(`#outcome-cards [data-outcome="${target.outcome}"]`);
  check(await page.inputValue('#filter-outcome') === target.outcome, 'a summary card sets the outcome filter');
  await page.click('#filter-reset');

  // ---- group and verdict selects
  const groups = await page.$$eval('#filter-group option', (os) => os.map((o) => o.value).filter(Boolean));
  if (groups.length > 0) {
    await page.selectOption('#filter-group', groups[0]);
    const g = await page.$$eval('#case-table tbody.case:not([hidden])', (bs) => bs.map((b) => b.dataset.group));
    check(g.length > 0 && g.every((x) => x === groups[0]), `group filter ${groups[0]}`, g);
    await page.click('#filter-reset');
  }

  // ---- sorting: duration up, down, then back to case order
  const durations = () => page.$$eval('#case-table tbody.case', (bs) => bs.map((b) => Number(b.dataset.duration)));
  await page.click('#case-table th[data-sort=duration]');
  const up = await durations();
  check(up.every((v, i) => i === 0 || up[i - 1] <= v), 'sorting by duration, ascending');
  await page.click('#case-table th[data-sort=duration]');
  const down = await durations();
  check(down.every((v, i) => i === 0 || down[i - 1] >= v), 'sorting by duration, descending');
  await page.click('#case-table th[data-sort=order]');
  const back = await page.$$eval('#case-table tbody.case', (bs) => bs.map((b) => Number(b.dataset.order)));
  check(back.every((v, i) => v === i), 'sorting by case id restores case-id order');

  // ---- open the case by clicking its row
  const body = page.locator(`tbody.case[data-id="${target.id}"]`);
  await body.locator('td.title').click();
  const detail = body.locator('tr.case-detail');
  check(await detail.isVisible(), `clicking the row of ${target.id} opens its details`);
  const sections = await detail.locator('h3').allTextContents();
  for (const s of ['Description', 'Expectation', 'Expected events vs observed events', 'Opening handshake', 'Close state', 'Wire log']) {
    check(sections.includes(s), `details show "${s}"`, sections);
  }
  if (target.reason) {
    const reason = await detail.locator('.reason-line').first().textContent();
    check(reason === target.reason, 'details show the reason line', reason);
  }
  if (target.fix) {
    check(sections.includes('How to fix'), 'details show "How to fix"', sections);
    const fix = await detail.locator('.fix-line').first().textContent();
    check(fix === target.fix && await detail.locator('.fix-line').isVisible(), 'details show the how-to-fix line', fix);
  }
  check(await detail.locator('pre.http-request').count() === 1 && await detail.locator('pre.http-response').count() === 1,
    'details show the handshake request and response');
  const closeRows = await detail.locator('table.kv th').allTextContents();
  check(closeRows.includes('remoteCloseCode') || closeRows.length === 0, 'details show the close state table', closeRows);
  const wireRows = await detail.locator('table.wire tbody tr').count();
  check(wireRows === Math.min(target.wire, 1000), `the wire log lists its rows (${wireRows})`);
  if (wireRows > 0) {
    const first = await detail.locator('table.wire tbody tr').first().locator('td').allTextContents();
    check(first.length === 6, 'a wire-log row has #, time, kind, text, length, hex', first);
    const octetRows = await detail.locator('table.wire tbody tr.k-TO, table.wire tbody tr.k-RO').count();
    if (octetRows > 0) {
      await detail.locator('input.show-octets').uncheck();
      const shownOctets = await detail.locator('table.wire tbody tr.k-TO:not([hidden]), table.wire tbody tr.k-RO:not([hidden])').count();
      check(shownOctets === 0, `the octet rows (${octetRows}) can be hidden`);
      await detail.locator('input.show-octets').check();
    }
  }
  if (target.hasScript) {
    const text = await detail.textContent();
    check(text.includes('<script>') && await detail.locator('script').count() === 0,
      'a <script> payload shows as text and is no element');
  }
  check(page.url().endsWith(`#${encodeURIComponent(target.anchor)}`), 'opening a case puts its anchor in the address', page.url());
  await body.locator('tr.case-row').scrollIntoViewIfNeeded();
  await page.evaluate((a) => document.getElementById(a).scrollIntoView(), target.anchor);
  await page.screenshot({ path: path.join(shots, 'report-failed-case.png') });
  if (wireRows > 0) {
    await detail.locator('h3', { hasText: 'Wire log' }).evaluate((h) => h.scrollIntoView());
    await page.evaluate(() => window.scrollBy(0, -120)); // below the sticky filter bar
    await page.screenshot({ path: path.join(shots, 'report-wire-log.png') });
  }
  await body.locator('td.title').click();
  check(!(await detail.isVisible()), 'clicking the row again collapses it');

  // ---- open a case from its link #case-<id>
  const last = await page.$eval('#case-table tbody.case:last-of-type', (b) => ({ id: b.dataset.id, anchor: b.id }));
  await page.goto(`${url}#${encodeURIComponent(last.anchor)}`);
  await page.waitForSelector('body[data-ready=true]');
  const opened = page.locator(`tbody.case[data-id="${last.id}"] tr.case-detail`);
  await opened.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  check(await opened.isVisible(), `the link #${last.anchor} opens that case`);
  await page.screenshot({ path: path.join(shots, 'report-anchor.png') });
} catch (e) {
  check(false, 'the test ran to the end', String(e && e.stack || e));
} finally {
  await browser.close();
}

check(problems.length === 0, 'no dialog, page error, console error or outside request', problems);
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
