import type { BrokerResult, TradeClose } from '@zepix/broker-api';
import { isFailure, ok, readValue } from './answers.js';
import type { Failure } from './answers.js';
import { prefixOf } from './clientIds.js';
import { entryPrice, isExit, toTradeClose } from './mapping.js';
import type { MetaApiHttp } from './MetaApiHttp.js';
import type { MetaApiStore, OrderRow } from './MetaApiStore.js';
import type { MetatraderDeal } from './wire.js';

const PAGE = 1000;
/** Deal times are the broker's; a little room past our clock keeps a deal stamped slightly ahead from being missed. */
const AHEAD_MS = 60_000;

/**
 * Reads history deals (https://metaapi.cloud/docs/client/restApi/api/retrieveHistoricalData/readDealsByTimeRange/)
 * from the last deal seen and reports every exit of a Zepix position — SL, TP, a close in the terminal — as a
 * TradeClose. The cursor and the deals already reported live in the store, so a restart catches up without
 * reporting anything twice.
 */
export class DealFeed {
  #running: Promise<BrokerResult<TradeClose[]>> | undefined;
  /** Positions a close request of ours is working on: their exits are reported by that request. */
  readonly closing = new Set<string>();

  constructor(
    private readonly http: MetaApiHttp,
    private readonly store: MetaApiStore,
    private readonly options: { readonly now: () => Date; readonly firstStart: Date },
  ) {}

  /** Resolves when no pass is in flight. */
  async idle(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  /** One pass; concurrent callers share the pass in flight. */
  poll(): Promise<BrokerResult<TradeClose[]>> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<BrokerResult<TradeClose[]>> {
    const from = this.store.dealCursor() ?? this.options.firstStart.toISOString();
    const to = new Date(this.options.now().getTime() + AHEAD_MS).toISOString();
    const deals = await this.#range(from, to);
    if (isFailure(deals)) return deals;
    const closes: TradeClose[] = [];
    let latest = from;
    let held: string | undefined;
    for (const deal of deals) {
      if (deal.time > latest) latest = deal.time;
      if (!isExit(deal) || deal.positionId === undefined) continue;
      // A close request of ours is reporting this one; keep the cursor here so nothing past it is lost.
      if (this.closing.has(deal.positionId)) {
        held ??= deal.time;
        continue;
      }
      if (this.store.hasSeenDeal(deal.id)) continue;
      const order = this.#owner(deal);
      if (order === undefined) continue;
      const close = await this.closeFor(deal, order);
      if (isFailure(close)) return close;
      if (this.store.markDealSeen(deal.id, deal.time)) closes.push(close);
    }
    this.store.advanceDealCursor(held !== undefined && held < latest ? held : latest);
    return ok(closes);
  }

  /** The TradeClose an exit deal means, with the open price and what remains read from the position's deals. */
  async closeFor(deal: MetatraderDeal, order: OrderRow): Promise<TradeClose | Failure> {
    const positionId = deal.positionId ?? '';
    const all = readValue(
      await this.http.get<MetatraderDeal[]>(`/history-deals/position/${encodeURIComponent(positionId)}`),
      `deals of position ${positionId}`,
    );
    if (isFailure(all)) return all;
    const opened = all.filter((d) => d.entryType === 'DEAL_ENTRY_IN').reduce((sum, d) => sum + (d.volume ?? 0), 0);
    const closedSoFar = all
      .filter((d) => isExit(d) && (d.time < deal.time || (d.time === deal.time && Number(d.id) <= Number(deal.id))))
      .reduce((sum, d) => sum + (d.volume ?? 0), 0);
    const remaining = Math.max(0, Math.round((opened - closedSoFar) * 1e8) / 1e8);
    return toTradeClose(
      deal,
      {
        clientOrderId: order.client_order_id,
        symbol: order.symbol,
        direction: order.direction,
        openPrice: entryPrice(all) ?? 0,
      },
      remaining,
    );
  }

  #owner(deal: MetatraderDeal): OrderRow | undefined {
    const prefix = prefixOf(deal.clientId);
    return (prefix === undefined ? undefined : this.store.byPrefix(prefix)) ?? this.store.byPosition(deal.positionId!);
  }

  async #range(from: string, to: string): Promise<MetatraderDeal[] | Failure> {
    const deals: MetatraderDeal[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const path = `/history-deals/time/${encodeURIComponent(from)}/${encodeURIComponent(to)}?offset=${offset}&limit=${PAGE}`;
      const page = readValue(await this.http.get<MetatraderDeal[]>(path), 'history deals');
      if (isFailure(page)) return page;
      deals.push(...page);
      if (page.length < PAGE) break;
    }
    return deals.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : Number(a.id) - Number(b.id)));
  }
}
