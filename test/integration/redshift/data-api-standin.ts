import {
  BatchExecuteStatementCommand,
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
  type ColumnMetadata,
  type Field,
  type SqlParameter,
  type SubStatementData,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { failedQueryId } from '#src/load/redshift/failed-query.ts';
import type { QueryResult, Warehouse } from '#src/warehouse/types.ts';

interface Ran {
  readonly result?: QueryResult<Record<string, unknown>>;
  /** The same result as the Data API encodes it from the server's column types (see `typedResults`). */
  readonly encoded?: { ColumnMetadata: ColumnMetadata[]; Records: Field[][] };
  readonly error?: unknown;
}

export interface DataApiOptions {
  /**
   * A PostgreSQL connection to the database under the stand-in. When given, a SELECT sent with
   * ExecuteStatement runs there as text with its column types, and GetStatementResult encodes it as the
   * Data API does: integers as longValue, floats as doubleValue, NUMERIC/DECIMAL as stringValue, booleans
   * as booleanValue, timestamps and the rest as stringValue, with Redshift's type names.
   */
  readonly typedResults?: pg.ClientConfig;
}

interface Statement {
  readonly id: string;
  readonly parts: Ran[];
  readonly failedAt?: number;
}

/**
 * A RedshiftDataClient whose calls are answered by running the statements on a Warehouse (the
 * Redshift stand-in): ExecuteStatement in autocommit, BatchExecuteStatement as one transaction,
 * results encoded as the Data API encodes them. The product's Data API engine then runs unchanged.
 */
export function dataApiOver(
  warehouse: Warehouse,
  options: DataApiOptions = {},
): { client: RedshiftDataClient; calls: () => string[]; lastResult: () => { ColumnMetadata: ColumnMetadata[]; Records: Field[][] } | undefined } {
  const client = new RedshiftDataClient({ region: 'us-west-2' });
  let lastResult: { ColumnMetadata: ColumnMetadata[]; Records: Field[][] } | undefined;
  const api = mockClient(client);
  const statements = new Map<string, Statement>();

  api.on(ExecuteStatementCommand).callsFake(async (input: { Sql: string; Parameters?: SqlParameter[] }) => {
    const id = randomUUID();
    const { sql, values } = positional(input.Sql, input.Parameters);
    try {
      if (options.typedResults && /^\s*(SELECT|WITH)\b/i.test(sql)) {
        const { result, encoded } = await runTyped(options.typedResults, sql, values);
        statements.set(id, { id, parts: [{ result, encoded }] });
        return { Id: id };
      }
      statements.set(id, { id, parts: [{ result: await warehouse.query(sql, values, 'data api') }] });
    } catch (error) {
      statements.set(id, { id, parts: [{ error }], failedAt: 0 });
    }
    return { Id: id };
  });

  api.on(BatchExecuteStatementCommand).callsFake(async (input: { Sqls: string[]; Parameters?: SqlParameter[] }) => {
    const id = randomUUID();
    const parts: Ran[] = [];
    try {
      await warehouse.transaction(async (session) => {
        for (const text of input.Sqls) {
          const { sql, values } = positional(text, input.Parameters);
          try {
            parts.push({ result: await session.query(sql, values, 'data api batch') });
          } catch (error) {
            parts.push({ error });
            throw error;
          }
        }
      });
      statements.set(id, { id, parts });
    } catch {
      statements.set(id, { id, parts, failedAt: parts.length - 1 });
    }
    return { Id: id };
  });

  api.on(DescribeStatementCommand).callsFake(async (input: { Id: string }) => {
    const [id, sub] = input.Id.split(':');
    const statement = statements.get(id!)!;
    if (sub !== undefined) return describePart(statement, Number(sub) - 1);
    const failed = statement.failedAt !== undefined;
    const single = statement.parts.length === 1 && !input.Id.includes(':') ? describePart(statement, 0) : {};
    return {
      ...single,
      Id: input.Id,
      Status: failed ? 'FAILED' : 'FINISHED',
      Error: failed ? String((statement.parts[statement.failedAt!]!.error as Error).message) : undefined,
      SubStatements: statement.parts.map((_, i) => ({ Id: `${statement.id}:${i + 1}`, ...describePart(statement, i) })),
    };
  });

  api.on(GetStatementResultCommand).callsFake(async (input: { Id: string }) => {
    const [id, sub] = input.Id.split(':');
    const part = statements.get(id!)!.parts[sub === undefined ? 0 : Number(sub) - 1]!;
    lastResult = part.encoded ?? encode(part.result!.rows);
    return lastResult;
  });

  return { client, calls: () => api.calls().map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name), lastResult: () => lastResult };
}

