import { describe, expect, it } from 'vitest';
import { postgresAdapter, redshiftAdapter } from '#src/dialect/index.ts';
import type { Model } from '#src/models/model.ts';
import { STAR_MODELS } from '#src/models/star-models.ts';
import { auditLanes } from '#src/models/write-audit-publish.ts';
import { readSql } from '#src/sql/sql-files.ts';

const names = (lanes: Model[][]) => lanes.map((lane) => lane.map((model) => model.table.name));

/** How the audit build splits the star models between connections (write-audit-publish.ts). */
describe('auditLanes', () => {
  it('one lane: every model, in order (Redshift builds in one transaction)', () => {
    expect(redshiftAdapter.auditBuildLanes).toBe(1);
    expect(names(auditLanes(STAR_MODELS, 1))).toEqual([['users', 'user_level_history', 'artists', 'songs', 'time', 'songplays']]);
  });

  it('two lanes (PostgreSQL): the models made of the events beside those made of the songs, each in order', () => {
    expect(postgresAdapter.auditBuildLanes).toBe(2);
    expect(names(auditLanes(STAR_MODELS, 2))).toEqual([
      ['users', 'user_level_history', 'time', 'songplays'],
      ['artists', 'songs'],
    ]);
  });

  it('never more lanes than staging tables, and never more than asked', () => {
    expect(names(auditLanes(STAR_MODELS, 5))).toHaveLength(2);
    const third = { ...STAR_MODELS[0]!, reads: 'staging_other' } as unknown as Model;
    expect(names(auditLanes([...STAR_MODELS, third], 2))).toEqual([
      ['users', 'user_level_history', 'time', 'songplays', 'users'],
      ['artists', 'songs'],
    ]);
  });

  it("each model's `reads` is the staging table its SELECT is made of", () => {
    for (const model of STAR_MODELS) expect(readSql(model.select)).toMatch(new RegExp(`FROM ${model.reads}\\b`));
    expect(readSql('transform/songplays')).toMatch(/FROM staging_events\b/);
  });
});
