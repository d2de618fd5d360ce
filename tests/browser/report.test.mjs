// The KB health report in a real browser: headless Debian Chromium driven by
// playwright-core (never a downloaded browser). It generates the report for the demo KB,
// loads it from disk, and checks that it works offline, that its numbers are the JSON
// output's, that filtering and sorting work, and that hostile content stays inert.
// Saves docs/report.png, the README's screenshot.
//
// Run: cargo build && (cd tests/browser && npm ci && npm test)
// KBLINT_BIN overrides the binary (default target/debug/kblint, else target/release/kblint);
// CHROMIUM overrides /usr/bin/chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TODAY = '2026-11-24';
const OUT = join(ROOT, 'target', 'browser');
const BIN = process.env.KBLINT_BIN ||
  [join(ROOT, 'target', 'debug', 'kblint'), join(ROOT, 'target', 'release', 'kblint')].find(existsSync);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CATEGORIES = ['stale', 'conflict', 'promise', 'link', 'hygiene', 'tone', 'parse'];

/** Runs kblint in the repository root; returns stdout (exit 0 and 1 are both fine). */
function kblint(args) {
  const r = spawnSync(BIN, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.ok(r.status === 0 || r.status === 1, `kblint ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

let context;
let profile;

before(async () => {
  assert.ok(BIN && existsSync(BIN), 'build kblint first (cargo build)');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
  mkdirSync(OUT, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'kblint-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
    viewport: { width: 1360, height: 900 },
    deviceScaleFactor: 1,
    timeout: 60_000,
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a report from disk, recording console errors, dialogs and network requests. */
async function open(file) {
  const page = await context.newPage();
  const problems = { console: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('dialog', async (d) => { problems.dialogs.push(d.message()); await d.dismiss(); });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('file:') && !url.startsWith('data:')) problems.requests.push(url);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith('file:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems };
}

function countBy(items, key) {
  const m = {};
  for (const it of items) m[key(it)] = (m[key(it)] || 0) + 1;
  return m;
}

/** Number of table rows (not hidden) under `selector`. */
const visibleRows = (page, selector) =>
  page.$$eval(`${selector} tbody tr`, (rows) => rows.filter((r) => !r.hidden).length);

test('the demo KB report works offline and matches --format json', async () => {
  const html = join(OUT, 'demo-report.html');
  kblint(['report', '--today', TODAY, '--html', html, 'fixtures/demo-kb']);
  const json = JSON.parse(kblint(['check', '--today', TODAY, '--format', 'json', 'fixtures/demo-kb']));
  const diags = json.diagnostics;
  const { page, problems } = await open(html);

  // The script ran (under the page's Content-Security-Policy) and shows the filters.
  assert.equal(await page.isVisible('#filters'), true, 'filter bar is shown once the script runs');

  // Findings per category and severity: the tiles are the JSON's counts.
  const perCat = countBy(diags, (d) => d.category);
  const tiles = await page.$$eval('#cat-counts [data-category]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.category, Number(e.dataset.count)])));
  for (const c of CATEGORIES) assert.equal(tiles[c], perCat[c] || 0, `category tile ${c}`);
  const sev = await page.$$eval('#sev-counts [data-severity]', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.severity, Number(e.dataset.count)])));
  assert.deepEqual(sev, { error: json.summary.errors, warning: json.summary.warnings, info: json.summary.infos });

  // Tables: one row per finding, and per section.
  assert.equal(await visibleRows(page, '#all-table'), diags.length, 'all findings');
  const rowCats = await page.$$eval('#all-table tbody tr', (rows) => rows.map((r) => r.dataset.cat));
  assert.deepEqual(countBy(rowCats, (c) => c), perCat);
  assert.equal(await visibleRows(page, '#links'), perCat.link || 0, 'broken links section');
  assert.equal(await visibleRows(page, '#promises'), perCat.promise || 0, 'promises section');
  assert.equal(await visibleRows(page, '#placeholders'), diags.filter((d) => d.rule === 'placeholder').length, 'placeholders section');
  const conflictFindings = await page.$$eval('#conflicts .conflict', (els) =>
    els.reduce((n, e) => n + Number(e.dataset.findings), 0));
  assert.equal(conflictFindings, perCat.conflict || 0, 'conflict cards');

  // Review health: every article once; the charts add up to the live articles.
  assert.equal(await page.$$eval('#articles-table tbody tr', (r) => r.length), json.summary.files, 'articles table');
  const states = await page.$$eval('#articles-table tbody tr', (rows) => rows.map((r) => r.dataset.state));
  const live = states.filter((s) => s !== 'archived' && s !== 'unreadable').length;
  const tileSum = await page.$$eval('#health .tile', (els) => els.reduce((n, e) => n + Number(e.dataset.count), 0));
  assert.equal(tileSum, live, 'health tiles');
  for (const chart of ['#chart-time', '#chart-folders']) {
    const sum = await page.$$eval(`${chart} rect[data-count]`, (els) => els.reduce((n, e) => n + Number(e.dataset.count), 0));
    assert.equal(sum, live, `${chart} adds up to the live articles`);
  }
  const perState = countBy(states, (s) => s);
  const tileByState = await page.$$eval('#health .tile', (els) =>
    Object.fromEntries(els.map((e) => [e.dataset.state, Number(e.dataset.count)])));
  for (const [s, n] of Object.entries(tileByState)) assert.equal(n, perState[s] || 0, `health tile ${s}`);

  // Filtering: by category, then also by folder, then reset.
  const cat = Object.keys(perCat).sort((a, b) => perCat[b] - perCat[a])[0];
  await page.selectOption('#f-cat', cat);
  assert.equal(await visibleRows(page, '#all-table'), perCat[cat], `category filter ${cat}`);
  assert.match(await page.textContent('#f-shown'), new RegExp(`^${perCat[cat]} of ${diags.length} findings$`));
  const folderOf = (p) => p.replace(/^fixtures\/demo-kb\//, '').split('/')[0];
  const inCat = diags.filter((d) => d.category === cat);
  const folder = Object.entries(countBy(inCat, (d) => folderOf(d.path))).sort((a, b) => b[1] - a[1])[0][0];
  await page.selectOption('#f-folder', folder);
  assert.equal(await visibleRows(page, '#all-table'), inCat.filter((d) => folderOf(d.path) === folder).length, 'category + folder');
  assert.equal(await visibleRows(page, '#articles-table'), states.length === 0 ? 0
    : await page.$$eval('#articles-table tbody tr', (rows, f) => rows.filter((r) => r.dataset.folder === f).length, folder), 'articles by folder');
  await page.click('#f-reset');
  assert.equal(await visibleRows(page, '#all-table'), diags.length, 'reset shows everything');
  // A category tile filters too.
  const other = CATEGORIES.find((c) => perCat[c] && c !== cat) || cat;
  await page.click(`#cat-counts [data-set-cat="${other}"]`);
  assert.equal(await visibleRows(page, '#all-table'), perCat[other], 'clicking a category tile filters');
  await page.click('#f-reset');

  // Sorting: severity ascending puts errors first; clicking again puts them last.
  await page.click('#all-table thead th:nth-child(1) button');
  const first = await page.$eval('#all-table tbody tr td:first-child', (td) => td.textContent.trim());
  assert.equal(first, json.summary.errors ? 'error' : first);
  await page.click('#all-table thead th:nth-child(1) button');
  const firstDesc = await page.$eval('#all-table tbody tr td:first-child', (td) => td.textContent.trim());
  if (json.summary.infos || json.summary.warnings) assert.notEqual(firstDesc, 'error');

  // Links point at the files, relative to the report.
  const href = await page.$eval('#all-table tbody tr td.loc a', (a) => a.getAttribute('href'));
  assert.match(href, /^\.\.\/\.\.\/fixtures\/demo-kb\//);

  assert.deepEqual(problems.requests, [], 'no network requests');
  assert.deepEqual(problems.console, [], 'no console errors or warnings');
  assert.deepEqual(problems.pageErrors, [], 'no script errors');

  // The README's screenshot: the top of the report, filters reset.
  await page.click('#all-table thead th:nth-child(3) button');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1360, height: 1500 });
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'docs', 'report.png'), fullPage: false });
  await page.screenshot({ path: join(OUT, 'demo-report-full.png'), fullPage: true });
  await page.close();
});

