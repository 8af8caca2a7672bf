import type { DwhConfig } from '../config/types.ts';
import type { StagingLoadOptions, StagingLoadResult } from '../load/staging.ts';
import type { DdlDialect, Dialect, TableDefinition } from '../schema/types.ts';
import type { TableRef } from '../sql/sql-files.ts';
import type { Queryable, Session, Warehouse } from '../warehouse/types.ts';
import type { DialectSqlText } from './sql-text.ts';

/**
 * Everything that differs between the SQL engines, behind one object chosen once per warehouse
 * (`dialectAdapter(warehouse.dialect)`), as kysely's DialectAdapter does. Stages ask the adapter; no
 * stage branches on the dialect's name. The flags say what the engine can do; the methods do the
 * dialect-specific part of a stage. docs/engines.md explains each difference and why.
 */
export interface DialectAdapter {
  readonly dialect: Dialect;
  /** How CREATE TABLE is spelled (types, identity, physical design). */
  readonly ddl: DdlDialect;
  /** What this engine's `{{dialect:x}}` placeholders in sql/ files say (pass as `loadSql(name, { dialect: adapter.sqlText })`). */
  readonly sqlText: DialectSqlText;

  /** TRUNCATE rolls back with its transaction (PostgreSQL); Redshift's TRUNCATE commits on its own. */
  readonly transactionalTruncate: boolean;
  /**
   * Declared keys are enforced, row by row, on every insert (PostgreSQL). Redshift declares keys for
   * the planner but never checks them.
   */
  readonly enforcesKeys: boolean;
  /**
   * A table can be moved into another schema inside a transaction (ALTER TABLE ... SET SCHEMA), so a
   * write-audit-publish run publishes by swapping the audited tables in (PostgreSQL) rather than by
   * copying their rows into the published ones (Redshift). docs/daily-operation.md.
   */
  readonly publishesBySwap: boolean;
  /**
   * How many connections the audit build writes models on at once (each in its own transaction): 2 on
   * PostgreSQL, whose INSERT ... SELECT runs on one core, so the models made of the songs are built
   * beside those made of the events; 1 on Redshift, which spreads each statement over its slices.
   */
  readonly auditBuildLanes: number;
  /** Staging is loaded by the product's own loader (`COPY ... FROM STDIN`) rather than the engine's COPY from S3. */
  readonly ownStagingLoader: boolean;

  /** Removes every row of `tables` inside the caller's transaction (given in creation order). */
  emptyTables(session: Session, tables: readonly TableDefinition[]): Promise<void>;
  /** At the start of the audit build's transaction, before any model's rows are written: settings for it alone. */
  beforeBuild(session: Session): Promise<void>;
  /**
   * After the audit tables of `schema` are filled, before their checks: where the engine enforces keys,
   * each primary or unique key's index, built (and named) as the published table's will be. A key
   * the rows break gets none: its uniqueness check names the duplicates.
   */
  buildAuditKeys(session: Session, tables: readonly TableDefinition[], schema: string): Promise<void>;
  /**
   * Gives `tables` of `schema` (tables published by swap, which have no constraints yet) their declared
   * keys, in the caller's transaction, making an index `buildAuditKeys` built the key's constraint.
   */
  addKeys(session: Session, tables: readonly TableDefinition[], schema: string): Promise<void>;
  /**
   * Runs a bulk write of `tables` with their keys out of the way where the engine enforces them row
   * by row, and has each key built or validated once afterwards, in the same transaction.
   */
  withKeysDeferred<T>(session: Session, tables: readonly TableDefinition[], write: () => Promise<T>): Promise<T>;
  /**
   * Whether the engine itself guarantees a data-quality check's key on the rows as they are: a valid
   * unique index on the key's columns (all NOT NULL), or a validated foreign key. When `key.establish`
   * is set and the foreign key is missing, it is added here (one validation pass over the rows, which a
   * publish by swap then keeps); rows that break it leave it missing. False: the check's query must run.
   */
  enforceKey(warehouse: Queryable, key: CheckedKey): Promise<boolean>;
  /** Loads both staging tables from the configured sources, in one transaction. */
  loadStaging(warehouse: Warehouse, config: DwhConfig, options: StagingLoadOptions): Promise<StagingLoadResult>;
  /**
   * After a materialization has committed (its rows are visible): what makes them ready for readers,
   * e.g. fresh planner statistics. With `schema`, the tables of those names in that schema (the audit
   * tables, before their checks run).
   */
  afterPublish(warehouse: Queryable, tables: readonly TableDefinition[], schema?: string): Promise<void>;
}

/** The key a uniqueness or reference check tests, for an engine that can enforce it (`enforceKey`). */
export type CheckedKey =
  | { readonly kind: 'unique'; readonly table: TableRef; readonly columns: readonly string[] }
  | {
      readonly kind: 'foreign key';
      /** The constraint's name, as the published table's (src/schema/render-ddl.ts). */
      readonly name: string;
      readonly table: TableRef;
      readonly column: string;
      readonly target: TableRef;
      readonly targetColumn: string;
      /** Add the foreign key when it is missing (the audit tables of write-audit-publish). */
      readonly establish: boolean;
    };
