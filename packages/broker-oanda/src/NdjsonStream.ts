import { Client } from './undiciParts.js';
import type { Json } from './translate.js';

/** How one v20 stream connects and reconnects. */
export interface NdjsonStreamOptions {
  readonly origin: string;
  readonly path: string;
  readonly token: string;
  /** Silence that counts as a dead connection; v20 sends a heartbeat every 5 s (default 15 s). */
  readonly silenceMs: number;
  /** First wait before reconnecting, doubled up to 30 s while failures continue. */
  readonly reconnectDelayMs: number;
  /** Runs after each (re)connection, before any line is read: the place to catch up on what was missed. */
  readonly onOpen: () => Promise<void>;
  /** Each JSON line, in order; the next line waits for the promise. */
  readonly onLine: (line: Json) => Promise<void> | void;
  readonly onProblem: (reason: string) => void;
}

const MAX_DELAY_MS = 30_000;

/**
 * A v20 stream (newline-delimited JSON over chunked HTTP) that stays up: it reconnects with back-off when the
 * connection ends, fails or goes silent. One connection per stream, which keeps within OANDA's stream limits.
 */
export class NdjsonStream {
  readonly #client: Client;
  readonly #options: NdjsonStreamOptions;
  #abort: AbortController | undefined;
  #stopped = false;
  #running: Promise<void> | undefined;
  #connected = false;

  constructor(options: NdjsonStreamOptions) {
    this.#options = options;
    this.#client = new Client(options.origin, { keepAliveTimeout: 1_000 });
  }

  get connected(): boolean {
    return this.#connected;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort?.abort();
    await this.#running;
    await this.#client.destroy();
  }

  async #loop(): Promise<void> {
    let delay = this.#options.reconnectDelayMs;
    while (!this.#stopped) {
      const healthy = await this.#connectOnce();
      this.#connected = false;
      if (this.#stopped) return;
      delay = healthy ? this.#options.reconnectDelayMs : Math.min(delay * 2, MAX_DELAY_MS);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.#abort?.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** One connection, read to its end; true when it opened and delivered (so the next try starts fresh). */
  async #connectOnce(): Promise<boolean> {
    const abort = new AbortController();
    this.#abort = abort;
    const { path, token, silenceMs } = this.#options;
    try {
      const response = await this.#client.request({
        method: 'GET',
        path,
        headers: { authorization: `Bearer ${token}`, 'accept-datetime-format': 'RFC3339' },
        signal: abort.signal,
        headersTimeout: silenceMs,
        bodyTimeout: silenceMs,
      });
      if (response.statusCode !== 200) {
        const text = await response.body.text();
        this.#options.onProblem(
          `stream ${path.split('?')[0] ?? ''} answered HTTP ${response.statusCode}: ${text.slice(0, 200)}`,
        );
        return false;
      }
      this.#connected = true;
      await this.#options.onOpen();
      await this.#read(response.body);
      if (!this.#stopped) this.#options.onProblem(`stream ${path.split('?')[0] ?? ''} ended; reconnecting`);
      return true;
    } catch (error) {
      if (!this.#stopped)
        this.#options.onProblem(`stream ${path.split('?')[0] ?? ''} failed: ${(error as Error).message}`);
      return this.#connected;
    }
  }

  async #read(body: AsyncIterable<Buffer>): Promise<void> {
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of body) {
      pending += decoder.decode(chunk, { stream: true });
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (line !== '') await this.#deliver(line);
        newline = pending.indexOf('\n');
      }
    }
  }

  async #deliver(line: string): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.#options.onProblem(`stream sent a line that is not JSON: ${line.slice(0, 80)}`);
      return;
    }
    if (typeof parsed === 'object' && parsed !== null) await this.#options.onLine(parsed as Json);
  }
}