test('hostile article content stays inert in the browser', async () => {
  const html = join(OUT, 'hostile-report.html');
  kblint(['report', '--today', TODAY, '--html', html, '--base-url', 'https://git.example/kb/blob/main',
    'fixtures/hostile-report-kb']);
  const json = JSON.parse(kblint(['check', '--today', TODAY, '--format', 'json', 'fixtures/hostile-report-kb']));
  const { page, problems } = await open(html);
  await page.waitForTimeout(200);
  assert.deepEqual(problems.dialogs, [], 'no payload ran');
  assert.equal(await page.$$eval('img', (e) => e.length), 0, 'no injected <img>');
  assert.equal(await page.$$eval('script', (e) => e.length), 1, 'only the report script');
  assert.equal(await page.$$eval('body svg', (e) => e.filter((s) => !s.classList.contains('chart')).length), 0, 'no injected <svg>');
  assert.equal(await visibleRows(page, '#all-table'), json.diagnostics.length);
  // The hostile owner is an option of the owner filter, as text, and filtering by it works.
  const owner = '"><img src=x onerror=alert(4)>';
  await page.selectOption('#f-owner', owner);
  const expected = json.diagnostics.filter((d) => d.path.includes('onerror=alert(1)')).length;
  assert.equal(await visibleRows(page, '#all-table'), expected);
  const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  for (const h of hrefs) assert.ok(!h.startsWith('javascript:'), `no javascript: link (${h})`);
  assert.deepEqual(problems.requests, [], 'no network requests');
  assert.deepEqual(problems.pageErrors, [], 'no script errors');
  assert.deepEqual(problems.console, [], 'no console errors');
  await page.close();
});
