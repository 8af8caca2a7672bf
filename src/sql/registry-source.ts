import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The source of the generated SQL registry (src/sql/generated/sql-files.ts): every `.sql` file under
 * sql/, by name without the extension. `npm run sql:generate` writes it; a unit test fails when the
 * file on disk differs from what this renders, so the registry cannot go stale. One file serves every
 * dialect: what differs is filled in by `{{dialect:x}}` placeholders, so a name with a second dot
 * (`songs.redshift.sql`, the old per-dialect twin) is refused.
 */
export function scanSqlFiles(dir: string): string[] {
  const names = walk(dir).map((file) => file.slice(0, -'.sql'.length));
  const twin = names.find((name) => path.basename(name).includes('.'));
  if (twin) throw new Error(`sql/${twin}.sql: one file per statement for every dialect; put what differs in a {{dialect:x}} placeholder`);
  return names.sort();
}

export function renderRegistry(names: readonly string[]): string {
  return [
    '// Generated from the files in sql/ by `npm run sql:generate` (src/sql/registry-source.ts). Do not edit:',
    '// add, rename or remove a file in sql/, then run that command. A unit test fails when this is stale.',
    '',
    '/** Every SQL file, by name without `.sql`. */',
    'export const SQL_NAMES = [',
    ...names.map((name) => `  '${name}',`),
    '] as const;',
    '',
    '/** The name of a file in sql/, e.g. `transform/users`; a misspelled name fails to compile. */',
    'export type SqlName = (typeof SQL_NAMES)[number];',
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
