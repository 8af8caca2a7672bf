import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '#src/errors.ts';
import { STAGING_COPY_OPTIONS } from '#src/load/coerce.ts';
import { loadJsonIntoTable, type TableLoadResult } from '#src/load/json-table-loader.ts';
import { parseAutoMapping } from '#src/load/jsonpaths.ts';
import { LoadFailedError } from '#src/load/load-errors.ts';
import { ParseWorkerPool, type ParseWorkerOptions } from '#src/load/parse-workers.ts';
import { loadStagingTables } from '#src/load/staging.ts';
import { silentLogger, type Logger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { stagingSongs } from '#src/schema/tables.ts';
import { LocalSourceReader } from '#src/sources/local.ts';
import type { SourceObject } from '#src/sources/types.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { ndjson, play, song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

const MAIN_THREAD: ParseWorkerOptions = { threads: 0, afterFiles: 0, afterBytes: 0 };
const WORKERS_ONLY: ParseWorkerOptions = { threads: 2, afterFiles: 0, afterBytes: 0 };
/** The first seven files on the main thread, the rest on the threads. */
const MIXED: ParseWorkerOptions = { threads: 2, afterFiles: 7, afterBytes: Number.MAX_SAFE_INTEGER };

/**
 * Local files read and converted on parse worker threads give what the main thread gives: the same
 * rows in the same (listing) order, the same rejects with their files and lines, the same failures;
 * a file too large to read whole is streamed in its place; a thread that stops fails the load.
 */
describe('parse worker threads', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let data: Dataset;

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    const songFiles: Record<string, string> = {};
    for (let f = 0; f < 3; f++) {
      for (let i = 0; i < 40; i++)
        songFiles[`${'ABC'[f]}/X/Y/TR${f}${String(i).padStart(3, '0')}.json`] = JSON.stringify(song({ song_id: `SO${f}_${i}`, title: `t${f}_${i}` }));
    }
    // The cases the fast path hands to the slow one, and bad records: each file has its own line numbers.
    songFiles['B/X/Y/TRz05.json'] = `\uFEFF${JSON.stringify(song({ song_id: 'SObom' }))}`;
    songFiles['B/X/Y/TRz06.json'] = JSON.stringify(song({ song_id: 'SOpretty' }), null, 2);
    songFiles['B/X/Y/TRz07.json'] =
      `${JSON.stringify(song({ song_id: 'SOgood1' }))}\n{"song_id": "SObroken",\n${JSON.stringify(song({ song_id: 'SOgood2' }))}\n`;
    songFiles['B/X/Y/TRz08.json'] = '';
    songFiles['B/X/Y/TRz10.json'] = JSON.stringify(song({ song_id: 'SObadyear', year: 'nineteen' }));
    songFiles['C/X/Y/TRz10.json'] = `${JSON.stringify(song({ song_id: 'SOa' }))}${JSON.stringify(song({ song_id: 'SOb' }))}`;
    // Larger than a whole read (4 MiB): streamed by the main thread, in its place in the listing.
    const many = Array.from({ length: 20_000 }, (_, i) =>
      song({ song_id: `SObig${i}`, title: `a title long enough to make this file large ${i}`, artist_name: 'x'.repeat(80) }),
    );
    songFiles['B/X/Y/TRz20.json'] = ndjson(many);
    data = await writeDataset({ logFiles: { '2018-11-01-events.json': ndjson([play()]) }, songFiles });
    // Invalid UTF-8 in a value (a Latin-1 é): rejected without ACCEPTINVCHARS.
    const latin1 = JSON.stringify(song({ song_id: 'SOlatin1', title: 'caf#' }));
    const bytes = Buffer.from(latin1);
    bytes[latin1.indexOf('#')] = 0xe9;
    writeFileSync(`${data.root}/song_data/B/X/Y/TRz09.json`, bytes);
  });
  afterAll(async () => {
    await warehouse?.close();
    await data?.remove();
    await db?.drop();
  });

  /** Loads the song files with the given threads; the rows as stored (physical order), the result, and whether the threads ran. */
  async function loadSongs(options: ParseWorkerOptions, objects?: readonly SourceObject[], maxErrors = 100) {
    // One file at a time on the main thread, so its rows too come in the listing's order (with more,
    // a streamed file's rows interleave with the files read beside it).
    const pool = new ParseWorkerPool(options);
    try {
      const result = await warehouse.transaction(async (session) => {
        await session.query('TRUNCATE staging_songs');
        return loadJsonIntoTable(session, stagingSongs, parseAutoMapping('auto')!, objects ?? new LocalSourceReader().objects(`${data.root}/song_data`), {
          maxErrors,
          concurrency: 1,
          copyOptions: STAGING_COPY_OPTIONS,
          parseWorkers: pool,
        });
      });
      const { rows } = await warehouse.query<{ song_id: string; title: string }>('SELECT song_id, title FROM staging_songs ORDER BY ctid');
      return { result, rows, threadsRan: pool.started };
    } finally {
      await pool.close();
    }
  }

  const summary = (result: TableLoadResult) => ({ ...result, rejected: result.rejected.map((r) => ({ ...r, source: r.source.slice(data.root.length) })) });

  it('give the main thread’s rows, in the listing’s order, and its rejects, with or without a main-thread start', async () => {
    const main = await loadSongs(MAIN_THREAD);
    expect(main.threadsRan).toBe(false);
    expect(main.rows.length).toBe(120 + 20_000 + 6);
    expect(main.result.rejected.map((r) => [r.source.slice(data.root.length), r.line])).toEqual([
      ['/song_data/B/X/Y/TRz07.json', 2],
      ['/song_data/B/X/Y/TRz09.json', 1],
      ['/song_data/B/X/Y/TRz10.json', 1],
    ]);
    for (const options of [WORKERS_ONLY, MIXED]) {
      const threads = await loadSongs(options);
      expect(threads.threadsRan).toBe(true);
      expect(threads.rows).toEqual(main.rows);
      expect(summary(threads.result)).toEqual(summary(main.result));
    }
  });

  it('stop at one reject more than MAXERROR, with the main thread’s rejects, and commit nothing', async () => {
    const failures: LoadFailedError[] = [];
    for (const options of [MAIN_THREAD, WORKERS_ONLY]) {
      await warehouse.query('TRUNCATE staging_songs');
      const error = await loadSongs(options, undefined, 1).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoadFailedError);
      failures.push(error as LoadFailedError);
      expect((await warehouse.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM staging_songs')).rows[0]!.n).toBe(0);
    }
    expect(failures[1]!.errors).toEqual(failures[0]!.errors);
    expect(failures[1]!.message).toBe(failures[0]!.message);
    expect(failures[1]!.errors).toHaveLength(2);
  });

  it('fail the load naming a file that cannot be read, and commit nothing', async () => {
    const objects = await new LocalSourceReader().list(`${data.root}/song_data`);
    const gone = objects[50]!.uri;
    rmSync(gone);
    try {
      const error = await loadSongs(WORKERS_ONLY, objects).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SourceError);
      expect((error as Error).message).toContain(gone);
      expect((error as Error).message).toMatch(/cannot read: ENOENT/);
      expect((await warehouse.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM staging_songs')).rows[0]!.n).toBe(0);
    } finally {
      writeFileSync(gone, JSON.stringify(song({ song_id: 'SOback' })));
    }
  });

  it('fail the load when a thread stops mid-load, and commit nothing', async () => {
    await warehouse.query('TRUNCATE staging_songs');
    const pool = new ParseWorkerPool(WORKERS_ONLY);
    // The threads are stopped when the listing reaches its 60th file, with batches in flight.
    async function* stoppingListing(): AsyncGenerator<SourceObject> {
      let listed = 0;
      for await (const object of new LocalSourceReader().objects(`${data.root}/song_data`)) {
        if (++listed === 60) await pool.close();
        yield object;
      }
    }
    const error = await warehouse
      .transaction((session) =>
        loadJsonIntoTable(session, stagingSongs, parseAutoMapping('auto')!, stoppingListing(), {
          maxErrors: 100,
          concurrency: 1,
          copyOptions: STAGING_COPY_OPTIONS,
          parseWorkers: pool,
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/parse worker/);
    expect((await warehouse.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM staging_songs')).rows[0]!.n).toBe(0);
  });

  it('run in a staging load once a listing passes the thresholds, and say so', async () => {
    const debug: string[] = [];
    const logger: Logger = { ...silentLogger, debug: (message: string) => debug.push(message) };
    const config = db.config(data.s3Section);
    const onMain = await loadStagingTables(warehouse, config, {
      logger,
      maxErrors: 100,
      parseWorkers: { threads: 2, afterFiles: 1_000, afterBytes: 64 * 1024 * 1024 },
    });
    expect(debug.filter((m) => m.includes('parse worker'))).toEqual([]);
    const onThreads = await loadStagingTables(warehouse, config, {
      logger,
      maxErrors: 100,
      parseWorkers: { threads: 2, afterFiles: 100, afterBytes: 64 * 1024 * 1024 },
    });
    expect(debug.filter((m) => m.includes('parse worker'))).toEqual(['files read on 2 parse worker thread(s)']);
    expect(onThreads.tables.map((t) => [t.table, t.files, t.rows])).toEqual(onMain.tables.map((t) => [t.table, t.files, t.rows]));
  });
});
