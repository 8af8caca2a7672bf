/** Identifiers and literals that cannot be bound as $n parameters are spliced only through these. */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new TypeError(`invalid SQL identifier ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A standard-conforming string literal: quotes doubled. Backslashes are doubled too, because Redshift
 * (like PostgreSQL with standard_conforming_strings off) treats them as escapes inside '...'.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new TypeError('SQL literal contains a NUL byte');
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
