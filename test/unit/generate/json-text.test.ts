import { describe, expect, it } from 'vitest';
import { doubleMojibake, jsonFloat, jsonQuirky, jsonString, quirkyText } from '#src/generate/json-text.ts';

describe('json text as the real files write it', () => {
  it('escapes slashes, quotes, backslashes, control and non-ASCII characters', () => {
    expect(jsonString('AC/DC')).toBe('"AC\\/DC"');
    expect(jsonString('Say "hi"\\')).toBe('"Say \\"hi\\"\\\\"');
    expect(jsonString('a\tb\nc\u0019')).toBe('"a\\tb\\nc\\u0019"');
    expect(jsonString('Mon\u00f3ico')).toBe('"Mon\\u00f3ico"');
    expect(jsonString('\u{1F3B5}')).toBe('"\\ud83c\\udfb5"');
    expect(jsonString('plain text, 100%')).toBe('"plain text, 100%"');
  });

  it('round-trips through JSON.parse', () => {
    const samples = ['Bj\u00f6rk / Sigur R\u00f3s', 'x"y\\z', '\u0000\u001f\u007f\u0080\uffff', 'Theme From "Blue"'];
    for (const text of samples) expect(JSON.parse(jsonString(text))).toBe(text);
  });

  it('writes floats with a decimal point, shortest form otherwise', () => {
    expect(jsonFloat(1540919166796)).toBe('1540919166796.0');
    expect(jsonFloat(213.9424)).toBe('213.9424');
    expect(jsonFloat(218.93179)).toBe('218.93179');
    expect(jsonFloat(-118.24532)).toBe('-118.24532');
    expect(() => jsonFloat(Number.NaN)).toThrow(RangeError);
  });

  it('keeps numeric titles as JSON numbers and compares them as their text', () => {
    expect(jsonQuirky(66)).toBe('66');
    expect(jsonQuirky(4.6)).toBe('4.6');
    expect(jsonQuirky(null)).toBe('null');
    expect(jsonQuirky('66')).toBe('"66"');
    expect(quirkyText(4.6)).toBe('4.6');
  });

  it('reproduces the double mojibake of the real logs', () => {
    expect(jsonString(doubleMojibake('Caf\u00e9 Tacuba'))).toBe('"Caf\\u00c3\\u0083\\u00c2\\u00a9 Tacuba"');
    expect(doubleMojibake('plain')).toBe('plain');
  });
});
