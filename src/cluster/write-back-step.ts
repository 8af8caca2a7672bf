import type { DwhConfig } from '../config/index.ts';
import { updateConfigFile, type ConfigUpdates } from '../config/write-back.ts';
import type { StepResult } from './step-result.ts';

/** Writes provisioning results into the config file the run was configured from. */
export async function writeBackStep(config: DwhConfig, enabled: boolean, updates: ConfigUpdates): Promise<StepResult> {
  const listed = Object.entries(updates)
    .flatMap(([section, keys]) => Object.entries(keys).map(([key, value]) => (value ? `[${section}] ${key} = ${value}` : `[${section}] ${key} cleared`)))
    .join(', ');
  if (!enabled || !config.file) {
    const why = config.file ? 'write-back turned off' : 'no config file was read';
    return { step: 'config', resource: config.file ?? 'dwh.cfg', outcome: 'skipped', detail: `${why}; wanted: ${listed}` };
  }
  const changes = await updateConfigFile(config.file, updates);
  const changed = changes.filter((c) => c.change !== 'unchanged');
  return {
    step: 'config',
    resource: config.file,
    outcome: changed.length > 0 ? 'updated' : 'unchanged',
    detail: listed,
  };
}
