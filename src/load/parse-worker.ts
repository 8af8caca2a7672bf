import { parentPort } from 'node:worker_threads';
import { convertFileBatch, type FileBatchLimits } from './file-batch.ts';
import { FileConverter } from './file-converter.ts';
import type { BatchMessage, TableMessage } from './parse-workers.ts';

/**
 * A parse worker thread (parse-workers.ts starts it): told each table's conversion once, it
 * converts the batches of files it is sent, one at a time, and posts each result back with its rows
 * buffer transferred, not copied.
 */
const tables = new Map<string, { converter: FileConverter; limits: FileBatchLimits }>();
parentPort!.on('message', (message: TableMessage | BatchMessage) => {
  if (message.kind === 'table') {
    tables.set(message.table, { converter: new FileConverter(message.conversion), limits: message.limits });
    return;
  }
  const { converter, limits } = tables.get(message.table)!;
  const result = convertFileBatch(converter, message, limits);
  parentPort!.postMessage(result, [result.rows.buffer as ArrayBuffer]);
});
