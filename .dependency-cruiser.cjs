// The layer rule (npm run depcheck, part of npm test): a module may import its own layer and the
// layers below it, never one above, and nothing may form an import circle. docs/architecture.md
// draws the same map and says why each layer sits where it does; change both together
// (test/unit/architecture/layers.test.ts fails when they differ).
/** Lowest first. Folders (or single files) under src/, one entry per layer. */
const LAYERS = [
  ['errors', 'logger', 'format', 'run', 'pool', 'stats'],
  ['config', 'sql', 'aws', 'generate'],
  ['schema'],
  ['sources', 'warehouse'],
  ['load'],
  ['dialect'],
  ['models', 'runs'],
  ['pipeline', 'analytics', 'cluster'],
  ['charts'],
  ['notebook', 'report', 'bench'],
  ['cli'],
];

const pattern = (names) => `^src/(${names.join('|')})(/|\\.ts$)`;

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${layer.join('-')}`,
  comment: `${layer.join(', ')} may not import the layers above it: ${LAYERS.slice(index + 1)
    .flat()
    .join(', ')}`,
  severity: 'error',
  from: { path: pattern(layer) },
  to: { path: pattern(LAYERS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import circles make the load order and the layering unclear; break them with a module both sides import.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-in-a-layer',
      comment: 'Every folder of src/ belongs to a layer: add a new one to LAYERS (and docs/architecture.md).',
      severity: 'error',
      from: { path: '^src/', pathNot: pattern(LAYERS.flat()) },
      to: {},
    },
    {
      name: 'src-imported-in-a-layer',
      comment: 'A module in src/ outside every layer cannot be imported either (it may import nothing itself).',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: pattern(LAYERS.flat()) },
    },
    {
      name: 'src-not-from-test',
      comment: 'Production code never imports the tests or their support.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.sparkify|coverage)/' },
    // Type-only imports count: a type from a higher layer is still a dependency on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.cjs', '.json'] },
  },
};
