import { quoteIdentifier } from '../sql/quote.ts';
import type { ColumnDefinition, ColumnType, DdlDialect, TableDefinition } from './types.ts';

/** CREATE TABLE for one table, spelled for one dialect (its adapter's `ddl`, from src/dialect/). */
export function renderCreateTable(table: TableDefinition, dialect: DdlDialect): string {
  const lines = table.columns.map((column) => `    ${renderColumn(column, dialect)}`);
  for (const constraint of tableConstraints(table)) {
    const clause = dialect.constraintClause(constraint);
    if (clause !== undefined) lines.push(`    ${clause}`);
  }
  return `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(table.name)} (\n${lines.join(',\n')}\n)${dialect.tableDesign(table)}`;
}

/** A declared key, with the name it gets in the database (PostgreSQL's own naming scheme). */
export interface TableConstraint {
  readonly table: string;
  readonly name: string;
  readonly kind: 'primary key' | 'unique' | 'foreign key';
  /** The key's columns (of `table`). */
  readonly columns: readonly string[];
  /** The constraint's SQL after its name, e.g. `PRIMARY KEY ("user_id")`. */
  readonly definition: string;
}

/** The name of the foreign key of `table`.`column` (the rule tableConstraints and the checks share). */
export function foreignKeyName(table: string, column: string): string {
  return `${table}_${column}_fkey`;
}

export function tableConstraints(table: TableDefinition): TableConstraint[] {
  const constraints: TableConstraint[] = [];
  const list = (columns: readonly string[]) => columns.map(quoteIdentifier).join(', ');
  if (table.primaryKey) {
    constraints.push({
      table: table.name,
      name: `${table.name}_pkey`,
      kind: 'primary key',
      columns: table.primaryKey,
      definition: `PRIMARY KEY (${list(table.primaryKey)})`,
    });
  }
  for (const unique of table.unique ?? []) {
    constraints.push({
      table: table.name,
      name: `${table.name}_${unique.join('_')}_key`,
      kind: 'unique',
      columns: unique,
      definition: `UNIQUE (${list(unique)})`,
    });
  }
  for (const column of table.columns) {
    if (!column.references) continue;
    const { table: target, column: targetColumn } = column.references;
    constraints.push({
      table: table.name,
      name: foreignKeyName(table.name, column.name),
      kind: 'foreign key',
      columns: [column.name],
      definition: `FOREIGN KEY (${quoteIdentifier(column.name)}) REFERENCES ${quoteIdentifier(target)} (${quoteIdentifier(targetColumn)})`,
    });
  }
  return constraints;
}

export function renderDropTable(table: TableDefinition): string {
  return `DROP TABLE IF EXISTS ${quoteIdentifier(table.name)} CASCADE`;
}

function renderColumn(column: ColumnDefinition, dialect: DdlDialect): string {
  const parts = [quoteIdentifier(column.name), renderType(column.type, dialect)];
  if (column.identity) parts.push(dialect.identityClause);
  if (column.notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

function renderType(type: ColumnType, dialect: DdlDialect): string {
  switch (type.kind) {
    case 'varchar':
      return `VARCHAR(${type.length})`;
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'smallint':
      return 'SMALLINT';
    case 'double':
      return 'DOUBLE PRECISION';
    case 'timestamp':
      return dialect.timestampType;
  }
}
