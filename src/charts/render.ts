import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Loader, LoggerInterface, Spec, View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { SparkifyError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export class ChartError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CHART', message, options);
  }
}

/**
 * Charts carry their data inline; a spec that asks to fetch anything is a bug, not a network call.
 * Vega only logs a failed load (and draws an empty chart), so the refusal is also recorded.
 */
function noFetchLoader(errors: string[]): Loader {
  const refuse = (what: string) => {
    const message = `charts use inline data only; refused to load ${what}`;
    errors.push(message);
    return Promise.reject(new ChartError(message));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** A chart: Vega-Lite (what the builders produce) or plain Vega. */
export type ChartSpec = TopLevelSpec | Spec;

function isVegaLite(spec: ChartSpec): spec is TopLevelSpec {
  return typeof spec.$schema !== 'string' || spec.$schema.includes('vega-lite');
}

/**
 * Renders a chart to an SVG document with no browser and no canvas: Vega's headless view lays the
 * scene out itself (text widths are estimated) and serialises it as SVG.
 */
export interface RenderOptions {
  /** Where Vega's own warnings about a spec go (they are dropped without one). */
  readonly logger?: Logger;
}

export async function renderSvg(spec: ChartSpec, options: RenderOptions = {}): Promise<string> {
  let view: View | undefined;
  const errors: string[] = [];
  const logger = vegaLogger(options.logger, errors);
  try {
    // Vega and Vega-Lite load on the first chart: a command that draws none never pays for them.
    const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
    const vegaSpec = isVegaLite(spec) ? compile(spec, { logger }).spec : spec;
    view = new View(parse(vegaSpec), { renderer: 'none', loader: noFetchLoader(errors), logger });
    const svg = await view.toSVG();
    // An empty chart that hides an error is worse than no chart.
    if (errors.length > 0) throw new Error(errors.join('; '));
    return svg;
  } catch (error) {
    const title = describe(spec);
    throw new ChartError(`could not render chart${title}: ${(error as Error).message}`, { cause: error });
  } finally {
    view?.finalize();
  }
}

/** Renders a chart and writes it as an SVG file (folders created as needed); returns the SVG text. */
export async function writeSvg(spec: ChartSpec, file: string, options: RenderOptions = {}): Promise<string> {
  const svg = await renderSvg(spec, options);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, svg, 'utf8');
  return svg;
}

function describe(spec: ChartSpec): string {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return ` '${title}'`;
  if (title && typeof title === 'object' && 'text' in title) return ` '${String(title.text)}'`;
  return '';
}

/** Vega's logger interface over ours: warnings go to the logger, errors are also kept to fail the render. */
function vegaLogger(logger: Logger | undefined, errors: string[]): LoggerInterface {
  const line = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  const vega: LoggerInterface = {
    level: (level?: number) => (level === undefined ? 2 : vega),
    error: (...args) => (errors.push(line(args)), vega),
    warn: (...args) => (logger?.warn(`chart: ${line(args)}`), vega),
    info: () => vega,
    debug: () => vega,
  };
  return vega;
}
