import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const config = require('../../../.dependency-cruiser.cjs') as {
  forbidden: { name: string; from: { path?: string }; to: { path?: string } }[];
};

/** `^src/(a|b)(/|\.ts$)` -> ['a', 'b'] */
const names = (path: string | undefined) => /^\^src\/\(([^)]*)\)/.exec(path ?? '')?.[1]?.split('|') ?? [];

/** The layers the dependency rule enforces, lowest first, read back from its rules. */
function enforcedLayers(): string[][] {
  const rules = config.forbidden.filter((rule) => rule.name.startsWith('layer-'));
  const layers = rules.map((rule) => names(rule.from.path));
  const below = new Set(layers.flat());
  layers.push(names(rules.at(-1)?.to.path).filter((name) => !below.has(name)));
  return layers;
}

/** The layers docs/architecture.md draws: the first cell of each row of the layer-map table lists its folders. */
function documentedLayers(): string[][] {
  const doc = readFileSync(new URL('../../../docs/architecture.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Layer map'), doc.indexOf('\n## ', doc.indexOf('## Layer map') + 1));
  return section
    .split('\n')
    .filter((line) => /^\| \d+ /.test(line))
    .map((line) => [...(line.split('|')[2] ?? '').matchAll(/`([\w-]+)(?:\/|\.ts)`/g)].map((m) => m[1]!));
}

describe('the layer map', () => {
  it('is the same in .dependency-cruiser.cjs and docs/architecture.md', () => {
    const enforced = enforcedLayers();
    expect(enforced.length).toBeGreaterThan(5);
    const sorted = (layers: string[][]) => layers.map((layer) => [...layer].sort());
    expect(sorted(documentedLayers())).toEqual(sorted(enforced));
  });
});
