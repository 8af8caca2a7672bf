import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserShareChart,
  chartForResult,
  CHARTED_ANALYTICS,
  dailyPlaysChart,
  levelShareChart,
  osShareChart,
  playsByHourChart,
  playsByWeekdayChart,
  renderSvg,
  topArtistsChart,
  topLocationsChart,
  topSongsChart,
  writeSvg,
  ChartError,
} from '#src/charts/index.ts';
import { ANALYTICS } from '#src/analytics/index.ts';
import { marks, texts } from './svg.ts';

describe('analytics charts render to SVG without a browser', () => {
  it('plays by hour: one bar per hour with plays, and all 24 hours on the axis', async () => {
    const svg = await renderSvg(
      playsByHourChart([
        { hour: 0, plays: 12, listeners: 3, share_pct: 40 },
        { hour: 13, plays: 18, listeners: 5, share_pct: 60 },
      ]),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(marks(svg, 'bar')).toEqual([
      'hour (UTC): 0; plays: 12; listeners: 3; share of plays (%): 40.00',
      'hour (UTC): 13; plays: 18; listeners: 5; share of plays (%): 60.00',
    ]);
    const labels = texts(svg);
    expect(labels).toContain('Plays by hour of day (UTC)');
    for (const hour of ['0', '7', '13', '23']) expect(labels).toContain(hour);
  });

  it('plays by weekday: Sunday first, named days', async () => {
    const svg = await renderSvg(
      playsByWeekdayChart([
        { weekday: 1, weekday_name: 'Monday', plays: 5, listeners: 2, share_pct: 50 },
        { weekday: 0, weekday_name: 'Sunday', plays: 5, listeners: 1, share_pct: 50 },
      ]),
    );
    const labels = texts(svg);
    expect(labels.indexOf('Sunday')).toBeLessThan(labels.indexOf('Monday'));
    expect(labels).toContain('Saturday');
    expect(marks(svg, 'bar')).toHaveLength(2);
  });

  it('daily plays: bars of plays and a line of listeners, each with its own axis', async () => {
    const svg = await renderSvg(
      dailyPlaysChart([
        { day: '2018-11-01', plays: 100, listeners: 10, sessions: 12 },
        { day: '2018-11-02', plays: 150, listeners: 14, sessions: 20 },
      ]),
    );
    expect(marks(svg, 'bar')).toHaveLength(2);
    expect(marks(svg, 'line mark')).toHaveLength(1);
    expect(marks(svg, 'point')).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['plays', 'distinct listeners', 'Nov 01', 'Nov 02']));
  });

  it('top songs: bars in rank order labelled "rank. title — artist" with the play count', async () => {
    const svg = await renderSvg(
      topSongsChart([
        { rank: 2, title: 'Two & <Three>', artist: null, plays: 3, listeners: 1 },
        { rank: 1, title: "You're The One", artist: 'Dwight Yoakam', plays: 37, listeners: 30 },
      ]),
    );
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(["1. You're The One — Dwight Yoakam", '2. Two & <Three>', '37', '3']));
    expect(labels.indexOf("1. You're The One — Dwight Yoakam")).toBeLessThan(labels.indexOf('2. Two & <Three>'));
    expect(marks(svg, 'bar')).toHaveLength(2);
  });

  it('top songs: a long title is shortened before the artist, and the bar tooltip has the full text', async () => {
    const title = "You're The One That I Want (From 'Grease' Megamix, Extended Radio Edit)";
    const artist = 'Olivia Newton-John';
    const svg = await renderSvg(topSongsChart([{ rank: 1, title, artist, plays: 1234, listeners: 30 }]));
    const label = texts(svg).find((t) => t.startsWith('1. '))!;
    expect(label.length).toBeLessThanOrEqual(48);
    expect(label).toMatch(/^1\. You're The One That .*… — Olivia Newton-John$/);
    expect(marks(svg, 'bar')[0]).toContain(`song — artist: ${title} — ${artist}`);
  });

  it('top artists and locations', async () => {
    const artists = await renderSvg(topArtistsChart([{ rank: 1, artist: 'Muse', plays: 9, songs: 3, listeners: 4 }]));
    expect(texts(artists)).toContain('1. Muse');
    const locations = await renderSvg(topLocationsChart([{ rank: 1, location: 'Austin, TX', plays: 6, listeners: 2 }]));
    expect(texts(locations)).toContain('1. Austin, TX');
  });

  it('paid vs free: one arc per level, labelled with its share', async () => {
    const svg = await renderSvg(
      levelShareChart([
        { level: 'free', plays: 5, users: 3, share_pct: 62.5 },
        { level: 'paid', plays: 3, users: 2, share_pct: 37.5 },
      ]),
    );
    expect(marks(svg, 'arc mark')).toEqual([
      'plays: 5; level: free; users: 3; share of plays (%): 62.50',
      'plays: 3; level: paid; users: 2; share of plays (%): 37.50',
    ]);
    expect(texts(svg)).toEqual(expect.arrayContaining(['free 62.5%', 'paid 37.5%']));
  });

  it('browser and operating system shares: largest first', async () => {
    const browsers = await renderSvg(
      browserShareChart([
        { browser: 'Safari', plays: 2, users: 1, share_pct: 25 },
        { browser: 'Chrome', plays: 6, users: 2, share_pct: 75 },
      ]),
    );
    const labels = texts(browsers);
    expect(labels.indexOf('Chrome')).toBeLessThan(labels.indexOf('Safari'));
    expect(labels).toContain('75.0');
    const systems = await renderSvg(osShareChart([{ os: 'Linux', plays: 1, users: 1, share_pct: 100 }]));
    expect(texts(systems)).toEqual(expect.arrayContaining(['Plays by operating system', 'Linux']));
  });

  it('renders an empty result as an empty chart rather than failing', async () => {
    const svg = await renderSvg(playsByHourChart([]));
    expect(marks(svg, 'bar')).toEqual([]);
    expect(texts(svg)).toContain('Plays by hour of day (UTC)');
  });
});

describe('chartForResult', () => {
  it('has a chart for each charted query and none for one-row answers', () => {
    const names = ANALYTICS.map((q) => q.name);
    for (const name of CHARTED_ANALYTICS) expect(names).toContain(name);
    expect(chartForResult({ name: 'songs_per_session', rows: [] })).toBeUndefined();
    expect(chartForResult({ name: 'plays_by_hour', rows: [] })).toMatchObject({ title: 'Plays by hour of day (UTC)' });
  });
});

describe('writeSvg', () => {
  it('writes the SVG to a file, creating folders', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sparkify-charts-'));
    try {
      const file = path.join(dir, 'nested', 'hour.svg');
      const svg = await writeSvg(playsByHourChart([{ hour: 5, plays: 1, listeners: 1, share_pct: 100 }]), file);
      expect(await readFile(file, 'utf8')).toBe(svg);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses specs that would fetch data', async () => {
    const spec = { data: { url: 'https://example.com/data.json' }, mark: 'bar' as const, title: 'remote' };
    await expect(renderSvg(spec)).rejects.toThrow(ChartError);
  });
});
