import { describe, expect, it } from 'vitest';
import { formatTable } from '#src/cli/format.ts';
import { createOutput } from '#src/cli/output/output.ts';
import { escapeJsonText, sanitizeCell, sanitizeText } from '#src/cli/output/sanitize.ts';
import { terminalLogger } from '#src/cli/output/terminal-logger.ts';

const HOSTILE = 'Red\x1b[31mAlert\x1b]0;pwned\x07 back\rover\u009b2J \u202eevil\u0000';

describe('text from the data on a terminal', () => {
  it('escapes ANSI/OSC escapes, carriage returns, C1 and bidi controls, NUL', () => {
    expect(sanitizeText(HOSTILE)).toBe('Red\\x1b[31mAlert\\x1b]0;pwned\\x07 back\\rover\\x9b2J \\u202eevil\\x00');
    expect(sanitizeText('two\nlines\tand tab, é ü 日本')).toBe('two\nlines\tand tab, é ü 日本');
    expect(sanitizeCell('two\nlines\tand tab')).toBe('two\\nlines\\tand tab');
  });

  it('keeps table columns aligned and free of control characters', () => {
    const table = formatTable([
      { title: HOSTILE, plays: 3 },
      { title: 'Line\nbreak', plays: 12 },
    ]);
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain('Red\\x1b[31mAlert');
    expect(lines[3]).toContain('Line\\nbreak');
  });

  it('sanitises human output and log lines, while --json keeps the exact value', () => {
    let human = '';
    createOutput({ write: (t: string) => (human += t) } as unknown as NodeJS.WritableStream, false).print(`title: ${HOSTILE}`);
    expect(human).not.toMatch(/[\u001b\u0007\r\u009b\u202e\u0000]/);
    let logged = '';
    terminalLogger({ verbose: false }, (t) => (logged += t)).warn(`bad record: ${HOSTILE}`);
    expect(logged).toBe(`warning: bad record: ${sanitizeText(HOSTILE)}\n`);
    let json = '';
    createOutput({ write: (t: string) => (json += t) } as unknown as NodeJS.WritableStream, true).printJson({ title: HOSTILE });
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json)).toEqual({ ok: true, title: HOSTILE });
  });

  it('escapes in JSON only what JSON.stringify leaves raw, keeping the document equal', () => {
    const text = JSON.stringify({ a: '\u007f\u0085\u202e\u2028x' });
    expect(escapeJsonText(text)).toBe('{"a":"\\u007f\\u0085\\u202e\\u2028x"}');
    expect(JSON.parse(escapeJsonText(text))).toEqual(JSON.parse(text));
  });
});
