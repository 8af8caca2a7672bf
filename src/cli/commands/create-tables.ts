import type { CommandModule } from '../context.ts';
import { withWarehouse } from '../warehouse-session.ts';

export const command: CommandModule = {
  summary: 'drop and recreate the staging and star-schema tables',
  usage: [
    'sparkify create-tables [--config dwh.cfg] [--wait-lock SECONDS] [--json]',
    '',
    'Drops the staging and star-schema tables (with their data) and creates them empty.',
  ].join('\n'),
  async run(context) {
    const { createTables } = await import('../../pipeline/create-tables.ts');
    const tables = await withWarehouse(context, (warehouse) => createTables(warehouse, { logger: context.logger }));
    context.print(`created ${tables.length} tables: ${tables.join(', ')}`);
    context.printJson({ created: tables });
    return 0;
  },
};
