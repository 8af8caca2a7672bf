/**
 * Writes the day files log_data/YYYY/MM/YYYY-MM-DD-events.json: lines joined by LF, no newline
 * after the last one. Lines are encoded straight into one of two 1 MiB buffers; a full buffer is
 * written while the other one fills, and a buffer is reused only after its write has finished,
 * so memory stays flat however many events a day holds and disk writes overlap the simulation.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const CHUNK_BYTES = 1 << 20;

export class LogWriter {
  files = 0;
  bytes = 0;
  private readonly root: string;
  private handle: FileHandle | undefined;
  private currentDay = Number.NaN;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private spare = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private linesInFile = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(root: string) {
    this.root = root;
  }

  get day(): number {
    return this.currentDay;
  }

  /** Days are counted from the epoch (UTC); opening a day closes the previous file. */
  async openDay(day: number): Promise<void> {
    await this.closeFile();
    const date = new Date(day * 86400_000).toISOString().slice(0, 10);
    const dir = join(this.root, 'log_data', date.slice(0, 4), date.slice(5, 7));
    await mkdir(dir, { recursive: true });
    this.handle = await open(join(dir, `${date}-events.json`), 'w');
    this.currentDay = day;
    this.linesInFile = 0;
    this.files++;
  }

  /**
   * Adds a line to the open day; returns true when the caller should await `flush()`. Lines are
   * pure ASCII (the JSON writer escapes everything else), so one char is one byte.
   */
  push(line: string): boolean {
    const needed = line.length + 1;
    if (this.used + needed > this.buffer.length) this.grow(this.used + needed);
    if (this.linesInFile++ > 0) this.buffer[this.used++] = 0x0a;
    this.used += this.buffer.write(line, this.used, 'latin1');
    return this.used >= CHUNK_BYTES;
  }

  /** Hands the filled buffer to the file and waits only for the previous write. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.used === 0 || this.handle === undefined) return;
    const full = this.buffer;
    const length = this.used;
    this.buffer = this.spare.length >= CHUNK_BYTES ? this.spare : Buffer.allocUnsafe(CHUNK_BYTES);
    this.spare = full;
    this.used = 0;
    this.bytes += length;
    this.pending = writeAll(this.handle, full, length);
  }

  async close(): Promise<void> {
    await this.closeFile();
  }

  /**
   * After a failure: closes the open file without flushing. Returns the error closing raised, if
   * any, so the caller can report it next to the original failure instead of replacing it.
   */
  async abort(): Promise<unknown> {
    const handle = this.handle;
    this.handle = undefined;
    this.used = 0;
    if (handle === undefined) return undefined;
    return this.pending
      .then(() => handle.close())
      .then(
        () => undefined,
        (error: unknown) => error,
      );
  }

  private grow(size: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }

  private async closeFile(): Promise<void> {
    if (this.handle === undefined) return;
    await this.flush();
    await this.pending;
    await this.handle.close();
    this.handle = undefined;
  }
}

/** FileHandle.write may write less than asked; loop until the whole chunk is on disk. */
async function writeAll(handle: FileHandle, buffer: Buffer, length: number): Promise<void> {
  let offset = 0;
  while (offset < length) {
    const { bytesWritten } = await handle.write(buffer, offset, length - offset);
    offset += bytesWritten;
  }
}
