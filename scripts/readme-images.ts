// Renders the README's pictures from the configured warehouse, after `npm start` or the ETL:
//   npx tsx scripts/readme-images.ts [OUT_DIR]     (default notebooks/images)
// A chart of plays by hour and the star-schema diagram, both drawn by src/charts.
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { playsByHour, runAnalytics } from '../src/analytics/index.ts';
import { playsByHourChart, renderSchemaDiagram, writeSvg } from '../src/charts/index.ts';
import { loadConfig } from '../src/config/index.ts';
import { stderrLogger } from '../src/logger.ts';
import { STAR_TABLES } from '../src/schema/tables.ts';
import { openWarehouse } from '../src/warehouse/open.ts';

const outDir = path.resolve(process.argv[2] ?? 'notebooks/images');
const logger = stderrLogger();
const warehouse = await openWarehouse(loadConfig(), { logger });
try {
  const hours = await runAnalytics(warehouse, playsByHour);
  await writeSvg(playsByHourChart(hours.rows), path.join(outDir, 'plays_by_hour.svg'), { logger });
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'star_schema.svg'), renderSchemaDiagram(STAR_TABLES, { title: 'Sparkify star schema' }));
  logger.info(`wrote plays_by_hour.svg and star_schema.svg to ${outDir} from ${warehouse.description}`);
} finally {
  await warehouse.close();
}
