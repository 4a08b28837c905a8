import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorAccount } from './EmulatorAccount.js';
import type { ApiAnswer } from './emulatorState.js';
import type { EmulatorStreams } from './emulatorStreams.js';
import { clientPrice, errorBody, instrumentJson } from './wire.js';

/** A parsed request: method, the path below `/v3/accounts/{id}`, the query and the JSON body. */
export interface RouteRequest {
  readonly method: string;
  readonly rest: string;
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
}

const notFound: ApiAnswer = { status: 404, body: errorBody('The route specified does not exist') };

/** The REST routes below `/v3/accounts/{accountID}` (https://developer.oanda.com/rest-live-v20/account-ep/ etc.). */
export function answerRest(account: EmulatorAccount, request: RouteRequest): ApiAnswer {
  const { method, rest, query, body } = request;
  const last = { lastTransactionID: account.ledger.lastTransactionID };
  const trade = /^\/trades\/([^/]+)(\/close|\/orders)?$/.exec(rest);
  if (method === 'GET' && rest === '/summary') return { status: 200, body: { account: account.summary(), ...last } };
  if (method === 'GET' && rest === '/instruments') {
    const wanted = query.get('instruments')?.split(',');
    const list = [...account.instruments.values()].filter((i) => wanted === undefined || wanted.includes(i.name));
    return { status: 200, body: { instruments: list.map(instrumentJson), ...last } };
  }
  if (method === 'GET' && rest === '/pricing') return pricing(account, query);
  if (method === 'POST' && rest === '/orders') return account.createOrder(body.order ?? {});
  if (method === 'GET' && rest === '/openTrades') {
    return { status: 200, body: { trades: account.ledger.openTrades().map((t) => account.tradeJson(t)), ...last } };
  }
  if (method === 'GET' && rest === '/transactions/sinceid') return sinceId(account, query);
  if (trade !== undefined && trade !== null) {
    const specifier = decodeURIComponent(trade[1] ?? '');
    if (method === 'GET' && trade[2] === undefined) {
      const found = account.ledger.find(specifier);
      if (found === undefined)
        return { status: 404, body: errorBody('The Trade specified does not exist', 'TRADE_DOESNT_EXIST') };
      return { status: 200, body: { trade: account.tradeJson(found), ...last } };
    }
    if (method === 'PUT' && trade[2] === '/close') return account.closeTrade(specifier, body);
    if (method === 'PUT' && trade[2] === '/orders') return account.setDependentOrders(specifier, body);
  }
  return notFound;
}

function pricing(account: EmulatorAccount, query: URLSearchParams): ApiAnswer {
  const names = query.get('instruments')?.split(',') ?? [];
  const prices = names.flatMap((name) => {
    const instrument = account.instruments.get(name);
    const quote = account.ledger.quotes.get(name);
    return instrument === undefined || quote === undefined ? [] : [clientPrice(instrument, quote)];
  });
  return { status: 200, body: { prices, time: account.ledger.now() } };
}

function sinceId(account: EmulatorAccount, query: URLSearchParams): ApiAnswer {
  const id = Number(query.get('id'));
  if (!Number.isInteger(id) || id < 0) return { status: 400, body: errorBody("Invalid value specified for 'id'") };
  const transactions = account.ledger.transactions.filter((t) => Number(t.id) > id);
  return { status: 200, body: { transactions, lastTransactionID: account.ledger.lastTransactionID } };
}

/** Opens the pricing or the transaction stream; false when `rest` names neither. */
export async function openStream(
  account: EmulatorAccount,
  streams: EmulatorStreams,
  rest: string,
  query: URLSearchParams,
  response: ServerResponse,
): Promise<boolean> {
  const now = () => account.ledger.now();
  if (rest === '/transactions/stream') {
    const heartbeat = () => ({ type: 'HEARTBEAT', lastTransactionID: account.ledger.lastTransactionID, time: now() });
    const write = await streams.open(response, heartbeat);
    const stop = account.ledger.onTransaction(write);
    response.on('close', stop);
    return true;
  }
  if (rest !== '/pricing/stream') return false;
  const names = new Set(query.get('instruments')?.split(',') ?? []);
  const write = await streams.open(response, () => ({ type: 'HEARTBEAT', time: now() }));
  const send = (name: string) => {
    const instrument = account.instruments.get(name);
    const quote = account.ledger.quotes.get(name);
    if (instrument !== undefined && quote !== undefined && names.has(name)) write(clientPrice(instrument, quote));
  };
  if (query.get('snapshot') !== 'false') for (const name of names) send(name);
  const stop = account.onPrice(send);
  response.on('close', stop);
  return true;
}

/** Reads a JSON body; an empty body is `{}`, anything unparsable is undefined. */
export async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
