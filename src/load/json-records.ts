import { parseJson, type JsonValue } from './json-value.ts';

/**
 * Splits a stream of JSON text into top-level records, as Redshift's JSON COPY reads a file:
 * objects (or arrays) one after another, separated by any whitespace or by nothing at all
 * (newline-delimited files, several song objects back to back, pretty-printed objects).
 *
 * It only finds boundaries (strings, escapes, nesting) and counts lines; parsing is parseJson's job.
 * Malformed input becomes a `broken` record with its line, and reading resumes at the next line, so
 * one bad record never swallows the good ones after it. Two rules make that possible:
 * a raw newline cannot occur inside a JSON string, and a line starting with `{` while an object is
 * still open means that object was cut short (nested objects are indented in pretty-printed files).
 */
export interface RawRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly text: string;
  /** Set when the text cannot be a JSON record; says why. */
  readonly broken?: string;
  /** The parsed object, when the fast path for one-object lines already parsed it. */
  readonly value?: JsonValue;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;

export class JsonRecordSplitter {
  #buffer = '';
  /** Position in #buffer where scanning resumes. */
  #pos = 0;
  /** Start of the record being read, or -1 between records. */
  #start = -1;
  #depth = 0;
  /** Line number of #buffer[#lineBase]; lines are counted lazily up to #lineBase. */
  #line = 1;
  #lineBase = 0;
  #recordLine = 0;

  /**
   * Feeds a chunk of text; returns the records completed by it. `final` says no more text follows
   * (the end of the buffer then ends the last line too).
   */
  push(chunk: string, final = false): RawRecord[] {
    this.#buffer += chunk;
    const records: RawRecord[] = [];
    this.#scan(records, final);
    this.#compact();
    return records;
  }

  /** Whether every text pushed so far is consumed: no record is open and nothing waits to be read. */
  get idle(): boolean {
    return this.#start === -1 && this.#pos >= this.#buffer.length;
  }

  /**
   * Counts `count` lines read elsewhere (the flat-row fast path) as if they had been pushed; only
   * while idle, after whole lines (the last text pushed ended with a newline).
   */
  skipLines(count: number): void {
    if (count === 0) return;
    if (!this.idle) throw new Error('JsonRecordSplitter.skipLines: a record is still open');
    this.#lineAt(this.#pos);
    this.#line += count;
  }

  /** Call once at the end of input: an unfinished record or stray text is reported as broken. */
  end(): RawRecord[] {
    const records: RawRecord[] = [];
    if (this.#start === -1 && this.#buffer.slice(this.#pos).trim() !== '') {
      this.#begin(this.#pos);
      this.#finish(records, this.#buffer.length, 'text outside a JSON object');
    } else if (this.#start !== -1) {
      this.#finish(records, this.#buffer.length, 'unexpected end of file inside a JSON record');
    }
    this.#buffer = '';
    this.#pos = 0;
    this.#lineBase = 0;
    return records;
  }

