import { SparkifyError } from '../errors.ts';

/** The generator was given bad options or could not write its output. */
export class GenerateError extends SparkifyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('GENERATE', message, options);
  }
}
