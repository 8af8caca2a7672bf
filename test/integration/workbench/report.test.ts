import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYTICS } from '../../../src/analytics/index.ts';
import { CHARTED_ANALYTICS } from '../../../src/charts/index.ts';
import { chromiumMissing, launchChromium, openFile } from './browser.ts';
import { loadPublicWarehouse, PUBLIC_DATA, type PublicWarehouse } from './public-warehouse.ts';
import { runBin } from './run-cli.ts';

const missingBrowser = chromiumMissing();
if (missingBrowser) process.stderr.write(`\nReport browser tests were skipped: ${missingBrowser}\n\n`);

/** Every place an HTML/SVG/CSS document can make the browser fetch something, outside the document itself. */
function externalReferences(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\b(?:src|href|xlink:href|action|poster|data)\s*=\s*"([^"]*)"/gi)) {
    if (!match[1]!.startsWith('#') && !match[1]!.startsWith('data:')) found.push(match[0]);
  }
  for (const match of html.matchAll(/url\(\s*['"]?([^)'"]*)/gi)) if (!match[1]!.startsWith('#') && !match[1]!.startsWith('data:')) found.push(match[0]);
  for (const match of html.matchAll(/@import\b[^;]*/gi)) found.push(match[0]);
  return found;
}

describe.skipIf(missingBrowser !== undefined)('the browser guard the report tests rely on', () => {
  it('records and refuses a request for anything but the file, and reports console errors', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sparkify-guard-'));
    const browser = await launchChromium();
    try {
      const file = path.join(dir, 'leaky.html');
      await writeFile(file, '<!doctype html><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script>');
      const { outsideRequests, errors } = await openFile(browser, file);
      expect(outsideRequests).toEqual(['http://127.0.0.1:9/x.png']);
      expect(errors).toContain('boom');
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!PUBLIC_DATA)('sparkify report on the public data', () => {
  let loaded: PublicWarehouse;
  let dir: string;
  let env: Record<string, string>;
  let html: string;
  let browser: Browser | undefined;
  const report = () => path.join(dir, 'out', 'report.html');

  beforeAll(async () => {
    loaded = await loadPublicWarehouse();
    dir = await mkdtemp(path.join(tmpdir(), 'sparkify-report-'));
    await writeFile(path.join(dir, 'dwh.cfg'), loaded.database.configText(loaded.s3Section));
    env = loaded.database.env;
    const run = await runBin(['report', '--out', 'out/report.html'], { cwd: dir, env });
    if (run.code !== 0) throw new Error(`sparkify report failed (exit ${run.code}):\n${run.stderr}`);
    expect(run.stdout).toMatch(/^report written to .*out\/report\.html \([\d.]+ KiB\): 13 questions, 9 charts, \d+ checks\n$/);
    html = await readFile(report(), 'utf8');
    if (!missingBrowser) browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await loaded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('holds every analytics question with its table, and a chart for each charted one', () => {
    for (const query of ANALYTICS) {
      const section = html.slice(html.indexOf(`<section id="${query.name}"`), html.indexOf('</section>', html.indexOf(`<section id="${query.name}"`)));
      expect(section, query.name).toContain(`<h2>${query.title.replace(/&/g, '&amp;')}`);
      expect(section, query.name).toContain('<table class="sparkify-table">');
      expect(section.includes('<figure class="chart"'), query.name).toBe(CHARTED_ANALYTICS.includes(query.name));
      expect(section, query.name).not.toContain('<em>no rows</em>');
    }
    expect(html).toContain('data-table="songplays"');
    expect(html).toContain('data-table="user_level_history"');
  });

  it('says when and from which data it was built, and shows the etl run that built it', () => {
    expect(html).toMatch(/<dt>built<\/dt><dd>\d{4}-\d\d-\d\dT[\d:.]+Z<\/dd>/);
    expect(html).toContain(`<dt>log data</dt><dd>${PUBLIC_DATA}log_data</dd>`);
    expect(html).toContain('<dt>data</dt><dd>6,820 plays by 96 users, 2018-11-01 21:01:46 to 2018-11-30 19:54:24 UTC</dd>');
    expect(html).toContain('<dt>analytics over</dt><dd>all plays</dd>');
    expect(html).toContain('songplays 6,820');
    const runs = html.slice(html.indexOf('<section id="runs"'), html.indexOf('</section>', html.indexOf('<section id="runs"')));
    expect(runs).toContain('latest 1 runs, newest first');
    expect(runs).toMatch(/succeeded[\s\S]*full/);
    expect(html).toMatch(/All \d+ checks passed when this report was built/);
  });

  it('references nothing outside itself', () => {
    expect(externalReferences(html)).toEqual([]);
    expect(html).not.toMatch(/<(?:link|iframe|object|embed|img)\b/i);
    expect(html).toContain("default-src 'none'");
  });

  it.skipIf(missingBrowser !== undefined)('renders every chart in headless Chromium with no console error and no request leaving the file', async () => {
    const { page, outsideRequests, errors } = await openFile(browser!, report());
    const charts = await page.$$eval('figure.chart svg', (svgs) =>
      svgs.map((svg) => ({
        width: svg.getBoundingClientRect().width,
        height: svg.getBoundingClientRect().height,
        marks: svg.querySelectorAll('[aria-roledescription="bar"], [aria-roledescription="arc mark"], [aria-roledescription="point"]').length,
      })),
    );
    expect(charts).toHaveLength(9);
    for (const chart of charts) {
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.marks).toBeGreaterThan(0);
    }
    const diagram = await page.$eval('figure.diagram svg', (svg) => svg.getBoundingClientRect().width);
    expect(diagram).toBeGreaterThan(300);
    expect(errors).toEqual([]);
    expect(outsideRequests).toEqual([]);
    await page.close();
  });

  it.skipIf(missingBrowser !== undefined)('shows a tooltip with the full song and artist when the pointer is over a bar', async () => {
    const { page, errors } = await openFile(browser!, report());
    const tooltip = page.locator('#tooltip');
    await expect(tooltip.isVisible()).resolves.toBe(false);
    const bar = page.locator('#top_songs figure.chart [aria-roledescription="bar"]').first();
    await bar.hover();
    await tooltip.waitFor({ state: 'visible' });
    const text = await tooltip.innerText();
    expect(text).toMatch(/^plays: \d+/m);
    expect(text).toContain("song — artist: You're The One — Dwight Yoakam");
    expect(text).toMatch(/^listeners: \d+/m);
    await page.mouse.move(2, 2);
    await tooltip.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('--from/--to count only the plays on those days, and the report says so', async () => {
    const run = await runBin(['report', '--out', 'week.html', '--from', '2018-11-10', '--to', '2018-11-12'], { cwd: dir, env });
    expect(run.code).toBe(0);
    const week = await readFile(path.join(dir, 'week.html'), 'utf8');
    expect(week).toContain('<dt>analytics over</dt><dd>plays from 2018-11-10 to 2018-11-12 (UTC days, both included)</dd>');
    const daily = week.slice(week.indexOf('<section id="daily_plays"'), week.indexOf('</section>', week.indexOf('<section id="daily_plays"')));
    expect([...daily.matchAll(/>(2018-11-\d\d)</g)].map((m) => m[1])).toEqual(['2018-11-10', '2018-11-11', '2018-11-12']);
  });

  it('shows the latest runs first, and says so when the warehouse has no sparkify_runs table', async () => {
    await loaded.warehouse.query(
      "INSERT INTO sparkify_runs (run_id, started_at, finished_at, status, mode, partitions, rejects, error) VALUES ('later', now() + interval '1 hour', now() + interval '2 hours', 'failed', 'partition', '2018-11-05', 0, 'a check failed')",
    );
    try {
      expect((await runBin(['report', '--out', 'runs.html'], { cwd: dir, env })).code).toBe(0);
      const runs = await readFile(path.join(dir, 'runs.html'), 'utf8');
      const section = runs.slice(runs.indexOf('<section id="runs"'));
      expect(section).toContain('latest 2 runs, newest first');
      expect(section.indexOf('2018-11-05')).toBeGreaterThan(-1);
      expect(section.indexOf('failed')).toBeLessThan(section.indexOf('succeeded'));
    } finally {
      await loaded.warehouse.query("DELETE FROM sparkify_runs WHERE run_id = 'later'");
    }
    await loaded.warehouse.query('ALTER TABLE sparkify_runs RENAME TO sparkify_runs_aside');
    try {
      expect((await runBin(['report', '--out', 'no-runs.html'], { cwd: dir, env })).code).toBe(0);
      expect(await readFile(path.join(dir, 'no-runs.html'), 'utf8')).toContain('This warehouse has no <code>sparkify_runs</code> table');
    } finally {
      await loaded.warehouse.query('ALTER TABLE sparkify_runs_aside RENAME TO sparkify_runs');
    }
  });

  it('refuses a bad day before connecting, and leaves no partial file when it cannot write', async () => {
    const bad = await runBin(['report', '--from', '2018-11-31'], { cwd: dir, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--from must be a day as YYYY-MM-DD, got '2018-11-31'");
    await writeFile(path.join(dir, 'a-file'), 'not a folder');
    const unwritable = await runBin(['report', '--out', 'a-file/report.html'], { cwd: dir, env });
    expect(unwritable.code).toBe(1);
    expect(unwritable.stderr).toMatch(/a-file/);
    expect(unwritable.stderr).not.toMatch(/\n\s+at /);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(existsSync(report())).toBe(true);
  });
});
