import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANALYTICS, findAnalytics, AnalyticsError } from '#src/analytics/index.ts';
import { analyticsSql } from '#src/analytics/run.ts';
import { SQL_DIR } from '#src/sql/sql-files.ts';

const files = readdirSync(`${SQL_DIR}analytics`)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''));

/** Constructs PostgreSQL accepts and Redshift does not (or the other way round). */
const NOT_PORTABLE: readonly [RegExp, string][] = [
  [/\bFILTER\s*\(/i, 'aggregate FILTER (Redshift has none; use CASE)'],
  [/\bgenerate_series\b/i, 'generate_series (leader-node only on Redshift)'],
  [/\bregexp_(match|matches|split_to_array|split_to_table)\b/i, 'PostgreSQL-only regexp function'],
  [/::/, ':: casts (write CAST(x AS type))'],
  [/\bILIKE\b/i, 'ILIKE'],
  [/\bDISTINCT\s+ON\b/i, 'DISTINCT ON'],
  [/\bLIMIT\s+\$/i, 'LIMIT $n (filter on ROW_NUMBER() instead)'],
  [/\bNULLS\s+(FIRST|LAST)\b/i, 'NULLS FIRST/LAST'],
  [/\bLATERAL\b/i, 'LATERAL'],
];

describe('analytics catalog', () => {
  it('has exactly one SQL file per query, named after it', () => {
    expect([...ANALYTICS.map((q) => q.name)].sort()).toEqual([...files].sort());
  });

  it.each(ANALYTICS.map((q) => [q.name, q] as const))('%s is one statement with the parameters it declares', (name, query) => {
    const sql = analyticsSql(query, 'postgres');
    const withoutComments = sql.replace(/--.*$/gm, '');
    expect(withoutComments).not.toContain(';');
    const placeholders = [...new Set(withoutComments.match(/\$\d+/g) ?? [])].sort();
    // $1, $2 = the window of play times; $3 = the limit of a ranked query.
    expect(placeholders).toEqual(query.limit ? ['$1', '$2', '$3'] : ['$1', '$2']);
  });

  it.each(files)('%s.sql uses only SQL that both PostgreSQL and Redshift run (as the Redshift adapter renders it)', (name) => {
    const sql = analyticsSql(findAnalytics(name), 'redshift').replace(/--.*$/gm, '');
    const found = NOT_PORTABLE.filter(([pattern]) => pattern.test(sql)).map(([, why]) => why);
    expect(found).toEqual([]);
  });

  it('finds a query by name and names the known ones when it cannot', () => {
    expect(findAnalytics('top_songs').title).toBe('Top songs');
    expect(() => findAnalytics('top_sngs')).toThrow(AnalyticsError);
    expect(() => findAnalytics('top_sngs')).toThrow(/known: top_songs, top_artists/);
  });
});
