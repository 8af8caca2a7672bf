// Papermill-style parameters for the TypeScript notebooks: the cell tagged `parameters` declares
// each one as `const NAME[: type] = VALUE;` and `--param NAME=VALUE` rewrites that line before the
// notebook runs (in a copy; the committed notebook keeps its defaults).

export interface NotebookJson {
  cells: { cell_type: string; metadata?: { tags?: string[] }; source: string | string[] }[];
}

/** `from=2018-11-10` -> ['from', '2018-11-10']; the value is everything after the first `=`. */
export function parseParam(text: string): [string, string] {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq) : '';
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new Error(`--param takes NAME=VALUE, got '${text}'`);
  return [name, text.slice(eq + 1)];
}

/** A TypeScript literal for a value typed on the command line: numbers, true/false and null stay so, anything else is a string. */
export function literal(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value) || value === 'true' || value === 'false' || value === 'null') return value;
  return JSON.stringify(value);
}

/** The names the parameters cell declares, in order; empty when the notebook has no such cell. */
export function declaredParameters(notebook: NotebookJson): string[] {
  const cell = parametersCell(notebook);
  if (!cell) return [];
  return [...sourceOf(cell).matchAll(/^const\s+([A-Za-z_]\w*)\s*(?::[^=]+)?=/gm)].map((m) => m[1]!);
}

/**
 * A copy of the notebook whose parameters cell gives each named parameter its new value (the rest of
 * the line, such as a comment, stays). A name the cell does not declare is an error that lists those it does.
 */
export function fillParameters(notebook: NotebookJson, values: ReadonlyMap<string, string>): NotebookJson {
  const copy = JSON.parse(JSON.stringify(notebook)) as NotebookJson;
  if (values.size === 0) return copy;
  const cell = parametersCell(copy);
  if (!cell) throw new Error('this notebook has no cell tagged "parameters"');
  const declared = declaredParameters(copy);
  const unknown = [...values.keys()].filter((name) => !declared.includes(name));
  if (unknown.length > 0) throw new Error(`unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; the notebook takes ${declared.join(', ')}`);
  let source = sourceOf(cell);
  for (const [name, value] of values) {
    source = source.replace(new RegExp(`^(const\\s+${name}\\s*(?::[^=]+)?=\\s*)[^;\\n]*;`, 'm'), (_, head: string) => `${head}${literal(value)};`);
  }
  cell.source = source.split(/(?<=\n)/);
  return copy;
}

function parametersCell(notebook: NotebookJson) {
  return notebook.cells.find((cell) => cell.cell_type === 'code' && cell.metadata?.tags?.includes('parameters'));
}

function sourceOf(cell: { source: string | string[] }): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}
