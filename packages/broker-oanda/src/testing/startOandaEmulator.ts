import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorAccount } from './EmulatorAccount.js';
import { EmulatorFaults } from './emulatorFaults.js';
import type { EmulatorFault } from './emulatorFaults.js';
import { DEFAULT_INSTRUMENTS } from './emulatorInstruments.js';
import type { EmulatedInstrument } from './emulatorInstruments.js';
import type { ApiAnswer, Transaction } from './emulatorState.js';
import { EmulatorStreams } from './emulatorStreams.js';
import { answerRest, openStream, readJson } from './emulatorRoutes.js';
import { errorBody } from './wire.js';

/** How to start an emulator; every field has a default. */
export interface OandaEmulatorOptions {
  readonly token?: string;
  readonly accountId?: string;
  /** USD balance (default 100,000). */
  readonly balance?: number;
  readonly instruments?: readonly EmulatedInstrument[];
  /** Heartbeat interval of both streams (v20 sends one every 5 seconds). */
  readonly heartbeatMs?: number;
  /** The account is linked to MetaTrader 4: orders carrying client extensions are refused. */
  readonly mt4?: boolean;
  /**
   * Told of every order request that arrives, with the wall time (performance.timeOrigin + now(), ms) it arrived:
   * benchmarks measure "alert → order request sent" with it.
   */
  readonly onOrder?: (order: Record<string, unknown>, arrivedAtMs: number) => void;
}

/** A running emulator of the OANDA v20 REST and streaming API on 127.0.0.1. */
export interface OandaEmulator {
  /** Base URL of both the REST API and the streams (`…/v3/…`). */
  readonly url: string;
  readonly token: string;
  readonly accountId: string;
  readonly account: EmulatorAccount;
  /** Every request received, as `METHOD /path` (query left out), for tests that count what was sent. */
  readonly requests: string[];
  /** Sets a quote (and fills any SL/TP it triggers); `tradeable: false` halts the market. */
  setPrice(instrument: string, bid: number, ask: number, tradeable?: boolean): void;
  inject(fault: EmulatorFault): void;
  /** Lets stream connections in again after a `drop-streams` fault. */
  resumeStreams(): void;
  /** Closes a trade as OANDA's own platform would, behind the adapter's back. */
  closeTradeElsewhere(tradeId: string): Transaction | undefined;
  /** How many streams are connected now. */
  readonly openStreams: number;
  close(): Promise<void>;
}

