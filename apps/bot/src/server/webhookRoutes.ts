import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BotConfig } from '../config/configSchema.js';
import type { EngineClient } from '../engine/EngineClient.js';
import type { Intake } from '../intake/Intake.js';
import { extractSecret } from '../intake/extractSecret.js';
import type { DecodedBody } from '../intake/extractSecret.js';
import { isAuthorized, senderAllowlist } from '../intake/Intake.js';
import { journalAbandoned } from './httpErrors.js';

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

const tokenSchema = {
  type: 'object',
  properties: { token: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;

/** `POST /webhook` and `POST /webhook/:token`: journal first, answer, then hand the row to the engine. */
export async function webhookRoutes(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  await app.register(rateLimit, { global: false });
  const allowed = senderAllowlist(deps.config);
  const bodyText = (request: FastifyRequest) => (typeof request.body === 'string' ? request.body : '');
  const urlToken = (request: FastifyRequest) => (request.params as { token?: string }).token;

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    request.zepixJournaled = true;
    const token = urlToken(request);
    const answer = await deps.intake.receive({
      text: bodyText(request),
      ...(request.zepixDecoded ? { decoded: request.zepixDecoded } : {}),
      contentType: request.headers['content-type'] ?? '',
      sender: request.zepixSender,
      ...(token === undefined ? {} : { urlToken: token }),
    });
    // The row has committed: handed over before the answer is written, so the engine thread starts on it while
    // this one answers, and before this request counts as finished, so a shutdown's drain always comes after it.
    if (answer.dispatch) deps.engine.journaled(answer.dispatch.id, answer.dispatch.alert);
    await reply.code(answer.httpStatus).send(answer.body);
  };

  const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    // Node always closes the request; one whose body never completed and that no other path journaled was
    // abandoned by its sender (reset, hang-up, request timeout), and the README promises a row for every request.
    request.raw.once('close', () => {
      if (request.raw.complete) return;
      journalAbandoned(deps.intake, request).catch((error: unknown) =>
        request.log.error({ err: error }, 'could not journal an aborted webhook request'),
      );
    });
    // Refused before the body is read: a sender outside the allowlist costs no parsing and cannot hold a socket open.
    if (!allowed || allowed.has(request.zepixSender)) return;
    request.zepixJournaled = true;
    const answer = await deps.intake.refuseUnread({
      sender: request.zepixSender,
      contentType: request.headers['content-type'] ?? '',
      httpStatus: 403,
      status: 'unauthorized',
      code: 'ZEPIX_WEBHOOK_SENDER_NOT_ALLOWED',
      reason: `sender ${request.zepixSender} is not in server.ip_allowlist; behind a reverse proxy set server.trust_proxy to the proxy's address so the real sender is seen`,
    });
    await reply.code(answer.httpStatus).header('connection', 'close').send(answer.body);
  };

  // One counter per sender address for both routes, so /webhook and /webhook/:token share the allowance.
  const limitWrongSecrets = app.rateLimit({
    max: deps.config.server.auth_failure_limit_per_minute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => request.zepixSender,
    allowList: (request: FastifyRequest) => request.zepixAuthorized === true,
    errorResponseBuilder: (_req: FastifyRequest, context: { after: string }) =>
      Object.assign(
        new Error(`too many requests with a wrong or missing secret from this address; retry after ${context.after}`),
        { statusCode: 429, code: 'ZEPIX_WEBHOOK_RATE_LIMITED' },
      ),
  });

  const routeOptions = {
    schema: { params: tokenSchema },
    onRequest,
    preValidation: (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      // Decoded once here: the rate limiter needs to know whether the secret is right before the handler runs.
      const decoded = extractSecret(bodyText(request), deps.secret);
      const token = urlToken(request);
      request.zepixDecoded = decoded;
      request.zepixAuthorized = isAuthorized(
        { decoded, ...(token === undefined ? {} : { urlToken: token }) },
        deps.secret,
      );
      done();
    },
    preHandler: limitWrongSecrets,
  };
  app.post('/webhook', routeOptions, handler);
  app.post('/webhook/:token', routeOptions, handler);
}
