import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The source of the generated SQL registry (src/sql/generated/sql-files.ts): every `.sql` file under
 * sql/, by name without the extension, with the dialects that have a variant of it
 * (`<name>.<dialect>.sql` beside `<name>.sql`). `npm run sql:generate` writes it; a unit test fails
 * when the file on disk differs from what this renders, so the registry cannot go stale.
 */
export const VARIANT_DIALECTS = ['redshift'] as const;

export interface SqlFileEntry {
  readonly name: string;
  readonly variants: readonly string[];
}

/** Every SQL file under `dir`, as registry entries sorted by name. Throws on a variant with no base file. */
export function scanSqlFiles(dir: string): SqlFileEntry[] {
  const bases = new Set<string>();
  const variants = new Map<string, string[]>();
  for (const file of walk(dir)) {
    const name = file.slice(0, -'.sql'.length);
    const dialect = VARIANT_DIALECTS.find((d) => name.endsWith(`.${d}`));
    if (dialect) {
      const base = name.slice(0, -(dialect.length + 1));
      variants.set(base, [...(variants.get(base) ?? []), dialect]);
    } else {
      bases.add(name);
    }
  }
  for (const [base, dialects] of variants) {
    if (!bases.has(base)) throw new Error(`sql/${base}.${dialects[0]}.sql is a dialect variant of sql/${base}.sql, which does not exist`);
  }
  return [...bases].sort().map((name) => ({ name, variants: [...(variants.get(name) ?? [])].sort() }));
}

export function renderRegistry(entries: readonly SqlFileEntry[]): string {
  const lines = entries.map((e) => `  '${e.name}': [${e.variants.map((v) => `'${v}'`).join(', ')}],`);
  return [
    '// Generated from the files in sql/ by `npm run sql:generate` (src/sql/registry-source.ts). Do not edit:',
    '// add, rename or remove a file in sql/, then run that command. A unit test fails when this is stale.',
    '',
    '/** Every SQL file, by name without `.sql`, with the dialects that have a `<name>.<dialect>.sql` variant. */',
    'export const SQL_FILES = {',
    ...lines,
    '} as const satisfies Readonly<Record<string, readonly string[]>>;',
    '',
    '/** The name of a file in sql/, e.g. `transform/users`; a misspelled name fails to compile. */',
    'export type SqlName = keyof typeof SQL_FILES;',
    '',
  ].join('\n');
}

function walk(dir: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...walk(dir, relative));
    else if (entry.name.endsWith('.sql')) files.push(relative);
  }
  return files;
}
