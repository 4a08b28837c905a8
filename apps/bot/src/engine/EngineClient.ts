import { Worker } from 'node:worker_threads';
import type { Journal } from '@zepix/journal';
import type { Alert } from '@zepix/plugin-core';
import type { Logger } from 'pino';
import type { StartupReport } from '../discovery/startupReport.js';
import { BotError, BotErrorCode, EngineError } from '../errors.js';
import type { EngineCommand, EngineCommands, EngineInit, EngineSnapshot, FromEngine, ToEngine } from './contract.js';
import type { BrokerIdentity } from '../runtime/brokers/createBroker.js';
import { JournaledFeed } from './JournaledFeed.js';
import { commandFailed, startFailed } from './engineFailures.js';
import { OutcomeWriter } from './OutcomeWriter.js';
import type { OutcomeJournal } from './OutcomeWriter.js';

/** The intake's journal as the engine client uses it: outcomes written, waiting alerts read back. */
export type EngineJournal = OutcomeJournal & Pick<Journal, 'get'>;

/** What the engine said when it was ready. */
export interface EngineReady {
  readonly plugins: readonly string[];
  readonly report: StartupReport;
  readonly recovered: number;
  readonly broker: BrokerIdentity;
}

/** The engine's health as /health shows it. */
export interface EngineHealth {
  /** `starting`: the intake already journals and answers alerts; the engine takes them once its plugins load. */
  readonly status: 'starting' | 'running' | 'stalled' | 'stopped';
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
/**
 * The engine thread's young generation (V8 semi-spaces of 1 MB: V8 sizes it as three semi-spaces). V8 grows it to
 * 48 MB under allocation pressure and keeps it; capped here it costs a few more, cheap scavenges and saves ~17 MB of
 * resident memory after load (1 MB rather than 2: ~2 MB idle).
 */
const ENGINE_YOUNG_GENERATION_MB = 3;

/** Built: every chunk sits in dist/ beside engineWorker.js. From source (vitest), run the build's worker. */
function workerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/engineWorker.js', here) : new URL('./engineWorker.js', here);
}

type Ready = Extract<FromEngine, { type: 'ready' }>;

/** Spawns one engine thread; `ready` resolves once it is, or rejects with its start-up failure. */
function spawnEngine(init: EngineInit): { worker: Worker; ready: Promise<Ready> } {
  const worker = new Worker(workerUrl(), {
    workerData: init,
    resourceLimits: { maxYoungGenerationSizeMb: ENGINE_YOUNG_GENERATION_MB },
  });
  return { worker, ready: readyOf(worker) };
}

function readyOf(worker: Worker): Promise<Ready> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number) =>
      reject(new BotError(BotErrorCode.EngineFailed, `the engine thread exited (code ${code}) while starting`));
    const onMessage = (message: FromEngine) => {
      if (message.type !== 'ready' && message.type !== 'failed') return;
      worker.off('error', reject);
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      if (message.type === 'ready') return resolve(message);
      void worker.terminate();
      reject(startFailed(message.error));
    };
    worker.on('error', reject);
    worker.once('exit', onExit);
    worker.on('message', onMessage);
  });
}

/** Restarts in a row before the engine is left stopped (each waits longer: 1, 2, 4, 8, 16 s). */
const MAX_RESTARTS = 5;

/**
 * The intake's handle on the engine thread: hands it journal ids, sends operator commands and waits for their
 * answers, keeps its last heartbeat for /health, restarts it when it dies, and drains it on shutdown.
 */
export class EngineClient {
  readonly calls: EngineCalls;
  #worker: Worker;
  readonly #logger: Logger;
  readonly #init: EngineInit;
  readonly #outcomes: OutcomeWriter;
  readonly #timeoutMs: number;
  readonly #waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextCall = 1;
  #snapshot: EngineSnapshot;
  #exited = false;
  #restarts = 0;
  /**
   * Journaled alerts on their way to the engine, at most MAX_IN_FLIGHT at a time; those journaled while it is down
   * go to the next thread (it skips those it recovered itself).
   */
  readonly #feed: JournaledFeed;
  #upSince = Date.now();
  /** False until the first thread has said ready: a thread that fails to start is not restarted. */
  #ready = false;
  #closed: Promise<void> | undefined;

