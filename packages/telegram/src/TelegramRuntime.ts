import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { AccessGuard } from './access.js';
import { AuditLog } from './AuditLog.js';
import { BotHandle } from './BotHandle.js';
import type { QueueItem } from './ChatQueue.js';
import { botCommands } from './commands/registry.js';
import { Confirmations } from './confirmations.js';
import type { PendingConfirmation } from './confirmations.js';
import { Controller } from './Controller.js';
import { DailySummary } from './DailySummary.js';
import { OutboxPump } from './OutboxPump.js';
import type { OperatorPort, OutboxPort, OutboxRowLike } from './ports.js';
import { roleForKind } from './routing.js';
import type { TelegramRole, TelegramSettings } from './settings.js';
import { TELEGRAM_ROLES } from './settings.js';
import { editText } from './updates.js';

/** The longest `start()` waits for long polling to begin once getMe has answered. */
const READY_WAIT_MS = 5000;

/** What `TelegramRuntime.start` needs from the host. */
export interface TelegramRuntimeOptions {
  readonly settings: TelegramSettings;
  readonly operator: OperatorPort;
  readonly outbox: OutboxPort;
  /** SQLite file for the command audit log (created with its folder). */
  readonly auditPath: string;
  readonly logger: Logger;
  /** Clock for the daily summary and stale-command check; tests move it. */
  readonly now?: () => Date;
}

/** A non-durable system message (bot started, plugin disabled, loss cap reached). */
export interface NotifyOptions {
  readonly text: string;
  readonly kind: string;
  readonly role?: TelegramRole;
}

/** The running Telegram layer: controller bot, outbox relay, system notices and the daily summary. */
export class TelegramRuntime {
  readonly #options: TelegramRuntimeOptions;
  readonly #logger: Logger;
  readonly #audit: AuditLog;
  readonly #handles: BotHandle[];
  readonly #byRole: Record<TelegramRole, BotHandle>;
  readonly #confirmations: Confirmations;
  readonly #pump: OutboxPump;
  readonly #daily: DailySummary | null;
  #timer: NodeJS.Timeout | null = null;
  #stopping: Promise<void> | null = null;
  #warnedNoChat = false;
  readonly #now = (): Date => (this.#options.now ? this.#options.now() : new Date());

  private constructor(options: TelegramRuntimeOptions, audit: AuditLog) {
    const { settings } = options;
    this.#options = options;
    this.#logger = options.logger.child({ component: 'telegram' });
    this.#audit = audit;
    this.#byRole = createHandles(settings, this.#logger);
    this.#handles = [...new Set(Object.values(this.#byRole))];
    this.#confirmations = new Confirmations(settings.confirmTimeoutMs, (c) => this.#expire(c));
    this.#controller().install(this.#byRole.controller.bot);
    this.#pump = new OutboxPump(options.outbox, (row) => this.#routeRow(row), this.#logger);
    this.#daily = settings.dailySummaryUtc
      ? new DailySummary({
          at: settings.dailySummaryUtc,
          operator: options.operator,
          now: this.#now,
          logger: this.#logger,
          send: (html) => this.#enqueueFor('analytics', { text: html, html: true, coalescible: false }),
        })
      : null;
  }

  /**
   * Connects every bot (getMe), publishes the commands, starts long polling and the outbox relay. A bot whose
   * Telegram is unreachable keeps retrying in the background; a rejected token throws `ZEPIX_TELEGRAM_TOKEN_REJECTED`.
   */
  static async start(options: TelegramRuntimeOptions): Promise<TelegramRuntime> {
    const runtime = new TelegramRuntime(options, AuditLog.open(options.auditPath));
    try {
      await runtime.#begin();
    } catch (error) {
      await runtime.stop();
      throw error;
    }
    return runtime;
  }

