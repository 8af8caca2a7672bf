import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { SourceError, WarehouseError } from '../errors.ts';
import { forEachConcurrently } from '../pool.ts';
import type { TableDefinition } from '../schema/types.ts';
import type { SourceObject } from '../sources/types.ts';
import { quoteIdentifier } from '../sql/quote.ts';
import type { Session } from '../warehouse/types.ts';
import type { CopyOptions } from './coerce.ts';
import { FileRowReader } from './file-rows.ts';
import { flatRowEncoder } from './flat-rows.ts';
import { RowBuffer } from './row-buffer.ts';
import { JsonRecordSplitter, type RawRecord } from './json-records.ts';
import type { FieldMapping } from './jsonpaths.ts';
import { escapeRawText } from './lenient-utf8.ts';
import { LoadFailedError, RAW_TEXT_LIMIT, type LoadErrorRecord } from './load-errors.ts';
import { recordConverter } from './record-converter.ts';

export interface TableLoadProgress {
  readonly table: string;
  readonly filesDone: number;
  /** Files listed so far: the listing is streamed, so this grows until `listed` is true. */
  readonly filesTotal: number;
  readonly rows: number;
  readonly bytes: number;
  /** Bytes of the files listed so far. */
  readonly bytesTotal: number;
  readonly rejected: number;
  /** Whether the listing is complete (filesTotal and bytesTotal are final). */
  readonly listed?: boolean;
}

export interface JsonTableLoadOptions {
  readonly maxErrors: number;
  /** Files read at once. */
  readonly concurrency: number;
  readonly copyOptions: CopyOptions;
  readonly onProgress?: (progress: TableLoadProgress) => void;
}

export interface TableLoadResult {
  readonly table: string;
  readonly files: number;
  readonly rows: number;
  readonly bytes: number;
  /** Records rejected within MAXERROR. */
  readonly rejected: readonly LoadErrorRecord[];
}

/** Objects up to this size are read whole; larger ones are streamed. */
const WHOLE_OBJECT_BYTES = 4 * 1024 * 1024;
/**
 * Streamed (large) objects in flight at once. Two keep the parser busy while the next chunk is read;
 * more only add buffered chunks and parsed records (at 1M events, 16 streams peaked near 500 MiB RSS
 * and 2 near 285 MiB).
 */
const STREAMS_IN_FLIGHT = 2;

/** Rows are handed to COPY in batches of about this many bytes. */
const BATCH_BYTES = 256 * 1024;

/**
 * Streams every JSON record of `objects` into `table` with one `COPY ... FROM STDIN` on `session`
 * (which the caller holds inside a transaction): files are taken from the (streamed) listing as they
 * are needed and read `concurrency` at a time, records are
 * split, mapped and coerced as Redshift's JSON COPY would, and written with backpressure, so memory
 * stays bounded by the number of files in flight. Bad records are collected up to `maxErrors`; one
 * more stops the load with LoadFailedError and the caller's transaction rolls back.
 */
