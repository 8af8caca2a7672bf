import { escapeHtml as escapeXml } from '../analytics/frame.ts';

/**
 * The little a star-schema diagram needs from a table definition; `TableDefinition` from
 * src/schema fits it as is (its column `type` is `{ kind, length? }`).
 */
export interface DiagramColumn {
  readonly name: string;
  readonly type: string | { readonly kind: string; readonly length?: number };
  readonly references?: { readonly table: string; readonly column: string };
}

export interface DiagramTable {
  readonly name: string;
  readonly layer?: string;
  readonly columns: readonly DiagramColumn[];
  readonly primaryKey?: readonly string[];
}

export interface DiagramOptions {
  readonly title?: string;
}

const CHAR = 7.4; // width of one 12px monospace character
const ROW = 19;
const HEADER = 26;
const PAD = 10;
const GAP_X = 110;
const GAP_Y = 34;
const TOP = 48;
const FONT = "Menlo, Consolas, 'DejaVu Sans Mono', monospace";
const HEADER_FILL: Record<string, string> = { fact: '#1f6f8b', dimension: '#2a9d8f', staging: '#6d597a' };

interface Box {
  readonly table: DiagramTable;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly side: 'left' | 'center' | 'right';
}

/**
 * Draws the tables as boxes (primary keys and foreign keys marked) with an arrow from every
 * referencing column to the column it references. Fact tables sit in the middle; dimensions go left
 * and right in the order the fact's columns reference them, which keeps the arrows from crossing.
 */
export function renderSchemaDiagram(tables: readonly DiagramTable[], options: DiagramOptions = {}): string {
  const title = options.title ?? 'Star schema';
  const boxes = layout(tables);
  const width = Math.max(...boxes.map((b) => b.x + b.width), 320) + PAD * 4;
  const height = Math.max(...boxes.map((b) => b.y + b.height), TOP) + PAD * 3;
  const edges = boxes.flatMap((box) => edgesFrom(box, boxes));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">',
    '<path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${PAD * 2}" y="28" font-family="Helvetica, Arial, sans-serif" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
    ...edges,
    ...boxes.map(drawBox),
    '</svg>',
  ].join('\n');
}

function layout(tables: readonly DiagramTable[]): Box[] {
  const facts = tables.filter((t) => t.layer === 'fact');
  const others = tables.filter((t) => t.layer !== 'fact');
  const factReference = (table: DiagramTable) => {
    for (const fact of facts) {
      const index = fact.columns.findIndex((c) => c.references?.table === table.name);
      if (index !== -1) return index;
    }
    return undefined;
  };
  // A dimension the fact does not reference (user_level_history) goes right after the one it references.
  const firstReference = (table: DiagramTable): number => {
    const direct = factReference(table);
    if (direct !== undefined) return direct;
    const parent = table.columns.map((c) => others.find((t) => t.name === c.references?.table)).find((t) => t && t !== table);
    const viaParent = parent ? factReference(parent) : undefined;
    return viaParent === undefined ? Number.MAX_SAFE_INTEGER : viaParent + 0.5;
  };
  const ordered = [...others].sort((a, b) => firstReference(a) - firstReference(b));
  const half = facts.length > 0 ? Math.ceil(ordered.length / 2) : ordered.length;
  const allColumns: { side: Box['side']; tables: DiagramTable[] }[] = [
    { side: 'left', tables: ordered.slice(0, half) },
    { side: 'center', tables: facts },
    { side: 'right', tables: ordered.slice(half) },
  ];
  const columns = allColumns.filter((c) => c.tables.length > 0);

  const columnHeight = (list: DiagramTable[]) => list.reduce((sum, t) => sum + boxHeight(t) + GAP_Y, -GAP_Y);
  const tallest = Math.max(...columns.map((c) => columnHeight(c.tables)));
  const boxes: Box[] = [];
  // Arrows between two boxes of the left column loop out to the left (edgesFrom): leave them room.
  const left = columns[0]?.side === 'left' ? columns[0].tables : [];
  const leftLoops = left.some((t) => t.columns.some((c) => left.some((other) => other !== t && other.name === c.references?.table)));
  let x = PAD * 2 + (leftLoops ? 44 : 0);
  for (const column of columns) {
    const width = Math.max(...column.tables.map(boxWidth));
    let y = TOP + (tallest - columnHeight(column.tables)) / 2;
    for (const table of column.tables) {
      boxes.push({ table, x, y, width, height: boxHeight(table), side: column.side });
      y += boxHeight(table) + GAP_Y;
    }
    x += width + GAP_X;
  }
  return boxes;
}