  #scan(records: RawRecord[], final: boolean): void {
    const buffer = this.#buffer;
    const length = buffer.length;
    let i = this.#pos;
    // Next newline at or after i (-1: none left in the buffer); found lazily so long lines stay linear.
    let newline = -2;
    while (i < length) {
      const code = buffer.charCodeAt(i);
      if (this.#start === -1) {
        // Between records: skip whitespace; a record starts at { or [.
        if (code === 0x20 || code === NEWLINE || code === 0x0d || code === 0x09) {
          i++;
          continue;
        }
        if (code === OPEN_BRACE) {
          // Fast path: a line holding exactly one object (newline-delimited files, one-object files)
          // is parsed whole, with no character scan; anything else falls through to the scanner.
          if (newline !== -1 && newline < i) newline = buffer.indexOf('\n', i);
          const lineEnd = newline === -1 ? (final ? length : -1) : newline;
          if (lineEnd !== -1) {
            const value = parseWholeLine(buffer, i, lineEnd);
            if (value !== undefined) {
              this.#begin(i);
              records.push({ line: this.#recordLine, text: value.text, value: value.object });
              this.#start = -1;
              i = lineEnd;
              continue;
            }
          }
        }
        if (code === OPEN_BRACE || code === OPEN_BRACKET) {
          this.#begin(i);
          this.#depth = 1;
          i++;
          continue;
        }
        // Stray text between records: the rest of its line is one broken record.
        const lineEnd = buffer.indexOf('\n', i);
        if (lineEnd === -1) break; // wait for the rest of the line (or end())
        this.#begin(i);
        this.#finish(records, lineEnd, 'text outside a JSON object');
        i = lineEnd + 1;
        continue;
      }
      if (code === QUOTE) {
        const close = findClosingQuote(buffer, i + 1);
        if (newline !== -1 && newline <= i) newline = buffer.indexOf('\n', i + 1);
        if (newline !== -1 && (close === -1 || newline < close)) {
          this.#finish(records, newline, 'line break inside a string (unterminated string)');
          i = newline + 1;
          continue;
        }
        if (close === -1) break; // string continues in the next chunk
        i = close + 1;
        continue;
      }
      if (code === OPEN_BRACE && i > this.#start && buffer.charCodeAt(i - 1) === NEWLINE) {
        // Looked at from the brace rather than from the newline, so that it holds whatever chunk
        // ends right after the newline: the brace is reread as the start of the next record.
        this.#finish(records, i - 1, 'record cut short: a new object starts on the next line');
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        this.#depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (--this.#depth === 0) {
          this.#finish(records, i + 1);
          i++;
          continue;
        }
      }
      i++;
    }
    this.#pos = i;
  }

  #begin(at: number): void {
    this.#start = at;
    this.#recordLine = this.#lineAt(at);
  }

  #finish(records: RawRecord[], end: number, broken?: string): void {
    const text = this.#buffer.slice(this.#start, end);
    records.push(broken ? { line: this.#recordLine, text, broken } : { line: this.#recordLine, text });
    this.#start = -1;
    this.#depth = 0;
  }

  /** Line number at a buffer position, counting newlines since the last position asked about. */
  #lineAt(at: number): number {
    let from = this.#lineBase;
    for (let nl = this.#buffer.indexOf('\n', from); nl !== -1 && nl < at; nl = this.#buffer.indexOf('\n', from)) {
      this.#line++;
      from = nl + 1;
    }
    this.#lineBase = at;
    return this.#line;
  }

  /** Drops consumed text so the buffer holds at most the open record. */
  #compact(): void {
    const keepFrom = this.#start !== -1 ? this.#start : this.#pos;
    if (keepFrom === 0) return;
    this.#lineAt(keepFrom);
    this.#buffer = this.#buffer.slice(keepFrom);
    this.#pos -= keepFrom;
    this.#lineBase -= keepFrom;
    if (this.#start !== -1) this.#start -= keepFrom;
  }
}

/** The object on buffer[from, to) if that text is exactly one JSON object (trailing blanks allowed). */
function parseWholeLine(buffer: string, from: number, to: number): { text: string; object: JsonValue } | undefined {
  let end = to;
  while (end > from && isBlankCode(buffer.charCodeAt(end - 1))) end--;
  if (buffer.charCodeAt(end - 1) !== CLOSE_BRACE) return undefined;
  const text = buffer.slice(from, end);
  const parsed = parseJson(text);
  // Not one object (several on the line, or malformed): the scanner decides.
  return parsed.ok ? { text, object: parsed.value } : undefined;
}

function isBlankCode(code: number): boolean {
  return code === 0x20 || code === 0x0d || code === 0x09;
}

/** Index of the quote closing a string whose content starts at `from`, or -1 if not in the buffer. */
function findClosingQuote(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote !== -1) {
    let backslashes = 0;
    for (let j = quote - 1; j >= from && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}