  private constructor(
    worker: Worker,
    init: EngineInit,
    options: { logger: Logger; journal: EngineJournal; timeoutMs: number; maxInFlight?: number },
  ) {
    this.#worker = worker;
    this.#outcomes = new OutcomeWriter(options.journal, options.logger);
    this.#feed = new JournaledFeed({
      send: (id, alert) => this.#worker.postMessage({ type: 'journaled', id, alert } satisfies ToEngine),
      read: (id) => options.journal.get(id)?.alert as Alert | undefined,
      logger: options.logger,
      ...(options.maxInFlight ? { limit: options.maxInFlight } : {}),
    });
    this.#snapshot = { plugins: { loaded: 0, enabled: 0 }, dispatchQueue: 0, retrying: 0, at: Date.now() };
    this.#init = init;
    this.#logger = options.logger;
    this.#timeoutMs = options.timeoutMs;
    this.calls = new Proxy({} as EngineCalls, {
      get:
        (_target, name: string) =>
        (...args: unknown[]) =>
          name === 'idle' ? this.#idle() : this.#call({ name, args } as unknown as EngineCommand),
    });
    this.#attach(worker);
  }

  /**
   * Spawns the engine thread and returns its handle at once: alerts and commands handed to it while it starts wait
   * in the thread's queue until it has loaded plugins and queued the last run's pending rows (the journal holds
   * them either way). `ready` resolves then, or rejects with the start-up failure (the thread has ended).
   * `journal` (the intake's) records the outcomes the engine reports.
   */
  static start(
    init: EngineInit,
    options: {
      logger: Logger;
      journal: EngineJournal;
      commandTimeoutMs?: number;
      /** Journaled alerts in flight to the engine at most (MAX_IN_FLIGHT). */
      maxInFlight?: number;
    },
  ): { client: EngineClient; ready: Promise<EngineReady> } {
    const { worker, ready } = spawnEngine(init);
    const client = new EngineClient(worker, init, {
      logger: options.logger,
      journal: options.journal,
      timeoutMs: options.commandTimeoutMs ?? 10_000,
      ...(options.maxInFlight ? { maxInFlight: options.maxInFlight } : {}),
    });
    return {
      client,
      ready: ready.then((message) => {
        client.#started(message);
        return {
          plugins: message.plugins,
          report: message.report,
          recovered: message.recovered,
          broker: message.broker,
        };
      }),
    };
  }

  #started(ready: Ready): void {
    this.#snapshot = ready.snapshot;
    this.#ready = true;
    this.#upSince = Date.now();
  }

  /**
   * Hands a newly journaled alert to the engine (ordered after every earlier one), or, while the engine is down or
   * has MAX_IN_FLIGHT undispatched, leaves it in the journal to be read back when there is room. Once stopping, the
   * engine takes no more: the row stays pending for the next start.
   */
  journaled(id: number, alert: Alert): void {
    if (!this.#closed) this.#feed.add(id, alert, !this.#exited);
  }

  /** The last heartbeat, and whether the engine is keeping up with them. */
  health(): EngineHealth {
    const silentMs = Date.now() - this.#snapshot.at;
    const status = this.#exited
      ? 'stopped'
      : !this.#ready
        ? 'starting'
        : silentMs > this.#init.heartbeatMs * STALL_BEATS
          ? 'stalled'
          : 'running';
    return { status, silentMs, snapshot: this.#snapshot };
  }

  /**
   * Lets the engine finish every alert it was handed, close plugins and its databases, then ends the thread.
   * Safe to call twice.
   */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      if (this.#exited) {
        // Left stopped after too many restarts: no thread will report its end, so the outcomes stop here.
        this.#outcomes.flush();
        this.#outcomes.stop();
        return resolve();
      }
      this.#worker.once('exit', () => resolve());
      // SIGTERM drains the engine: every alert journaled so far is handed over first.
      this.#feed.pump(true);
      this.#post({ type: 'drain' });
    });
    return this.#closed;
  }

  #attach(worker: Worker): void {
    worker.on('message', (message: FromEngine) => this.#receive(message));
    worker.on('error', (error) => this.#logger.error({ err: error }, 'the engine thread failed'));
    worker.on('exit', (code) => this.#stopped(code));
  }

  #stopped(code: number): void {
    this.#exited = true;
    this.#outcomes.flush();
    if (this.#closed) this.#outcomes.stop();
    for (const waiter of this.#waiting.values()) {
      waiter.reject(new EngineError(BotErrorCode.EngineUnavailable, `the engine thread has stopped (code ${code})`));
    }
    this.#waiting.clear();
    // A first start that failed is reported by `start`'s `ready`; the bot does not run without an engine.
    if (this.#closed || !this.#ready) return;
    // A thread that ran for a minute earns a fresh series of restarts; one that keeps dying does not.
    if (Date.now() - this.#upSince > 60_000) this.#restarts = 0;
    if (this.#restarts >= MAX_RESTARTS) {
      this.#logger.error(
        { code, restarts: this.#restarts },
        'the engine thread keeps stopping: left stopped; alerts are still journaled and will be dispatched on the next start',
      );
      return;
    }
    const delayMs = 1000 * 2 ** this.#restarts;
    this.#restarts += 1;
    this.#logger.error(
      { code, restartInMs: delayMs },
      'the engine thread stopped: restarting it; alerts are still journaled',
    );
    setTimeout(() => void this.#restart(), delayMs);
  }

  /** A new engine thread takes every pending journal row itself, so nothing handed to the dead one is lost. */
  async #restart(): Promise<void> {
    if (this.#closed) return;
    if (this.#outcomes.waiting > 0) {
      // A new engine reads which plugins already answered from the journal: with outcomes still kept (the journal
      // locked by another process) it would call those plugins again. It starts once they are written.
      setTimeout(() => void this.#restart(), 1000).unref();
      return;
    }
    try {
      const { worker, ready: starting } = spawnEngine(this.#init);
      const ready = await starting;
      this.#worker = worker;
      this.#exited = false;
      this.#started(ready);
      this.#attach(worker);
      // Rows journaled after the new engine read the pending ones would otherwise wait for the next start.
      this.#feed.reset();
      this.#feed.pump();
      this.#logger.warn({ recovered: ready.recovered }, 'the engine thread was restarted');
      // A stop requested while it was starting still drains it.
      if (this.#closed) this.#post({ type: 'drain' });
    } catch (error) {
      this.#logger.error({ err: error }, 'restarting the engine thread failed');
      this.#stopped(-1);
    }
  }

  #receive(message: FromEngine): void {
    if (message.type === 'dispatched') this.#feed.dispatched(message.id);
    if (message.type === 'outcome' || message.type === 'dispatched') return this.#outcomes.add(message);
    if (message.type === 'heartbeat') {
      this.#snapshot = message.snapshot;
      this.#feed.heartbeat(message.snapshot.dispatchQueue > 0 || message.snapshot.retrying > 0);
    }
    // A reply (idle() above all) or the end of the thread must find every earlier outcome in the journal, unless
    // another process holds it: then they are kept and written once it lets go.
    this.#outcomes.flush();
    // Drained: plugins and databases are closed, so ending the thread loses nothing.
    if (message.type === 'closed') void this.#worker.terminate();
    if (message.type !== 'reply') return;
    const waiter = this.#waiting.get(message.callId);
    if (!waiter) return;
    this.#waiting.delete(message.callId);
    if (!message.error) return waiter.resolve(message.value);
    waiter.reject(commandFailed(message.error));
  }

  /** Answers once every alert journaled so far has been dispatched, those still waiting in the journal included. */
  async #idle(): Promise<null> {
    for (;;) {
      await this.#call({ name: 'idle', args: [] });
      // The engine's answer covers what it had been handed when it was asked; the dispatches reported before that
      // answer may have handed it waiting alerts since, which are in flight now: ask again until none are.
      if (this.#feed.waiting === 0 && this.#feed.inFlight === 0) return null;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
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
