import type { DialectAdapter } from '../dialect/adapter.ts';
import type { QueryResult, Session } from '../warehouse/types.ts';
import type { Model } from './model.ts';

/** One model's write: the INSERT's result (its row count is read once the transaction commits) and its time. */
export interface ModelWrite {
  readonly model: Model;
  readonly result: QueryResult<unknown>;
  readonly elapsedMs: number;
}

/**
 * How a set of models is written into their tables, inside the caller's transaction. Written once
 * here, never per model. `fullRefresh` (full-refresh.ts) empties the tables and inserts every row.
 *
 * Planned (docs/architecture.md, "Materializations"): `partitionReplace(partitions)` for loads by
 * day. A model then also names its partition column (`start_time` for songplays); for each partition
 * the materialization deletes that day's rows and inserts the model's rows for that day through the
 * same `materialize/insert_select` statement, filtered on the partition column; models without a
 * partition column (the dimensions) are rebuilt or merged from all loaded data. The dialect adapter
 * keeps deciding how tables are emptied and keys deferred, so neither materialization branches on
 * the engine.
 */
export interface Materialization {
  readonly name: string;
  /** `onWrite` hears of each model's write as it finishes (progress), before the transaction commits. */
  write(session: Session, adapter: DialectAdapter, models: readonly Model[], onWrite?: (write: ModelWrite) => void): Promise<ModelWrite[]>;
}
