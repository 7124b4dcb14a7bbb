import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './metrics.registry';

/** From 5 ms to 10 s: an API read is tens of ms, a large scan upload several seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Times every HTTP request by method, route template and status. The template (`/v1/projects/
 * :project/schema`), never the URL, so the series stay few; requests that match no route share
 * the one `unmatched` route.
 */
export function observeHttpRequests(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  const duration = metrics.histogram(
    'schematrace_http_request_duration_seconds',
    'Time to answer an HTTP request, by method, route template and status',
    ['method', 'route', 'status'],
    DURATION_BUCKETS,
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
