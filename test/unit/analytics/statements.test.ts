import { describe, expect, it } from 'vitest';
import { AdHocSqlError, singleStatement } from '../../../src/analytics/read-only-sql.ts';
import { firstKeyword, scanStatements } from '../../../src/analytics/statements.ts';

const texts = (sql: string) => scanStatements(sql).statements.map((s) => sql.slice(s.start, s.end));

describe('scanStatements', () => {
  it('splits on ; outside strings, identifiers, comments and dollar quotes', () => {
    expect(texts("SELECT 'a;b'; SELECT \"c;d\"; SELECT 1 -- ;\n; SELECT /* ; /* nested ; */ ; */ 2; SELECT $x$;$x$, $$;$$")).toEqual([
      "SELECT 'a;b'",
      'SELECT "c;d"',
      'SELECT 1',
      'SELECT /* ; /* nested ; */ ; */ 2',
      'SELECT $x$;$x$, $$;$$',
    ]);
  });

  it("reads doubled quotes and E'' backslash escapes, and does not take $1 for a dollar quote", () => {
    expect(texts("SELECT 'it''s;'; SELECT E'\\';'; SELECT $1; SELECT 2")).toEqual(["SELECT 'it''s;'", "SELECT E'\\';'", 'SELECT $1', 'SELECT 2']);
  });

  it('says what the text ends inside of, and whether the last statement has its ;', () => {
    expect(scanStatements("SELECT 'x").unclosed).toBe('string');
    expect(scanStatements('SELECT "x').unclosed).toBe('identifier');
    expect(scanStatements('SELECT /* x').unclosed).toBe('comment');
    expect(scanStatements('SELECT $a$ x').unclosed).toBe('dollar-quoted string');
    expect(scanStatements('SELECT 1').statements[0]!.terminated).toBe(false);
    expect(scanStatements('SELECT 1 ;  -- done').statements).toEqual([{ start: 0, end: 8, terminated: true }]);
    expect(scanStatements(' ; -- only a comment\n ;').statements).toEqual([]);
  });

  it('finds the first keyword past parentheses and comments', () => {
    const sql = '-- note\n ((select 1))';
    expect(firstKeyword(sql, scanStatements(sql).statements[0]!)).toBe('SELECT');
  });
});

describe('singleStatement', () => {
  it('keeps leading comments (error positions stay right) and drops the final ;', () => {
    expect(singleStatement('-- why\nSELECT 1;\n')).toBe('-- why\nSELECT 1');
  });

  it('refuses two statements, naming where the second starts', () => {
    expect(() => singleStatement('SELECT 1;\n  SELECT 2')).toThrow(/a second one starts at line 2, column 3/);
  });

  it('with readingKeywordsOnly, lets through only statements that read', () => {
    expect(singleStatement('WITH x AS (SELECT 1) SELECT * FROM x', { readingKeywordsOnly: true })).toContain('WITH');
    expect(() => singleStatement('DELETE FROM songplays', { readingKeywordsOnly: true })).toThrow(AdHocSqlError);
    expect(() => singleStatement('COMMIT', { readingKeywordsOnly: true })).toThrow(/this one starts with COMMIT/);
  });
});
