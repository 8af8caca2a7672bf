import { describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.ts';

const s3 = (value: string) => parseConfig(`[S3]\nACCEPTINVCHARS = ${value}\n`).s3.acceptInvChars;

describe('[S3] ACCEPTINVCHARS', () => {
  it("is off unless set, '?' when true, else the one ASCII character given", () => {
    expect(parseConfig('').s3.acceptInvChars).toBeUndefined();
    expect(s3('false')).toBeUndefined();
    expect(s3('true')).toBe('?');
    expect(s3('^')).toBe('^');
    expect(s3("'*'")).toBe('*');
  });

  it('refuses anything else, naming the key', () => {
    expect(() => s3('ab')).toThrow(/\[S3\] ACCEPTINVCHARS: 'ab' is not true, false or one ASCII character/);
    expect(() => s3('é')).toThrow(/ACCEPTINVCHARS/);
  });
});
