import { readFileSync } from 'node:fs';
import { escapeHtml, tableHtml } from '../analytics/frame.ts';
import type { ReportData } from './collect.ts';
import { RUNS_TABLE } from './collect.ts';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/**
 * Nothing outside the file may load: no network, no other file. The page's own style and script are
 * inline and the pictures are inline SVG, so a browser that honours this policy needs nothing else.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** One self-contained HTML document: inline CSS, inline SVG charts, a small inline tooltip script. */
export function renderReportHtml(data: ReportData): string {
  const sections = data.sections.map((section, i) => {
    const { result, chartSvg } = section;
    const limit = result.parameters.limit === undefined ? '' : ` (top ${result.parameters.limit})`;
    const chart = chartSvg ? `<figure class="chart" aria-label="${escapeHtml(result.title)}">${scopeSvgIds(chartSvg, `c${i}`)}</figure>` : '';
    return [
      `<section id="${escapeHtml(result.name)}" class="question">`,
      `<h2>${escapeHtml(result.title)}${escapeHtml(limit)}</h2>`,
      `<p class="about">${escapeHtml(result.description)}</p>`,
      chart,
      table(result.columns, result.rows as Record<string, unknown>[]),
      '</section>',
    ].join('\n');
  });
  const nav = [
    ['schema', 'Star schema'],
    ...data.sections.map((s) => [s.result.name, s.result.title]),
    ['runs', 'Run history'],
    ['checks', 'Data-quality checks'],
  ]
    .map(([id, title]) => `<a href="#${escapeHtml(id!)}">${escapeHtml(title!)}</a>`)
    .join(' ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>Sparkify analytics report</title>
<style>
${asset('report.css')}</style>
</head>
<body>
<header>
<h1>Sparkify analytics</h1>
${provenance(data)}
<nav>${nav}</nav>
</header>
<main>
<section id="schema">
<h2>Star schema</h2>
<p class="about">Drawn from the table definitions the tables are created from: songplays is the fact table; arrows go from each foreign key to the column it references.</p>
<figure class="diagram">${scopeSvgIds(data.schemaSvg, 'schema')}</figure>
</section>
${sections.join('\n')}
${runsSection(data)}
${checksSection(data)}
</main>
<footer>Built by <code>sparkify report</code> at ${escapeHtml(data.builtAt.toISOString())}. This file needs nothing else: open it in any browser, mail it, archive it.</footer>
<div id="tooltip" role="tooltip" hidden></div>
<script>
${asset('tooltip.js')}</script>
</body>
</html>
`;
}

function provenance(data: ReportData): string {
  const window =
    data.window.from || data.window.to
      ? `plays from ${data.window.from ?? 'the first day'} to ${data.window.to ?? 'the last day'} (UTC days, both included)`
      : 'all plays';
  const span =
    data.span.plays > 0
      ? `${count(data.span.plays)} plays by ${count(data.span.users)} users, ${data.span.first_play} to ${data.span.last_play} UTC`
      : 'no plays';
  const items: [string, string][] = [
    ['built', `${data.builtAt.toISOString()}`],
    ['warehouse', data.warehouse],
    ...data.sources.map((s): [string, string] => [s.name, s.value]),
    ['data', span],
    ['analytics over', window],
    ['rows', data.tableCounts.map((t) => `${t.table} ${count(t.rows)}`).join(', ')],
  ];
  return `<dl class="provenance">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

function runsSection(data: ReportData): string {
  const body =
    data.runs === undefined
      ? `<p class="note">This warehouse has no <code>${RUNS_TABLE}</code> table, so there is no run history to show: <code>sparkify etl</code> creates it and records every run there.</p>`
      : data.runs.length === 0
        ? `<p class="note"><code>${RUNS_TABLE}</code> holds no runs yet.</p>`
        : table(Object.keys(data.runs[0]!), data.runs, `latest ${data.runs.length} runs, newest first`);
  return `<section id="runs">\n<h2>Run history</h2>\n${body}\n</section>`;
}

function checksSection(data: ReportData): string {
  const failed = data.checks.filter((c) => !c.passed).length;
  const summary =
    failed === 0
      ? `<p class="passed">All ${data.checks.length} checks passed when this report was built.</p>`
      : `<p class="failed">${failed} of ${data.checks.length} checks failed when this report was built.</p>`;
  const rows = data.checks.map((c) => ({ check: c.name, result: c.passed ? 'passed' : 'FAILED', failing_rows: c.failingRows }));
  return `<section id="checks">\n<h2>Data-quality checks</h2>\n${summary}\n${table(['check', 'result', 'failing_rows'], rows)}\n</section>`;
}

function table(columns: readonly string[], rows: readonly Record<string, unknown>[], caption?: string): string {
  return tableHtml(
    columns,
    rows.map((row) => columns.map((c) => row[c])),
    caption,
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Vega numbers its clip paths and gradients from 1 in every SVG it writes; inline in one page, the
 * second chart's `url(#clip1)` would find the first chart's. Each SVG gets its own prefix.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, `id="${prefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`)
    .replace(/\b(xlink:)?href="#([^"]+)"/g, (_, xlink: string | undefined, id: string) => `${xlink ?? ''}href="#${prefix}-${id}"`);
}
