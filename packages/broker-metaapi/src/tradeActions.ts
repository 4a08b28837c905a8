import { isBrokerRejection } from '@zepix/broker-api';
import type { BrokerResult, BrokerTrade, ClosedTrade, MarketOrderRequest, TradeClose } from '@zepix/broker-api';
import { MetaApiCode, isFailure, ok, readValue, rejected, tradeValue, unknown } from './answers.js';
import type { Failure } from './answers.js';
import { ORDER_COMMENT, clientIdPrefix, metaApiClientId } from './clientIds.js';
import type { DealFeed } from './DealFeed.js';
import { isExit, toBrokerTrade } from './mapping.js';
import type { MetaApiHttp } from './MetaApiHttp.js';
import type { MetaApiStore } from './MetaApiStore.js';
import { priceFor, volumeFor } from './sizing.js';
import type { MetatraderDeal, MetatraderPosition, MetatraderSymbolSpecification, MetatraderTrade } from './wire.js';

/** What the trade actions need from the adapter. */
export interface TradeContext {
  readonly http: MetaApiHttp;
  readonly store: MetaApiStore;
  readonly feed: DealFeed;
  spec(symbol: string): Promise<MetatraderSymbolSpecification | Failure>;
  find(clientOrderId: string): Promise<BrokerResult<BrokerTrade | ClosedTrade | undefined>>;
}

const levels = (spec: MetatraderSymbolSpecification, stopLoss?: number, takeProfit?: number) => ({
  ...(stopLoss !== undefined ? { stopLoss: priceFor(spec, stopLoss) } : {}),
  ...(takeProfit !== undefined ? { takeProfit: priceFor(spec, takeProfit) } : {}),
});

/**
 * ORDER_TYPE_BUY / ORDER_TYPE_SELL with volume and absolute levels fitted to the symbol specification and the
 * short clientId. The order is recorded before it is sent so that a lost answer can still be matched.
 */
export async function placeOrder(ctx: TradeContext, request: MarketOrderRequest): Promise<BrokerResult<BrokerTrade>> {
  const what = `order ${request.clientOrderId} (${request.direction} ${request.lots} ${request.symbol})`;
  const spec = await ctx.spec(request.symbol);
  if (isFailure(spec)) return spec;
  const sized = volumeFor(spec, request.lots);
  if ('problem' in sized) return rejected(MetaApiCode.invalidVolume, `${what}: ${sized.problem}`);
  const prefix = clientIdPrefix(request.clientOrderId);
  if (ctx.store.byPrefix(prefix) !== undefined) {
    const existing = await ctx.find(request.clientOrderId);
    if (!existing.ok) return existing;
    if (existing.value !== undefined) {
      return rejected(
        'ZEPIX_DUPLICATE_CLIENT_ORDER_ID',
        `${what}: the broker already holds trade ${existing.value.tradeId} for this client order id; nothing was sent`,
      );
    }
  }
  const { clientOrderId, symbol, direction } = request;
  ctx.store.remember({ prefix, client_order_id: clientOrderId, symbol, direction });
  const trade: MetatraderTrade = {
    actionType: direction === 'buy' ? 'ORDER_TYPE_BUY' : 'ORDER_TYPE_SELL',
    symbol,
    volume: sized.volume,
    ...levels(spec, request.stopLoss, request.takeProfit),
    comment: ORDER_COMMENT,
    clientId: metaApiClientId(clientOrderId),
  };
  const answer = tradeValue(await ctx.http.post('/trade', trade), what);
  if (isFailure(answer)) return answer;
  const positionId = String(answer.positionId ?? answer.orderId ?? '');
  ctx.store.setPosition(prefix, positionId);
  const position = await readPosition(ctx, positionId);
  if (isFailure(position)) {
    return unknown(`${what}: placed as position ${positionId} but it could not be read back; reconcile by client id`);
  }
  return ok(toBrokerTrade(position, clientOrderId));
}

