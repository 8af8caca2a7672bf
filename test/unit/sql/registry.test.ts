import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRegistry, scanSqlFiles } from '#src/sql/registry-source.ts';
import { SQL_FILES } from '#src/sql/generated/sql-files.ts';
import { readSql, SQL_DIR, sqlFileFor } from '#src/sql/sql-files.ts';

const GENERATED = new URL('../../../src/sql/generated/sql-files.ts', import.meta.url);

describe('the generated SQL registry', () => {
  it('is up to date with sql/ (run `npm run sql:generate` after adding, renaming or removing a SQL file)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderRegistry(scanSqlFiles(SQL_DIR)));
  });

  it('names every file that exists, and reads each', () => {
    for (const name of Object.keys(SQL_FILES) as (keyof typeof SQL_FILES)[]) expect(readSql(name).length).toBeGreaterThan(0);
  });

  it('lists <name>.redshift.sql as a variant of <name>.sql and rejects a variant without its base file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sql-registry-'));
    mkdirSync(path.join(dir, 'transform'));
    writeFileSync(path.join(dir, 'transform', 'users.sql'), 'SELECT 1');
    writeFileSync(path.join(dir, 'transform', 'users.redshift.sql'), 'SELECT 2');
    writeFileSync(path.join(dir, 'transform', 'time.sql'), 'SELECT 3');
    expect(scanSqlFiles(dir)).toEqual([
      { name: 'transform/time', variants: [] },
      { name: 'transform/users', variants: ['redshift'] },
    ]);
    writeFileSync(path.join(dir, 'transform', 'songs.redshift.sql'), 'SELECT 4');
    expect(() => scanSqlFiles(dir)).toThrow(/sql\/transform\/songs\.redshift\.sql is a dialect variant of sql\/transform\/songs\.sql, which does not exist/);
  });

  it('uses the shared file for a dialect without a variant', () => {
    expect(sqlFileFor('transform/users')).toBe('transform/users.sql');
    expect(sqlFileFor('transform/users', 'redshift')).toBe('transform/users.sql');
    expect(sqlFileFor('transform/users', 'postgres')).toBe('transform/users.sql');
  });

  it('uses <name>.redshift.sql on Redshift where the registry lists that variant', () => {
    const registry = { 'transform/users': ['redshift'] };
    expect(sqlFileFor('transform/users', 'redshift', registry)).toBe('transform/users.redshift.sql');
    expect(sqlFileFor('transform/users', 'postgres', registry)).toBe('transform/users.sql');
    expect(sqlFileFor('transform/users', undefined, registry)).toBe('transform/users.sql');
  });

  it('makes a misspelled SQL name a compile error', () => {
    // @ts-expect-error 'transform/user' is not a file in sql/: tsc rejects it (npm test type-checks first).
    expect(() => readSql('transform/user')).toThrow(/ENOENT/);
  });
});
