import { readFileSync } from 'node:fs';

/** The parts of an .ipynb file the tests read. */
export interface Notebook {
  readonly nbformat: number;
  readonly nbformat_minor: number;
  readonly cells: readonly NotebookCell[];
  readonly metadata: { readonly kernelspec?: { readonly name?: string } };
}

export interface NotebookCell {
  readonly cell_type: 'code' | 'markdown' | 'raw';
  /** Required from nbformat 4.5 (nbconvert warns, and will refuse, when a cell has none). */
  readonly id?: string;
  readonly source: string | readonly string[];
  readonly execution_count?: number | null;
  readonly outputs?: readonly NotebookOutput[];
}

export interface NotebookOutput {
  readonly output_type: 'stream' | 'display_data' | 'execute_result' | 'error';
  readonly name?: string;
  readonly text?: string | readonly string[];
  readonly data?: Readonly<Record<string, string | readonly string[]>>;
  readonly evalue?: string;
}

export function readNotebook(file: string): Notebook {
  return JSON.parse(readFileSync(file, 'utf8')) as Notebook;
}

export function text(value: string | readonly string[] | undefined): string {
  return Array.isArray(value) ? value.join('') : ((value as string | undefined) ?? '');
}

export function outputsOf(notebook: Notebook): NotebookOutput[] {
  return notebook.cells.flatMap((cell) => cell.outputs ?? []);
}

/** Rich outputs of one MIME type (text/html, image/svg+xml, ...), as text. */
export function richOutputs(notebook: Notebook, mime: string): string[] {
  return outputsOf(notebook)
    .map((output) => output.data?.[mime])
    .filter((data) => data !== undefined)
    .map((data) => text(data));
}

/** What each code cell printed to stderr (tslab writes a failing cell's error there), for messages. */
export function stderrByCell(notebook: Notebook): { source: string; stderr: string }[] {
  return notebook.cells
    .filter((cell) => cell.cell_type === 'code')
    .map((cell) => ({
      source: text(cell.source),
      stderr: (cell.outputs ?? [])
        .filter((o) => (o.output_type === 'stream' && o.name === 'stderr') || o.output_type === 'error')
        .map((o) => text(o.text) || o.evalue || '')
        .join(''),
    }))
    .filter((cell) => cell.stderr !== '');
}
