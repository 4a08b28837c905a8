import { setTimeout as delay } from 'node:timers/promises';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError } from 'grammy';
import type { Transformer } from 'grammy';
import type { Logger } from 'pino';
import { classifyFailure } from './classify.js';
import { TelegramError, TelegramErrorCode } from './errors.js';
import { Sender } from './Sender.js';
import type { TelegramRole, TelegramSettings } from './settings.js';

/** How long `stop()` waits for Telegram to confirm the last update offset before giving up. */
const STOP_GRACE_MS = 2000;

/** After the runtime stops, nothing leaves except the final getUpdates that confirms the update offset. */
function stopGate(isStopped: () => boolean): Transformer {
  return (prev, method, payload, signal) => {
    if (isStopped() && method !== 'getUpdates') {
      return Promise.reject(
        new TelegramError(TelegramErrorCode.Stopped, `Telegram runtime stopped; ${method} not sent.`),
      );
    }
    return prev(method, payload, signal);
  };
}

/** One bot token: its grammY Bot, its paced sender and the roles it serves. */
export class BotHandle {
  readonly bot: Bot;
  readonly sender: Sender;
  readonly roles: readonly TelegramRole[];
  readonly #settings: TelegramSettings;
  readonly #logger: Logger;
  readonly #abort = new AbortController();
  #stopped = false;
  #polling = false;

  constructor(token: string, roles: readonly TelegramRole[], settings: TelegramSettings, logger: Logger) {
    this.roles = roles;
    this.#settings = settings;
    this.#logger = logger.child({ roles: roles.join('+') });
    this.bot = new Bot(token, {
      client: { ...(settings.apiRoot ? { apiRoot: settings.apiRoot } : {}), timeoutSeconds: 60 },
    });
    // The gate is installed first so that it sits inside auto-retry: a retry after stop() is refused too.
    this.bot.api.config.use(stopGate(() => this.#stopped));
    // 429s are waited out here; network errors and 5xx go back to the chat queue, whose backoff is capped.
    this.bot.api.config.use(
      autoRetry({
        maxRetryAttempts: 5,
        maxDelaySeconds: 120,
        rethrowInternalServerErrors: true,
        rethrowHttpErrors: true,
      }),
    );
    this.bot.catch((error) => this.#logger.error({ err: error.error }, 'telegram update handler failed'));
    this.sender = new Sender({
      api: this.bot.api,
      limits: settings.limits,
      coalesceAfter: settings.coalesceAfter,
      backoff: settings.backoff,
      logger: this.#logger,
    });
  }

  /** Serves the controller role: this bot polls for commands. */
  get isController(): boolean {
    return this.roles.includes('controller');
  }

  /**
   * One getMe attempt. True when connected; false when Telegram is unreachable (retry later). A token Telegram
   * refuses (401/404) throws `ZEPIX_TELEGRAM_TOKEN_REJECTED`: retrying cannot fix it.
   */
  async connectOnce(): Promise<boolean> {
    try {
      this.bot.botInfo = await this.bot.api.getMe();
      this.#logger.info({ bot: this.bot.botInfo.username }, 'telegram bot connected');
      return true;
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new TelegramError(
          TelegramErrorCode.TokenRejected,
          `Telegram rejected the ${this.roles.join('/')} bot token (${error.error_code}); create or copy it again with @BotFather.`,
          error,
        );
      }
      const failure = classifyFailure(error);
      this.#logger.warn({ detail: 'detail' in failure ? failure.detail : failure.kind }, 'telegram getMe failed');
      return false;
    }
  }

  /** Retries getMe with the capped backoff until it works or the runtime stops. */
  async connectEventually(): Promise<boolean> {
    let wait = this.#settings.backoff.minMs;
    while (!this.#stopped) {
      try {
        if (await this.connectOnce()) return true;
      } catch (error) {
        this.#logger.error({ err: error }, 'telegram bot token rejected; this bot stays offline');
        return false;
      }
      // Aborted by stop(), so a bot that never connected does not hold the process open.
      await delay(wait, undefined, { signal: this.#abort.signal }).catch(() => undefined);
      wait = Math.min(this.#settings.backoff.maxMs, wait * 2);
    }
    return false;
  }

  /** Publishes the command list shown in Telegram's menu; a failure only costs the menu. */
  async publishCommands(commands: { command: string; description: string }[]): Promise<void> {
    try {
      await this.bot.api.setMyCommands(commands);
    } catch (error) {
      this.#logger.warn({ err: error }, 'telegram setMyCommands failed');
    }
  }

  /** Starts long polling (grammY deletes any webhook first); resolves once polling runs, restarts it after a failure. */
  startPolling(): Promise<void> {
    return new Promise((resolve) => {
      const run = (): void => {
        if (this.#stopped) return resolve();
        this.#polling = true;
        this.bot
          .start({ allowed_updates: ['message', 'callback_query'], onStart: () => resolve() })
          .catch((error: unknown) => this.#pollingFailed(error, run, resolve));
      };
      run();
    });
  }

  #pollingFailed(error: unknown, restart: () => void, resolve: () => void): void {
    resolve();
    if (this.#stopped) return;
    const conflict = error instanceof GrammyError && error.error_code === 409;
    this.#logger.error(
      { err: error, code: TelegramErrorCode.PollingFailed },
      conflict
        ? 'another process is polling this bot token; stop it (only one Zepix may use a token)'
        : 'telegram long polling stopped; restarting',
    );
    setTimeout(restart, this.#settings.backoff.maxMs).unref();
  }

  /** Stops sending and polling; idempotent, bounded in time even when Telegram does not answer. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    this.sender.stop();
    if (!this.#polling) return;
    const grace = delay(STOP_GRACE_MS, undefined, { ref: false });
    await Promise.race([
      this.bot.stop().catch((error: unknown) => this.#logger.debug({ err: error }, 'bot.stop')),
      grace,
    ]);
  }
}
