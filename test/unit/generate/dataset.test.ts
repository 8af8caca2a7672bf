/**
 * One ~10k-event dataset, generated once, checked for the layout and byte formats of docs/tables.md (input data)
 * and for the distributions of the real data (numbers in src/generate/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateResult, generateDataset } from '#src/generate/index.ts';
import { type Dataset, type EventObject, parseEvents, parseSongs, REAL_DATA_DIR, readDataset, type SongObject, tempRoot } from './dataset-files.ts';
import { sharedData } from '../../support/requirements.ts';
import { EVENT_FIELDS } from '../../support/fixtures.ts';

const SONG_KEYS = ['artist_id', 'artist_latitude', 'artist_location', 'artist_longitude', 'artist_name', 'duration', 'num_songs', 'song_id', 'title', 'year'];
/** Page shares of the real logs (out of 8,056 events). */
const REAL_PAGES: Record<string, number> = {
  NextSong: 6820,
  Home: 806,
  Login: 92,
  Logout: 90,
  Downgrade: 60,
  Settings: 56,
  Help: 47,
  About: 36,
  Upgrade: 21,
  'Save Settings': 10,
  Error: 9,
  'Submit Upgrade': 8,
  'Submit Downgrade': 1,
};
const METHOD_STATUS: Record<string, string> = {
  NextSong: 'PUT 200',
  Home: 'GET 200',
  Login: 'PUT 307',
  Logout: 'PUT 307',
  Downgrade: 'GET 200',
  Settings: 'GET 200',
  Help: 'GET 200',
  About: 'GET 200',
  Upgrade: 'GET 200',
  'Save Settings': 'PUT 307',
  Error: 'GET 404',
  'Submit Upgrade': 'PUT 307',
  'Submit Downgrade': 'PUT 307',
};

const EVENTS = 10_000;
const SONGS = 1_200;
let root: { root: string; remove: () => Promise<void> };
let result: GenerateResult;
let data: Dataset;
let songs: SongObject[];
let events: EventObject[];

beforeAll(async () => {
  root = await tempRoot('dataset');
  result = await generateDataset({ outDir: root.root, events: EVENTS, songs: SONGS, seed: 2018 });
  data = await readDataset(root.root);
  songs = data.songFiles.flatMap(parseSongs);
  events = data.logFiles.flatMap(parseEvents);
}, 60_000);

afterAll(async () => {
  await root?.remove();
});

describe('layout', () => {
  it('writes one song file per song under song_data/X/Y/Z named by the track id', () => {
    expect(data.songFiles).toHaveLength(SONGS);
    const misplaced = data.songFiles
      .map((f) => f.path)
      .filter((path) => {
        const match = /^song_data\/([A-Z])\/([A-Z])\/([A-Z])\/(TR[A-Z0-9]{16})\.json$/.exec(path);
        return match === null || match[4]!.slice(2, 5) !== `${match[1]}${match[2]}${match[3]}`;
      });
    expect(misplaced).toEqual([]);
  });

  it('writes one log file per day, named by the UTC date of every event in it', () => {
    expect(data.logFiles.length).toBeGreaterThanOrEqual(25);
    expect(data.logFiles.length).toBeLessThanOrEqual(36);
    expect(data.logFiles[0]!.path).toBe('log_data/2018/11/2018-11-01-events.json');
    for (const file of data.logFiles) {
      const [, year, month, date] = /^log_data\/(\d{4})\/(\d{2})\/(\d{4}-\d{2}-\d{2})-events\.json$/.exec(file.path)!;
      expect(date!.slice(0, 7)).toBe(`${year}-${month}`);
      const dates = new Set(parseEvents(file).map((e) => new Date(e.ts as number).toISOString().slice(0, 10)));
      expect([...dates]).toEqual([date]);
    }
  });

  it('writes the 18-path JSONPaths file, identical to the public one when that is present', () => {
    const parsed = JSON.parse(data.jsonPaths) as { jsonpaths: string[] };
    expect(parsed.jsonpaths).toEqual(EVENT_FIELDS.map((k) => `$['${k}']`));
    expect(data.jsonPaths.endsWith('}')).toBe(true);
    if (sharedData('the comparison with the public log_json_path.json'))
      expect(data.jsonPaths).toBe(readFileSync(join(REAL_DATA_DIR, 'log_json_path.json'), 'latin1'));
  });

  it('reports what it wrote', () => {
    const bytes = [...data.songFiles, ...data.logFiles].reduce((n, f) => n + f.raw.length, 0) + data.jsonPaths.length;
    expect(result).toMatchObject({
      songFiles: SONGS,
      songs: SONGS,
      logFiles: data.logFiles.length,
      events: EVENTS,
      nextSongEvents: events.filter((e) => e.page === 'NextSong').length,
      users: new Set(events.map((e) => e.userId).filter((id) => id !== '')).size,
      bytes,
    });
  });
});

