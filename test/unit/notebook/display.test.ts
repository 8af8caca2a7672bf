import { describe, expect, it, vi } from 'vitest';
import { checkRows, etlStepRows, loadProgressDisplay, notebookLogger, notebookShow } from '#src/notebook/index.ts';
import { playsByHourChart } from '#src/charts/index.ts';
import type { StepResult } from '#src/pipeline/etl.ts';

function recordingDisplay() {
  const shown: { kind: 'html' | 'svg' | 'text'; content: string }[] = [];
  return {
    shown,
    display: {
      html: (content: string) => shown.push({ kind: 'html', content }),
      svg: (content: string) => shown.push({ kind: 'svg', content }),
      text: (content: string) => shown.push({ kind: 'text', content }),
    },
  };
}

function bundleDisplay() {
  const bundles: Record<string, unknown>[] = [];
  const unexpected = () => {
    throw new Error('a display with bundle() gets bundles only');
  };
  return { bundles, display: { html: unexpected, svg: unexpected, text: unexpected, bundle: (data: Record<string, unknown>) => bundles.push({ ...data }) } };
}

describe('notebookShow with a bundle display (what notebooks/sparkify.cjs gives)', () => {
  it('sends every table with a text/plain fallback', async () => {
    const { bundles, display } = bundleDisplay();
    notebookShow(display).rows([{ title: 'One', plays: 1234 }], 'Top songs');
    expect(Object.keys(bundles[0]!).sort()).toEqual(['text/html', 'text/plain']);
    expect(bundles[0]!['text/plain']).toBe('Top songs\ntitle  plays\n-----  -----\nOne    1,234');
  });

  it('sends each chart as Vega-Lite v5 (tooltips in the spec) beside its SVG and a text/plain line', async () => {
    const { bundles, display } = bundleDisplay();
    await notebookShow(display).chart(playsByHourChart([{ hour: 1, plays: 2, listeners: 1, share_pct: 100 }]));
    const bundle = bundles[0]!;
    expect(Object.keys(bundle).sort()).toEqual(['application/vnd.vegalite.v5+json', 'image/svg+xml', 'text/plain']);
    const spec = bundle['application/vnd.vegalite.v5+json'] as { $schema: string; encoding: { tooltip: unknown[] } };
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec.encoding.tooltip.length).toBeGreaterThan(0);
    expect(bundle['image/svg+xml']).toMatch(/^<svg/);
    expect(bundle['text/plain']).toBe('[chart] Plays by hour of day (UTC), 1 data point; the table above has the numbers');
  });

  it('sends an SVG picture with its description', () => {
    const { bundles, display } = bundleDisplay();
    notebookShow(display).svg('<svg/>', 'the star schema');
    expect(bundles).toEqual([{ 'image/svg+xml': '<svg/>', 'text/plain': 'the star schema' }]);
  });
});

describe('notebookShow', () => {
  it('shows an analytics result as a captioned table, and returns nothing to print', async () => {
    const { shown, display } = recordingDisplay();
    const result = {
      name: 'top_songs',
      title: 'Top songs',
      description: '',
      parameters: { limit: 2 },
      columns: ['rank', 'title', 'plays'],
      rows: [{ rank: 1, title: 'One', plays: 4 }],
    };
    expect(await notebookShow(display).result(result)).toBeUndefined();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.kind).toBe('html');
    expect(shown[0]!.content).toContain('>Top songs (top 2)</caption>');
    expect(shown[0]!.content).toContain('<th style="text-align:right">rank</th><th style="text-align:left">title</th>');
    expect(shown[0]!.content).toMatch(/<td style="text-align:left[^"]*">One<\/td>/);
  }, 60_000); // danfojs loads TensorFlow.js: seconds on a busy machine

  it('shows charts as SVG and plain rows as tables', async () => {
    const { shown, display } = recordingDisplay();
    const show = notebookShow(display);
    await show.chart(playsByHourChart([{ hour: 1, plays: 2, listeners: 1, share_pct: 100 }]));
    show.rows([{ step: 'iam-role', outcome: 'created' }], 'Provisioning steps');
    expect(shown.map((s) => s.kind)).toEqual(['svg', 'html']);
    expect(shown[0]!.content).toMatch(/^<svg/);
    expect(shown[1]!.content).toMatch(/>iam-role<\/td><td [^>]*>created<\/td>/);
  });
});

