import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { quoteIdentifier, quoteLiteral } from './quote.ts';

/** The project's sql/ folder. */
export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

const cache = new Map<string, string>();

/** Reads `sql/<name>.sql` once. Names are paths without the extension, e.g. `transform/users`. */
export function readSql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(`${SQL_DIR}${name}.sql`, 'utf8').trim().replace(/;\s*$/, '');
    cache.set(name, text);
  }
  return text;
}

export interface SqlSubstitutions {
  /** `{{ident:name}}` placeholders: quoted as identifiers. */
  readonly identifiers?: Readonly<Record<string, string>>;
  /** `{{idents:name}}` placeholders: a comma-separated list of quoted identifiers. */
  readonly identifierLists?: Readonly<Record<string, readonly string[]>>;
  /** `{{literal:name}}` placeholders: quoted as string literals (for statements that take no $n, e.g. COPY). */
  readonly literals?: Readonly<Record<string, string>>;
  /** `{{sql:name}}` placeholders: a query from another sql/ file, wrapped as a subquery. Never user input. */
  readonly fragments?: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\{\{\s*(\w+):(\w+)\s*\}\}/g;

/**
 * Fills `{{ident:x}}` and `{{literal:x}}` placeholders. Unknown kinds, placeholders without a value
 * and values without a placeholder are all errors, so a typo cannot reach the warehouse.
 */
export function renderSql(template: string, substitutions: SqlSubstitutions = {}): string {
  const unused = new Set([
    ...Object.keys(substitutions.identifiers ?? {}).map((k) => `ident:${k}`),
    ...Object.keys(substitutions.identifierLists ?? {}).map((k) => `idents:${k}`),
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
    if (kind === 'literal') return quoteLiteral(required(substitutions.literals, name, whole));
    if (kind === 'sql') return required(substitutions.fragments, name, whole);
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

export function loadSql(name: string, substitutions?: SqlSubstitutions): string {
  return renderSql(readSql(name), substitutions);
}
