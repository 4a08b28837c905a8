import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { MetaApiErrorBody, MetatraderTrade, MetatraderTradeResponse } from '../wire.js';
import type { EmulatedAccount } from './EmulatedAccount.js';
import type { EmulatorFault, FaultQueue, FaultTarget } from './emulatorFaults.js';
import { validateTrade } from './validateTrade.js';

/** One request the emulator received, for tests that assert what was (not) sent. */
export interface RecordedRequest {
  /** Wall time in ms (performance.timeOrigin + performance.now()) when the request line arrived. */
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly authToken?: string;
}

interface Route {
  readonly target: Exclude<FaultTarget, 'any' | 'reads'>;
  readonly run: () => { status: number; body: unknown };
}

const PREFIX = /^\/users\/current\/accounts\/([^/]+)(\/.*)$/;

/** Speaks MetaApi's REST wire format (https://metaapi.cloud/docs/client/restApi/) over one emulated account. */
export class EmulatorServer {
  readonly requests: RecordedRequest[] = [];
  readonly #hanging = new Set<ServerResponse>();

  constructor(
    private readonly account: EmulatedAccount,
    private readonly faults: FaultQueue,
    private readonly auth: { readonly token: string; readonly accountId: string },
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.timeOrigin + performance.now();
    const url = new URL(req.url ?? '/', 'http://emulator');
    const raw = await readBody(req);
    const token = req.headers['auth-token'];
    const authToken = typeof token === 'string' ? token : undefined;
    const body = raw === '' ? undefined : safeJson(raw);
    this.requests.push({ receivedAt, method: req.method ?? 'GET', path: url.pathname + url.search, body, authToken });

    if (authToken !== this.auth.token) {
      return send(res, 401, error(401, 'UnauthorizedError', 'Authorization failed: the auth-token header is invalid'));
    }
    const match = PREFIX.exec(url.pathname);
    if (match === null) return send(res, 404, error(404, 'NotFoundError', `No route ${url.pathname}`));
    if (decodeURIComponent(match[1]!) !== this.auth.accountId) {
      return send(res, 404, error(404, 'NotFoundError', 'MetaTrader account not found or not provisioned yet'));
    }
    const route = this.#route(req.method ?? 'GET', match[2]!, body, url.searchParams);
    if (route === undefined) return send(res, 404, error(404, 'NotFoundError', `No route ${url.pathname}`));
    const fault = this.faults.take(route.target);
    if (fault !== undefined) return this.#faulted(fault, route, res);
    const answer = route.run();
    send(res, answer.status, answer.body);
  }

  /** Ends the answers held back by timeout faults, so the server can close. */
  dropHanging(): void {
    for (const res of this.#hanging) res.destroy();
    this.#hanging.clear();
  }

  #faulted(fault: EmulatorFault, route: Route, res: ServerResponse): void {
    switch (fault.kind) {
      case 'timeout-after-commit':
        route.run();
        this.#hanging.add(res);
        return;
      case 'timeout':
        this.#hanging.add(res);
        return;
      case 'http-error':
        if (fault.afterCommit === true) route.run();
        return send(res, fault.status ?? 500, error(fault.status ?? 500, 'InternalError', 'Internal server error'));
      case 'rate-limit': {
        const retry = new Date(Date.now() + fault.retryAfterMs).toISOString();
        res.setHeader('retry-after', String(Math.ceil(fault.retryAfterMs / 1000)));
        return send(res, 429, {
          ...error(429, 'TooManyRequestsError', 'The API allows 1000 cpu credits per 1s. Please wait and retry.'),
          metadata: { periodInSeconds: 1, creditsAvailable: 0, recommendedRetryTime: retry },
        });
      }
      case 'return-code': {
        const body: MetatraderTradeResponse = {
          numericCode: fault.numericCode,
          stringCode: fault.stringCode,
          message: fault.message ?? fault.stringCode,
        };
        return send(res, 200, body);
      }
    }
  }