function describePart(statement: Statement, index: number): Omit<SubStatementData, 'Id'> {
  const part = statement.parts[index];
  if (!part) return { Status: 'ABORTED' };
  if (part.error) return { Status: 'FAILED', Error: (part.error as Error).message, RedshiftQueryId: failedQueryId(part.error) };
  return { Status: 'FINISHED', HasResultSet: part.encoded !== undefined || part.result!.rows.length > 0, ResultRows: part.result!.rowCount };
}

/** `:name` parameters back to `$n` for the PostgreSQL underneath. */
function positional(sql: string, parameters: readonly SqlParameter[] = []): { sql: string; values: string[] } {
  const values: string[] = [];
  const numbers = new Map<string, number>();
  const text = sql.replace(/:([a-z]\w*)/g, (whole, name: string) => {
    const parameter = parameters.find((p) => p.name === name);
    if (!parameter) return whole;
    if (!numbers.has(name)) numbers.set(name, values.push(parameter.value!));
    return `$${numbers.get(name)}`;
  });
  return { sql: text, values };
}

function encode(rows: readonly Record<string, unknown>[]): { ColumnMetadata: ColumnMetadata[]; Records: Field[][] } {
  const names = Object.keys(rows[0] ?? {});
  const columns = names.map((name) => ({ name, typeName: typeName(rows.map((r) => r[name]).find((v) => v !== null && v !== undefined)) }));
  return {
    ColumnMetadata: columns,
    Records: rows.map((row) => names.map((name) => field(row[name]))),
  };
}

function typeName(sample: unknown): string {
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'int8' : 'float8';
  if (typeof sample === 'boolean') return 'bool';
  if (sample instanceof Date) return 'timestamp';
  return 'varchar';
}

function field(value: unknown): Field {
  if (value === null || value === undefined) return { isNull: true };
  if (typeof value === 'number') return Number.isInteger(value) ? { longValue: value } : { doubleValue: value };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (value instanceof Date) return { stringValue: value.toISOString().replace('T', ' ').replace('Z', '') };
  return { stringValue: String(value) };
}

/** PostgreSQL type OIDs -> the type names and Field kinds the Data API uses for them. */
const WIRE_TYPES: Record<number, { typeName: string; field: (text: string) => Field }> = {
  20: { typeName: 'int8', field: (text) => ({ longValue: Number(text) }) },
  21: { typeName: 'int2', field: (text) => ({ longValue: Number(text) }) },
  23: { typeName: 'int4', field: (text) => ({ longValue: Number(text) }) },
  700: { typeName: 'float4', field: (text) => ({ doubleValue: Number(text) }) },
  701: { typeName: 'float8', field: (text) => ({ doubleValue: Number(text) }) },
  1700: { typeName: 'numeric', field: (text) => ({ stringValue: text }) },
  16: { typeName: 'bool', field: (text) => ({ booleanValue: text === 't' }) },
  1114: { typeName: 'timestamp', field: (text) => ({ stringValue: text }) },
  1184: { typeName: 'timestamptz', field: (text) => ({ stringValue: text }) },
  1082: { typeName: 'date', field: (text) => ({ stringValue: text }) },
  1043: { typeName: 'varchar', field: (text) => ({ stringValue: text }) },
  25: { typeName: 'text', field: (text) => ({ stringValue: text }) },
};

async function runTyped(connection: pg.ClientConfig, sql: string, values: readonly string[]) {
  const client = new pg.Client({ ...connection, types: { getTypeParser: () => (text: string) => text } as pg.CustomTypesConfig });
  await client.connect();
  try {
    const result = await client.query<string[]>({ text: sql, values: [...values], rowMode: 'array' });
    const kinds = result.fields.map((f) => WIRE_TYPES[f.dataTypeID] ?? { typeName: `oid ${f.dataTypeID}`, field: (text: string) => ({ stringValue: text }) });
    const encoded = {
      ColumnMetadata: result.fields.map((f, i) => ({ name: f.name, label: f.name, typeName: kinds[i]!.typeName })),
      Records: result.rows.map((row) => row.map((text, i): Field => (text === null ? { isNull: true } : kinds[i]!.field(text)))),
    };
    return { result: { rows: [] as Record<string, unknown>[], rowCount: result.rowCount ?? result.rows.length }, encoded };
  } finally {
    await client.end();
  }
}
