import { isUtf8 } from 'node:buffer';

/**
 * A UTF-8 decoder that keeps invalid bytes instead of hiding them: each byte that is not part of a
 * valid character becomes the lone surrogate U+DC00 + byte (as Python's `surrogateescape` does).
 * Valid UTF-8 never decodes to a lone surrogate, so the record converter can tell, per record,
 * whether its bytes were valid (reject it, as Redshift's COPY does) and, under ACCEPTINVCHARS,
 * replace each bad byte with one replacement character, keeping the length in bytes.
 */
export class LenientUtf8Decoder {
  /** The start of a character cut off at the end of the last chunk. */
  #pending: Buffer | undefined;

  write(chunk: Buffer): string {
    let bytes = chunk;
    if (this.#pending) {
      bytes = Buffer.concat([this.#pending, chunk]);
      this.#pending = undefined;
    }
    const cut = incompleteTail(bytes);
    if (cut < bytes.length) {
      this.#pending = Buffer.from(bytes.subarray(cut));
      bytes = bytes.subarray(0, cut);
    }
    return isUtf8(bytes) ? bytes.toString('utf8') : decodeKeepingInvalid(bytes);
  }

  end(): string {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending ? decodeKeepingInvalid(pending) : '';
  }
}

/** Where a multi-byte character that the chunk cuts off starts (chunk.length when none is cut). */
function incompleteTail(bytes: Buffer): number {
  const length = bytes.length;
  for (let back = 1; back <= 3 && back <= length; back++) {
    const b = bytes[length - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const needed = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

/** Decodes valid characters as usual and every other byte b as U+DC00 + b. */
export function decodeKeepingInvalid(bytes: Uint8Array): string {
  let text = '';
  let runStart = 0;
  let i = 0;
  const flush = (to: number) => {
    if (to > runStart) text += Buffer.from(bytes.buffer, bytes.byteOffset + runStart, to - runStart).toString('utf8');
  };
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    text += String.fromCharCode(0xdc00 + bytes[i]!);
    i++;
    runStart = i;
  }
  flush(i);
  return text;
}

/** Length of the valid UTF-8 character at `i`, or 0 (the byte there starts none). */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k]! >= low && bytes[i + k]! <= high;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const low = b === 0xe0 ? 0xa0 : 0x80;
    const high = b === 0xed ? 0x9f : 0xbf;
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const low = b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xf4 ? 0x8f : 0xbf;
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

const INVALID_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;

/** ACCEPTINVCHARS: every invalid byte (kept by the decoder) becomes `replacement`. */
export function replaceInvalidBytes(text: string, replacement: string): string {
  return text.replace(INVALID_BYTE, replacement);
}

/** The first invalid byte kept in `text`, as two hex digits. */
export function firstInvalidByte(text: string): string {
  const match = new RegExp(INVALID_BYTE.source).exec(text);
  return match ? (match[0].charCodeAt(0) - 0xdc00).toString(16).padStart(2, '0') : '??';
}

/**
 * Record text made safe to store and show: invalid bytes as \xNN, and NUL and the other control
 * characters (ANSI escapes included) but tab, newline and carriage return as \xNN, so any bytes fit
 * a text column. Cut to `limit` characters without splitting a character.
 */
export function escapeRawText(text: string, limit: number): string {
  // Escaping only lengthens the text: the first `limit` characters (and one more, for a pair cut in two) are enough.
  const head = text.length > limit + 1 ? text.slice(0, limit + 1) : text;
  let escaped = head.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xdc80 && code <= 0xdcff) return `\\x${(code - 0xdc00).toString(16).padStart(2, '0')}`;
    if (code >= 0xd800) return `\\u${code.toString(16)}`;
    return `\\x${code.toString(16).padStart(2, '0')}`;
  });
  if (escaped.length > limit) {
    let end = limit;
    const last = escaped.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--;
    escaped = escaped.slice(0, end);
  }
  return escaped;
}

/** String.prototype.isWellFormed (Node 20+; not in the ES2023 typings): false when a lone surrogate is in `text`. */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}
