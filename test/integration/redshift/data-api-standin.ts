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
import { randomUUID } from 'node:crypto';
import { failedQueryId } from '#src/load/redshift/failed-query.ts';
import type { QueryResult, Warehouse } from '#src/warehouse/types.ts';

interface Ran {
  readonly result?: QueryResult<Record<string, unknown>>;
  readonly error?: unknown;
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
export function dataApiOver(warehouse: Warehouse): { client: RedshiftDataClient; calls: () => string[]; batches: () => string[][] } {
  const client = new RedshiftDataClient({ region: 'us-west-2' });
  const api = mockClient(client);
  const statements = new Map<string, Statement>();

  api.on(ExecuteStatementCommand).callsFake(async (input: { Sql: string; Parameters?: SqlParameter[] }) => {
    const id = randomUUID();
    const { sql, values } = positional(input.Sql, input.Parameters);
    try {
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
    const result = statements.get(id!)!.parts[sub === undefined ? 0 : Number(sub) - 1]!.result!;
    return encode(result.rows);
  });

  return {
    client,
    calls: () => api.calls().map((call) => (call.args[0] as { constructor: { name: string } }).constructor.name),
    batches: () => api.commandCalls(BatchExecuteStatementCommand).map((call) => call.args[0].input.Sqls ?? []),
  };
}

function describePart(statement: Statement, index: number): Omit<SubStatementData, 'Id'> {
  const part = statement.parts[index];
  if (!part) return { Status: 'ABORTED' };
  if (part.error) return { Status: 'FAILED', Error: (part.error as Error).message, RedshiftQueryId: failedQueryId(part.error) };
  return { Status: 'FINISHED', HasResultSet: part.result!.rows.length > 0, ResultRows: part.result!.rowCount };
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
