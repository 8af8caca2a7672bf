export * from './types.ts';
export { Secret } from './secret.ts';
export { loadConfig, parseConfig, isRemote, KNOWN_KEYS, DEFAULT_SAMPLE_DIR } from './load.ts';
export { assertConfigFor, type ConfigPurpose } from './requirements.ts';
export { locateConfig, projectRoot, CONFIG_FILE_NAME, CONFIG_ENV_VARIABLE, type ConfigLocation, type ConfigOrigin } from './discover.ts';
export { assertKnownVariables, knownVariables, TOOL_VARIABLES } from './environment.ts';
