import { isUtf8 } from 'node:buffer';
import type { FlatRowEncoder } from './flat-rows.ts';
import type { JsonRecordSplitter, RawRecord } from './json-records.ts';
import { LenientUtf8Decoder } from './lenient-utf8.ts';
import type { RowBuffer } from './row-buffer.ts';

/**
 * Lines longer than this wait no more for their newline: their bytes go to the slow path as they
 * come, so memory stays bounded by the open record, as the splitter alone would keep it.
 */
const LONG_LINE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads one file's bytes into COPY rows: whole lines that the flat-row encoder takes become rows at
 * once; every other byte goes, in order, through a UTF-8 decoder that keeps invalid bytes visible
 * (lenient-utf8.ts) into the record splitter, whose
 * records `onRecords` converts (and whose line numbers stay right: lines taken by the fast path are
 * counted in with `skipLines`).
 *
 * The fast path only sees whole lines of valid UTF-8 while the splitter is idle (no record open),
 * so the splitter receives exactly the text it would have read itself, minus whole lines holding one
 * record each. Lines end at a newline byte, which never occurs inside a multi-byte character, so the
 * decoder is between characters wherever the fast path takes over. A UTF-8 byte order mark at the
 * start of the file is skipped.
 */
export class FileRowReader {
  /** Rows written by the fast path so far. */
  fastRows = 0;
  readonly #encoder: FlatRowEncoder | undefined;
  readonly #splitter: JsonRecordSplitter;
  readonly #rows: RowBuffer;
  readonly #onRecords: (records: readonly RawRecord[]) => void;
  readonly #decoder = new LenientUtf8Decoder();
  /** The first bytes of the file, until there are enough to tell whether they are a byte order mark. */
  #head: Buffer | undefined = Buffer.alloc(0);
  /** Bytes of an unfinished line, from earlier chunks. */
  #carry: Buffer[] = [];
  #carryBytes = 0;
  /** The current line is long and goes to the slow path up to its newline. */
  #longLine = false;
  /** Lines the fast path took since the splitter last saw text. */
  #skipped = 0;

  constructor(encoder: FlatRowEncoder | undefined, splitter: JsonRecordSplitter, rows: RowBuffer, onRecords: (records: readonly RawRecord[]) => void) {
    this.#encoder = encoder;
    this.#splitter = splitter;
    this.#rows = rows;
    this.#onRecords = onRecords;
  }

  push(bytes: Buffer): void {
    const chunk = this.#skipByteOrderMark(bytes);
    if (chunk.length === 0) return;
    if (!this.#encoder) {
      this.#slow(chunk, 0, chunk.length);
      return;
    }
    let from = 0;
    if (this.#longLine || this.#carryBytes > 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (this.#longLine) {
        this.#slow(chunk, 0, newline === -1 ? chunk.length : newline + 1);
        if (newline === -1) return;
        this.#longLine = false;
      } else if (newline === -1) {
        this.#carry.push(chunk);
        this.#carryBytes += chunk.length;
        if (this.#carryBytes > LONG_LINE_BYTES) {
          const carried = this.#takeCarry();
          this.#slow(carried, 0, carried.length);
          this.#longLine = true;
        }
        return;
      } else {
        this.#carry.push(chunk.subarray(0, newline + 1));
        const line = this.#takeCarry();
        this.#lines(line, 0, line.length);
      }
      from = newline + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= from) {
      this.#lines(chunk, from, last + 1);
      from = last + 1;
    }
    if (from < chunk.length) {
      this.#carry.push(chunk.subarray(from));
      this.#carryBytes += chunk.length - from;
    }
  }

  /** The chunk without a byte order mark at the start of the file (held back while it may be one). */
  #skipByteOrderMark(chunk: Buffer): Buffer {
    if (this.#head === undefined) return chunk;
    const head = this.#head.length === 0 ? chunk : Buffer.concat([this.#head, chunk]);
    if (head.length < BYTE_ORDER_MARK.length && BYTE_ORDER_MARK.subarray(0, head.length).equals(head)) {
      this.#head = head;
      return Buffer.alloc(0);
    }
    this.#head = undefined;
    return head.subarray(0, BYTE_ORDER_MARK.length).equals(BYTE_ORDER_MARK) ? head.subarray(BYTE_ORDER_MARK.length) : head;
  }

  /** The end of the file: the last line (with no newline after it) and whatever the splitter holds. */
  end(): void {
    const head = this.#head;
    this.#head = undefined;
    // A file shorter than a byte order mark that starts like one.
    if (head !== undefined && head.length > 0) this.push(head);
    if (this.#carryBytes > 0) {
      const line = this.#takeCarry();
      let done = false;
      if (this.#encoder && this.#splitter.idle && isUtf8(line)) {
        // The encoder needs a newline to stop at.
        const terminated = Buffer.concat([line, Buffer.from([NEWLINE])]);
        if (this.#encoder.encodeLine(terminated, 0, this.#rows) >= 0) {
          this.fastRows++;
          done = true;
        }
      }
      if (!done) this.#slow(line, 0, line.length);
    }
    this.#splitter.skipLines(this.#splitter.idle ? this.#skipped : 0);
    this.#skipped = 0;
    this.#onRecords(this.#splitter.push(this.#decoder.end(), true));
    this.#onRecords(this.#splitter.end());
  }

  /** Whole lines bytes[from, to) (to - 1 is a newline). */
  #lines(bytes: Buffer, from: number, to: number): void {
    const encoder = this.#encoder!;
    if (!this.#splitter.idle || !isUtf8(bytes.subarray(from, to))) {
      this.#slow(bytes, from, to);
      return;
    }
    const rows = this.#rows;
    let at = from;
    while (at < to) {
      if (bytes[at] === NEWLINE) {
        this.#skipped++;
        at++;
        continue;
      }
      const end = encoder.encodeLine(bytes, at, rows);
      if (end >= 0) {
        this.fastRows++;
        this.#skipped++;
        at = end + 1;
        continue;
      }
      // The slow path takes the line, and the lines after it while a record stays open (a
      // pretty-printed object, or one cut short).
      do {
        const newline = bytes.indexOf(NEWLINE, at);
        this.#slow(bytes, at, newline + 1);
        at = newline + 1;
      } while (at < to && !this.#splitter.idle);
    }
  }

  #slow(bytes: Buffer, from: number, to: number): void {
    if (from === to) return;
    if (this.#skipped > 0) {
      this.#splitter.skipLines(this.#skipped);
      this.#skipped = 0;
    }
    this.#onRecords(this.#splitter.push(this.#decoder.write(bytes.subarray(from, to))));
  }

  #takeCarry(): Buffer {
    const line = this.#carry.length === 1 ? this.#carry[0]! : Buffer.concat(this.#carry);
    this.#carry = [];
    this.#carryBytes = 0;
    return line;
  }
}
