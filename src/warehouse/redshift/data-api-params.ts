import type { SqlParameter } from '@aws-sdk/client-redshift-data';
import { quoteLiteral } from '../../sql/quote.ts';

export interface NamedStatement {
  readonly sql: string;
  readonly parameters: SqlParameter[];
}

/**
 * The pipeline binds values as `$1, $2, ...` (PostgreSQL style); the Data API takes named
 * parameters (`:name`) whose values are strings that Redshift converts. This rewrites each `$n`
 * outside string literals, quoted identifiers and comments to `:<prefix><n>`. The Data API has no
 * NULL parameter and refuses empty values, so NULL and '' are written into the SQL as literals.
 */
export function toNamedParameters(sql: string, values: readonly unknown[], prefix = 'p'): NamedStatement {
  const parameters = new Map<number, SqlParameter>();
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const match = sql[i] === '$' && !/[\w$]/.test(sql[i - 1] ?? '') ? /^\$(\d+)(?![\w$])/.exec(sql.slice(i, i + 12)) : null;
    if (!match) {
      out += sql[i];
      i++;
      continue;
    }
    const index = Number(match[1]);
    if (index < 1 || index > values.length) throw new RangeError(`$${index} has no value (${values.length} given)`);
    const value = values[index - 1];
    const text = parameterText(value, index);
    if (text === null) out += 'NULL';
    else if (text === '') out += quoteLiteral('');
    else {
      const name = `${prefix}${index}`;
      parameters.set(index, { name, value: text });
      out += `:${name}`;
    }
    i += match[0].length;
  }
  return { sql: out, parameters: [...parameters.values()] };
}

function parameterText(value: unknown, index: number): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`$${index}: ${value} cannot be sent to Redshift`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  throw new TypeError(`$${index}: a ${typeof value} cannot be sent as a Data API parameter`);
}

/** Where the quoted text or comment starting at `i` ends (or `i` if none starts there). */
function skipQuotedOrComment(sql: string, i: number): number {
  const char = sql[i];
  if (char === "'" || char === '"') {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === '\\' && char === "'") j += 2;
      else if (sql[j] === char) {
        if (sql[j + 1] === char) j += 2;
        else return j + 1;
      } else j++;
    }
    return sql.length;
  }
  if (char === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (char === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return i;
}
