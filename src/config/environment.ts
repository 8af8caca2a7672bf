import { ConfigError, type ConfigProblem } from '../errors.ts';
import { CONFIG_ENV_VARIABLE } from './discover.ts';

/**
 * SPARKIFY_* variables that are not config keys: the config file's name, and the notebook scripts'
 * settings (scripts/*.sh read them; listed so that setting them is not mistaken for a typo).
 */
export const TOOL_VARIABLES: Readonly<Record<string, string>> = {
  [CONFIG_ENV_VARIABLE]: 'the config file to use (else dwh.cfg found upward from the working folder)',
  SPARKIFY_DEBUG: 'any value: as --verbose (debug lines, stack traces of failures)',
  SPARKIFY_PYTHON: 'the Python that runs Jupyter (notebook scripts)',
  SPARKIFY_JUPYTER_DIR: 'where the tslab kernel is installed (notebook scripts)',
  SPARKIFY_NOTEBOOK_OUT: 'where executed notebooks are written (notebook scripts)',
};

/** Every SPARKIFY_* variable the product understands: the tool variables and SPARKIFY_<SECTION>_<KEY>. */
export function knownVariables(keys: Readonly<Record<string, readonly string[]>>): string[] {
  const overrides = Object.entries(keys).flatMap(([section, names]) => names.map((key) => `SPARKIFY_${section}_${key}`));
  return [...Object.keys(TOOL_VARIABLES), ...overrides];
}

/**
 * A typo'd SPARKIFY_* variable would otherwise be ignored silently (and, say, the password or the
 * engine it meant to set would not be): each unknown one is a problem naming the closest known name.
 */
export function unknownVariableProblems(env: NodeJS.ProcessEnv, keys: Readonly<Record<string, readonly string[]>>): ConfigProblem[] {
  const known = knownVariables(keys);
  const problems: ConfigProblem[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith('SPARKIFY_') || known.includes(name)) continue;
    const closest = closestName(name, known);
    problems.push({ section: 'environment', key: name, problem: `unknown variable${closest ? ` (did you mean ${closest}?)` : ''}` });
  }
  if (problems.length > 0) problems.push({ section: 'environment', key: '-', problem: `known SPARKIFY_* variables: ${known.join(', ')}` });
  return problems;
}

export function assertKnownVariables(env: NodeJS.ProcessEnv, keys: Readonly<Record<string, readonly string[]>>): void {
  const problems = unknownVariableProblems(env, keys);
  if (problems.length > 0) throw new ConfigError('the environment', problems);
}

function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 5)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
