import { SparkifyError } from '../errors.ts';

/** One step into a JSON value: an object key or an array index. */
export type PathStep = string | number;

/** How JSON values map to a table's columns: a JSONPaths file, or Redshift's 'auto' (keys = column names). */
export type FieldMapping =
  | { readonly kind: 'jsonpaths'; readonly paths: readonly (readonly PathStep[])[]; readonly expressions: readonly string[] }
  | { readonly kind: 'auto'; readonly ignoreCase: boolean };

export class JsonPathsError extends SparkifyError {
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super('JSONPATHS_INVALID', `${source}: ${message}`, options);
  }
}

/** Reads a JSONPaths document (`{"jsonpaths": ["$['a']", "$.b[0]", ...]}`) and checks it fits the columns. */
export function parseJsonPaths(text: string, source: string, columnCount: number): FieldMapping {
  let document: unknown;
  try {
    // A byte order mark at the start is not part of the JSON.
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new JsonPathsError(source, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const expressions = (document as { jsonpaths?: unknown })?.jsonpaths;
  if (!Array.isArray(expressions) || !expressions.every((e) => typeof e === 'string')) {
    throw new JsonPathsError(source, 'expected an object with a "jsonpaths" array of strings');
  }
  if (expressions.length !== columnCount) {
    throw new JsonPathsError(source, `has ${expressions.length} paths but the table has ${columnCount} columns; they must match one to one`);
  }
  return { kind: 'jsonpaths', expressions, paths: expressions.map((e, i) => parsePathExpression(e, `${source} path ${i + 1}`)) };
}

/** `$['key']`, `$["key"]`, `$.key`, `$.a.b`, `$['a'][0]`: the bracket and dot notations Redshift accepts. */
export function parsePathExpression(expression: string, where: string): PathStep[] {
  const steps: PathStep[] = [];
  const text = expression.trim();
  if (!text.startsWith('$')) throw new JsonPathsError(where, `'${expression}' must start with $`);
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    const bracketKey = /^\[\s*(['"])((?:\\.|(?!\1).)*)\1\s*\]/.exec(rest);
    const index = /^\[\s*(\d+)\s*\]/.exec(rest);
    const dotKey = /^\.([A-Za-z_][\w$-]*)/.exec(rest);
    if (bracketKey) {
      steps.push(bracketKey[2]!.replace(/\\(.)/g, '$1'));
      i += bracketKey[0].length;
    } else if (index) {
      steps.push(Number(index[1]));
      i += index[0].length;
    } else if (dotKey) {
      steps.push(dotKey[1]!);
      i += dotKey[0].length;
    } else {
      throw new JsonPathsError(where, `cannot read '${expression}' at '${rest}' (wildcards and filters are not supported, as in Redshift)`);
    }
  }
  if (steps.length === 0) throw new JsonPathsError(where, `'${expression}' selects the whole record; name a field`);
  return steps;
}

export function parseAutoMapping(value: string): FieldMapping | undefined {
  const match = /^auto(\s+ignorecase)?$/i.exec(value.trim());
  return match ? { kind: 'auto', ignoreCase: Boolean(match[1]) } : undefined;
}

/** Builds the function that pulls one row's field values out of a parsed record, in column order. */
export function fieldExtractor(mapping: FieldMapping, columns: readonly string[]): (record: unknown) => unknown[] {
  if (mapping.kind === 'jsonpaths') {
    const paths = mapping.paths;
    return (record) => paths.map((steps) => follow(record, steps));
  }
  if (!mapping.ignoreCase) return (record) => columns.map((column) => (record as Record<string, unknown>)[column]);
  return (record) => {
    const byLowerKey = new Map<string, unknown>();
    for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
      const lower = key.toLowerCase();
      if (!byLowerKey.has(lower)) byLowerKey.set(lower, value);
    }
    return columns.map((column) => byLowerKey.get(column.toLowerCase()));
  };
}

function follow(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