/** POSITION_CLOSE_ID for all of a position, POSITION_PARTIAL for part; the fill comes from the closing deal. */
export async function closePosition(
  ctx: TradeContext,
  request: { readonly tradeId: string; readonly lots?: number },
): Promise<BrokerResult<TradeClose>> {
  const what = `close of position ${request.tradeId}`;
  const position = await readPosition(ctx, request.tradeId);
  if (isFailure(position)) return position;
  const spec = await ctx.spec(position.symbol);
  if (isFailure(spec)) return spec;
  let trade: MetatraderTrade = { actionType: 'POSITION_CLOSE_ID', positionId: position.id };
  if (request.lots !== undefined && request.lots < position.volume) {
    const sized = volumeFor(spec, request.lots);
    if ('problem' in sized) return rejected(MetaApiCode.invalidVolume, `${what}: ${sized.problem}`);
    if (sized.volume < position.volume)
      trade = { actionType: 'POSITION_PARTIAL', positionId: position.id, volume: sized.volume };
  }
  const answer = tradeValue(await ctx.http.post('/trade', trade), what);
  if (isFailure(answer)) return answer;
  const deals = readValue(
    await ctx.http.get<MetatraderDeal[]>(`/history-deals/position/${encodeURIComponent(position.id)}`),
    `${what}: deals`,
  );
  const deal = isFailure(deals) ? undefined : closingDeal(deals, answer.orderId);
  if (deal === undefined) {
    return unknown(`${what}: MetaApi confirmed the close but its deal could not be read; the deal poll reports it`);
  }
  const order = ctx.store.byPosition(position.id);
  const close = await ctx.feed.closeFor(deal, {
    prefix: order?.prefix ?? '',
    client_order_id: order?.client_order_id ?? position.clientId ?? '',
    symbol: position.symbol,
    direction: position.type === 'POSITION_TYPE_BUY' ? 'buy' : 'sell',
    position_id: position.id,
  });
  if (isFailure(close)) return close;
  ctx.store.markDealSeen(deal.id, deal.time);
  return ok(close);
}

/**
 * POSITION_MODIFY sets both levels and removes one left out, so a level the caller does not move is sent again as
 * it stands.
 */
export async function modifyPosition(
  ctx: TradeContext,
  request: { readonly tradeId: string; readonly stopLoss?: number; readonly takeProfit?: number },
): Promise<BrokerResult<BrokerTrade>> {
  const what = `modify of position ${request.tradeId}`;
  const position = await readPosition(ctx, request.tradeId);
  if (isFailure(position)) return position;
  const spec = await ctx.spec(position.symbol);
  if (isFailure(spec)) return spec;
  const stopLoss = request.stopLoss ?? nonZero(position.stopLoss);
  const takeProfit = request.takeProfit ?? nonZero(position.takeProfit);
  const fitted = levels(spec, stopLoss, takeProfit);
  const answer = tradeValue(
    await ctx.http.post('/trade', { actionType: 'POSITION_MODIFY', positionId: position.id, ...fitted }),
    what,
  );
  if (isFailure(answer)) return answer;
  const { stopLoss: _sl, takeProfit: _tp, ...rest } = position;
  const order = ctx.store.byPosition(position.id);
  return ok(toBrokerTrade({ ...rest, ...fitted }, order?.client_order_id ?? position.clientId ?? ''));
}

async function readPosition(ctx: TradeContext, positionId: string): Promise<MetatraderPosition | Failure> {
  const position = readValue(
    await ctx.http.get<MetatraderPosition>(`/positions/${encodeURIComponent(positionId)}`),
    `position ${positionId}`,
  );
  if (isFailure(position) && isBrokerRejection(position) && position.error.brokerCode === MetaApiCode.notFound) {
    return rejected(MetaApiCode.positionNotFound, `position ${positionId} is not open at the broker`);
  }
  return position;
}

function closingDeal(
  deals: readonly MetatraderDeal[],
  orderId: string | number | undefined,
): MetatraderDeal | undefined {
  const exits = deals.filter(isExit);
  return exits.find((d) => orderId !== undefined && d.orderId === String(orderId)) ?? exits.at(-1);
}

const nonZero = (level: number | undefined) => (level === undefined || level === 0 ? undefined : level);
