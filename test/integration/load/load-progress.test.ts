import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGING_COPY_OPTIONS } from '#src/load/coerce.ts';
import { loadJsonIntoTable, type TableLoadProgress } from '#src/load/json-table-loader.ts';
import { parseAutoMapping } from '#src/load/jsonpaths.ts';
import { silentLogger } from '#src/logger.ts';
import { createTables } from '#src/pipeline/create-tables.ts';
import { stagingSongs } from '#src/schema/tables.ts';
import { LocalSourceReader } from '#src/sources/local.ts';
import type { SourceObject } from '#src/sources/types.ts';
import type { Warehouse } from '#src/warehouse/types.ts';
import { song, writeDataset, type Dataset } from '../../support/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.ts';

/**
 * What the loader reports while it loads: a listing given whole has its totals (and `listed`) from
 * the first report; a streamed one says it is still listing until the last object is taken, so the
 * progress line never shows a percentage of a total that is still growing.
 */
describe('load progress and the listing', () => {
  let db: TestDatabase;
  let warehouse: Warehouse;
  let data: Dataset;

  beforeAll(async () => {
    db = await createTestDatabase();
    warehouse = await db.open();
    await createTables(warehouse, { logger: silentLogger });
    const songFiles: Record<string, string> = {};
    for (let i = 0; i < 5; i++) songFiles[`A/A/A/TRAAA${i}.json`] = JSON.stringify(song({ song_id: `SO${i}`, title: `t${i}` }));
    data = await writeDataset({ logFiles: {}, songFiles });
  });
  afterAll(async () => {
    await warehouse?.close();
    await data?.remove();
    await db?.drop();
  });

  async function load(objects: Iterable<SourceObject> | AsyncIterable<SourceObject>): Promise<TableLoadProgress[]> {
    const reports: TableLoadProgress[] = [];
    await warehouse.transaction((session) =>
      loadJsonIntoTable(session, stagingSongs, parseAutoMapping('auto')!, objects, {
        maxErrors: 0,
        concurrency: 1,
        copyOptions: STAGING_COPY_OPTIONS,
        onProgress: (p) => reports.push(p),
      }),
    );
    return reports;
  }

  it('a listing given whole: every report has the final totals and says the listing is complete', async () => {
    const objects = await new LocalSourceReader().list(`${data.root}/song_data`);
    const total = objects.reduce((sum, o) => sum + o.size, 0);
    const reports = await load(objects);
    expect(reports.length).toBeGreaterThan(0);
    for (const p of reports)
      expect({ filesTotal: p.filesTotal, bytesTotal: p.bytesTotal, listed: p.listed }).toEqual({ filesTotal: 5, bytesTotal: total, listed: true });
    expect(reports.at(-1)).toMatchObject({ filesDone: 5, rows: 5 });
  });

  it('a streamed listing: not complete while objects are still coming, complete at the end', async () => {
    const reports = await load(new LocalSourceReader().objects(`${data.root}/song_data`));
    // The first file is loaded while the listing has given one object only.
    expect(reports[0]).toMatchObject({ filesTotal: 1, listed: false });
    expect(reports.at(-1)).toMatchObject({ filesDone: 5, filesTotal: 5, rows: 5, listed: true });
  });
});
