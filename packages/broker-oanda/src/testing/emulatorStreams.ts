import type { ServerResponse } from 'node:http';

/**
 * The open streams of the emulator. Both v20 streams are chunked HTTP bodies of newline-delimited JSON with a
 * HEARTBEAT object every 5 seconds (json/v20.json, paths `/accounts/{accountID}/pricing/stream` and
 * `/accounts/{accountID}/transactions/stream`; https://developer.oanda.com/rest-live-v20/pricing-ep/,
 * transaction-ep/).
 */
export class EmulatorStreams {
  readonly #open = new Set<ServerResponse>();
  readonly #waiting: (() => void)[] = [];
  #paused = false;

  constructor(readonly heartbeatMs: number) {}

  get count(): number {
    return this.#open.size;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Starts a stream answer; `heartbeat` makes each heartbeat line. Resolves once it is open (after a pause). */
  async open(response: ServerResponse, heartbeat: () => Record<string, unknown>): Promise<(line: object) => void> {
    if (this.#paused) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-cache' });
    response.flushHeaders();
    this.#open.add(response);
    const write = (line: object) => {
      if (!response.writableEnded && !response.destroyed) response.write(`${JSON.stringify(line)}\n`);
    };
    const timer = setInterval(() => write(heartbeat()), this.heartbeatMs);
    timer.unref();
    response.on('close', () => {
      clearInterval(timer);
      this.#open.delete(response);
    });
    return write;
  }

  /** Cuts every stream without a goodbye; new ones wait until `resume`. */
  drop(): void {
    this.#paused = true;
    for (const response of this.#open) response.destroy();
    this.#open.clear();
  }

  resume(): void {
    this.#paused = false;
    for (const release of this.#waiting.splice(0)) release();
  }

  /** Ends every stream and releases waiting ones (at shutdown). */
  closeAll(): void {
    this.resume();
    for (const response of this.#open) response.destroy();
    this.#open.clear();
  }
}
