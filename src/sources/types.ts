import type { Readable } from 'node:stream';

/** One file (or S3 object) matched by a source prefix. */
export interface SourceObject {
  /** Full URI or path, as shown in errors and load-error rows. */
  readonly uri: string;
  readonly size: number;
  /** What changes when the object's content does: the S3 ETag, or a local file's modification time (ms). */
  readonly version?: string;
  /** A fresh byte stream of the whole object (for large objects). */
  open(): Readable;
  /** The whole object at once (for small objects, where a stream costs more than the bytes). */
  read(): Promise<Buffer>;
}

/** Lists and opens the objects under a source, with the key-prefix matching Redshift COPY uses. */
export interface SourceReader {
  /** Every object whose key starts with the prefix, sorted by key. Empty if none. */
  list(prefix: string): Promise<SourceObject[]>;
  /** One whole small object as text (e.g. a JSONPaths file). */
  readText(uri: string): Promise<string>;
}