/** Starts the emulator on an ephemeral loopback port. */
export async function startOandaEmulator(options: OandaEmulatorOptions = {}): Promise<OandaEmulator> {
  const token = options.token ?? 'emulator-token';
  const accountId = options.accountId ?? '101-001-1234567-001';
  const instruments = new Map((options.instruments ?? DEFAULT_INSTRUMENTS).map((i) => [i.name, i]));
  const account = new EmulatorAccount(accountId, instruments, options.balance ?? 100_000, () =>
    new Date().toISOString(),
  );
  const faults = new EmulatorFaults();
  const streams = new EmulatorStreams(options.heartbeatMs ?? 5_000);
  const requests: string[] = [];
  const held = new Set<ServerResponse>();
  const context = { account, faults, streams, token, mt4: options.mt4 ?? false, held, onOrder: options.onOrder };
  const server = createServer((request, response) => {
    requests.push(`${request.method ?? 'GET'} ${(request.url ?? '').split('?')[0] ?? ''}`);
    handle(context, request, response).catch((error: unknown) =>
      send(response, { status: 500, body: errorBody(String(error)) }),
    );
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    accountId,
    account,
    requests,
    setPrice: (instrument, bid, ask, tradeable) => account.setPrice(instrument, bid, ask, tradeable),
    inject: (fault) => (fault.kind === 'drop-streams' ? streams.drop() : faults.add(fault)),
    resumeStreams: () => streams.resume(),
    closeTradeElsewhere: (tradeId) => account.closeElsewhere(tradeId),
    get openStreams() {
      return streams.count;
    },
    close: async () => {
      streams.closeAll();
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Context {
  readonly account: EmulatorAccount;
  readonly faults: EmulatorFaults;
  readonly streams: EmulatorStreams;
  readonly token: string;
  readonly mt4: boolean;
  readonly held: Set<ServerResponse>;
  readonly onOrder: OandaEmulatorOptions['onOrder'];
}

async function handle(ctx: Context, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const arrivedAtMs = performance.timeOrigin + performance.now();
  const url = new URL(request.url ?? '/', 'http://emulator');
  const method = request.method ?? 'GET';
  // Bearer tokens: https://developer.oanda.com/rest-live-v20/authentication/ (401 without a valid one).
  if (request.headers.authorization !== `Bearer ${ctx.token}`) {
    return send(response, { status: 401, body: errorBody('Insufficient authorization to perform request.') });
  }
  if (method === 'GET' && url.pathname === '/v3/accounts') {
    return send(response, {
      status: 200,
      body: { accounts: [{ id: ctx.account.id, tags: [], ...(ctx.mt4 ? { mt4AccountID: 7654321 } : {}) }] },
    });
  }
  const match = /^\/v3\/accounts\/([^/]+)(\/.*)$/.exec(url.pathname);
  if (match === null) return send(response, { status: 404, body: errorBody('The route specified does not exist') });
  if (decodeURIComponent(match[1] ?? '') !== ctx.account.id) {
    return send(response, { status: 403, body: errorBody('The provided request was forbidden.') });
  }
  const rest = match[2] ?? '';
  if (method === 'GET' && (await openStream(ctx.account, ctx.streams, rest, url.searchParams, response))) return;
  const status = ctx.faults.takeStatus(method === 'GET' ? 'reads' : 'orders');
  if (status !== undefined) return send(response, { status, body: errorBody(statusMessage(status)) });
  const body = await readJson(request);
  if (body === undefined) return send(response, { status: 400, body: errorBody('Invalid JSON in the request body') });
  if (method === 'POST' && rest === '/orders')
    ctx.onOrder?.((body.order ?? {}) as Record<string, unknown>, arrivedAtMs);
  const answer =
    answerOrder(ctx, method, rest, body) ?? answerRest(ctx.account, { method, rest, query: url.searchParams, body });
  if (answer === 'lost') {
    // A committed order whose answer is lost: the socket stays silent until the client gives up.
    ctx.held.add(response);
    response.on('close', () => ctx.held.delete(response));
    return;
  }
  send(response, answer);
}

/** Faults and refusals that belong to order creation only; undefined lets the normal route answer. */
function answerOrder(
  ctx: Context,
  method: string,
  rest: string,
  body: Record<string, unknown>,
): ApiAnswer | 'lost' | undefined {
  if (method !== 'POST' || rest !== '/orders') return undefined;
  const order = (body.order ?? {}) as Record<string, unknown>;
  if (ctx.mt4 && (order.clientExtensions !== undefined || order.tradeClientExtensions !== undefined)) {
    const message = 'Client extensions cannot be set on an Account linked to MT4';
    return { status: 400, body: errorBody(message, 'TRADE_ON_FILL_CLIENT_EXTENSIONS_NOT_SUPPORTED') };
  }
  const reject = ctx.faults.rejectNextOrder;
  if (reject !== undefined) {
    ctx.faults.rejectNextOrder = undefined;
    return { status: 400, body: errorBody(`Order rejected: ${reject}`, reject) };
  }
  if (!ctx.faults.timeoutNextOrder) return undefined;
  ctx.faults.timeoutNextOrder = false;
  ctx.account.createOrder(order);
  return 'lost';
}

function statusMessage(status: number): string {
  if (status === 429) return 'Rate limit exceeded. Please reduce the frequency of requests.';
  return 'The service is temporarily unavailable.';
}

function send(response: ServerResponse, answer: ApiAnswer): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