function boxHeight(table: DiagramTable): number {
  return HEADER + table.columns.length * ROW + PAD / 2;
}

function boxWidth(table: DiagramTable): number {
  const nameWidth = Math.max(...table.columns.map((c) => c.name.length));
  const typeWidth = Math.max(...table.columns.map((c) => typeText(c.type).length));
  const rowChars = 4 + nameWidth + 2 + typeWidth; // "PK " badge, name, gap, type
  return Math.ceil(Math.max(rowChars, table.name.length + 2) * CHAR + PAD * 2);
}

function typeText(type: DiagramColumn['type']): string {
  if (typeof type === 'string') return type;
  return type.length === undefined ? type.kind : `${type.kind}(${type.length})`;
}

function rowY(box: Box, column: string): number {
  const index = box.table.columns.findIndex((c) => c.name === column);
  return box.y + HEADER + Math.max(index, 0) * ROW + ROW / 2 + 2;
}

function drawBox(box: Box): string {
  const { table, x, y, width, height } = box;
  const primary = new Set(table.primaryKey ?? []);
  const nameWidth = Math.max(...table.columns.map((c) => c.name.length));
  const fill = HEADER_FILL[table.layer ?? 'dimension'] ?? HEADER_FILL.dimension!;
  const rows = table.columns.map((column, i) => {
    const baseline = y + HEADER + i * ROW + 14;
    const badge = primary.has(column.name) ? 'PK' : column.references ? 'FK' : '';
    const weight = primary.has(column.name) ? ' font-weight="bold"' : '';
    const stripe = i % 2 === 1 ? `<rect x="${x + 1}" y="${baseline - 14}" width="${width - 2}" height="${ROW}" fill="#f4f7f8"/>` : '';
    return [
      stripe,
      `<text x="${x + PAD}" y="${baseline}" fill="#b56576" font-size="10" font-weight="bold">${badge}</text>`,
      `<text x="${x + PAD + 3 * CHAR}" y="${baseline}"${weight}>${escapeXml(column.name)}</text>`,
      `<text x="${x + PAD + (5 + nameWidth) * CHAR}" y="${baseline}" fill="#666">${escapeXml(typeText(column.type))}</text>`,
    ].join('');
  });
  return [
    `<g class="table" data-table="${escapeXml(table.name)}">`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="5" fill="white" stroke="#9aa5ab"/>`,
    `<path d="M${x},${y + HEADER} v${-(HEADER - 5)} a5,5 0 0 1 5,-5 h${width - 10} a5,5 0 0 1 5,5 v${HEADER - 5} z" fill="${fill}"/>`,
    `<text x="${x + PAD}" y="${y + 18}" fill="white" font-weight="bold" font-size="13">${escapeXml(table.name)}</text>`,
    ...rows,
    '</g>',
  ].join('\n');
}

/** One curved arrow per foreign-key column, from the referencing row to the referenced row. */
function edgesFrom(box: Box, boxes: readonly Box[]): string[] {
  const edges: string[] = [];
  for (const column of box.table.columns) {
    const ref = column.references;
    if (!ref) continue;
    const target = boxes.find((b) => b.table.name === ref.table);
    if (!target) continue;
    const y1 = rowY(box, column.name);
    const y2 = rowY(target, ref.column);
    let path: string;
    if (target.x === box.x) {
      // Same column of boxes: loop around the outer side.
      const outward = box.side === 'left' ? -1 : 1;
      const x1 = outward > 0 ? box.x + box.width : box.x;
      const x2 = outward > 0 ? target.x + target.width : target.x;
      const bulge = 40 * outward;
      path = `M${x1},${y1} C${x1 + bulge},${y1} ${x2 + bulge},${y2} ${x2},${y2}`;
    } else {
      const rightwards = target.x > box.x;
      const x1 = rightwards ? box.x + box.width : box.x;
      const x2 = rightwards ? target.x : target.x + target.width;
      const mid = (x1 + x2) / 2;
      path = `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    }
    edges.push(
      `<path class="reference" data-from="${escapeXml(`${box.table.name}.${column.name}`)}" data-to="${escapeXml(`${ref.table}.${ref.column}`)}" d="${path}" fill="none" stroke="#555" stroke-width="1.3" marker-end="url(#arrow)"/>`,
    );
  }
  return edges;
}
