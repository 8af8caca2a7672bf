import type { Warehouse } from '../types.ts';
import type { RunLock } from './run-lock.ts';

interface Held {
  lock: RunLock;
  depth: number;
}

const held = new WeakMap<Warehouse, Held>();

/**
 * Runs `work` holding the warehouse's run lock. Re-entrant within a process: `start` holds it across
 * create-tables and the ETL, which take it again themselves (so notebooks calling them are covered too).
 */
export async function withRunLock<T>(warehouse: Warehouse, command: string, mode: 'exclusive' | 'shared', work: () => Promise<T>): Promise<T> {
  const current = held.get(warehouse);
  if (current) {
    if (mode === 'exclusive' && current.lock.mode === 'shared') throw new Error(`${command} needs the run lock exclusively inside a run that holds it shared`);
    current.depth += 1;
    try {
      return await work();
    } finally {
      current.depth -= 1;
    }
  }
  if (!warehouse.lockRun) return work();
  const lock = await warehouse.lockRun({ command, mode });
  held.set(warehouse, { lock, depth: 1 });
  try {
    return await work();
  } finally {
    held.delete(warehouse);
    await lock.release();
  }
}
