import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EngineCalls } from '../engine/EngineClient.js';
import type { PriceGuard } from '../intake/PriceGuard.js';
import type { BrokerIdentity } from '../runtime/brokers/createBroker.js';
import { invalid, parseJson } from './requestBody.js';
import { noQuery, pluginQuery, symbolQuery, tradeParams, tradesQuery as tradesQuerySchema } from './routeSchemas.js';

const CONFIRMATION = 'CLOSE ALL';

const priceBody = z
  .object({
    symbol: z.string().min(1),
    price: z.number().positive().optional(),
    bid: z.number().positive().optional(),
    ask: z.number().positive().optional(),
  })
  .strict()
  .refine((b) => (b.price !== undefined) !== (b.bid !== undefined && b.ask !== undefined), {
    message: 'send either "price" (a mid; the spread is applied around it) or both "bid" and "ask"',
  });

const tradesQuery = z
  .object({
    plugin: z.string().min(1).optional(),
    symbol: z.string().min(1).optional(),
    state: z.enum(['open', 'closed']).optional(),
  })
  .strict();

const reasonBody = z.object({ reason: z.string().min(1).max(200).optional() }).strict();

const closeAllBody = z
  .object({
    confirm: z.literal(CONFIRMATION, { message: `must be exactly "${CONFIRMATION}"` }),
    reason: z.string().max(200).optional(),
  })
  .strict();

/** Trading routes under /api: prices, trades, risk, pause/resume, panic close-all, analytics. */
/**
 * Trading routes under /api. `brokerKind` decides whether POST /api/prices may move the market (paper only).
 */
export function tradingRoutes(
  app: FastifyInstance,
  engine: EngineCalls,
  prices: PriceGuard,
  brokerKind: BrokerIdentity['kind'],
): void {
  app.post('/prices', async (request, reply) => {
    const body = priceBody.safeParse(parseJson(request.body));
    if (!body.success) return invalid(reply, body.error);
    const { symbol, price, bid, ask } = body.data;
    if (brokerKind !== 'paper') {
      const message = `the broker is ${brokerKind}: its prices come from ${brokerKind} itself, and POST /api/prices moves only the paper market. Fix: leave prices to the broker, or set broker.kind to "paper" to simulate`;
      return reply.code(409).send({ error: { code: 'ZEPIX_API_PRICE_NOT_PAPER', message } });
    }
    const mid = price ?? (bid! + ask!) / 2;
    const problem = prices.problem(symbol, mid) ?? (bid !== undefined && bid > ask! ? 'bid is above ask' : undefined);
    if (problem !== undefined) {
      const message = `${symbol}: ${problem}; the market was left as it was (limit: intake.max_price_jump_percent)`;
      return reply.code(422).send({ error: { code: 'ZEPIX_API_PRICE_REFUSED', message } });
    }
    prices.remember(symbol, mid);
    try {
      const closes = await engine.feedPrice(
        price === undefined ? { symbol, bid: bid!, ask: ask! } : { symbol, mid: price },
      );
      return { symbol, closes };
    } catch (error) {
      return reply.code(422).send({ error: { code: 'ZEPIX_API_PRICE_REFUSED', message: (error as Error).message } });
    }
  });
  app.get('/trades', { schema: tradesQuerySchema }, async (request, reply) => {
    const query = tradesQuery.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    return { trades: await engine.listTrades(query.data) };
  });
  app.post('/trades/:id/close', { schema: tradeParams }, async (request, reply) => {
    const body = reasonBody.safeParse(parseJson(request.body) ?? {});
    if (!body.success) return invalid(reply, body.error);
    const { id } = request.params as { id: string };
    const outcome = await engine.closeTrade(id, body.data.reason ?? 'closed through the API');
    if (outcome.ok) return { ok: true, ...outcome.value };
    const { code, message } = outcome.error;
    return reply.code(code === 'ZEPIX_POSITION_NOT_FOUND' ? 404 : 502).send({ error: { code, message } });
  });
  app.get('/chains', { schema: symbolQuery }, async (request) => ({
    chains: await engine.chains((request.query as { symbol?: string }).symbol),
  }));
  app.get('/risk', { schema: noQuery }, () => engine.risk());
  app.post('/pause', (request, reply) => {
    const body = reasonBody.safeParse(parseJson(request.body) ?? {});
    if (!body.success) return invalid(reply, body.error);
    return engine.pause(body.data.reason ?? 'paused through the API');
  });
  app.post('/resume', () => engine.resume());
  app.post('/close-all', async (request, reply) => {
    const body = closeAllBody.safeParse(parseJson(request.body) ?? {});
    if (!body.success) return invalid(reply, body.error);
    return engine.closeAll(body.data.reason ?? 'panic close-all through the API');
  });
  app.get('/analytics', { schema: pluginQuery }, (request) => {
    const plugin = (request.query as { plugin?: string }).plugin;
    return engine.analytics(plugin);
  });
}
