/**
 * Routes for probes, scrapers and readers of the docs, by route template: they need no API key
 * and are never rate limited. Probes and scrapes come every few seconds from inside the
 * cluster; one docs page view is half a dozen requests for files held in memory.
 */
export const OPERATOR_ROUTES: ReadonlySet<string> = new Set([
  '/health',
  '/metrics',
  '/openapi.json',
  '/docs',
  '/docs/:asset',
]);
