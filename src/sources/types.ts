import type { Readable } from 'node:stream';

/** One file (or S3 object) matched by a source prefix. */
export interface SourceObject {
  /** Full URI or path, as shown in errors and load-error rows. */
  readonly uri: string;
  /**
   * Its size in bytes when the listing gives it (S3 lists sizes); undefined for a local regular file,
   * whose size is learnt when it is opened, which saves a stat per file of a large listing.
   */
  readonly size: number | undefined;
  /** What changes when the object's content does: the S3 ETag, or a local file's modification time (ms); given by `list`. */
  readonly version?: string;
  /**
   * The path of a local file (undefined for an S3 object): the loader may read it on a parse worker
   * thread with readLocalFile, which reads it as readSmall does.
   */
  readonly localPath?: string;
  /** A fresh byte stream of the whole object (for large objects). */
  open(): Readable;
  /** The whole object at once (for small objects, where a stream costs more than the bytes). */
  read(): Promise<Buffer>;
  /** The whole object when it holds at most `limit` bytes; undefined when it is larger (then stream it with open()). */
  readSmall(limit: number): Promise<Buffer | undefined>;
}

/** Lists and opens the objects under a source, with the key-prefix matching Redshift COPY uses. */
export interface SourceReader {
  /**
   * Every object whose key starts with the prefix, in key order, streamed: a listing of millions of
   * objects is never held in memory at once. Nothing when none match.
   */
  objects(prefix: string): AsyncIterable<SourceObject>;
  /** The same, collected into an array: for small listings only (tests, a JSONPaths folder). */
  list(prefix: string): Promise<SourceObject[]>;
  /** One whole small object as text (e.g. a JSONPaths file). */
  readText(uri: string): Promise<string>;
}

export async function collectObjects(objects: AsyncIterable<SourceObject>): Promise<SourceObject[]> {
  const all: SourceObject[] = [];
  for await (const object of objects) all.push(object);
  return all;
}
