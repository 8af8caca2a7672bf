import type { DialectAdapter } from '../dialect/adapter.ts';
import type { TableDefinition } from '../schema/types.ts';
import { loadSql, type TableRef } from '../sql/sql-files.ts';
import { QueryError } from '../errors.ts';
import type { Queryable, Session, Warehouse } from '../warehouse/types.ts';
import { insertModelRows } from './full-refresh.ts';
import type { ModelWrite } from './materialization.ts';
import type { Model } from './model.ts';

/**
 * Where a run's results are built and checked before they are published (write-audit-publish,
 * docs/daily-operation.md). The published tables keep their names in the warehouse's default schema;
 * this schema holds tables of the same names. After a failed check they stay here, inspectable, until
 * the next run replaces them.
 */
export const AUDIT_SCHEMA = 'sparkify_audit';

export function auditTable(table: TableDefinition): TableRef {
  return { schema: AUDIT_SCHEMA, name: table.name };
}

/**
 * Write: builds every model into a fresh table of the audit schema. The audit tables have the
 * published tables' columns and types but no constraints (the checks judge them; where the engine has
 * indexes, the adapter builds the keys' unique indexes, for the checks and the publish); the published
 * tables are not touched. With one lane (`auditBuildLanes`, Redshift) everything happens in one
 * transaction: the schema created if missing, the previous run's audit tables dropped, every model
 * written. With more (PostgreSQL), the schema is prepared (and the previous audit tables dropped) in a
 * first transaction, then the lanes (`auditLanes`) are written side by side, each in a transaction of
 * its own on its own connection; a lane that has written everything waits for the others, and the
 * lanes commit only once all of them have, so a failure anywhere rolls every lane back (the others
 * start no further model) and the first failure is thrown (only a failure of a COMMIT itself could
 * leave the lanes committed before it: audit tables, never published). Returns the writes in the order of `models`.
 */
export async function buildAudit(
  warehouse: Warehouse,
  adapter: DialectAdapter,
  models: readonly Model[],
  onWrite?: (write: ModelWrite) => void,
): Promise<ModelWrite[]> {
  if (adapter.auditBuildLanes <= 1) {
    return warehouse.transaction(async (session) => {
      await prepareAuditSchema(session, models);
      return writeLane(session, adapter, models, { ready: async () => {}, stop: () => false }, onWrite);
    });
  }
  await warehouse.transaction((session) => prepareAuditSchema(session, models));
  const lanes = auditLanes(models, adapter.auditBuildLanes);
  let failure: { error: unknown } | undefined;
  // Each settles once every lane has reached it (connected; written its models), or as soon as one has failed.
  const connected = barrier(lanes.length);
  const written = barrier(lanes.length);
  const fail = (error: unknown) => {
    failure ??= { error };
    connected.release();
    written.release();
  };
  const control = {
    // No lane writes before every lane has its connection: a server lost while one is still being set
    // up is then reported as such, not in the middle of the other lane's first INSERT.
    ready: async () => {
      await connected.arrive();
      if (failure) throw new AuditLaneStopped();
    },
    stop: () => failure !== undefined,
  };
  const runs = lanes.map((lane) =>
    warehouse
      .transaction(async (session) => {
        const writes = await writeLane(session, adapter, lane, control, onWrite);
        await written.arrive();
        // Another lane failed: this one rolls back too (the error thrown is the first failure's).
        if (failure) throw new AuditLaneStopped();
        return writes;
      })
      .catch((error: unknown) => {
        if (!(error instanceof AuditLaneStopped)) fail(error);
        return [];
      }),
  );
  const writes = (await Promise.all(runs)).flat();
  if (failure) throw failure.error;
  return models.map((model) => writes.find((write) => write.model === model)!);
}

/** A promise that settles once `count` lanes have arrived at it, or when released early. */
function barrier(count: number): { arrive: () => Promise<void>; release: () => void } {
  let arrived = 0;
  let release = () => {};
  const all = new Promise<void>((resolve) => (release = resolve));
  return {
    arrive: () => {
      if (++arrived === count) release();
      return all;
    },
    release: () => release(),
  };
}

/** A lane rolled back because another lane of the same build failed. */
class AuditLaneStopped extends Error {
  constructor() {
    super('stopped: another lane of the audit build failed');
  }
}

/** The audit schema, created if missing, without the previous run's audit tables (dropped, the referencing ones first). */
async function prepareAuditSchema(session: Session, models: readonly Model[]): Promise<void> {
  await session.query(loadSql('materialize/create_schema', { identifiers: { schema: AUDIT_SCHEMA } }), [], `create schema ${AUDIT_SCHEMA}`);
  await discardAudit(
    session,
    models.map((model) => model.table),
  );
}

/**
 * One lane's models, one after the other, into new audit tables, then their keys' indexes: once its
 * transaction is set up and `ready()` resolves; stops before the next model once `stop()` says so.
 */
async function writeLane(
  session: Session,
  adapter: DialectAdapter,
  lane: readonly Model[],
  control: { readonly ready: () => Promise<void>; readonly stop: () => boolean },
  onWrite?: (write: ModelWrite) => void,
): Promise<ModelWrite[]> {
  await adapter.beforeBuild(session);
  await control.ready();
  const writes: ModelWrite[] = [];
  for (const model of lane) {
    if (control.stop()) return writes; // another lane failed: this one rolls back without its next model
    await session.query(
      loadSql('materialize/create_table_like', { tables: { table: auditTable(model.table), like: model.table.name }, dialect: adapter.sqlText }),
      [],
      `create ${AUDIT_SCHEMA}.${model.table.name}`,
    );
    const write = await insertModelRows(session, adapter, model, AUDIT_SCHEMA);
    writes.push(write);
    onWrite?.(write);
  }
  await adapter.buildAuditKeys(
    session,
    lane.map((model) => model.table),
    AUDIT_SCHEMA,
  );
  return writes;
}

