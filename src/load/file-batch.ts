import { readLocalFile } from '../sources/local.ts';
import type { FileConverter } from './file-converter.ts';
import type { LoadErrorRecord } from './load-errors.ts';
import { RowBuffer } from './row-buffer.ts';

/** Local files to convert, in listing order. */
export interface FileBatch {
  readonly files: readonly { readonly path: string; readonly size: number | undefined }[];
}

export interface FileBatchLimits {
  /** Files larger than this are not read here: the caller streams them (outcome `large`). */
  readonly wholeFileBytes: number;
  /** The batch ends after the file that brings the bytes read to this many (the rest is given back). */
  readonly batchBytes: number;
  /** The batch ends once it has rejected more records than this (the load fails on them anyway). */
  readonly maxErrors: number;
}

/** What became of one file of a batch, in order. */
export type FileOutcome =
  /** Converted: its rows end at `end` in the batch's rows; `rejected` are its bad records. */
  | { readonly kind: 'rows'; readonly end: number; readonly rows: number; readonly bytes: number; readonly rejected: readonly LoadErrorRecord[] }
  /** Larger than a whole read: to be streamed by the caller. */
  | { readonly kind: 'large' }
  /** Could not be read (the message says why); the batch ends with it. */
  | { readonly kind: 'unreadable'; readonly message: string };

export interface FileBatchResult {
  /**
   * One outcome per file converted, in order: fewer than the batch's files when it ended early
   * (bytes, rejects, an unreadable file); the caller sends the rest again.
   */
  readonly outcomes: readonly FileOutcome[];
  /** The COPY rows of every converted file, back to back (a buffer of its own, transferable). */
  readonly rows: Uint8Array;
}

/**
 * Where a thread's files are read: one buffer, reused, since a file's bytes are converted before the
 * next is read and nothing keeps them (no allocation per file; a file larger than it gets its own).
 */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;

/** Thrown by a reject past the batch's limit, to stop converting the file. */
class TooManyRejects extends Error {}

/**
 * Reads and converts a batch of local files, as the loader would one by one: each file read whole
 * (readLocalFile, as the local source's readSmall reads it) and converted into one buffer of rows.
 * Runs on a parse worker thread (parse-worker.ts); synchronous, so the thread does nothing else.
 */
export function convertFileBatch(converter: FileConverter, batch: FileBatch, limits: FileBatchLimits): FileBatchResult {
  const rows = new RowBuffer(64 * 1024);
  const outcomes: FileOutcome[] = [];
  let bytesRead = 0;
  let rejects = 0;
  scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
  for (const file of batch.files) {
    let bytes: Buffer | undefined;
    try {
      bytes = readLocalFile(file.path, file.size, limits.wholeFileBytes, scratch);
    } catch (error) {
      outcomes.push({ kind: 'unreadable', message: (error as Error).message });
      break;
    }
    if (bytes === undefined) {
      outcomes.push({ kind: 'large' });
      continue;
    }
    const rejected: LoadErrorRecord[] = [];
    const conversion = converter.open(file.path, rows, (record) => {
      rejected.push(record);
      if (++rejects > limits.maxErrors) throw new TooManyRejects();
    });
    try {
      conversion.push(bytes);
      conversion.end();
    } catch (error) {
      if (!(error instanceof TooManyRejects)) throw error;
    }
    bytesRead += bytes.length;
    outcomes.push({ kind: 'rows', end: rows.length, rows: conversion.rows, bytes: bytes.length, rejected });
    if (rejects > limits.maxErrors || bytesRead >= limits.batchBytes) break;
  }
  return { outcomes, rows: new Uint8Array(rows.bytes.buffer, rows.bytes.byteOffset, rows.length) };
}
