import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.ts';
import { createTables } from '../../../src/pipeline/create-tables.ts';
import { runEtl } from '../../../src/pipeline/etl.ts';
import { publishStar, runTransform } from '../../../src/pipeline/transform.ts';
import { runChecks } from '../../../src/pipeline/checks.ts';
import type { Warehouse } from '../../../src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { sharedData } from '../../support/requirements.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

interface Run {
  user_id: string;
  level: string;
  valid_from: string;
  valid_to: string | null;
}

interface RawEvent {
  userId?: unknown;
  level?: unknown;
  ts?: unknown;
  sessionId?: unknown;
  itemInSession?: unknown;
}

/**
 * The level runs worked out in TypeScript straight from the JSON lines, without the warehouse: each
 * user's events (any page) sorted by ts, session and item; the level at an instant is its last
 * event's; a run starts where the level changes.
 */
function levelRunsFromEvents(events: readonly RawEvent[]): Run[] {
  const byUser = new Map<string, { level: string; ts: number; session: number; item: number }[]>();
  for (const event of events) {
    if (typeof event.userId !== 'string' || event.userId === '' || typeof event.level !== 'string' || typeof event.ts !== 'number') continue;
    const list = byUser.get(event.userId) ?? [];
    list.push({ level: event.level, ts: event.ts, session: Number(event.sessionId), item: Number(event.itemInSession) });
    byUser.set(event.userId, list);
  }
  const runs: Run[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.ts - b.ts || a.session - b.session || a.item - b.item);
    const instants = list.filter((event, i) => list[i + 1]?.ts !== event.ts);
    const starts = instants.filter((event, i) => i === 0 || instants[i - 1]!.level !== event.level);
    starts.forEach((start, i) => {
      const next = starts[i + 1];
      runs.push({
        user_id: user,
        level: start.level,
        valid_from: new Date(start.ts).toISOString(),
        valid_to: next ? new Date(next.ts).toISOString() : null,
      });
    });
  }
  return sortRuns(runs);
}

function sortRuns(runs: Run[]): Run[] {
  return runs.sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : a.valid_from.localeCompare(b.valid_from)));
}

async function tableRuns(warehouse: Warehouse): Promise<Run[]> {
  const { rows } = await warehouse.query<{ user_id: string; level: string; valid_from: Date; valid_to: Date | null }>(
    'SELECT user_id, level, valid_from, valid_to FROM user_level_history',
  );
  return sortRuns(
    rows.map((r) => ({ user_id: r.user_id, level: r.level, valid_from: r.valid_from.toISOString(), valid_to: r.valid_to?.toISOString() ?? null })),
  );
}

