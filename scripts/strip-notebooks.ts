// `npm run notebooks:strip`: removes outputs, execution counts and per-cell execution timings from
// the notebooks (or the given files) so they are committed clean; the notebook test checks this.
//   npx tsx scripts/strip-notebooks.ts [FILE.ipynb ...]
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NOTEBOOKS = fileURLToPath(new URL('../notebooks/', import.meta.url));

interface Cell {
  cell_type: string;
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
}

const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : (await readdir(NOTEBOOKS))
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => path.join(NOTEBOOKS, f));

for (const file of files) {
  const before = await readFile(file, 'utf8');
  const notebook = JSON.parse(before) as { cells: Cell[] };
  for (const cell of notebook.cells) {
    if (cell.metadata) {
      delete cell.metadata.execution; // timings nbclient records
      delete cell.metadata.collapsed;
      delete cell.metadata.scrolled;
    }
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  // Jupyter's own layout: one-space indent, non-ASCII kept, a final newline.
  const after = `${JSON.stringify(notebook, null, 1)}\n`;
  if (after !== before) {
    await writeFile(file, after);
    process.stderr.write(`stripped ${path.relative(process.cwd(), file)}\n`);
  }
}
