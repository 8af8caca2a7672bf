// `node dist/bench/duckdb-etl-process.js SONG_DIR LOG_DIR DB_FILE [THREADS]`: the DuckDB yardstick as one process
// (start-up included), which the bench times side by side with `sparkify etl`. Prints its result as JSON.
import { duckDbEtl } from './duckdb-etl.ts';

const [songData, logData, databaseFile, threadsArg] = process.argv.slice(2);
const threads = threadsArg === undefined ? undefined : Number(threadsArg);
if (!songData || !logData || !databaseFile || (threads !== undefined && !(Number.isInteger(threads) && threads > 0))) {
  process.stderr.write('usage: duckdb-etl-process SONG_DIR LOG_DIR DB_FILE [THREADS]\n');
  process.exit(2);
}
const result = await duckDbEtl(songData, logData, { databaseFile, threads });
process.stdout.write(`${JSON.stringify(result)}\n`);
