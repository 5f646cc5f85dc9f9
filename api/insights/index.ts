/** Insights: the funnel, the report, its CSV form and the admin routes; runtime-neutral. Re-exports only. `catalog.ts` is Node-only. */
export { reportToCsv, csvCell, CSV_HEADER } from './csv.ts';
export * from './funnel.ts';
export { ReportBuilder, REPORT_LIMITS, type ArticleCount, type ArticleMeta, type GapRow, type HelpfulnessRow, type InsightsReport, type ReportOptions, type StaleRow } from './report.ts';
export { DEFAULT_RANGE_DAYS, insightsRoutes, loadReport, MAX_RANGE_DAYS, parseRange, type InsightsRoutesDeps } from './routes.ts';
export { InsightsQuerySchema, InsightsReportSchema } from './schemas.ts';
