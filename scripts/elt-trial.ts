/**
 * The fast path on trial: loads the events of one dataset into staging_events with the product's
 * loader and with the ELT alternative (every line COPYed as-is into a one-text-column table, then
 * extracted with PostgreSQL's JSON functions), alternating, on one fresh embedded server, and prints
 * the times and their ratio. The ELT side is a lower bound: it leaves out the reject contract.
 *
 *   npx tsx scripts/elt-trial.ts DATASET_ROOT [--rounds 2] [--port 54397]
 */
import { createReadStream } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config/load.ts';
import { STAGING_COPY_OPTIONS } from '../src/load/coerce.ts';
import { loadJsonIntoTable } from '../src/load/json-table-loader.ts';
import { parseJsonPaths } from '../src/load/jsonpaths.ts';
import { stderrLogger } from '../src/logger.ts';
import { createTables } from '../src/pipeline/create-tables.ts';
import { stagingEvents } from '../src/schema/tables.ts';
import { LocalSourceReader } from '../src/sources/local.ts';
import { loadSql } from '../src/sql/sql-files.ts';
import { openWarehouse } from '../src/warehouse/open.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  strict: true,
  options: { rounds: { type: 'string', default: '2' }, port: { type: 'string', default: '54397' } },
});
const root = positionals[0];
if (!root) throw new Error('usage: npx tsx scripts/elt-trial.ts DATASET_ROOT [--rounds N] [--port P]');
const logger = stderrLogger();
// A folder of our own, open to the server's OS user when running as root; the server creates DATA_DIR inside it.
const workDir = await mkdtemp(path.join(tmpdir(), 'sparkify-elt-trial-'));
await chmod(workDir, 0o755);
const config = parseConfig(`[WAREHOUSE]\nENGINE = embedded\nDATA_DIR = ${path.join(workDir, 'pg')}\nPORT = ${values.port}\n`);
const warehouse = await openWarehouse(config, { logger });
try {
  await createTables(warehouse, { logger });
  await warehouse.query(loadSql('bench/elt/create_raw_lines'));
  const logData = path.join(root, 'log_data');
  const mapping = parseJsonPaths(await readFile(path.join(root, 'log_json_path.json'), 'utf8'), 'log_json_path.json', stagingEvents.columns.length);
  const times: { loader: number[]; elt: number[]; eltCopy: number[] } = { loader: [], elt: [], eltCopy: [] };
  let rows = 0;
  for (let round = 0; round < Number(values.rounds); round++) {
    const started = performance.now();
    await warehouse.transaction(async (session) => {
      await session.query(loadSql('load/truncate_table', { identifiers: { table: stagingEvents.name } }));
      const objects = await new LocalSourceReader().list(logData);
      const result = await loadJsonIntoTable(session, stagingEvents, mapping, objects, { maxErrors: 0, concurrency: 16, copyOptions: STAGING_COPY_OPTIONS });
      rows = result.rows;
      await session.query(loadSql('materialize/analyze_table', { tables: { table: stagingEvents.name } }));
    });
    times.loader.push(performance.now() - started);
    if (round === 0) await warehouse.query(loadSql('bench/elt/keep_reference'));
    logger.info(`round ${round + 1}: loader ${(times.loader.at(-1)! / 1000).toFixed(2)} s (${rows} rows)`);

    const eltStarted = performance.now();
    let copied = 0;
    await warehouse.transaction(async (session) => {
      await session.query(loadSql('load/truncate_table', { identifiers: { table: stagingEvents.name } }));
      await session.query(loadSql('bench/elt/truncate_raw_lines'));
      for (const object of await new LocalSourceReader().list(logData)) {
        await pipeline(createReadStream(object.uri, { highWaterMark: 256 * 1024 }), session.copyIn!(loadSql('bench/elt/copy_raw_lines')));
      }
      copied = performance.now();
      await session.query(loadSql('bench/elt/insert_staging_events'));
      await session.query(loadSql('materialize/analyze_table', { tables: { table: stagingEvents.name } }));
    });
    times.elt.push(performance.now() - eltStarted);
    times.eltCopy.push(copied - eltStarted);
    const differences = (await warehouse.query<{ n: number }>(loadSql('bench/elt/count_differences'))).rows[0]!.n;
    logger.info(
      `round ${round + 1}: ELT ${(times.elt.at(-1)! / 1000).toFixed(2)} s (raw COPY ${(times.eltCopy.at(-1)! / 1000).toFixed(2)} s), ${differences} row(s) differ from the loader's`,
    );
  }
  const best = (list: number[]) => Math.min(...list);
  const summary = {
    dataset: root,
    rows,
    loaderSeconds: times.loader.map((t) => +(t / 1000).toFixed(2)),
    eltSeconds: times.elt.map((t) => +(t / 1000).toFixed(2)),
    eltRawCopySeconds: times.eltCopy.map((t) => +(t / 1000).toFixed(2)),
    eltOverLoaderBest: +(best(times.elt) / best(times.loader)).toFixed(2),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} finally {
  await warehouse.close();
  await rm(workDir, { recursive: true, force: true });
}
