import { Pool } from './undiciParts.js';
import { RateLimiter } from './RateLimiter.js';

/** What came back: an HTTP answer with its JSON body, or nothing we can trust. */
export type HttpOutcome =
  | { readonly kind: 'answer'; readonly status: number; readonly body: Record<string, unknown> }
  /** The request may have reached OANDA (timeout, connection lost mid-call): the outcome is unknown. */
  | { readonly kind: 'lost'; readonly reason: string }
  /** No connection could be made: OANDA never saw the request. */
  | { readonly kind: 'unreachable'; readonly reason: string };

/** How the REST client behaves; the defaults follow OANDA's best-practices page. */
export interface OandaHttpOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly requestTimeoutMs?: number;
  readonly requestsPerSecond?: number;
  /** Keep-alive connections in the pool (default 4). */
  readonly connections?: number;
  /** Attempts for a request that may be repeated (429 always; 5xx and network errors only for reads). */
  readonly maxAttempts?: number;
  /** First back-off after a 429 or 5xx, doubled on each attempt (default 200 ms). */
  readonly backoffMs?: number;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);

/**
 * The v20 REST client: one undici keep-alive pool, a request budget, and retries only where they are safe. A
 * read is retried through 429, 5xx and network errors; a write only through 429 (OANDA did nothing) and a
 * connection that was never made. The token goes in the Authorization header and nowhere else.
 */
export class OandaHttp {
  readonly #pool: Pool;
  readonly #limiter: RateLimiter;
  readonly #headers: Record<string, string>;
  readonly #timeout: number;
  readonly #attempts: number;
  readonly #backoff: number;

  constructor(options: OandaHttpOptions) {
    this.#pool = new Pool(options.baseUrl, { connections: options.connections ?? 4, keepAliveTimeout: 30_000 });
    this.#limiter = new RateLimiter(options.requestsPerSecond ?? 100);
    this.#headers = {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/json',
      'accept-datetime-format': 'RFC3339',
    };
    this.#timeout = options.requestTimeoutMs ?? 10_000;
    this.#attempts = options.maxAttempts ?? 4;
    this.#backoff = options.backoffMs ?? 200;
  }

  get(path: string): Promise<HttpOutcome> {
    return this.#send('GET', path, undefined, true);
  }

  /** A write (POST/PUT): repeated only when OANDA certainly did nothing. */
  write(method: 'POST' | 'PUT', path: string, body: unknown): Promise<HttpOutcome> {
    return this.#send(method, path, JSON.stringify(body), false);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #send(method: string, path: string, body: string | undefined, read: boolean): Promise<HttpOutcome> {
    let outcome: HttpOutcome = { kind: 'unreachable', reason: 'no attempt made' };
    for (let attempt = 1; attempt <= this.#attempts; attempt += 1) {
      await this.#limiter.take();
      outcome = await this.#once(method, path, body);
      const status = outcome.kind === 'answer' ? outcome.status : 0;
      const again =
        status === 429 || outcome.kind === 'unreachable' || (read && (status >= 500 || outcome.kind === 'lost'));
      if (!again || attempt === this.#attempts) return outcome;
      await new Promise((resolve) => setTimeout(resolve, this.#backoff * 2 ** (attempt - 1)));
    }
    return outcome;
  }

  async #once(method: string, path: string, body: string | undefined): Promise<HttpOutcome> {
    try {
      const response = await this.#pool.request({
        method: method,
        path,
        headers: this.#headers,
        ...(body === undefined ? {} : { body }),
        headersTimeout: this.#timeout,
        bodyTimeout: this.#timeout,
      });
      const text = await response.body.text();
      return { kind: 'answer', status: response.statusCode, body: parseBody(text) };
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      const reason = `${method} ${path.split('?')[0] ?? path} failed: ${(error as Error).message}${code ? ` (${code})` : ''}`;
      return NOT_SENT.has(code) || NOT_SENT.has((error as { cause?: { code?: string } }).cause?.code ?? '')
        ? { kind: 'unreachable', reason }
        : { kind: 'lost', reason };
    }
  }
}

function parseBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { errorMessage: text.slice(0, 200) };
  }
}
