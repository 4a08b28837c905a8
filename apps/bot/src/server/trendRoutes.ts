import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EngineCalls } from '../engine/EngineClient.js';
import { invalid, parseJson } from './requestBody.js';
import { symbolQuery } from './routeSchemas.js';

const trendValue = z.union([
  z.literal(1),
  z.literal(-1),
  z.literal(0),
  z.enum(['bull', 'bear', 'neutral']).transform((t) => (t === 'bull' ? 1 : t === 'bear' ? -1 : 0)),
]);
const key = { symbol: z.string().min(1), timeframe: z.number().int().positive() };
const lockBody = z.object({ ...key, trend: trendValue }).strict();
const unlockBody = z.object(key).strict();

/** The trend store under /api: read it, lock a reading by hand, unlock it. */
export function trendRoutes(app: FastifyInstance, engine: EngineCalls, now: () => Date = () => new Date()): void {
  app.get('/trends', { schema: symbolQuery }, async (request) => ({
    trends: await engine.trends((request.query as { symbol?: string }).symbol),
  }));
  app.post('/trends/lock', (request, reply) => {
    const body = lockBody.safeParse(parseJson(request.body));
    if (!body.success) return invalid(reply, body.error);
    const { symbol, timeframe, trend } = body.data;
    return engine.lockTrend(symbol, timeframe, trend, now().toISOString());
  });
  app.post('/trends/unlock', async (request, reply) => {
    const body = unlockBody.safeParse(parseJson(request.body));
    if (!body.success) return invalid(reply, body.error);
    return { unlocked: await engine.unlockTrend(body.data.symbol, body.data.timeframe) };
  });
}