describe('ETL results for notebooks', () => {
  const steps: StepResult[] = [
    { step: 'load staging', status: 'succeeded', elapsedMs: 2123, rows: { staging_events: 8056 }, rejected: 0 },
    {
      step: 'checks',
      status: 'failed',
      elapsedMs: 40,
      rows: {},
      checks: [
        { name: 'unique users(user_id)', passed: true, failingRows: 0, sample: [] },
        { name: 'not_null time.start_time', passed: false, failingRows: 2, sample: [] },
      ],
      error: new Error('1 data-quality check(s) failed'),
    },
  ];

  it('one row per step', () => {
    expect(etlStepRows(steps)).toEqual([
      { step: 'load staging', status: 'succeeded', seconds: 2.12, rows: 'staging_events 8,056', rejected: 0, checks: null, error: null },
      { step: 'checks', status: 'failed', seconds: 0.04, rows: '', rejected: null, checks: '1/2 passed', error: '1 data-quality check(s) failed' },
    ]);
  });

  it('one row per check', () => {
    expect(checkRows(steps)).toEqual([
      { check: 'unique users(user_id)', passed: true, failing_rows: 0 },
      { check: 'not_null time.start_time', passed: false, failing_rows: 2 },
    ]);
    expect(checkRows([])).toEqual([]);
  });
});

describe('loadProgressDisplay', () => {
  it('redraws one line per table, at most once per interval, and draws the last state on finish', () => {
    vi.useFakeTimers();
    try {
      const texts: string[] = [];
      const progress = loadProgressDisplay({ text: (t) => texts.push(t) }, 1000);
      const p = (table: string, filesDone: number) => ({
        table,
        filesDone,
        filesTotal: 10,
        rows: filesDone * 100,
        bytes: filesDone * 1024 ** 2,
        bytesTotal: 10 * 1024 ** 2,
        rejected: 0,
      });
      progress.update(p('staging_events', 1));
      progress.update(p('staging_events', 2)); // within the interval: not drawn yet
      vi.advanceTimersByTime(1500);
      progress.update(p('staging_songs', 3));
      progress.update(p('staging_songs', 4));
      progress.finish();
      expect(texts).toEqual([
        'staging_events: 1/10 files, 100 rows, 10% of 10.0 MiB',
        'staging_events: 2/10 files, 200 rows, 20% of 10.0 MiB\nstaging_songs: 3/10 files, 300 rows, 30% of 10.0 MiB',
        'staging_events: 2/10 files, 200 rows, 20% of 10.0 MiB\nstaging_songs: 4/10 files, 400 rows, 40% of 10.0 MiB',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('loadProgressDisplay while the listing streams', () => {
  it('shows no percentage until the listing is complete', () => {
    const texts: string[] = [];
    const progress = loadProgressDisplay({ text: (t) => texts.push(t) }, 0);
    const p = (filesDone: number, filesTotal: number, listed: boolean) => ({
      table: 'staging_songs',
      filesDone,
      filesTotal,
      rows: filesDone * 10,
      bytes: filesDone * 1024 ** 2,
      bytesTotal: filesTotal * 1024 ** 2,
      rejected: 0,
      listed,
    });
    progress.update(p(1, 2, false));
    progress.update(p(2, 2, true));
    expect(texts).toEqual(['staging_songs: 1 files, 10 rows, 1.0 MiB read; listing (2 files so far)', 'staging_songs: 2/2 files, 20 rows, 100% of 2.0 MiB']);
  });
});

describe('notebookLogger', () => {
  it('writes info, prefixes warnings and errors, drops debug unless verbose', () => {
    const lines: string[] = [];
    const logger = notebookLogger((l) => lines.push(l));
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    notebookLogger((l) => lines.push(l), { verbose: true }).debug('d2');
    expect(lines).toEqual(['i', 'warning: w', 'error: e', 'debug: d2']);
  });
});
