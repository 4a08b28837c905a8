import type { Bot, Context } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import type { AccessGuard } from './access.js';
import { refusalText } from './access.js';
import type { AuditLog, AuditOutcome } from './AuditLog.js';
import type { SentMessage } from './ChatQueue.js';
import { parseCommandLine } from './commandLine.js';
import { findCommand } from './commands/registry.js';
import type { CommandResult, CommandSpec } from './commands/types.js';
import { failureSentence, say } from './commands/types.js';
import type { Confirmations } from './confirmations.js';
import { duration } from './format.js';
import type { OperatorPort } from './ports.js';
import type { ChatId } from './settings.js';
import { handleButton } from './buttons.js';
import type { Origin } from './updates.js';
import { originOf } from './updates.js';

/** Commands older than this (sent while the bot was offline) are not run: a stale /resume could surprise. */
export const STALE_COMMAND_MS = 5 * 60_000;

/** A reply to queue for a chat: HTML or plain text, optionally with buttons. */
export interface ReplyOptions {
  readonly html: boolean;
  readonly keyboard?: InlineKeyboardMarkup;
  readonly onSent?: (message: SentMessage) => void;
}

/** What the controller needs from the runtime. */
export interface ControllerDeps {
  readonly operator: OperatorPort;
  readonly access: AccessGuard;
  readonly audit: AuditLog;
  readonly confirmations: Confirmations;
  readonly confirmTimeoutMs: number;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Queues a message for a chat through the controller bot's paced sender. */
  reply(chatId: ChatId, text: string, options: ReplyOptions): void;
}

/** Handles incoming commands and button presses: access, audit, the command itself, the reply. */
export class Controller {
  readonly deps: ControllerDeps;

  constructor(deps: ControllerDeps) {
    this.deps = deps;
  }

  /** Registers the handlers on the controller bot; call before polling starts. */
  install(bot: Bot): void {
    bot.on('message:text', (ctx) => this.#onMessage(ctx));
    bot.on('callback_query:data', (ctx) => handleButton(this, ctx));
  }

  /** Writes one audit row; a failing audit database is logged, never shown to the user. */
  record(who: Origin, command: string, args: readonly string[], outcome: AuditOutcome): void {
    try {
      this.deps.audit.record({
        at: this.deps.now().toISOString(),
        userId: who.userId ?? null,
        username: who.username,
        chatId: who.chatId,
        command,
        args: args.join(' '),
        outcome,
      });
    } catch (error) {
      this.deps.logger.error({ err: error, command, code: 'ZEPIX_TELEGRAM_AUDIT_FAILED' }, 'audit write failed');
    }
  }

  /** Runs a command; a throw from the host becomes one plain sentence for the user and a log line with details. */
  async run(spec: CommandSpec, args: readonly string[], chatId: ChatId): Promise<CommandResult> {
    const { operator, confirmations, confirmTimeoutMs, logger } = this.deps;
    try {
      return await spec.run({ operator, args, chatId, confirmations, confirmTimeoutMs, logger });
    } catch (error) {
      logger.error({ err: error, command: spec.name, code: 'ZEPIX_TELEGRAM_OPERATOR_FAILED' }, 'command failed');
      return say('failed', failureSentence(spec));
    }
  }

  /** Queues a command result as the reply, attaching the message to its confirmation once sent. */
  deliver(chatId: ChatId, result: CommandResult): void {
    const { confirmation, keyboard } = result;
    this.deps.reply(chatId, result.reply.value, {
      html: true,
      ...(keyboard ? { keyboard } : {}),
      ...(confirmation
        ? { onSent: (sent) => this.deps.confirmations.attach(confirmation.nonce, sent.message_id) }
        : {}),
    });
  }

  /** Audits a stranger's attempt and answers them once per runtime. */
  refuse(who: Origin, command: string, args: readonly string[]): void {
    this.record(who, command, args, 'refused');
    this.deps.logger.warn(
      { userId: who.userId, username: who.username, chatId: who.chatId, command },
      'telegram command refused',
    );
    if (who.chatId !== null && this.deps.access.firstRefusal(who.userId)) {
      this.deps.reply(who.chatId, refusalText(who.userId), { html: false });
    }
  }

  async #onMessage(ctx: Context): Promise<void> {
    const message = ctx.message;
    if (!message?.text?.startsWith('/')) return;
    const line = parseCommandLine(message.text, ctx.me.username);
    if (!line) return;
    const who = originOf(ctx);
    const command = `/${line.name}`;
    if (!this.deps.access.allows(who.userId)) return this.refuse(who, command, line.args);
    const chatId = message.chat.id;
    const ageMs = this.deps.now().getTime() - message.date * 1000;
    if (ageMs > STALE_COMMAND_MS) {
      this.record(who, command, line.args, 'stale');
      const text = `Ignored ${command}: it was sent ${duration(ageMs / 1000)} ago while the bot was offline. Send it again if you still want it.`;
      return this.deps.reply(chatId, text, { html: false });
    }
    const spec = findCommand(line.name);
    if (!spec) {
      this.record(who, command, line.args, 'unknown');
      return this.deps.reply(chatId, `There is no command ${command}; send /help for the list.`, { html: false });
    }
    const result = await this.run(spec, line.args, chatId);
    this.record(who, command, line.args, result.outcome);
    this.deliver(chatId, result);
  }
}