function readEvents(logData: string): RawEvent[] {
  const files = readdirSync(logData, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
  return files.flatMap((file) =>
    readFileSync(path.join(logData, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RawEvent),
  );
}

async function loadInto(db: TestDatabase, s3Section: string): Promise<Warehouse> {
  const warehouse = await db.open(s3Section);
  await createTables(warehouse, { logger: silentLogger });
  const etl = await runEtl(warehouse, db.config(s3Section), { logger: silentLogger });
  if (etl.error) throw etl.error;
  return warehouse;
}

describe('user_level_history on hand-made events', () => {
  let db: TestDatabase;
  let dataset: Dataset;
  let warehouse: Warehouse;
  const events = [
    // user 7: free, then a non-play page already paid (every page counts), back to free in a later session
    play({ userId: '7', level: 'free', sessionId: 1, itemInSession: 0, ts: 1541000000000 }),
    play({ userId: '7', level: 'paid', sessionId: 1, itemInSession: 1, ts: 1541000060000, page: 'Upgrade', song: null, artist: null, length: null }),
    play({ userId: '7', level: 'paid', sessionId: 1, itemInSession: 2, ts: 1541000120000 }),
    play({ userId: '7', level: 'free', sessionId: 2, itemInSession: 0, ts: 1541100000000, page: 'Home', song: null, artist: null, length: null }),
    // user 8, out of file order: free, then at one instant free (session 3) and paid (session 4): the
    // level at that instant is the last event's (paid), so there is no zero-length free run
    play({ userId: '8', level: 'paid', sessionId: 4, itemInSession: 0, ts: 1541200000000 }),
    play({ userId: '8', level: 'free', sessionId: 3, itemInSession: 5, ts: 1541200000000 }),
    play({ userId: '8', level: 'free', sessionId: 3, itemInSession: 4, ts: 1541199000000 }),
    play({ userId: '8', level: 'paid', sessionId: 4, itemInSession: 1, ts: 1541200500000 }),
    // logged-out events belong to nobody's history
    play({ userId: '', level: 'free', sessionId: 9, itemInSession: 0, ts: 1541000030000, page: 'Home', auth: 'Logged Out' }),
  ];

  beforeAll(async () => {
    dataset = await writeDataset({ logFiles: { '2018-11-01-events.json': ndjson(events) }, songFiles: { 'A/A/A/TRAAAAA.json': JSON.stringify(song()) } });
    db = await createTestDatabase();
    warehouse = await loadInto(db, dataset.s3Section);
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    await dataset?.remove();
  });

  it('holds one row per run of one level, every page counted, the last run current', async () => {
    expect(await tableRuns(warehouse)).toEqual([
      { user_id: '7', level: 'free', valid_from: '2018-10-31T15:33:20.000Z', valid_to: '2018-10-31T15:34:20.000Z' },
      { user_id: '7', level: 'paid', valid_from: '2018-10-31T15:34:20.000Z', valid_to: '2018-11-01T19:20:00.000Z' },
      { user_id: '7', level: 'free', valid_from: '2018-11-01T19:20:00.000Z', valid_to: null },
      { user_id: '8', level: 'free', valid_from: '2018-11-02T22:50:00.000Z', valid_to: '2018-11-02T23:06:40.000Z' },
      { user_id: '8', level: 'paid', valid_from: '2018-11-02T23:06:40.000Z', valid_to: null },
    ]);
    expect(await tableRuns(warehouse)).toEqual(levelRunsFromEvents(events));
  });

  it('fails the ETL checks when the current row disagrees with users.level', async () => {
    await warehouse.query("UPDATE user_level_history SET level = 'paid' WHERE user_id = '7' AND valid_to IS NULL");
    try {
      const failed = (await runChecks(warehouse)).filter((c) => !c.passed);
      expect(failed.map((c) => c.name)).toEqual(['user_level_history_current_matches_users']);
      expect(failed[0]!.sample).toEqual([{ user_id: '7', users_level: 'free', history_level: 'paid' }]);
      await warehouse.query("UPDATE user_level_history SET valid_to = NULL WHERE user_id = '8'");
      const names = (await runChecks(warehouse)).filter((c) => !c.passed).map((c) => c.name);
      expect(names).toContain('user_level_history_one_current_row');
    } finally {
      // Rebuilt and published again (runTransform builds into the audit schema; publishStar makes it live).
      const built = await runTransform(warehouse, { logger: silentLogger });
      await publishStar(warehouse, { logger: silentLogger, built });
    }
    expect((await runChecks(warehouse)).every((c) => c.passed)).toBe(true);
  });
});

const root = sharedData('user_level_history on the public data');
describe.skipIf(!root)('user_level_history on the public data', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await loadInto(db, `[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`);
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
  });

  it('matches the runs computed in TypeScript from the raw log files, one current row per user', async () => {
    const expected = levelRunsFromEvents(readEvents(`${root}log_data`));
    const actual = await tableRuns(warehouse);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    expect(new Set(actual.map((r) => r.user_id)).size).toBe(97);
    expect(actual.filter((r) => r.valid_to === null)).toHaveLength(97);
    // Users who changed level at least once are the ones with more than one run.
    expect(actual.length).toBeGreaterThan(97);
  });
});
