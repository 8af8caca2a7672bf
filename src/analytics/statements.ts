/**
 * Where SQL statements begin and end in a text, as PostgreSQL and Redshift read it: a `;` ends a
 * statement unless it sits in a string ('...', E'...' with backslash escapes, $tag$...$tag$), a quoted
 * identifier ("...") or a comment (-- to the end of the line, nested /* *\/). Used to hold `sparkify sql`
 * to exactly one statement (the server's simple protocol would run several) and to know when a line
 * typed at the prompt completes one.
 */
export interface ScannedStatement {
  /** Offset of the statement's first character that is not blank or comment. */
  readonly start: number;
  /** Offset just past its last character, before the `;` (or the end of the text). */
  readonly end: number;
  /** True when a `;` ends it. */
  readonly terminated: boolean;
}

export interface ScanResult {
  readonly statements: readonly ScannedStatement[];
  /** What the text ends inside of, if anything: the rest of the text is still open. */
  readonly unclosed: 'string' | 'identifier' | 'comment' | 'dollar-quoted string' | undefined;
}

export function scanStatements(text: string): ScanResult {
  const statements: ScannedStatement[] = [];
  let start = -1; // first significant character of the current statement
  let last = -1; // just past its last significant character
  let unclosed: ScanResult['unclosed'];
  let i = 0;
  const significant = (from: number, to: number) => {
    if (start === -1) start = from;
    last = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (c === '/' && next === '*') {
      const end = blockCommentEnd(text, i);
      if (end === -1) {
        unclosed = 'comment';
        i = text.length;
      } else i = end;
    } else if (c === "'") {
      const escapes = /[eE]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i - 2] ?? '');
      const end = quotedEnd(text, i, "'", escapes);
      significant(i, end === -1 ? text.length : end);
      if (end === -1) unclosed = 'string';
      i = end === -1 ? text.length : end;
    } else if (c === '"') {
      const end = quotedEnd(text, i, '"', false);
      significant(i, end === -1 ? text.length : end);
      if (end === -1) unclosed = 'identifier';
      i = end === -1 ? text.length : end;
    } else if (c === '$' && !/[\w$]/.test(text[i - 1] ?? '') && /^\$([A-Za-z_]\w*)?\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i, i + 64))![0];
      const close = text.indexOf(tag, i + tag.length);
      const end = close === -1 ? -1 : close + tag.length;
      significant(i, end === -1 ? text.length : end);
      if (end === -1) unclosed = 'dollar-quoted string';
      i = end === -1 ? text.length : end;
    } else if (c === ';') {
      if (start !== -1) statements.push({ start, end: last, terminated: true });
      start = -1;
      last = -1;
      i++;
    } else {
      if (!/\s/.test(c)) significant(i, i + 1);
      i++;
    }
  }
  if (start !== -1) statements.push({ start, end: last, terminated: false });
  return { statements, unclosed };
}

/** Just past the closing quote (a doubled quote is part of the text), or -1 if it never closes. */
function quotedEnd(text: string, open: number, quote: string, backslashEscapes: boolean): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (backslashEscapes && c === '\\') i += 2;
    else if (c === quote && text[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return -1;
}

/** Just past the end of a block comment (they nest in PostgreSQL), or -1 if it never closes. */
function blockCommentEnd(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

/** The statement's first keyword in upper case (`SELECT`, `WITH`, ...), past any opening parentheses. */
export function firstKeyword(text: string, statement: ScannedStatement): string {
  const match = /^[\s(]*([A-Za-z]+)/.exec(text.slice(statement.start, statement.end));
  return match ? match[1]!.toUpperCase() : '';
}

/** 1-based line and column of an offset, for messages. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