export async function loadJsonIntoTable(
  session: Session,
  table: TableDefinition,
  mapping: FieldMapping,
  objects: Iterable<SourceObject> | AsyncIterable<SourceObject>,
  options: JsonTableLoadOptions,
): Promise<TableLoadResult> {
  if (!session.copyIn) throw new WarehouseError(`this engine cannot stream COPY FROM STDIN into ${table.name}`);
  const columns = table.columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const copy = session.copyIn(`COPY ${quoteIdentifier(table.name)} (${columns}) FROM STDIN`);
  const write = backpressuredWriter(copy);
  const convert = recordConverter(table, mapping, options.copyOptions);
  // Flat one-object lines skip JSON.parse and JS strings altogether (flat-rows.ts); the rest, and
  // every line the fast path is unsure of, take the splitter and recordConverter as before.
  const encoder = flatRowEncoder(table, mapping, options.copyOptions);
  // One buffer of COPY rows for all the files in flight: a few large writes, not one per small file.
  const rows = new RowBuffer(2 * BATCH_BYTES);
  const state = { filesDone: 0, rows: 0, bytes: 0, filesListed: 0, bytesListed: 0, listed: false };
  const rejected: LoadErrorRecord[] = [];
  let failure: unknown;
  let lastReport = 0;
  // The server can reject the COPY at any moment (say a row PostgreSQL refuses); stop every reader then.
  copy.on('error', (error) => {
    failure ??= new WarehouseError(`COPY into ${table.name} failed: ${error.message}`, { cause: error });
  });

  const report = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastReport < 200)) return;
    lastReport = now;
    options.onProgress({
      table: table.name,
      filesDone: state.filesDone,
      filesTotal: state.filesListed,
      rows: state.rows,
      bytes: state.bytes,
      bytesTotal: state.bytesListed,
      rejected: rejected.length,
      listed: state.listed,
    });
  };

  /** Converts the records the slow path split, in order, appending rows and collecting rejects. */
  const handleRecords = (object: SourceObject, records: readonly RawRecord[]) => {
    for (const record of records) {
      const result = record.broken
        ? { ok: false as const, problem: { column: '-', field: '-', reason: `malformed JSON: ${record.broken}` } }
        : convert(record.text, record.value);
      if (result.ok) {
        rows.appendString(result.row);
        state.rows++;
        continue;
      }
      rejected.push({ table: table.name, source: object.uri, line: record.line, ...result.problem, rawText: escapeRawText(record.text, RAW_TEXT_LIMIT) });
      if (rejected.length > options.maxErrors) throw new LoadFailedError(table.name, rejected, options.maxErrors);
    }
  };

  const flush = async (all = false) => {
    if (rows.length >= BATCH_BYTES || (all && rows.length > 0)) await write(rows.take());
  };

  const streamSlots = new Semaphore(STREAMS_IN_FLIGHT);
  const loadObject = async (object: SourceObject) => {
    const reader = new FileRowReader(encoder, new JsonRecordSplitter(), rows, (records) => handleRecords(object, records));
    let counted = 0;
    const countFastRows = () => {
      state.rows += reader.fastRows - counted;
      counted = reader.fastRows;
    };
    try {
      if (object.size <= WHOLE_OBJECT_BYTES) {
        const whole = await object.read();
        state.bytes += whole.length;
        reader.push(whole);
        countFastRows();
      } else {
        await streamSlots.acquire();
        try {
          for await (const chunk of object.open() as AsyncIterable<Buffer>) {
            if (failure) return;
            state.bytes += chunk.length;
            reader.push(chunk);
            countFastRows();
            await flush();
            report();
          }
        } finally {
          streamSlots.release();
        }
      }
    } catch (error) {
      if (error instanceof LoadFailedError || copy.errored) throw error;
      throw new SourceError(object.uri, `cannot read: ${(error as Error).message}`, { cause: error });
    }
    reader.end();
    countFastRows();
    await flush();
    state.filesDone++;
    report();
  };

  // A listing given whole has its totals from the start; a streamed one counts them as it goes.
  const given = Array.isArray(objects) ? (objects as readonly SourceObject[]) : undefined;
  if (given) Object.assign(state, { filesListed: given.length, bytesListed: given.reduce((sum, o) => sum + o.size, 0), listed: true });
  async function* counted(): AsyncGenerator<SourceObject> {
    for await (const object of objects) {
      if (!given) {
        state.filesListed++;
        state.bytesListed += object.size;
      }
      yield object;
    }
    state.listed = true;
  }
  try {
    await forEachConcurrently(counted(), options.concurrency, loadObject, () => failure !== undefined);
  } catch (error) {
    failure ??= error;
  }

  if (failure) {
    // Cancels the COPY on the server (if it is still going); the caller's transaction then rolls back.
    if (!copy.destroyed) copy.destroy(failure instanceof Error ? failure : new Error(String(failure)));
    await finished(copy).catch(() => undefined);
    throw failure;
  }
  try {
    await flush(true);
  } catch (error) {
    if (!copy.destroyed) copy.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  copy.end();
  try {
    await finished(copy);
  } catch (error) {
    throw new WarehouseError(`COPY into ${table.name} failed: ${(error as Error).message}`, { cause: error });
  }
  report(true);
  return { table: table.name, files: state.filesListed, rows: state.rows, bytes: state.bytes, rejected };
}

/**
 * Writes with backpressure; every writer that finds the stream full waits on one shared 'drain'. A
 * stream that fails or closes before it drains (the server went away mid-COPY) fails the wait, so no
 * reader waits forever for a 'drain' that cannot come.
 */
function backpressuredWriter(copy: Writable): (text: Buffer) => Promise<void> {
  let drained: Promise<unknown> | undefined;
  const gone = () => copy.errored ?? new Error('the COPY stream closed before it drained');
  return async (text) => {
    if (copy.destroyed || copy.errored) throw gone();
    if (copy.write(text)) return;
    drained ??= new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        copy.off('drain', onDrain);
        copy.off('error', onError);
        copy.off('close', onClose);
        drained = undefined;
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onError = (error: Error) => settle(error);
      const onClose = () => settle(gone());
      copy.on('drain', onDrain);
      copy.on('error', onError);
      copy.on('close', onClose);
    });
    await drained;
  };
}

/** A counting semaphore for the event loop: at most `slots` holders at once, the rest wait in order. */
class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(slots: number) {
    this.#free = slots;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
