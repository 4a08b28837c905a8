import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Update } from 'grammy/types';
import { FakeBotApi } from './FakeBotApi.js';
import type { DownMode, FakeCall, FakeMessage, FakeReply } from './FakeBotApi.js';
import { errorReply } from './FakeBotApi.js';
import type { FakeLimits } from './fakeLimits.js';
import { callMethod } from './fakePolling.js';
import { buttonUpdate, commandUpdate } from './fakeUpdates.js';
import type { FakeSenderOptions } from './fakeUpdates.js';
import { readParams } from './fakeBody.js';

/** Options of `startFakeTelegram`. */
export interface FakeTelegramOptions {
  /** Flood limits per bot token (defaults: 1/s per chat, 20/min per group, 30/s overall); `false` turns them off. */
  readonly limits?: FakeLimits | false;
  /** Tokens answered with 401 Unauthorized, like a revoked or mistyped token. */
  readonly rejectTokens?: readonly string[];
}

/** How the fake fails while down; see `setDown`. */
export type { DownMode } from './FakeBotApi.js';

/** A loopback Bot API for tests: real HTTP, real envelopes, real long polling, flood limits and outages. */
export interface FakeTelegram {
  /** Pass as grammY's `client.apiRoot` (or `api_root` in the config). */
  readonly apiRoot: string;
  stop(): Promise<void>;
  /** Queues an incoming update for `getUpdates`. */
  pushUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }, options?: { token?: string }): Update;
  /** A user sends `text` (a `/command` gets its bot_command entity). */
  sendCommand(text: string, options: FakeSenderOptions): Update;
  /** A user presses an inline button on one of the bot's messages; returns the callback query id. */
  pressButton(callbackData: string, options: FakeSenderOptions & { readonly messageId: number }): string;
  /** Everything bots sent, in order, edits applied; optionally for one chat. */
  messages(chatId?: number | string): FakeMessage[];
  /** Every request, optionally of one method (case-insensitive). */
  calls(method?: string): FakeCall[];
  /** Answers to callback queries, by query id. */
  answers(): ReadonlyMap<string, Readonly<Record<string, unknown>>>;
  /** The commands a bot registered with setMyCommands. */
  commands(token?: string): unknown;
  /** While down, every request fails and open connections (long polls included) are cut. */
  setDown(down: boolean, mode?: DownMode): void;
  /** Resolves when `predicate` holds (checked after every request and update); rejects after `timeoutMs`. */
  waitFor(predicate: (fake: FakeTelegram) => boolean, timeoutMs?: number): Promise<void>;
}

/** Starts the fake Bot API on 127.0.0.1 at a free port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const api = new FakeBotApi(options.limits ?? {}, options.rejectTokens);
  const sockets = new Set<Socket>();
  // A client that hangs up mid-request (an aborted long poll) is not an error worth reporting.
  const server = createServer((req, res) => void serve(api, req, res).catch(() => res.destroy()));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const stop = async (): Promise<void> => {
    api.wakeAll();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const setDown = (value: boolean, mode: DownMode = 'bad-gateway'): void => {
    api.down = value ? mode : null;
    if (value) for (const socket of sockets) socket.destroy();
    api.changed();
  };
  return facade(api, `http://127.0.0.1:${port}`, stop, setDown);
}

function facade(
  api: FakeBotApi,
  apiRoot: string,
  stop: () => Promise<void>,
  setDown: FakeTelegram['setDown'],
): FakeTelegram {
  const target = (token?: string): string => token ?? api.defaultToken();
  const fake: FakeTelegram = {
    apiRoot,
    stop,
    setDown,
    pushUpdate: (update, opts) => api.pushUpdate(target(opts?.token), update),
    sendCommand: (text, opts) => api.pushUpdate(target(opts.token), commandUpdate(api, text, opts)),
    pressButton: (data, opts) => {
      const id = String(api.callbackIds.size + 1);
      api.callbackIds.add(id);
      api.pushUpdate(target(opts.token), buttonUpdate(api, data, opts, id));
      return id;
    },
    messages: (chatId) => api.sent.filter((m) => chatId === undefined || m.chatId === chatId).map((m) => ({ ...m })),
    calls: (method) => api.log.filter((c) => method === undefined || c.method.toLowerCase() === method.toLowerCase()),
    answers: () => api.answered,
    commands: (token) => api.commands.get(target(token)),
    waitFor: (predicate, timeoutMs = 5000) => waitFor(api, fake, predicate, timeoutMs),
  };
  return fake;
}

async function serve(api: FakeBotApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const mode = api.down;
  if (mode === 'reset') return void req.socket.destroy();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
  if (!route?.[1] || !route[2]) return send(res, errorReply(404, 'Not Found'));
  const [token, method] = [decodeURIComponent(route[1]), route[2]];
  const params = await readParams(req, url);
  const call: FakeCall = { token, method, params: 'error' in params ? {} : params, status: 0, at: Date.now() };
  api.log.push(call);
  const closed = new AbortController();
  res.on('close', () => closed.abort());
  let reply: FakeReply;
  if (mode === 'bad-gateway') reply = errorReply(502, 'Bad Gateway');
  else if (api.rejected.has(token)) reply = errorReply(401, 'Unauthorized');
  else if ('error' in params) reply = errorReply(400, `Bad Request: ${String(params.error)}`);
  else reply = await callMethod(api, token, method, params, closed.signal);
  call.status = reply.status;
  if (!res.destroyed) send(res, reply, mode !== null);
  api.changed();
}

function send(res: ServerResponse, reply: FakeReply, close = false): void {
  res.writeHead(reply.status, { 'content-type': 'application/json', ...(close ? { connection: 'close' } : {}) });
  res.end(JSON.stringify(reply.body));
}

function waitFor(
  api: FakeBotApi,
  fake: FakeTelegram,
  predicate: (f: FakeTelegram) => boolean,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate(fake)) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      const seen = api.sent.map((m) => `${m.chatId}#${m.messageId}: ${m.text.slice(0, 80)}`).join('\n  ');
      reject(new Error(`fake Telegram: condition not met within ${timeoutMs} ms; messages so far:\n  ${seen}`));
    }, timeoutMs);
    const unsubscribe = api.onChange(check);
    const cleanup = (): void => {
      clearTimeout(timer);
      unsubscribe();
    };
    check();
  });
}
