import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BotConfig } from '../config/configSchema.js';
import type { EngineClient } from '../engine/EngineClient.js';
import type { Intake } from '../intake/Intake.js';
import { extractSecret } from '../intake/extractSecret.js';
import type { DecodedBody } from '../intake/extractSecret.js';
import { isAuthorized, senderAllowlist } from '../intake/Intake.js';

/** What the webhook routes need. */
export interface WebhookDeps {
  readonly intake: Intake;
  /** Only `journaled` is used here: the webhook hands the engine the new row and never waits for it. */
  readonly engine: Pick<EngineClient, 'journaled'>;
  readonly config: BotConfig;
  readonly secret: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    zepixAuthorized?: boolean;
    zepixDecoded?: DecodedBody;
  }
}

/** `POST /webhook` and `POST /webhook/:token`: journal first, answer, then hand the row to the engine. */
export async function webhookRoutes(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  await app.register(rateLimit, { global: false });
  const allowed = senderAllowlist(deps.config);
  const bodyText = (request: FastifyRequest) => (typeof request.body === 'string' ? request.body : '');
  const urlToken = (request: FastifyRequest) => (request.params as { token?: string }).token;

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = urlToken(request);
    const answer = await deps.intake.receive({
      text: bodyText(request),
      ...(request.zepixDecoded ? { decoded: request.zepixDecoded } : {}),
      contentType: request.headers['content-type'] ?? '',
      sender: request.ip,
      ...(token === undefined ? {} : { urlToken: token }),
    });
    await reply.code(answer.httpStatus).send(answer.body);
    // Posted before this request counts as finished, so a shutdown's drain always comes after it.
    if (answer.dispatch) deps.engine.journaled(answer.dispatch.id, answer.dispatch.alert);
  };

  const routeOptions = {
    preValidation: (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      // Decoded once here: the rate limiter needs to know whether the secret is right before the handler runs.
      const decoded = extractSecret(bodyText(request));
      const token = urlToken(request);
      request.zepixDecoded = decoded;
      request.zepixAuthorized =
        (!allowed || allowed.has(request.ip)) &&
        isAuthorized({ decoded, ...(token === undefined ? {} : { urlToken: token }) }, deps.secret);
      done();
    },
    config: {
      rateLimit: {
        hook: 'preHandler' as const,
        max: deps.config.server.auth_failure_limit_per_minute,
        timeWindow: 60_000,
        allowList: (request: FastifyRequest) => request.zepixAuthorized === true,
        errorResponseBuilder: (_req: FastifyRequest, context: { after: string }) =>
          Object.assign(
            new Error(
              `too many requests with a wrong or missing secret from this address; retry after ${context.after}`,
            ),
            {
              statusCode: 429,
              code: 'ZEPIX_WEBHOOK_RATE_LIMITED',
            },
          ),
      },
    },
  };
  app.post('/webhook', routeOptions, handler);
  app.post('/webhook/:token', routeOptions, handler);
}
