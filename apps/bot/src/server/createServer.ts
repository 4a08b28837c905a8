import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import { apiRoutes } from './apiRoutes.js';
import { clientErrorHandler, journalAbandoned, senderWentAway } from './httpErrors.js';
import { lazyCompilers } from './lazyCompilers.js';
import { SCHEMA_HINT } from './routeSchemas.js';
import { captureSenders } from './senderAddress.js';
import type { ApiDeps } from './apiRoutes.js';
import { dashboardRoutes } from './dashboardRoutes.js';
import type { DashboardFiles } from './dashboardRoutes.js';
import { metricsRoutes } from './metricsRoutes.js';
import type { MetricsDeps } from './metricsRoutes.js';
import { webhookRoutes } from './webhookRoutes.js';
import type { WebhookDeps } from './webhookRoutes.js';

/** Everything the HTTP server serves. */
export interface ServerDeps {
  readonly config: BotConfig;
  readonly logger: Logger;
  readonly webhook: WebhookDeps;
  readonly api: ApiDeps;
  /** The /health answer: 200 `ok`, or 503 `degraded` with the reasons. */
  readonly health: () => { httpStatus: number; body: Record<string, unknown> };
  readonly metrics?: MetricsDeps;
  /** The dashboard's files, served at /dashboard (read on first use). */
  readonly dashboard?: DashboardFiles;
}

/**
 * The Fastify app: bodies are taken as text whatever the content type (TradingView sends text/plain when the
 * message is not JSON), limited in size, and every error answers with a code and a sentence.
 */
export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  // Typed as Fastify's logger so the instance keeps Fastify's default generics.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // The intake logs one line per alert itself; per-request lines would double the log volume.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.server.body_limit_bytes,
    trustProxy: deps.config.server.trust_proxy,
    connectionTimeout: 10_000,
    requestTimeout: 10_000,
    clientErrorHandler: clientErrorHandler(deps.webhook.intake, deps.logger),
    schemaController: { compilersFactory: lazyCompilers },
  });
  captureSenders(app);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler(async (error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    if (request.url.startsWith('/webhook') && senderWentAway(request, error)) {
      await journalAbandoned(deps.webhook.intake, request);
      return reply.code(400).send({ error: { code: 'ZEPIX_WEBHOOK_ABORTED', message: 'the body was not complete' } });
    }
    if (request.url.startsWith('/webhook')) request.zepixJournaled = true;
    const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (statusCode >= 500) deps.logger.error({ err: error }, 'request failed');
    const schemaFailed = error.code === 'FST_ERR_VALIDATION';
    const code = schemaFailed ? 'ZEPIX_API_BAD_REQUEST' : (error.code ?? 'ZEPIX_HTTP_ERROR');
    const message =
      code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `the body is larger than server.body_limit_bytes (${deps.config.server.body_limit_bytes} bytes); TradingView alerts are far smaller, check what is being sent`
        : schemaFailed
          ? `${error.message}; ${SCHEMA_HINT}`
          : error.message;
    if (statusCode === 429) {
      // Flood protection: a rate-limited request costs no disk write.
      return reply.code(429).send({ status: 'rate_limited', error: { code, message } });
    }
    if (request.url.startsWith('/webhook') && statusCode < 500) {
      // Bad input of any shape leaves a journal row, even when it never reached the intake.
      const answer = await deps.webhook.intake.refuseUnread({
        sender: request.zepixSender,
        contentType: request.headers['content-type'] ?? '',
        httpStatus: statusCode,
        code,
        reason: message,
      });
      return reply.code(answer.httpStatus).send(answer.body);
    }
    return reply.code(statusCode).send({ error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: {
        code: 'ZEPIX_HTTP_NOT_FOUND',
        message: `no route ${request.method} ${request.url.split('?')[0]}; alerts go to POST /webhook`,
      },
    }),
  );
  app.get('/health', (_request, reply) => {
    const { httpStatus, body } = deps.health();
    return reply.code(httpStatus).send(body);
  });
  // Before the webhook routes: the ack-timing hook must see them.
  if (deps.metrics) metricsRoutes(app, deps.metrics);
  if (deps.dashboard) dashboardRoutes(app, deps.dashboard);
  await webhookRoutes(app, deps.webhook);
  await app.register(
    (api, _opts, done) => {
      apiRoutes(api, deps.api);
      done();
    },
    { prefix: '/api' },
  );
  return app;
}
