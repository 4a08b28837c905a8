import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/** The server takes every body as text (one parser for webhook and API); API routes decode JSON here. */
export function parseJson(body: unknown): unknown {
  if (typeof body !== 'string' || body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Answers 400 with every problem of a request, as `path: message`. */
export function invalid(reply: FastifyReply, error: z.ZodError) {
  const message = error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  return reply.code(400).send({ error: { code: 'ZEPIX_API_BAD_REQUEST', message } });
}
