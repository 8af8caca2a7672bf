/**
 * Sample data generator: a Sparkify dataset in exactly the layout and formats of
 * the real one (docs/tables.md, "Input data"), deterministic from a seed, in bounded memory. See README.md in
 * this folder for the distributions it reproduces and how it scales.
 */
export { generateDataset, type GenerateProgress, type GenerateResult } from './generate.ts';
export { DEFAULT_MATCH_RATE, type GenerateOptions } from './options.ts';
export { GenerateError } from './errors.ts';
export { EVENT_FIELDS, jsonPathsText } from './jsonpaths.ts';
