import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TradingRuntime } from '../runtime/TradingRuntime.js';
import { invalid, parseJson } from './requestBody.js';

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
export function tradingRoutes(app: FastifyInstance, trading: TradingRuntime): void {
  app.post('/prices', async (request, reply) => {
    const body = priceBody.safeParse(parseJson(request.body));
    if (!body.success) return invalid(reply, body.error);
    const { symbol, price, bid, ask } = body.data;
    if (!trading.movesMarket) {
      const { kind } = trading.brokerIdentity;
      const message = `the broker is ${kind}: its prices come from ${kind} itself, and POST /api/prices moves only the paper market. Fix: leave prices to the broker, or set broker.kind to "paper" to simulate`;
      return reply.code(409).send({ error: { code: 'ZEPIX_API_PRICE_NOT_PAPER', message } });
    }
    try {
      const closes = await trading.feedPrice(
        price === undefined ? { symbol, bid: bid!, ask: ask! } : { symbol, mid: price },
      );
      return { symbol, closes };
    } catch (error) {
      return reply.code(422).send({ error: { code: 'ZEPIX_API_PRICE_REFUSED', message: (error as Error).message } });
    }
  });
  app.get('/trades', (request, reply) => {
    const query = tradesQuery.safeParse(request.query);
    if (!query.success) return invalid(reply, query.error);
    return { trades: trading.engine.listTrades(query.data) };
  });
  app.post('/trades/:id/close', async (request, reply) => {
    const body = reasonBody.safeParse(parseJson(request.body) ?? {});
    if (!body.success) return invalid(reply, body.error);
    const { id } = request.params as { id: string };
    const outcome = await trading.engine.closeTrade({ id, reason: body.data.reason ?? 'closed through the API' });
    if (outcome.ok) return outcome;
    return reply
      .code(outcome.code === 'ZEPIX_POSITION_NOT_FOUND' ? 404 : 502)
      .send({ error: { code: outcome.code, message: outcome.reason } });
  });
  app.get('/chains', (request) => ({ chains: trading.engine.chains(request.query as { symbol?: string }) }));
  app.get('/risk', () => trading.engine.riskState());
  app.post('/pause', (request, reply) => {
    const body = reasonBody.safeParse(parseJson(request.body) ?? {});
    if (!body.success) return invalid(reply, body.error);
    trading.engine.pause(body.data.reason ?? 'paused through the API');
    return trading.engine.riskState();
  });
  app.post('/resume', () => {
    trading.engine.resume();
    return trading.engine.riskState();
  });
  app.post('/close-all', async (request, reply) => {
    const body = closeAllBody.safeParse(parseJson(request.body) ?? {});
    if (!body.success) return invalid(reply, body.error);
    return trading.engine.closeAll({ reason: body.data.reason ?? 'panic close-all through the API' });
  });
  app.get('/analytics', (request) => {
    const plugin = (request.query as { plugin?: string }).plugin;
    return trading.engine.analytics(plugin ? { plugin } : {});
  });
}
