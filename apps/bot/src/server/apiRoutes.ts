import type { Journal } from '@zepix/journal';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StartupReport } from '../discovery/startupReport.js';
import type { EngineCalls } from '../engine/EngineClient.js';
import { constantTimeEqual } from '../intake/constantTimeEqual.js';
import type { PriceGuard } from '../intake/PriceGuard.js';
import type { BrokerIdentity } from '../runtime/brokers/createBroker.js';
import { dashboardApiRoutes } from './dashboardApiRoutes.js';
import { alertListQuery, alertParams, noQuery, pluginParams } from './routeSchemas.js';
import { tradingRoutes } from './tradingRoutes.js';
import { trendRoutes } from './trendRoutes.js';

/** What the operator API reads (the journal, here) and steers (the engine, by message). */
export interface ApiDeps {
  readonly apiToken: string;
  readonly journal: Journal;
  readonly report: StartupReport;
  readonly status: () => Record<string, unknown>;
  readonly engine: EngineCalls;
  readonly prices: PriceGuard;
  readonly brokerKind: BrokerIdentity['kind'];
}

const listQuery = z
  .object({
    status: z.enum(['accepted', 'rejected', 'unauthorized', 'aborted']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

function badRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'ZEPIX_API_BAD_REQUEST', message } });
}

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).send({ error: { code: 'ZEPIX_API_NOT_FOUND', message } });
}

async function authenticate(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply) {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
  if (!constantTimeEqual(token, deps.apiToken)) {
    await reply.code(401).send({
      error: {
        code: 'ZEPIX_API_UNAUTHORIZED',
        message: 'send "Authorization: Bearer <token>" with the value of ZEPIX_API_TOKEN (or data/api-token)',
      },
    });
  }
}

/** The REST API under /api, behind a bearer token. */
export function apiRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.addHook('onRequest', (request, reply) => authenticate(deps, request, reply));
  app.get('/status', { schema: noQuery }, () => deps.status());
  app.get('/plugins', { schema: noQuery }, async () => ({ plugins: await deps.engine.plugins(), report: deps.report }));
  app.post('/plugins/:id/enable', { schema: pluginParams }, (request, reply) => setEnabled(deps, request, reply, true));
  app.post('/plugins/:id/disable', { schema: pluginParams }, (request, reply) =>
    setEnabled(deps, request, reply, false),
  );
  app.get('/alerts', { schema: alertListQuery }, (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) {
      return badRequest(
        reply,
        query.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '),
      );
    }
    const { status, limit, before } = query.data;
    const alerts = deps.journal.list({ limit, ...(status ? { status } : {}), ...(before ? { beforeId: before } : {}) });
    return { alerts, next: alerts.length === limit ? alerts.at(-1)?.id : null };
  });
  app.get('/alerts/:id', { schema: alertParams }, (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id <= 0)
      return badRequest(reply, 'id: must be a positive whole number (the id the webhook answered with)');
    return deps.journal.get(id) ?? notFound(reply, `no alert with id ${id}`);
  });
  trendRoutes(app, deps.engine);
  tradingRoutes(app, deps.engine, deps.prices, deps.brokerKind);
  dashboardApiRoutes(app, deps);
}

async function setEnabled(deps: ApiDeps, request: FastifyRequest, reply: FastifyReply, enabled: boolean) {
  const { id } = request.params as { id: string };
  const reason = enabled ? 'enabled through the API' : 'disabled through the API';
  const done = await deps.engine.setPluginEnabled(id, enabled, reason);
  if (done) return done.status;
  const loaded = deps.report.results.flatMap((r) => (r.outcome === 'loaded' && r.id ? [r.id] : []));
  return notFound(reply, `no plugin "${id}" is loaded; loaded: ${loaded.join(', ') || 'none'}`);
}
