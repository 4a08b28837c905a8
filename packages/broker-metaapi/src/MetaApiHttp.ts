import { Pool } from 'undici';
import type { MetaApiErrorBody } from './wire.js';

/** How one REST call ended, before the adapter turns it into a broker answer. */
export type HttpOutcome<T> =
  | { readonly kind: 'ok'; readonly body: T }
  /** A 4xx other than 429: MetaApi refused the request, nothing was done. */
  | { readonly kind: 'refused'; readonly status: number; readonly body: MetaApiErrorBody }
  /** 429 with a retry time beyond what the caller is willing to wait. */
  | { readonly kind: 'rate-limited'; readonly retryAt: Date; readonly message: string }
  /** The connection could not be made: the request never left. */
  | { readonly kind: 'unreachable'; readonly reason: string }
  /** Timeout, dropped connection or 5xx after the request left: it may or may not have been carried out. */
  | { readonly kind: 'unknown'; readonly reason: string };

export interface MetaApiHttpOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly accountId: string;
  readonly timeoutMs: number;
  /** The longest MetaApi's `recommendedRetryTime` is waited for before a 429 is reported instead. */
  readonly maxRateLimitWaitMs: number;
  readonly now?: () => number;
}

const READ_RETRIES = 2;
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The REST transport: undici keep-alive pool, the `auth-token` header, per-request timeout and MetaApi's rate
 * limits (https://metaapi.cloud/docs/client/rateLimiting/): after a 429 every call waits until the recommended
 * retry time when it is near, and is answered `rate-limited` when it is not. The token appears in no message.
 */
export class MetaApiHttp {
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #now: () => number;
  #blockedUntil = 0;

  constructor(private readonly options: MetaApiHttpOptions) {
    const url = new URL(options.baseUrl);
    this.#pool = new Pool(url.origin, {
      connections: 8,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 30_000,
    });
    this.#basePath = `${url.pathname.replace(/\/+$/, '')}/users/current/accounts/${encodeURIComponent(options.accountId)}`;
    this.#now = options.now ?? Date.now;
  }

  get<T>(path: string): Promise<HttpOutcome<T>> {
    return this.#send<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<HttpOutcome<T>> {
    return this.#send<T>('POST', path, body);
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpOutcome<T>> {
    let readRetries = 0;
    for (let attempt = 0; ; attempt++) {
      const wait = this.#blockedUntil - this.#now();
      if (wait > this.options.maxRateLimitWaitMs || (wait > 0 && attempt >= 3)) {
        return {
          kind: 'rate-limited',
          retryAt: new Date(this.#blockedUntil),
          message: `MetaApi asked to wait until ${new Date(this.#blockedUntil).toISOString()} (rate limit)`,
        };
      }
      if (wait > 0) await sleep(wait);
      const outcome = await this.#once<T>(method, path, body);
      // A read changes nothing, so a 5xx or lost answer is simply asked again; a trade never is.
      if (outcome.kind === 'unknown' && method === 'GET' && readRetries < READ_RETRIES) {
        readRetries += 1;
        await sleep(50 * readRetries);
        continue;
      }
      if (outcome.kind !== 'retry') return outcome;
      this.#blockedUntil = Math.max(this.#blockedUntil, outcome.retryAt);
    }
  }

  async #once<T>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
  ): Promise<HttpOutcome<T> | { kind: 'retry'; retryAt: number }> {
    const where = `${method} ${path}`;
    let response;
    try {
      response = await this.#pool.request({
        method,
        path: this.#basePath + path,
        headers: {
          'auth-token': this.options.token,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? (error as Error).name;
      if (NOT_SENT.has(code)) return { kind: 'unreachable', reason: `${where}: MetaApi unreachable (${code})` };
      return { kind: 'unknown', reason: `${where}: no answer from MetaApi (${code})` };
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      return { kind: 'unknown', reason: `${where}: the answer was cut off (${(error as Error).name})` };
    }
    const status = response.statusCode;
    const parsed = parse(text);
    if (status >= 200 && status < 300) return { kind: 'ok', body: parsed as T };
    if (status === 429) return { kind: 'retry', retryAt: retryTime(parsed, response.headers, this.#now()) };
    if (status >= 500) return { kind: 'unknown', reason: `${where}: MetaApi answered ${status}` };
    return { kind: 'refused', status, body: asErrorBody(parsed, status) };
  }
}

function retryTime(body: unknown, headers: Record<string, string | string[] | undefined>, now: number): number {
  const recommended = (body as MetaApiErrorBody | undefined)?.metadata?.recommendedRetryTime;
  const at = recommended === undefined ? NaN : Date.parse(recommended);
  if (Number.isFinite(at)) return at;
  const header = Number(headers['retry-after']);
  return now + (Number.isFinite(header) ? header * 1000 : 1000);
}

function asErrorBody(parsed: unknown, status: number): MetaApiErrorBody {
  if (parsed !== null && typeof parsed === 'object' && typeof (parsed as MetaApiErrorBody).message === 'string') {
    return parsed as MetaApiErrorBody;
  }
  return { id: status, error: `HTTP ${status}`, message: typeof parsed === 'string' ? parsed : `HTTP ${status}` };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
