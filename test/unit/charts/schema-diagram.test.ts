import { describe, expect, it } from 'vitest';
import { renderSchemaDiagram, type DiagramTable } from '#src/charts/index.ts';
import { STAR_TABLES } from '#src/schema/tables.ts';
import { texts } from './svg.ts';

function references(svg: string): string[] {
  return [...svg.matchAll(/data-from="([^"]*)" data-to="([^"]*)"/g)].map((m) => `${m[1]} -> ${m[2]}`);
}

describe('star-schema diagram', () => {
  it('draws every star table with its columns and types, from the table definitions', () => {
    const svg = renderSchemaDiagram(STAR_TABLES, { title: 'Sparkify star schema' });
    expect(svg.startsWith('<svg')).toBe(true);
    const labels = texts(svg);
    expect(labels).toContain('Sparkify star schema');
    for (const table of STAR_TABLES) {
      expect(labels).toContain(table.name);
      for (const column of table.columns) expect(labels).toContain(column.name);
    }
    expect(labels).toEqual(expect.arrayContaining(['varchar(64)', 'timestamp', 'double']));
  });

  it('draws one arrow per foreign key and marks primary and foreign keys', () => {
    const svg = renderSchemaDiagram(STAR_TABLES);
    const expected = STAR_TABLES.flatMap((t) =>
      t.columns.filter((c) => c.references).map((c) => `${t.name}.${c.name} -> ${c.references!.table}.${c.references!.column}`),
    );
    expect(references(svg).sort()).toEqual(expected.sort());
    expect(expected).toContain('songplays.user_id -> users.user_id');
    const labels = texts(svg);
    // A column in the primary key shows PK even when it also references another table.
    const primary = STAR_TABLES.flatMap((t) => (t.primaryKey ?? []).map((c) => `${t.name}.${c}`));
    expect(labels.filter((l) => l === 'PK')).toHaveLength(primary.length);
    const foreignOnly = expected.filter((edge) => !primary.includes(edge.split(' -> ')[0]!));
    expect(labels.filter((l) => l === 'FK')).toHaveLength(foreignOnly.length);
  });

  it('puts the fact table between the dimensions', () => {
    const tables: DiagramTable[] = [
      { name: 'd1', layer: 'dimension', columns: [{ name: 'id', type: 'int' }], primaryKey: ['id'] },
      { name: 'd2', layer: 'dimension', columns: [{ name: 'id', type: 'int' }], primaryKey: ['id'] },
      {
        name: 'f',
        layer: 'fact',
        columns: [
          { name: 'a', type: 'int', references: { table: 'd1', column: 'id' } },
          { name: 'b', type: 'int', references: { table: 'd2', column: 'id' } },
        ],
      },
    ];
    const svg = renderSchemaDiagram(tables);
    const x = (name: string) => Number(new RegExp(`data-table="${name}">\\n<rect x="([\\d.]+)"`).exec(svg)![1]);
    expect(x('d1')).toBeLessThan(x('f'));
    expect(x('f')).toBeLessThan(x('d2'));
  });

  it('escapes names', () => {
    const svg = renderSchemaDiagram([{ name: 'a<b>&"c', columns: [{ name: 'x&y', type: 'text' }] }]);
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c');
    expect(svg).not.toContain('a<b>');
  });
});
