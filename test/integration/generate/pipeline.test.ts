/**
 * A generated dataset through the real pipeline (JSONPaths for events, 'auto' for songs): it loads
 * with no rejected record, passes every data-quality check, and the warehouse agrees with what
 * the generator reported (plays matched to a song = matchedPlays).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GenerateResult, generateDataset } from '#src/generate/index.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { type EtlResult, runEtl } from '#src/pipeline/etl.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

describe('a generated dataset through the pipeline', () => {
  let dir: string;
  let generated: GenerateResult;
  let db: TestDatabase;
  let warehouse: Warehouse;
  let etl: EtlResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sparkify-gen-pipeline-'));
    generated = await generateDataset({ outDir: dir, events: 20_000, songs: 3_000, seed: 5, songsPerFile: 2 });
    const root = `${dir}/`;
    const sources = `[S3]\nLOG_DATA = ${root}log_data\nSONG_DATA = ${root}song_data\nLOG_JSONPATH = ${root}log_json_path.json\n`;
    db = await createTestDatabase();
    warehouse = await db.open(sources);
    await createTables(warehouse, { logger: silentLogger });
    etl = await runEtl(warehouse, db.config(sources), { logger: silentLogger });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads every record and passes every check', () => {
    expect(etl.error).toBeUndefined();
    expect(etl.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(etl.steps[0]!.rejected).toBe(0);
  });

  it('agrees with the generator on every count', async () => {
    const count = async (sql: string) => (await warehouse.query<{ n: number }>(sql)).rows[0]!.n;
    expect(await count('SELECT COUNT(*) AS n FROM staging_events')).toBe(generated.events);
    expect(await count('SELECT COUNT(*) AS n FROM staging_songs')).toBe(generated.songs);
    expect(await count('SELECT COUNT(*) AS n FROM songs')).toBe(generated.songs);
    expect(await count('SELECT COUNT(*) AS n FROM songplays')).toBe(generated.nextSongEvents);
    expect(await count('SELECT COUNT(song_id) AS n FROM songplays')).toBe(generated.matchedPlays);
    expect(await count('SELECT COUNT(*) AS n FROM users')).toBe(generated.users);
  });
});
