import { fileURLToPath } from 'node:url';

/** The project's sql/ folder. */
export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));
