import { describe, expect, it } from 'vitest';
import { AdHocSqlError, runReadOnlySql, singleStatement } from '../../../src/analytics/read-only-sql.ts';
import { firstKeyword, scanStatements } from '../../../src/analytics/statements.ts';

const texts = (sql: string) => scanStatements(sql).statements.map((s) => sql.slice(s.start, s.end));

describe('scanStatements', () => {
  it('splits on ; outside strings, identifiers, comments and dollar quotes', () => {
    expect(texts('SELECT \'a;b\'; SELECT "c;d"; SELECT 1 -- ;\n; SELECT /* ; /* nested ; */ ; */ 2; SELECT $x$;$x$, $$;$$')).toEqual([
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

describe('runReadOnlySql', () => {
  /** Records the statements of one session (this is about their order, not about a server). */
  function recordingWarehouse(fail?: string) {
    const sent: string[] = [];
    let sessions = 0;
    const warehouse = {
      async withSession<T>(work: (session: { query: (sql: string) => Promise<{ rows: object[]; rowCount: number }> }) => Promise<T>): Promise<T> {
        sessions++;
        return work({
          async query(sql: string) {
            sent.push(sql.replace(/^--.*\n/gm, '').trim());
            if (fail && sql.includes(fail)) throw new Error(`server refused ${fail}`);
            return { rows: [{ n: 1 }], rowCount: 1 };
          },
        });
      },
    };
    return { warehouse: warehouse as unknown as Parameters<typeof runReadOnlySql>[0], sent, sessions: () => sessions };
  }

  it('sends BEGIN READ ONLY, the statement and ROLLBACK on one session', async () => {
    const { warehouse, sent, sessions } = recordingWarehouse();
    const result = await runReadOnlySql(warehouse, 'SELECT 1 AS n;');
    expect(sent).toEqual(['BEGIN READ ONLY', 'SELECT 1 AS n', 'ROLLBACK']);
    expect(sessions()).toBe(1);
    expect(result).toEqual({ sql: 'SELECT 1 AS n', columns: ['n'], rows: [{ n: 1 }], rowCount: 1 });
  });

  it('rolls back after a failing statement and rethrows its error', async () => {
    const { warehouse, sent } = recordingWarehouse('nope');
    await expect(runReadOnlySql(warehouse, 'SELECT nope')).rejects.toThrow('server refused nope');
    expect(sent).toEqual(['BEGIN READ ONLY', 'SELECT nope', 'ROLLBACK']);
  });

  it('with readingKeywordsOnly (the Data API), refuses a write before opening a session', async () => {
    const { warehouse, sent, sessions } = recordingWarehouse();
    await expect(runReadOnlySql(warehouse, 'INSERT INTO users VALUES (1)', [], { readingKeywordsOnly: true })).rejects.toThrow(/this one starts with INSERT/);
    expect(sent).toEqual([]);
    expect(sessions()).toBe(0);
  });
});
