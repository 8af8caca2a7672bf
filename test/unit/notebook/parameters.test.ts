import { describe, expect, it } from 'vitest';
import { declaredParameters, fillParameters, literal, parseParam, type NotebookJson } from '../../../scripts/notebook-parameters.ts';

const notebook = (): NotebookJson => ({
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['const from = 1;'] },
    {
      cell_type: 'code',
      metadata: { tags: ['parameters'] },
      source: ['const from: string | null = null; // first day\n', 'const to: string | null = null;\n', 'const top = 10; // rows'],
    },
    { cell_type: 'code', metadata: {}, source: 'const top = 99;' },
  ],
});

describe('notebook parameters', () => {
  it('finds the names the parameters cell declares', () => {
    expect(declaredParameters(notebook())).toEqual(['from', 'to', 'top']);
    expect(declaredParameters({ cells: [] })).toEqual([]);
  });

  it('writes the values into the parameters cell only, keeping types and comments', () => {
    const original = notebook();
    const filled = fillParameters(
      original,
      new Map([
        ['from', '2018-11-10'],
        ['top', '5'],
      ]),
    );
    expect((filled.cells[1]!.source as string[]).join('')).toBe(
      'const from: string | null = "2018-11-10"; // first day\nconst to: string | null = null;\nconst top = 5; // rows',
    );
    expect(filled.cells[2]!.source).toBe('const top = 99;');
    expect(filled.cells[0]!.source).toEqual(['const from = 1;']);
    // The notebook given is left as it was.
    expect(original).toEqual(notebook());
  });

  it('refuses a name the cell does not declare, listing those it does', () => {
    expect(() => fillParameters(notebook(), new Map([['form', 'x']]))).toThrow('unknown parameter form; the notebook takes from, to, top');
    expect(() => fillParameters({ cells: [] }, new Map([['from', 'x']]))).toThrow('no cell tagged "parameters"');
  });

  it('reads NAME=VALUE and turns values into TypeScript literals', () => {
    expect(parseParam('from=2018-11-10')).toEqual(['from', '2018-11-10']);
    expect(parseParam('q=a=b')).toEqual(['q', 'a=b']);
    expect(() => parseParam('=x')).toThrow('--param takes NAME=VALUE');
    expect([literal('5'), literal('-1.5'), literal('null'), literal('true'), literal('it\'s "x"')]).toEqual(['5', '-1.5', 'null', 'true', '"it\'s \\"x\\""']);
  });
});