  #route(method: string, path: string, body: unknown, query: URLSearchParams): Route | undefined {
    const a = this.account;
    const ok = (value: unknown) => ({ status: 200, body: value });
    const notFound = (what: string) => ({ status: 404, body: error(404, 'NotFoundError', what) });
    const parts = path.split('/').slice(1).map(decodeURIComponent);
    const [first, second, third, fourth] = parts;
    if (method === 'POST' && path === '/trade') return { target: 'trade', run: () => this.#trade(body) };
    if (method !== 'GET') return undefined;
    if (path === '/account-information')
      return { target: 'account-information', run: () => ok(a.accountInformation()) };
    if (path === '/positions') return { target: 'positions', run: () => ok(a.positions()) };
    if (path === '/symbols') return { target: 'symbols', run: () => ok(a.symbolNames()) };
    if (first === 'positions' && second !== undefined && parts.length === 2) {
      return { target: 'positions', run: () => wrap(a.position(second), `Position ${second} not found`) };
    }
    if (first === 'symbols' && second !== undefined && parts.length === 3) {
      if (third === 'specification') {
        return { target: 'specification', run: () => wrap(specOf(a, second), `Symbol ${second} not found`) };
      }
      if (third === 'current-price') {
        return { target: 'current-price', run: () => wrap(a.price(second), `No price for symbol ${second}`) };
      }
    }
    if (first === 'history-deals' && second === 'position' && third !== undefined && parts.length === 3) {
      return { target: 'history-deals', run: () => ok(a.dealsByPosition(third)) };
    }
    if ((first === 'history-deals' || first === 'history-orders') && second === 'time' && parts.length === 4) {
      const target = first;
      return { target, run: () => this.#byTime(target, third!, fourth!, query) };
    }
    return undefined;

    function wrap(value: unknown, what: string) {
      return value === undefined ? notFound(what) : ok(value);
    }
  }

  #byTime(kind: 'history-deals' | 'history-orders', start: string, end: string, query: URLSearchParams) {
    const from = new Date(start);
    const to = new Date(end);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) {
      return { status: 400, body: error(400, 'ValidationError', 'startTime and endTime must be ISO datetimes') };
    }
    const offset = Number(query.get('offset') ?? 0);
    const limit = Math.min(Number(query.get('limit') ?? 1000), 1000);
    // History orders are not kept separately: every deal here comes from one filled market order.
    const deals = this.account.dealsByTime(from, to);
    const rows =
      kind === 'history-deals'
        ? deals
        : deals.map((d) => ({
            id: d.orderId,
            type: d.type.replace('DEAL_', 'ORDER_'),
            state: 'ORDER_STATE_FILLED',
            symbol: d.symbol,
            time: d.time,
            doneTime: d.time,
            positionId: d.positionId,
            clientId: d.clientId,
            platform: 'mt5',
          }));
    return { status: 200, body: rows.slice(offset, offset + limit) };
  }

  #trade(body: unknown): { status: number; body: unknown } {
    const checked = validateTrade(body);
    if (typeof checked === 'string') return { status: 400, body: error(400, 'ValidationError', checked) };
    return { status: 200, body: this.#execute(checked) };
  }

  #execute(t: MetatraderTrade): MetatraderTradeResponse {
    const a = this.account;
    switch (t.actionType) {
      case 'ORDER_TYPE_BUY':
      case 'ORDER_TYPE_SELL':
        return a.marketOrder({
          side: t.actionType === 'ORDER_TYPE_BUY' ? 'buy' : 'sell',
          symbol: t.symbol!,
          volume: t.volume!,
          ...(t.stopLoss !== undefined ? { stopLoss: t.stopLoss } : {}),
          ...(t.takeProfit !== undefined ? { takeProfit: t.takeProfit } : {}),
          ...(t.clientId !== undefined ? { clientId: t.clientId } : {}),
          ...(t.comment !== undefined ? { comment: t.comment } : {}),
        });
      case 'POSITION_MODIFY':
        return a.modify(t.positionId!, t.stopLoss, t.takeProfit);
      case 'POSITION_PARTIAL':
        return a.closePosition(t.positionId!, t.volume);
      case 'POSITION_CLOSE_ID':
        return a.closePosition(t.positionId!);
    }
  }
}

function specOf(account: EmulatedAccount, symbol: string) {
  const spec = account.specification(symbol);
  if (spec === undefined) return undefined;
  const { profitCurrency: _internal, ...wire } = spec;
  return wire;
}

function error(status: number, name: string, message: string): MetaApiErrorBody {
  return { id: status === 429 ? 1 : status, error: name, message };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
