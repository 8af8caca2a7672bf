import type { TableDefinition } from '../schema/types.ts';
import type { SqlName } from '../sql/sql-files.ts';

/**
 * A model, as dbt has them: a table and the SELECT that produces its rows. How the rows are written
 * (emptied and rebuilt, or one partition replaced) is a materialization's job (materialization.ts),
 * so a model never repeats its table's column list. docs/tables.md describes each model.
 */
export interface Model {
  readonly table: TableDefinition;
  /**
   * The SELECT, one file in sql/ for every engine (its `{{dialect:x}}` placeholders take the warehouse
   * adapter's text). It returns the table's columns, in the table's order, named as the table names them.
   */
  readonly select: SqlName;
  /**
   * The staging table whose rows the model is made of (songplays: one row per event, matched to the
   * songs). Models made of the same one are written one after the other on one connection; where the
   * engine builds on several connections at once (the adapter's `auditBuildLanes`), the others are
   * written beside them.
   */
  readonly reads: 'staging_events' | 'staging_songs';
}
