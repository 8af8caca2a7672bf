import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStagingTables } from '#src/load/staging.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { LocalSourceReader } from '#src/sources/local.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { EVENT_FIELDS, play, song } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/** More one-song files than a spread argument takes (about 120k crashed the old listing). */
const FOLDERS = 150;
const FILES_PER_FOLDER = 1001;
const TOTAL = FOLDERS * FILES_PER_FOLDER;
/** A memory file system when there is one: creating 150k files on a busy disk takes minutes. */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

describe(`a local source of ${TOTAL.toLocaleString('en-US')} files`, () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let root: string;
  let s3Section: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(SCRATCH, 'sparkify-listing-'));
    mkdirSync(path.join(root, 'log_data'));
    writeFileSync(path.join(root, 'log_data', 'events.json'), JSON.stringify(play()));
    writeFileSync(path.join(root, 'log_json_path.json'), JSON.stringify({ jsonpaths: EVENT_FIELDS.map((f) => `$['${f}']`) }));
    s3Section = `[S3]\nLOG_DATA = ${root}/log_data\nSONG_DATA = ${root}/song_data\nLOG_JSONPATH = ${root}/log_json_path.json\n`;
    for (let f = 0; f < FOLDERS; f++) {
      const folder = path.join(root, 'song_data', `F${String(f).padStart(3, '0')}`);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < FILES_PER_FOLDER; i++) {
        writeFileSync(path.join(folder, `TR${String(i).padStart(4, '0')}.json`), JSON.stringify(song({ song_id: `SO${f}_${i}`, num_songs: 1 })));
      }
    }
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
  });
  afterAll(async () => {
    await warehouse?.close();
    await db?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('is listed in key order, as a stream: folders are read as the listing reaches them', async () => {
    const listing = new LocalSourceReader().objects(path.join(root, 'song_data'))[Symbol.asyncIterator]();
    const first = await listing.next();
    expect(first.value?.uri).toBe(path.join(root, 'song_data', 'F000', 'TR0000.json'));
    // A file added now, in a folder the walk has not reached, is still listed: nothing was read ahead.
    writeFileSync(path.join(root, 'song_data', 'F149', 'TZlate.json'), JSON.stringify(song({ song_id: 'SOlate' })));
    let count = 1;
    let previous = Buffer.from(first.value!.uri);
    for (let next = await listing.next(); !next.done; next = await listing.next()) {
      const current = Buffer.from(next.value.uri);
      expect(Buffer.compare(previous, current)).toBe(-1);
      previous = current;
      count++;
    }
    expect(count).toBe(TOTAL + 1);
    expect(previous.toString()).toBe(path.join(root, 'song_data', 'F149', 'TZlate.json'));
  });

  it('is loaded whole', async () => {
    const result = await loadStagingTables(warehouse, db.config(s3Section), { logger: silentLogger });
    const songs = result.tables.find((t) => t.table === 'staging_songs')!;
    expect(songs.files).toBe(TOTAL + 1);
    expect(songs.rows).toBe(TOTAL + 1);
    expect((await warehouse.query<{ n: number }>('SELECT COUNT(DISTINCT song_id)::int AS n FROM staging_songs')).rows[0]!.n).toBe(TOTAL + 1);
  });
});
