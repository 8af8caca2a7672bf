import { chmod, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ini from 'ini';
import { SparkifyError } from '../errors.ts';

/** section -> key -> new value, e.g. `{ CLUSTER: { HOST: '...' }, IAM_ROLE: { ARN: '...' } }`. */
export type ConfigUpdates = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface KeyChange {
  readonly section: string;
  readonly key: string;
  /** `updated`: an existing key got a new value; `added`: the key (or its section) was missing. */
  readonly change: 'updated' | 'added' | 'unchanged';
}

export class ConfigWriteError extends SparkifyError {
  readonly file: string;
  constructor(file: string, cause: unknown) {
    super('CONFIG_WRITE', `could not update ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.file = file;
  }
}

/**
 * Sets keys in an INI text the way a person would edit it: only the named keys change, in place;
 * comments, blank lines, ordering, key spelling, spacing around `=`, inline comments, other keys and
 * line endings stay as they were. A missing key is added after the last key of its section; a
 * missing section is appended. Section and key names match case-insensitively, as the loader reads
 * them. Values are written so that `ini` reads back exactly the same string.
 */
export function applyConfigUpdates(text: string, updates: ConfigUpdates): { text: string; changes: KeyChange[] } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.length === 0 ? [] : text.split(/\r?\n/);
  const endsWithEol = lines.length > 0 && lines[lines.length - 1] === '';
  if (endsWithEol) lines.pop();
  const changes: KeyChange[] = [];
  for (const [section, keys] of Object.entries(updates)) {
    for (const [key, value] of Object.entries(keys)) {
      changes.push(setKey(lines, section, key, value));
    }
  }
  return { text: lines.join(eol) + (endsWithEol || text.length === 0 ? eol : ''), changes };
}

/** Applies `updates` to the file in place (write to a temporary file, then rename over it). */
export async function updateConfigFile(file: string, updates: ConfigUpdates): Promise<KeyChange[]> {
  try {
    const target = await realpath(file);
    const before = await readFile(target, 'utf8');
    const { text, changes } = applyConfigUpdates(before, updates);
    if (text === before) return changes;
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
      await writeFile(temporary, text, 'utf8');
      await chmod(temporary, (await stat(target)).mode & 0o7777);
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined); // the write error below is the one that matters
      throw error;
    }
    return changes;
  } catch (error) {
    throw new ConfigWriteError(file, error);
  }
}

const SECTION = /^\[([^\]]*)\]\s*$/; // as `ini` reads a section header
const COMMENT_OR_BLANK = /^\s*([;#].*)?$/;
const KEY_LINE = /^(\s*)([^=]*?)(\s*)=(\s*)(.*)$/;

interface SectionSpan {
  readonly header: number;
  /** Index of the last line belonging to the section that is a key line (or the header). */
  lastKey: number;
}

function setKey(lines: string[], section: string, key: string, value: string): KeyChange {
  const wantedSection = section.toUpperCase();
  const wantedKey = key.toUpperCase();
  const spans: SectionSpan[] = [];
  const matches: number[] = [];
  let inSection = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = SECTION.exec(line);
    if (header) {
      inSection = header[1]!.trim().toUpperCase() === wantedSection;
      if (inSection) spans.push({ header: i, lastKey: i });
      continue;
    }
    if (!inSection || COMMENT_OR_BLANK.test(line)) continue;
    const keyLine = KEY_LINE.exec(line);
    spans[spans.length - 1]!.lastKey = i;
    if (keyLine && keyLine[2]!.trim().toUpperCase() === wantedKey) matches.push(i);
  }
  if (matches.length > 0) {
    let changed = false;
    for (const index of matches) {
      const replaced = replaceValue(lines[index]!, value);
      if (replaced !== lines[index]) {
        lines[index] = replaced;
        changed = true;
      }
    }
    return { section, key, change: changed ? 'updated' : 'unchanged' };
  }
  const newLine = `${key} = ${ini.safe(value)}`.trimEnd();
  const span = spans[spans.length - 1];
  if (span) {
    lines.splice(span.lastKey + 1, 0, newLine);
  } else {
    if (lines.length > 0 && lines[lines.length - 1]!.trim() !== '') lines.push('');
    lines.push(`[${section}]`, newLine);
  }
  return { section, key, change: 'added' };
}

/** Replaces the value on a `KEY = value ; comment` line, keeping everything around it. */
function replaceValue(line: string, value: string): string {
  const match = KEY_LINE.exec(line)!;
  const [, indent, name, before, after, rest] = match as unknown as [string, string, string, string, string, string];
  const { current, comment } = splitInlineComment(rest);
  if (ini.unsafe(current) === value) return line;
  const gap = after || (before ? ' ' : '');
  const beforeComment = comment && !/^\s/.test(comment) ? ' ' : '';
  if (value === '' && !comment) return `${indent}${name}${before}=`;
  return `${indent}${name}${before}=${gap}${ini.safe(value)}${beforeComment}${comment}`;
}

/** `ini` ends an unquoted value at the first unescaped `;` or `#`; keep that comment as written. */
function splitInlineComment(rest: string): { current: string; comment: string } {
  const trimmed = rest.trim();
  if (/^(".*"|'.*')$/.test(trimmed)) return { current: rest, comment: '' };
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (c === '\\') {
      i++;
    } else if (c === ';' || c === '#') {
      const start = rest.slice(0, i).search(/\s*$/);
      return { current: rest.slice(0, start), comment: rest.slice(start) };
    }
  }
  return { current: rest, comment: '' };
}
