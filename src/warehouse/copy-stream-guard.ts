import type { Writable } from 'node:stream';

/** The parts of pg-copy-streams' CopyStreamQuery (7.x) that touch its connection after the server has ended the COPY. */
interface CopyStreamInternals {
  connection: unknown;
  chunks: unknown[];
  handleError(error: Error): void;
  _final(callback: (error?: Error | null) => void): void;
  _destroy(error: Error | null, callback: (error?: Error | null) => void): void;
}

/**
 * pg-copy-streams forgets its connection when the server ends a COPY with an error (disk full, a row
 * refused, the server stopping), yet a write still buffered, the final CopyDone or a later destroy()
 * reads `this.connection.stream` and throws `TypeError: Cannot read properties of null` from inside
 * the stream machinery. After that point the stream is given a connection that drops what is written,
 * and ending or destroying it reports the server's error instead.
 */
export function guardCopyIn<T extends Writable>(stream: T): T {
  const copy = stream as unknown as CopyStreamInternals;
  let serverError: Error | undefined;
  const dead = {
    stream: { write: () => true, once: (_event: string, listener: () => void) => setImmediate(listener) },
    sendCopyFail: () => undefined,
  };
  const handleError = copy.handleError.bind(copy);
  copy.handleError = (error: Error) => {
    serverError ??= error;
    handleError(error);
    copy.connection = dead;
    copy.chunks = [];
  };
  const final = copy._final.bind(copy);
  copy._final = (callback) => (copy.connection === dead ? callback(serverError) : final(callback));
  const destroy = copy._destroy.bind(copy);
  copy._destroy = (error, callback) => (copy.connection === dead ? callback(error ?? serverError) : destroy(error, callback));
  return stream;
}