/**
 * The models in at most `count` lanes: the models made of one staging table stay together, in their
 * order (so each lane scans one table, and a model after another in `models` is written after it
 * within its lane); with one lane, every model in order.
 */
export function auditLanes(models: readonly Model[], count: number): Model[][] {
  if (count <= 1) return [[...models]];
  const bySource = new Map<Model['reads'], Model[]>();
  for (const model of models) bySource.set(model.reads, [...(bySource.get(model.reads) ?? []), model]);
  const lanes: Model[][] = [];
  for (const [index, group] of [...bySource.values()].entries()) {
    const lane = index < count ? [] : lanes[index % count]!;
    lane.push(...group);
    if (index < count) lanes.push(lane);
  }
  return lanes;
}

/** How a run was published: by moving the audited tables in, or by copying their rows. */
export interface Publication {
  readonly method: 'swap' | 'copy';
  /** Rows per published table. */
  readonly rows: Record<string, number>;
}

/**
 * Publish, in one transaction, so readers see either the old tables or the new ones, never a mix.
 * Where the engine can move a table between schemas in a transaction (PostgreSQL), the published
 * tables are dropped and the audited ones moved into their place, their keys added there (the
 * foreign keys the checks added come along): no row is copied, and the statistics the audit's VACUUM ANALYZE gathered come along. If something else
 * depends on a published table (a user's view, another table's foreign key), the swap is undone
 * within the transaction, and if a published table carries grants it is not tried: the rows are
 * copied instead, as on Redshift, so nothing of the published tables is lost. `built` is the rows
 * per table the transform wrote (what a swap publishes).
 */
export async function publishAudit(
  warehouse: Warehouse,
  adapter: DialectAdapter,
  tables: readonly TableDefinition[],
  built: Readonly<Record<string, number>>,
): Promise<Publication> {
  const published = await warehouse.transaction(async (session) => {
    if (adapter.publishesBySwap && (await swapIn(session, adapter, tables))) return undefined;
    return copyIn(session, adapter, tables);
  });
  if (!published) return { method: 'swap', rows: Object.fromEntries(tables.map((table) => [table.name, built[table.name] ?? 0])) };
  // Read after the commit: on the Redshift Data API the statements ran as one batch at commit.
  return { method: 'copy', rows: Object.fromEntries(published.map(({ table, result }) => [table.name, result.rowCount])) };
}

/** The audited tables moved into the default schema in place of the published ones; false (and nothing changed) if that is refused. */
async function swapIn(session: Session, adapter: DialectAdapter, tables: readonly TableDefinition[]): Promise<boolean> {
  const { rows } = await session.query<{ schema: string | null }>(loadSql('materialize/current_schema'), [], 'current schema');
  const schema = rows[0]?.schema;
  if (!schema) return false;
  const names = tables.map((table) => table.name);
  const granted = await session.query<{ name: string }>(loadSql('materialize/tables_with_grants'), [names], 'star tables with grants');
  if (granted.rows.length > 0) return false;
  const savepoint = { identifiers: { name: 'sparkify_publish_swap' } };
  await session.query(loadSql('materialize/savepoint', savepoint), [], 'savepoint before the swap');
  try {
    await session.query(loadSql('materialize/drop_published_tables', { identifierLists: { tables: names } }), [], `drop the published ${names.join(', ')}`);
  } catch (error) {
    // 2BP01: other objects depend on a published table; they must survive, so the rows are copied.
    if (!(error instanceof QueryError) || error.sqlState !== '2BP01') throw error;
    await session.query(loadSql('materialize/rollback_to_savepoint', savepoint), [], 'undo the swap');
    return false;
  }
  for (const table of tables) {
    await session.query(
      loadSql('materialize/move_table_to_schema', { tables: { table: auditTable(table) }, identifiers: { schema } }),
      [],
      `publish ${table.name}`,
    );
  }
  await adapter.addKeys(session, tables, schema);
  return true;
}

/**
 * The rows of every published table replaced by its audited rows. The adapter empties the tables
 * (TRUNCATE on PostgreSQL, DELETE on Redshift, whose TRUNCATE would commit on its own) and has keys
 * built once after the copy where the engine enforces them.
 */
async function copyIn(session: Session, adapter: DialectAdapter, tables: readonly TableDefinition[]) {
  await adapter.emptyTables(session, tables);
  return adapter.withKeysDeferred(session, tables, async () => {
    const results = [];
    for (const table of tables) {
      const columns = table.columns.map((column) => column.name);
      const sql = loadSql('materialize/copy_rows', { tables: { target: table.name, source: auditTable(table) }, identifierLists: { columns } });
      results.push({ table, result: await session.query(sql, [], `publish ${table.name}`) });
    }
    return results;
  });
}

/** After a successful publish the audited copy is redundant: dropped, so it costs no storage. */
export async function discardAudit(warehouse: Queryable, tables: readonly TableDefinition[]): Promise<void> {
  for (const table of [...tables].reverse()) {
    await warehouse.query(loadSql('materialize/drop_table', { tables: { table: auditTable(table) } }), [], `drop ${AUDIT_SCHEMA}.${table.name}`);
  }
}
