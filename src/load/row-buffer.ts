/** A growable byte buffer of COPY rows; `take()` hands the filled part over and starts a new one. */
export class RowBuffer {
  bytes: Buffer;
  length = 0;
  constructor(readonly initialSize = 512 * 1024) {
    this.bytes = Buffer.allocUnsafe(initialSize);
  }
  /**
   * Makes room for `extra` bytes after position `upTo` (a row being written past `length`), keeping
   * bytes[0, upTo); returns the (maybe new) bytes.
   */
  reserve(upTo: number, extra: number): Buffer {
    if (upTo + extra > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(upTo + extra, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, upTo);
      this.bytes = bigger;
    }
    return this.bytes;
  }
  ensure(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
  appendString(text: string): void {
    this.ensure(text.length * 3);
    this.length += this.bytes.write(text, this.length);
  }
  /** The rows so far (the caller owns them); the buffer starts empty again. */
  take(): Buffer {
    const filled = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(Math.max(this.initialSize, this.length));
    this.length = 0;
    return filled;
  }
}