describe('song file format', () => {
  it('is one compact ASCII line, keys in alphabetical order, no trailing newline', () => {
    const bad = data.songFiles.filter(
      ({ raw }) =>
        !/^\{"artist_id":"AR[A-Z0-9]{16}","artist_latitude":/.test(raw) ||
        !raw.endsWith('}') ||
        raw.includes('\n') ||
        /[^\x20-\x7e]/.test(raw) ||
        /[^\\]\//.test(raw), // every '/' escaped, as in the real files
    );
    expect(bad.map((f) => f.path)).toEqual([]);
    expect(songs.filter((song) => Object.keys(song).join() !== SONG_KEYS.join())).toEqual([]);
  });

  it('has the real value types, quirks included', () => {
    const text = (v: unknown) => typeof v === 'string' || typeof v === 'number';
    const bad = songs.filter(
      (s) =>
        !/^SO[A-Z]{5}12A[0-9A-F]{8}$/.test(s.song_id as string) ||
        !/^AR[A-Z0-9]{5}1[12]87(B9|FB)[0-9A-F]{5}$/.test(s.artist_id as string) ||
        s.num_songs !== 1 ||
        !text(s.title) ||
        !text(s.artist_name) ||
        !(s.artist_location === null || text(s.artist_location)) ||
        !(typeof s.duration === 'number' && s.duration > 0) ||
        !(s.year === 0 || (Number.isInteger(s.year) && (s.year as number) >= 1920 && (s.year as number) <= 2011)) ||
        (s.artist_latitude === null) !== (s.artist_longitude === null),
    );
    expect(bad).toEqual([]);
    expect(data.songFiles.some((f) => /\\u[0-9a-f]{4}/.test(f.raw))).toBe(true);
    expect(new Set(songs.map((s) => s.song_id)).size).toBe(SONGS);
  });

  it('has several songs per artist and some artist ids under several names', () => {
    const byArtist = new Map<string, Set<string>>();
    for (const s of songs) {
      const tuples = byArtist.get(s.artist_id as string) ?? new Set<string>();
      tuples.add(JSON.stringify([s.artist_name, s.artist_location, s.artist_latitude, s.artist_longitude]));
      byArtist.set(s.artist_id as string, tuples);
    }
    const ids = byArtist.size;
    const tuples = [...byArtist.values()].reduce((n, t) => n + t.size, 0);
    // Real: 14,896 songs, 9,553 artist ids (0.64 per song), 10,025 tuples (+4.9%).
    expect(ids / SONGS).toBeGreaterThan(0.58);
    expect(ids / SONGS).toBeLessThan(0.7);
    expect(tuples / ids).toBeGreaterThan(1.02);
    expect(tuples / ids).toBeLessThan(1.09);
  });

  it('matches the real shares of year 0 and missing coordinates', () => {
    const share = (test: (s: SongObject) => boolean) => songs.filter(test).length / songs.length;
    expect(share((s) => s.year === 0)).toBeCloseTo(0.32, 1); // real 4,762 / 14,896
    expect(share((s) => s.artist_latitude === null)).toBeCloseTo(0.646, 1); // real 9,619 / 14,896
    expect(share((s) => s.artist_location === '')).toBeCloseTo(0.449, 1); // real 6,694 / 14,896
  });
});

describe('event file format', () => {
  it('is LF-separated compact lines with no newline after the last', () => {
    for (const { path, raw } of data.logFiles) {
      expect(raw.endsWith('}'), path).toBe(true);
      expect(raw.includes('\r'), path).toBe(false);
      expect(/[^\x20-\x7e\n]/.test(raw), path).toBe(false);
      expect(raw.split('\n').filter((line) => !/^\{"artist":.*"userId":"\d*"\}$/.test(line))).toEqual([]);
    }
    expect(data.logFiles.reduce((n, f) => n + f.raw.split('\n').length, 0)).toBe(EVENTS);
  });

  it('writes registration as a float and ts as an integer, in epoch milliseconds', () => {
    const raw = data.logFiles[3]!.raw;
    expect(raw).toMatch(/"registration":\d{13}\.0,/);
    expect(raw).toMatch(/"ts":\d{13},/);
    expect(raw).toMatch(/"userAgent":"\\"Mozilla\\\/5\.0 \(/);
  });

  it('has exactly the 18 keys in order with the real types', () => {
    // Plain checks collected per event (200k expect() calls would take seconds).
    const problems: string[] = [];
    const check = (ok: boolean, e: EventObject, what: string) => {
      if (!ok && problems.length < 10) problems.push(`${what}: ${JSON.stringify(e)}`);
    };
    for (const e of events) {
      check(Object.keys(e).join() === EVENT_FIELDS.join(), e, 'keys');
      check(typeof e.userId === 'string', e, 'userId type');
      check(Number.isInteger(e.ts) && Number.isInteger(e.sessionId) && Number.isInteger(e.itemInSession), e, 'integers');
      check(`${e.method} ${e.status}` === METHOD_STATUS[e.page as string], e, 'method/status');
      check(e.level === 'free' || e.level === 'paid', e, 'level');
      const play = e.page === 'NextSong';
      check(
        play
          ? typeof e.length === 'number' && typeof e.artist === 'string' && typeof e.song === 'string'
          : e.length === null && e.artist === null && e.song === null,
        e,
        'song fields',
      );
      if (e.userId === '') {
        check(e.auth === 'Logged Out', e, 'auth');
        check(
          [e.firstName, e.lastName, e.gender, e.location, e.registration, e.userAgent].every((v) => v === null),
          e,
          'logged-out nulls',
        );
        check(['Home', 'Login', 'About', 'Help'].includes(e.page as string), e, 'logged-out page');
      } else {
        check(e.auth === 'Logged In', e, 'auth');
        check(typeof e.firstName === 'string' && typeof e.lastName === 'string' && typeof e.location === 'string', e, 'user text');
        check(e.gender === 'F' || e.gender === 'M', e, 'gender');
        check(typeof e.registration === 'number' && (e.registration as number) < (e.ts as number), e, 'registration');
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every file in time order, with some events sharing a ts', () => {
    for (const file of data.logFiles) {
      const ts = parseEvents(file).map((e) => e.ts as number);
      expect(
        ts.every((t, i) => i === 0 || t >= ts[i - 1]!),
        file.path,
      ).toBe(true);
    }
    const distinct = new Set(events.map((e) => e.ts)).size;
    expect(distinct).toBeLessThan(EVENTS); // real: 8,023 distinct of 8,056
    expect(distinct / EVENTS).toBeGreaterThan(0.98);
  });
});

describe('sessions and users', () => {
  it('numbers items 0, 1, 2, ... within a session; (sessionId, itemInSession) is unique', () => {
    const keys = new Set(events.map((e) => `${e.sessionId}/${e.itemInSession}`));
    expect(keys.size).toBe(EVENTS);
    const bySession = groupBy(events, (e) => e.sessionId as number);
    const broken = [...bySession].filter(
      ([, list]) => list.some((e, i) => e.itemInSession !== i) || new Set(list.map((e) => e.userId).filter((id) => id !== '')).size > 1,
    );
    expect(broken.map(([id]) => id)).toEqual([]);
  });

  it('gives each user one name, place and browser', () => {
    const byUser = groupBy(
      events.filter((e) => e.userId !== ''),
      (e) => e.userId as string,
    );
    for (const [, list] of byUser) {
      expect(new Set(list.map((e) => `${e.firstName}|${e.lastName}|${e.gender}|${e.location}|${e.userAgent}|${e.registration}`)).size).toBe(1);
    }
  });

  it('changes a level only after Submit Upgrade (free to paid) or Submit Downgrade (paid to free)', () => {
    const bySession = groupBy(events, (e) => e.sessionId as number);
    const sessionsByUser = new Map<string, EventObject[][]>();
    for (const [, list] of bySession) {
      const user = list.find((e) => e.userId !== '')?.userId as string | undefined;
      if (user === undefined) continue;
      sessionsByUser.set(user, [...(sessionsByUser.get(user) ?? []), list]);
    }
    let upgrades = 0;
    let downgrades = 0;
    for (const [, sessions] of sessionsByUser) {
      const timeline = sessions.sort((a, b) => (a[0]!.ts as number) - (b[0]!.ts as number)).flat();
      for (let i = 1; i < timeline.length; i++) {
        const before = timeline[i - 1]!;
        const after = timeline[i]!;
        const change = `${before.level}>${after.level}`;
        if (before.page === 'Submit Upgrade') {
          expect(change).toBe('free>paid');
          upgrades++;
        } else if (before.page === 'Submit Downgrade') {
          expect(change).toBe('paid>free');
          downgrades++;
        } else if (before.level !== after.level) {
          expect.fail(`level changed after ${before.page as string}: ${JSON.stringify(after)}`);
        }
      }
    }
    expect(upgrades).toBeGreaterThan(0);
    expect(downgrades).toBeGreaterThan(0);
    expect(events.filter((e) => e.page === 'Upgrade').every((e) => e.level === 'free')).toBe(true);
    expect(events.filter((e) => e.page === 'Downgrade').every((e) => e.level === 'paid')).toBe(true);
  });
});

describe('distributions on a 10k-event sample', () => {
  it('reproduces the page mix', () => {
    const counts = countBy(events, (e) => e.page as string);
    expect([...counts.keys()].sort()).toEqual(Object.keys(REAL_PAGES).sort());
    for (const [page, real] of Object.entries(REAL_PAGES)) {
      const expected = (real / 8056) * EVENTS;
      const sigma = Math.sqrt(expected);
      // 5 sigma plus 15% of the expectation: room for sampling noise and session-level clumping.
      expect(Math.abs((counts.get(page) ?? 0) - expected), page).toBeLessThan(5 * sigma + 0.15 * expected + 2);
    }
  });

  it('has about the real share of logged-out events and of paid plays', () => {
    const loggedOut = events.filter((e) => e.userId === '').length / EVENTS;
    expect(loggedOut).toBeGreaterThan(0.02); // real 286 / 8,056 = 3.6%
    expect(loggedOut).toBeLessThan(0.05);
    const plays = events.filter((e) => e.page === 'NextSong');
    const paid = plays.filter((e) => e.level === 'paid').length / plays.length;
    expect(paid).toBeGreaterThan(0.65); // real 5,591 / 6,820 = 82%
    expect(paid).toBeLessThan(0.92);
  });

  it('has users about as active as the real ones, with a few heavy listeners', () => {
    const perUser = [
      ...countBy(
        events.filter((e) => e.userId !== ''),
        (e) => e.userId as string,
      ).values(),
    ].sort((a, b) => b - a);
    const mean = EVENTS / perUser.length;
    expect(mean).toBeGreaterThan(55); // real 8,056 / 97 = 83
    expect(mean).toBeLessThan(120);
    expect(perUser[0]!).toBeGreaterThan(5 * mean);
  });

  it('plays matching songs at the default rate, with lengths equal to the catalog duration', () => {
    const catalog = new Map<string, number[]>();
    for (const s of songs) {
      const key = `${String(s.title)}\u0001${String(s.artist_name)}`;
      catalog.set(key, [...(catalog.get(key) ?? []), s.duration as number]);
    }
    const plays = events.filter((e) => e.page === 'NextSong');
    const matched = plays.filter((e) => catalog.has(`${e.song as string}\u0001${e.artist as string}`));
    expect(matched.length).toBe(result.matchedPlays);
    expect(matched.length / plays.length).toBeGreaterThan(0.035); // default 333 / 6,820 = 4.9%
    expect(matched.length / plays.length).toBeLessThan(0.065);
    const exact = matched.filter((e) => catalog.get(`${e.song as string}\u0001${e.artist as string}`)!.includes(e.length as number));
    expect(exact.length / matched.length).toBeGreaterThan(0.9); // real 319 / 333
    // Joins on one column alone fan out, as on the real data (1,144 and 9,957 rows).
    const titles = new Set(songs.map((s) => String(s.title)));
    const artists = new Set(songs.map((s) => String(s.artist_name)));
    expect(plays.filter((e) => titles.has(e.song as string)).length).toBeGreaterThan(1.5 * matched.length);
    expect(plays.filter((e) => artists.has(e.artist as string)).length).toBeGreaterThan(5 * matched.length);
  });

  it("writes some non-catalog names with the logs' double mojibake", () => {
    expect(data.logFiles.some((f) => /\\u00c3\\u0083\\u00c2\\u00[0-9a-f]{2}/.test(f.raw))).toBe(true);
  });
});

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
