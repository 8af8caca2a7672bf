import { Worker } from 'node:worker_threads';
import { tsxEsmApiUrl } from '../run/tsx.ts';
import type { FileBatch, FileBatchLimits, FileBatchResult } from './file-batch.ts';
import type { TableConversion } from './file-converter.ts';

export interface ParseWorkerOptions {
  /** Threads to start (0: none, every file is read on the main thread). */
  readonly threads: number;
  /**
   * A table's load hands its files to the threads once its listing has given this many files, or its
   * files so far this many bytes (before that, or if the threads are not running yet, the main
   * thread reads them: starting threads costs more than a small load takes).
   */
  readonly afterFiles: number;
  readonly afterBytes: number;
}

/** What a parse worker is told about a table before its first batch. */
export interface TableMessage {
  readonly kind: 'table';
  readonly table: string;
  readonly conversion: TableConversion;
  readonly limits: FileBatchLimits;
}

export interface BatchMessage extends FileBatch {
  readonly kind: 'batch';
  readonly table: string;
}

/**
 * Threads that read and convert local files (parse-worker.ts) while the main thread lists the next
 * files and streams rows to the server: with two cores, the per-file work (open, read, close,
 * encode) of millions of small files and the server's COPY run side by side. One pool serves every
 * table of a staging load; its threads start with the first batch. Each batch goes to the thread with
 * the fewest batches queued, and its result comes back as a promise.
 */
export class ParseWorkerPool {
  readonly options: ParseWorkerOptions;
  #threads: Thread[] | undefined;
  #failure: Error | undefined;

  constructor(options: ParseWorkerOptions) {
    this.options = options;
  }

  get started(): boolean {
    return this.#threads !== undefined;
  }

  convert(table: Omit<TableMessage, 'kind'>, batch: FileBatch): Promise<FileBatchResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    this.#threads ??= Array.from({ length: Math.max(1, this.options.threads) }, () => this.#spawn());
    const thread = this.#threads.reduce((a, b) => (b.pending.length < a.pending.length ? b : a));
    if (!thread.tables.has(table.table)) {
      thread.worker.postMessage({ kind: 'table', ...table } satisfies TableMessage);
      thread.tables.add(table.table);
    }
    return new Promise((resolve, reject) => {
      thread.pending.push({ resolve, reject });
      thread.worker.postMessage({ kind: 'batch', table: table.table, files: batch.files } satisfies BatchMessage);
    });
  }

  /** Stops every thread (batches still queued are dropped). */
  async close(): Promise<void> {
    this.#failure ??= new Error('the parse workers were closed');
    await Promise.all((this.#threads ?? []).map((thread) => thread.worker.terminate()));
  }

  #spawn(): Thread {
    const worker = RUNS_TYPESCRIPT
      ? new Worker(TYPESCRIPT_BOOTSTRAP, { eval: true, resourceLimits: HEAP_LIMITS })
      : new Worker(WORKER_ENTRY, { resourceLimits: HEAP_LIMITS });
    const thread: Thread = { worker, pending: [], tables: new Set() };
    worker.on('message', (result: FileBatchResult) => thread.pending.shift()?.resolve(result));
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const waiting of thread.pending.splice(0)) waiting.reject(error);
    };
    worker.on('error', (error) => fail(new Error(`a parse worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => fail(new Error(`a parse worker stopped (exit code ${code})`)));
    return thread;
  }
}

interface Thread {
  readonly worker: Worker;
  readonly pending: { resolve: (result: FileBatchResult) => void; reject: (error: Error) => void }[];
  /** The tables this thread has been told about. */
  readonly tables: Set<string>;
}

/**
 * A worker's garbage is each batch's files and records, young and short-lived: a small young
 * generation collects it often and cheaply instead of letting each thread's heap grow toward V8's
 * defaults (at x124, the load with two threads peaked at 313 MiB RSS with the defaults, 267 MiB with these; 193 MiB on the main thread alone).
 */
const HEAP_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 };

/**
 * The worker's module beside this one: compiled JavaScript in dist/, or TypeScript when the sources
 * run through tsx (a stale build, the tests), which the thread then loads through tsx too.
 */
const RUNS_TYPESCRIPT = import.meta.url.endsWith('.ts');
const WORKER_ENTRY = new URL(RUNS_TYPESCRIPT ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
/** Registers tsx in the thread (an evaluated script resolves no bare names), then loads the TypeScript entry through it. */
const TYPESCRIPT_BOOTSTRAP = RUNS_TYPESCRIPT
  ? `import(${JSON.stringify(tsxEsmApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_ENTRY.href)}); });`
  : '';
