import { describe, expect, it } from 'vitest';
import { toNamedParameters } from '#src/warehouse/redshift/data-api-params.ts';

describe('$n to Data API named parameters', () => {
  it('rewrites placeholders only outside literals, quoted identifiers and comments', () => {
    const sql = `SELECT "$1", 'it''s $1', $1 /* $2 */ FROM t WHERE a = $2 -- $1\nAND b = E'\\'$2'`;
    expect(toNamedParameters(sql, ['x', 'y']).sql).toBe(`SELECT "$1", 'it''s $1', :p1 /* $2 */ FROM t WHERE a = :p2 -- $1\nAND b = E'\\'$2'`);
  });

  it('keeps $10 apart from $1 and leaves dollar signs in names alone', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(toNamedParameters('SELECT $10, $1, a$1, $1x', values).sql).toBe('SELECT :p10, :p1, a$1, $1x');
  });

  it('refuses placeholders without values and values it cannot send', () => {
    expect(() => toNamedParameters('SELECT $2', ['only one'])).toThrow('$2 has no value (1 given)');
    expect(() => toNamedParameters('SELECT $1', [{ a: 1 }])).toThrow('$1: a object cannot be sent as a Data API parameter');
    expect(() => toNamedParameters('SELECT $1', [Number.NaN])).toThrow('$1: NaN cannot be sent to Redshift');
  });

  it('names parameters per statement of a batch', () => {
    expect(toNamedParameters('SELECT $1', [7], 's3p')).toEqual({ sql: 'SELECT :s3p1', parameters: [{ name: 's3p1', value: '7' }] });
  });
});
