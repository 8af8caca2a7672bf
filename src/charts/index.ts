export { renderSvg, writeSvg, ChartError, type ChartSpec, type RenderOptions } from './render.ts';
export { playsByHourChart, playsByWeekdayChart, dailyPlaysChart, WEEKDAY_NAMES } from './time-charts.ts';
export { topSongsChart, topArtistsChart, topLocationsChart } from './ranking-charts.ts';
export { levelShareChart, browserShareChart, osShareChart } from './share-charts.ts';
export { chartForResult, CHARTED_ANALYTICS } from './chart-for-result.ts';
export { renderSchemaDiagram, type DiagramTable, type DiagramColumn, type DiagramOptions } from './schema-diagram.ts';
export { COLORS, CHART_CONFIG } from './theme.ts';
export { eventsPerDayChart } from './run-charts.ts';
