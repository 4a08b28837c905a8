import { Worker } from 'node:worker_threads';
import type { Alert } from '@zepix/plugin-core';
import type { Logger } from 'pino';
import type { StartupReport } from '../discovery/startupReport.js';
import { BotError, BotErrorCode, EngineError } from '../errors.js';
import type {
  EngineCommand,
  EngineCommands,
  EngineFailure,
  EngineInit,
  EngineSnapshot,
  FromEngine,
  ToEngine,
} from './contract.js';

/** What the engine said when it was ready. */
export interface EngineReady {
  readonly plugins: readonly string[];
  readonly report: StartupReport;
  readonly recovered: number;
}

/** The engine's health as /health shows it. */
export interface EngineHealth {
  readonly status: 'running' | 'stalled' | 'stopped';
  /** Milliseconds since the engine last reported in. */
  readonly silentMs: number;
  readonly snapshot: EngineSnapshot;
}

/** Every command as an async call on the intake's side. */
export type EngineCalls = {
  [K in keyof EngineCommands]: (...args: Parameters<EngineCommands[K]>) => Promise<ReturnType<EngineCommands[K]>>;
};

/** Missed heartbeats before /health calls the engine stalled. */
const STALL_BEATS = 5;

/** Built: every chunk sits in dist/ beside engineWorker.js. From source (vitest), run the build's worker. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/engineWorker.js', here) : new URL('./engineWorker.js', here);
}

function startFailed(failure: EngineFailure): BotError {
  const known = Object.values(BotErrorCode).find((code) => code === failure.code);
  return new BotError(known ?? BotErrorCode.EngineFailed, failure.message, {
    ...(failure.hint ? { hint: failure.hint } : {}),
  });
}

/**
 * The intake's handle on the engine thread: hands it journal ids, sends operator commands and waits for their
 * answers, keeps its last heartbeat for /health, and drains it on shutdown.
 */
export class EngineClient {
  readonly calls: EngineCalls;
  readonly #worker: Worker;
  readonly #logger: Logger;
  readonly #init: EngineInit;
  readonly #timeoutMs: number;
  readonly #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextCall = 1;
  #snapshot: EngineSnapshot = { plugins: { loaded: 0, enabled: 0 }, dispatchQueue: 0, retrying: 0, at: Date.now() };
  #exited = false;
  #closed: Promise<void> | undefined;

  private constructor(worker: Worker, init: EngineInit, logger: Logger, timeoutMs: number) {
    this.#worker = worker;
    this.#init = init;
    this.#logger = logger;
    this.#timeoutMs = timeoutMs;
    this.calls = new Proxy({} as EngineCalls, {
      get:
        (_target, name: string) =>
        (...args: unknown[]) =>
          this.#call({ name, args } as unknown as EngineCommand),
    });
  }

  /** Spawns the engine thread and resolves once it has loaded plugins and queued the last run's pending rows. */
  static start(
    init: EngineInit,
    logger: Logger,
    options: { commandTimeoutMs?: number } = {},
  ): Promise<{ client: EngineClient; ready: EngineReady }> {
    const worker = new Worker(workerUrl(), { workerData: init });
    const client = new EngineClient(worker, init, logger, options.commandTimeoutMs ?? 10_000);
    return new Promise((resolve, reject) => {
      const onExit = (code: number) =>
        reject(new BotError(BotErrorCode.EngineFailed, `the engine thread exited (code ${code}) while starting`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.on('message', (message: FromEngine) => {
        if (message.type === 'ready') {
          worker.off('error', reject);
          worker.off('exit', onExit);
          client.#watch();
          client.#snapshot = message.snapshot;
          resolve({
            client,
            ready: { plugins: message.plugins, report: message.report, recovered: message.recovered },
          });
        } else if (message.type === 'failed') {
          worker.off('exit', onExit);
          void worker.terminate();
          reject(startFailed(message.error));
        } else {
          client.#receive(message);
        }
      });
    });
  }

  /** Hands a newly journaled alert to the engine (ordered after every earlier message). */
  journaled(id: number, alert: Alert): void {
    this.#post({ type: 'journaled', id, alert });
  }

  /** The last heartbeat, and whether the engine is keeping up with them. */
  health(): EngineHealth {
    const silentMs = Date.now() - this.#snapshot.at;
    const status = this.#exited ? 'stopped' : silentMs > this.#init.heartbeatMs * STALL_BEATS ? 'stalled' : 'running';
    return { status, silentMs, snapshot: this.#snapshot };
  }

  /**
   * Lets the engine finish every alert it was handed, close plugins and its databases, then ends the thread.
   * Safe to call twice.
   */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      if (this.#exited) return resolve();
      this.#worker.once('exit', () => resolve());
      this.#worker.on('message', (message: FromEngine) => {
        if (message.type === 'closed') void this.#worker.terminate();
      });
      this.#post({ type: 'drain' });
    });
    return this.#closed;
  }

  #watch(): void {
    this.#worker.on('error', (error) => this.#logger.error({ err: error }, 'the engine thread failed'));
    this.#worker.on('exit', (code) => {
      this.#exited = true;
      for (const waiter of this.#waiting.values()) {
        waiter.reject(new EngineError(BotErrorCode.EngineUnavailable, `the engine thread has stopped (code ${code})`));
      }
      this.#waiting.clear();
      if (!this.#closed) {
        this.#logger.error(
          { code },
          'the engine thread stopped: alerts are still journaled and will be dispatched on the next start',
        );
      }
    });
  }

  #receive(message: FromEngine): void {
    if (message.type === 'heartbeat') this.#snapshot = message.snapshot;
    if (message.type !== 'reply') return;
    const waiter = this.#waiting.get(message.callId);
    if (!waiter) return;
    this.#waiting.delete(message.callId);
    if (!message.error) return waiter.resolve(message.value);
    const { code, message: text } = message.error;
    waiter.reject(new EngineError(BotErrorCode.EngineFailed, `${text} [${code}]`, { statusCode: 500 }));
  }

  #call(command: EngineCommand): Promise<unknown> {
    if (this.#exited) {
      return Promise.reject(new EngineError(BotErrorCode.EngineUnavailable, 'the engine thread has stopped'));
    }
    const callId = this.#nextCall++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(callId);
        reject(
          new EngineError(
            BotErrorCode.EngineUnavailable,
            `the engine did not answer "${command.name}" within ${this.#timeoutMs} ms`,
            {
              hint: 'a plugin may be spinning or a trading database held locked; alerts are still journaled and answered. See /health and the log',
            },
          ),
        );
      }, this.#timeoutMs);
      timer.unref();
      this.#waiting.set(callId, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#post({ type: 'command', callId, command });
    });
  }

  #post(message: ToEngine): void {
    if (!this.#exited) this.#worker.postMessage(message);
  }
}
