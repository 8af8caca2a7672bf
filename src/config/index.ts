export * from './types.ts';
export { Secret } from './secret.ts';
export { loadConfig, parseConfig, isRemote, KNOWN_KEYS, DEFAULT_SAMPLE_DIR } from './load.ts';
export { assertConfigFor, type ConfigPurpose } from './requirements.ts';