  /** Queues a system message for a role's chat (default: notification); never blocks, never throws. */
  notify(options: NotifyOptions): void {
    if (this.#stopping) return;
    this.#logger.debug({ kind: options.kind }, 'telegram notice queued');
    this.#enqueueFor(options.role ?? 'notification', { text: options.text, coalescible: true });
  }

  /** One outbox pass: queues new pending rows and resolves with how many of them Telegram accepted. */
  async flushOutbox(): Promise<number> {
    if (this.#stopping) return 0;
    const results = await Promise.all(this.#pump.poll());
    return results.filter(Boolean).length;
  }

  /** Resolves when every chat queue is empty (for tests; it waits as long as Telegram is unreachable). */
  async idle(): Promise<void> {
    while (this.#handles.some((handle) => handle.sender.backlog > 0)) {
      await Promise.all(this.#handles.map((handle) => handle.sender.idle()));
    }
  }

  /** Stops polling, the relay and the timers, sends nothing more and closes the audit log; idempotent. */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  async #begin(): Promise<void> {
    const connected = await Promise.all(this.#handles.map((handle) => handle.connectOnce()));
    const ready: Promise<void>[] = [];
    this.#handles.forEach((handle, index) => {
      if (connected[index]) ready.push(this.#ready(handle));
      else {
        this.#logger.warn({ roles: handle.roles }, 'Telegram is unreachable; retrying in the background');
        void handle.connectEventually().then((ok) => (ok && !this.#stopping ? this.#ready(handle) : undefined));
      }
    });
    // Telegram could drop between getMe and deleteWebhook; polling then keeps starting on its own, start() moves on.
    await Promise.race([Promise.all(ready), delay(READY_WAIT_MS, undefined, { ref: false })]);
    this.#timer = setInterval(() => void this.flushOutbox(), this.#options.settings.pollIntervalMs);
    this.#timer.unref();
    this.#daily?.start();
    void this.flushOutbox();
  }

  /** Commands are answered through the controller bot's paced queue for the chat they came from. */
  #controller(): Controller {
    const { settings, operator } = this.#options;
    const sender = this.#byRole.controller.sender;
    return new Controller({
      operator,
      access: new AccessGuard(settings.allowedUsers),
      audit: this.#audit,
      confirmations: this.#confirmations,
      confirmTimeoutMs: settings.confirmTimeoutMs,
      logger: this.#logger,
      now: this.#now,
      reply: (chatId, text, reply) =>
        sender.enqueue(chatId, {
          text,
          html: reply.html,
          coalescible: false,
          ...(reply.keyboard ? { replyMarkup: reply.keyboard } : {}),
          ...(reply.onSent ? { onSent: reply.onSent } : {}),
        }),
    });
  }

  async #ready(handle: BotHandle): Promise<void> {
    if (!handle.isController) return;
    await handle.publishCommands(botCommands());
    await handle.startPolling();
  }

  async #shutdown(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#daily?.stop();
    this.#confirmations.clear();
    await Promise.all(this.#handles.map((handle) => handle.stop()));
    this.#audit.close();
  }

  #routeRow(row: OutboxRowLike): { enqueue(item: QueueItem): void } | null {
    const role = roleForKind(row.kind);
    const chat = this.#options.settings.chats[role];
    if (chat === null) return null;
    const handle = this.#byRole[role];
    return { enqueue: (item) => handle.sender.enqueue(chat, item) };
  }

  #enqueueFor(role: TelegramRole, item: QueueItem): void {
    const chat = this.#options.settings.chats[role];
    if (chat === null) {
      if (!this.#warnedNoChat) this.#logger.warn({ role }, 'no Telegram chat id configured; message not sent');
      this.#warnedNoChat = true;
      return;
    }
    this.#byRole[role].sender.enqueue(chat, item);
  }

  #expire(confirmation: PendingConfirmation): void {
    if (this.#stopping || confirmation.messageId === null) return;
    const seconds = Math.max(1, Math.round(this.#options.settings.confirmTimeoutMs / 1000));
    const text = `Close all expired after ${seconds} s; nothing was closed.`;
    void editText(this.#byRole.controller.bot.api, this.#logger, confirmation.chatId, confirmation.messageId, text);
  }
}

/** One BotHandle per distinct token; roles sharing a token share the bot, its queues and its limits. */
function createHandles(settings: TelegramSettings, logger: Logger): Record<TelegramRole, BotHandle> {
  const byToken = new Map<string, TelegramRole[]>();
  for (const role of TELEGRAM_ROLES) {
    const token = settings.tokens[role];
    byToken.set(token, [...(byToken.get(token) ?? []), role]);
  }
  const handles = new Map([...byToken].map(([token, roles]) => [token, new BotHandle(token, roles, settings, logger)]));
  const of = (role: TelegramRole): BotHandle => handles.get(settings.tokens[role]) as BotHandle;
  return { controller: of('controller'), notification: of('notification'), analytics: of('analytics') };
}
