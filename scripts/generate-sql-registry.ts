// Writes src/sql/generated/sql-files.ts from the files in sql/ (npm run sql:generate).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRegistry, scanSqlFiles } from '../src/sql/registry-source.ts';
import { SQL_DIR } from '../src/sql/sql-dir.ts';

const target = fileURLToPath(new URL('../src/sql/generated/sql-files.ts', import.meta.url));
const entries = scanSqlFiles(SQL_DIR);
writeFileSync(target, renderRegistry(entries));
process.stdout.write(`${entries.length} SQL files -> src/sql/generated/sql-files.ts\n`);
