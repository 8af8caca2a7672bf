import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRegistry, scanSqlFiles } from '#src/sql/registry-source.ts';
import { SQL_NAMES } from '#src/sql/generated/sql-files.ts';
import { readSql, SQL_DIR } from '#src/sql/sql-files.ts';

const GENERATED = new URL('../../../src/sql/generated/sql-files.ts', import.meta.url);

describe('the generated SQL registry', () => {
  it('is up to date with sql/ (run `npm run sql:generate` after adding, renaming or removing a SQL file)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderRegistry(scanSqlFiles(SQL_DIR)));
  });

  it('names every file that exists, and reads each', () => {
    for (const name of SQL_NAMES) expect(readSql(name).length).toBeGreaterThan(0);
  });

  it('lists every file by name, and refuses a per-dialect twin (what differs goes in a {{dialect:x}} placeholder)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sql-registry-'));
    mkdirSync(path.join(dir, 'transform'));
    writeFileSync(path.join(dir, 'transform', 'users.sql'), 'SELECT 1');
    writeFileSync(path.join(dir, 'transform', 'time.sql'), 'SELECT 3');
    expect(scanSqlFiles(dir)).toEqual(['transform/time', 'transform/users']);
    writeFileSync(path.join(dir, 'transform', 'users.redshift.sql'), 'SELECT 2');
    expect(() => scanSqlFiles(dir)).toThrow(/sql\/transform\/users\.redshift\.sql: one file per statement for every dialect/);
  });

  it('makes a misspelled SQL name a compile error', () => {
    // @ts-expect-error 'transform/user' is not a file in sql/: tsc rejects it (npm test type-checks first).
    expect(() => readSql('transform/user')).toThrow(/ENOENT/);
  });
});
