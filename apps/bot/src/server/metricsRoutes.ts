import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../intake/constantTimeEqual.js';
import type { BotMetrics } from '../metrics/BotMetrics.js';

/** What `/metrics` needs: the metrics, and the tokens that may read them. */
export interface MetricsDeps {
  readonly metrics: BotMetrics;
  /** The engine thread's metrics text (the engine command `metrics()`). */
  readonly engineText: () => Promise<string>;
  readonly apiToken: string;
  /** A read-only token for a scraper (ZEPIX_METRICS_TOKEN, else server.metrics_token), or null. */
  readonly metricsToken: string | null;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

async function refuse(reply: FastifyReply) {
  return reply.code(401).send({
    error: {
      code: 'ZEPIX_METRICS_UNAUTHORIZED',
      message:
        'send "Authorization: Bearer <token>" with the API token (ZEPIX_API_TOKEN or data/api-token) or the scraper token (ZEPIX_METRICS_TOKEN or server.metrics_token)',
    },
  });
}

/**
 * `GET /metrics` in Prometheus text format, behind the API token or the scraper's own token, and the timing of
 * every webhook answer (measured when the answer has been sent, so it is what TradingView waits for).
 */
export function metricsRoutes(app: FastifyInstance, deps: MetricsDeps): void {
  app.addHook('onResponse', (request, reply, done) => {
    if (request.routeOptions.url?.startsWith('/webhook')) {
      deps.metrics.webhookAnswered(String(reply.statusCode), reply.elapsedTime / 1000);
    }
    done();
  });
  app.get('/metrics', async (request, reply) => {
    const token = bearer(request);
    const allowed =
      constantTimeEqual(token, deps.apiToken) ||
      (deps.metricsToken !== null && constantTimeEqual(token, deps.metricsToken));
    if (!allowed) return refuse(reply);
    const text = await deps.metrics.render(deps.engineText);
    return reply.header('content-type', deps.metrics.contentType).send(text);
  });
}
