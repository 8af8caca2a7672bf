import { readFileSync } from 'node:fs';
import type { SqlName } from './generated/sql-files.ts';
import { quoteIdentifier, quoteLiteral } from './quote.ts';
import { SQL_DIR } from './sql-dir.ts';

export { SQL_DIR } from './sql-dir.ts';
export type { SqlName } from './generated/sql-files.ts';

const cache = new Map<string, string>();

/** Reads a SQL file once. Names are paths under sql/ without the extension, e.g. `transform/users`. */
export function readSql(name: SqlName): string {
  const file = `${name}.sql`;
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(`${SQL_DIR}${file}`, 'utf8').trim().replace(/;\s*$/, '');
    cache.set(file, text);
  }
  return text;
}

export interface SqlSubstitutions {
  /** `{{ident:name}}` placeholders: quoted as identifiers. */
  readonly identifiers?: Readonly<Record<string, string>>;
  /** `{{idents:name}}` placeholders: a comma-separated list of quoted identifiers. */
  readonly identifierLists?: Readonly<Record<string, readonly string[]>>;
  /**
   * `{{table:name}}` placeholders: a table, optionally in a schema (`{ schema: 'sparkify_audit', name: 'users' }`),
   * quoted as `"schema"."name"`; a bare name stays unqualified (found through the search path).
   */
  readonly tables?: Readonly<Record<string, TableRef>>;
  /** `{{literal:name}}` placeholders: quoted as string literals (for statements that take no $n, e.g. COPY). */
  readonly literals?: Readonly<Record<string, string>>;
  /** `{{sql:name}}` placeholders: a query from another sql/ file, wrapped as a subquery. Never user input. */
  readonly fragments?: Readonly<Record<string, string>>;
  /**
   * `{{dialect:name}}` placeholders: the text the warehouse's dialect adapter supplies for them (its
   * `sqlText`, e.g. `byte_order`), the same set for every file, so a file need not use them all.
   */
  readonly dialect?: Readonly<Record<string, string>>;
}

/** A table's name, with the schema it is in where that is not the warehouse's default one. */
export type TableRef = string | { readonly schema?: string; readonly name: string };

/** `"schema"."name"`, or `"name"` for a table in the default schema. */
export function quoteTableRef(ref: TableRef): string {
  if (typeof ref === 'string') return quoteIdentifier(ref);
  return ref.schema === undefined ? quoteIdentifier(ref.name) : `${quoteIdentifier(ref.schema)}.${quoteIdentifier(ref.name)}`;
}

const PLACEHOLDER = /\{\{\s*(\w+):(\w+)\s*\}\}/g;

/**
 * Fills `{{ident:x}}`, `{{idents:x}}`, `{{literal:x}}`, `{{sql:x}}` and `{{dialect:x}}` placeholders.
 * Unknown kinds, placeholders without a value and values without a placeholder (the dialect's set
 * excepted) are all errors, so a typo cannot reach the warehouse.
 */
export function renderSql(template: string, substitutions: SqlSubstitutions = {}): string {
  const unused = new Set([
    ...Object.keys(substitutions.identifiers ?? {}).map((k) => `ident:${k}`),
    ...Object.keys(substitutions.identifierLists ?? {}).map((k) => `idents:${k}`),
    ...Object.keys(substitutions.tables ?? {}).map((k) => `table:${k}`),
    ...Object.keys(substitutions.literals ?? {}).map((k) => `literal:${k}`),
    ...Object.keys(substitutions.fragments ?? {}).map((k) => `sql:${k}`),
  ]);
  const rendered = template.replace(PLACEHOLDER, (whole, kind: string, name: string) => {
    unused.delete(`${kind}:${name}`);
    if (kind === 'ident') return quoteIdentifier(required(substitutions.identifiers, name, whole));
    if (kind === 'idents') {
      const list = required(substitutions.identifierLists, name, whole);
      if (list.length === 0) throw new Error(`empty identifier list for ${whole}`);
      return list.map(quoteIdentifier).join(', ');
    }
    if (kind === 'table') return quoteTableRef(required(substitutions.tables, name, whole));
    if (kind === 'literal') return quoteLiteral(required(substitutions.literals, name, whole));
    if (kind === 'sql') return required(substitutions.fragments, name, whole);
    if (kind === 'dialect') return required(substitutions.dialect, name, whole);
    throw new Error(`unknown placeholder kind in ${whole}`);
  });
  if (unused.size > 0) throw new Error(`substitutions with no placeholder: ${[...unused].join(', ')}`);
  if (/\{\{/.test(rendered)) throw new Error(`malformed placeholder left in SQL: ${rendered.slice(rendered.indexOf('{{'), rendered.indexOf('{{') + 40)}`);
  return rendered;
}

function required<T>(values: Readonly<Record<string, T>> | undefined, name: string, placeholder: string): T {
  const value = values?.[name];
  if (value === undefined) throw new Error(`no value for ${placeholder}`);
  return value;
}

/** A SQL file with its placeholders filled. */
export function loadSql(name: SqlName, substitutions?: SqlSubstitutions): string {
  return renderSql(readSql(name), substitutions);
}
