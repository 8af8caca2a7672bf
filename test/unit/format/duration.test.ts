import { describe, expect, it } from 'vitest';
import { formatDuration } from '#src/format/duration.ts';

describe('formatDuration', () => {
  it('gives the precision that matters for the size', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(849.6)).toBe('850 ms');
    expect(formatDuration(4_249)).toBe('4.2 s');
    expect(formatDuration(59_940)).toBe('59.9 s');
    expect(formatDuration(60_000)).toBe('1m 00s');
    expect(formatDuration(185_900)).toBe('3m 05s');
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatDuration(9_000_000)).toBe('2h 30m');
  });
});
