import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { SourceError, WarehouseError } from '../errors.ts';
import { forEachConcurrently, prepend } from '../pool.ts';
import type { TableDefinition } from '../schema/types.ts';
import type { SourceObject } from '../sources/types.ts';
import { quoteIdentifier } from '../sql/quote.ts';
import type { Session } from '../warehouse/types.ts';
import type { CopyOptions } from './coerce.ts';
import type { FileBatchResult } from './file-batch.ts';
import { FileConverter } from './file-converter.ts';
import type { FieldMapping } from './jsonpaths.ts';
import { LoadFailedError, type LoadErrorRecord } from './load-errors.ts';
import { BATCH_INPUT_BYTES, loadInOrder } from './ordered-batches.ts';
import type { ParseWorkerPool } from './parse-workers.ts';
import { RowBuffer } from './row-buffer.ts';

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
  /**
   * COPY ... WITH (FREEZE): rows written already frozen and the pages marked all-visible, so the first
   * statements that read them set no hint bits (no second write of the whole table) and autovacuum
   * finds nothing to do. PostgreSQL allows it only when the table was created or truncated earlier in
   * the same transaction, which the staging stage does.
   */
  readonly freeze?: boolean;
  /**
   * Threads that read and convert local files once the load passes the pool's thresholds (the caller
   * owns and closes it); their rows are written in the listing's order, file after file. Absent, or
   * with no threads: every file is read on the main thread.
   */
  readonly parseWorkers?: ParseWorkerPool;
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
  const copy = session.copyIn(`COPY ${quoteIdentifier(table.name)} (${columns}) FROM STDIN${options.freeze ? ' WITH (FREEZE)' : ''}`);
  const write = backpressuredWriter(copy);
  const converter = new FileConverter({ table, mapping, copyOptions: options.copyOptions });
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

  /** Collects a bad record; one more than MAXERROR stops the load. */
  const reject = (record: LoadErrorRecord) => {
    rejected.push(record);
    // A copy: files still in flight may add to `rejected` after this, the error keeps MAXERROR + 1.
    if (rejected.length > options.maxErrors) throw new LoadFailedError(table.name, [...rejected], options.maxErrors);
  };

  const flush = async (all = false) => {
    if (rows.length >= BATCH_BYTES || (all && rows.length > 0)) await write(rows.take());
  };

  /** One file on the main thread: read whole when small, else streamed (at most STREAMS_IN_FLIGHT at once). */
  const streamSlots = new Semaphore(STREAMS_IN_FLIGHT);
  const loadObject = async (object: SourceObject) => {
    const conversion = converter.open(object.uri, rows, reject);
    let counted = 0;
    const countRows = () => {
      state.rows += conversion.rows - counted;
      counted = conversion.rows;
    };
    try {
      const whole = await object.readSmall(WHOLE_OBJECT_BYTES);
      // A size the listing did not give counts as listed as the bytes are read.
      if (object.size === undefined) state.bytesListed += whole?.length ?? 0;
      if (whole) {
        state.bytes += whole.length;
        conversion.push(whole);
        countRows();
      } else {
        await streamSlots.acquire();
        try {
          for await (const chunk of object.open() as AsyncIterable<Buffer>) {
            if (failure) return;
            state.bytes += chunk.length;
            if (object.size === undefined) state.bytesListed += chunk.length;
            conversion.push(chunk);
            countRows();
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
    conversion.end();
    countRows();
    await flush();
    state.filesDone++;
    report();
  };

  /**
   * A parse workers' batch, in order: the converted files' rows are written as they came (after the
   * main thread's own rows), a file too large for a whole read is streamed here in its place, an
   * unreadable file fails the load. Returns the files the batch did not reach.
   */
  const writeBatch = async (objects: readonly SourceObject[], result: FileBatchResult): Promise<readonly SourceObject[]> => {
    const batchRows = Buffer.from(result.rows.buffer, result.rows.byteOffset, result.rows.byteLength);
    let written = 0;
    let end = 0;
    const writeConverted = async () => {
      await flush(true);
      if (end > written) await write(batchRows.subarray(written, end));
      written = end;
    };
    for (const [index, outcome] of result.outcomes.entries()) {
      const object = objects[index]!;
      if (outcome.kind === 'rows') {
        state.bytes += outcome.bytes;
        if (object.size === undefined) state.bytesListed += outcome.bytes;
        state.rows += outcome.rows;
        state.filesDone++;
        outcome.rejected.forEach(reject);
        end = outcome.end;
        continue;
      }
      if (outcome.kind === 'unreadable') throw new SourceError(object.uri, `cannot read: ${outcome.message}`);
      await writeConverted();
      await loadObject(object);
      await flush(true);
    }
    await writeConverted();
    report();
    return objects.slice(result.outcomes.length);
  };

  // A listing given whole has its totals from the start; a streamed one counts them as it goes.
  const given = Array.isArray(objects) ? (objects as readonly SourceObject[]) : undefined;
  if (given) Object.assign(state, { filesListed: given.length, bytesListed: given.reduce((sum, o) => sum + (o.size ?? 0), 0), listed: true });
  async function* counted(): AsyncGenerator<SourceObject> {
    for await (const object of objects) {
      if (!given) {
        state.filesListed++;
        state.bytesListed += object.size ?? 0;
      }
      yield object;
    }
    state.listed = true;
  }
  const listing = counted();
  try {
    const first = await listing.next();
    const pool = options.parseWorkers;
    if (first.done) {
      // Nothing listed: an empty COPY.
    } else if (first.value.localPath !== undefined && pool && pool.options.threads > 0) {
      const tableJob = {
        table: table.name,
        conversion: { table, mapping, copyOptions: options.copyOptions },
        limits: { wholeFileBytes: WHOLE_OBJECT_BYTES, batchBytes: BATCH_INPUT_BYTES, maxErrors: options.maxErrors },
      };
      await loadInOrder(first.value, listing, {
        threads: pool.options.threads,
        useWorkers: (files) => pool.started || files > pool.options.afterFiles || state.bytes >= pool.options.afterBytes,
        convert: (batch) => pool.convert(tableJob, batch),
        loadObject,
        writeBatch,
        stopped: () => failure !== undefined,
      });
    } else {
      await forEachConcurrently(prepend(first.value, listing), options.concurrency, loadObject, () => failure !== undefined);
    }
  } catch (error) {
    failure ??= error;
  } finally {
    await listing.return(undefined);
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
