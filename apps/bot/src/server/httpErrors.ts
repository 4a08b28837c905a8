import type { Socket } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Intake } from '../intake/Intake.js';
import { NO_ANSWER_STATUS } from '../intake/Intake.js';
import { socketAddress } from './senderAddress.js';

/** Sockets whose malformed request was already journaled by the client-error handler. */
const journaledSockets = new WeakSet<Socket>();

/** True when the sender hung up (or was timed out) before the body was complete: nobody is left to answer. */
export function senderWentAway(request: FastifyRequest, error: { code?: string }): boolean {
  return (
    error.code === 'ECONNRESET' ||
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ||
    request.raw.socket.destroyed ||
    request.raw.readableAborted
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set as soon as a journal row for this request is on its way, so no path journals it twice. */
    zepixJournaled?: boolean;
  }
}

/**
 * Journals an abandoned webhook request (status `aborted`) once, unless another path already journaled it (its
 * framing error, a refusal, the intake).
 */
export async function journalAbandoned(intake: Intake, request: FastifyRequest): Promise<void> {
  if (request.zepixJournaled === true || journaledSockets.has(request.raw.socket)) return;
  request.zepixJournaled = true;
  await intake.refuseUnread({
    sender: request.zepixSender,
    contentType: request.headers['content-type'] ?? '',
    httpStatus: NO_ANSWER_STATUS,
    status: 'aborted',
    code: 'ZEPIX_WEBHOOK_ABORTED',
    reason: 'the sender closed the connection or timed out before the body was complete; nothing was acted on',
  });
}

const MALFORMED =
  'the request is not valid HTTP/1.1 (bad chunk size, missing chunk terminator or broken headers); send a complete body with a correct Content-Length, as TradingView does';

/**
 * Node's parser refused the bytes (malformed framing): answer 400 with a sentence where the socket still takes
 * it, and journal the attempt, since such a request never reaches a route.
 */
export function clientErrorHandler(intake: Intake, logger: Logger) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // EOF inside a body is a hang-up, not bad framing: the request's own close listener journals it as aborted.
    const hangUp = error.code === 'HPE_INVALID_EOF_STATE' || error.code === 'ECONNRESET';
    const framing = !hangUp && typeof error.code === 'string' && error.code.startsWith('HPE_');
    if (framing) {
      journaledSockets.add(socket);
      intake
        .refuseUnread({
          sender: socketAddress(socket),
          contentType: '',
          httpStatus: 400,
          code: 'ZEPIX_HTTP_MALFORMED',
          reason: `${MALFORMED} (${error.code})`,
        })
        .catch((cause: unknown) => logger.error({ err: cause }, 'could not journal a malformed request'));
    }
    if (socket.writable) {
      const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      const body = JSON.stringify({
        error: { code: framing ? 'ZEPIX_HTTP_MALFORMED' : 'ZEPIX_HTTP_ERROR', message: MALFORMED },
      });
      socket.end(
        `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
