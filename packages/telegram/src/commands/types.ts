import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Logger } from 'pino';
import type { AuditOutcome } from '../AuditLog.js';
import type { Confirmations, PendingConfirmation } from '../confirmations.js';
import { escapeHtml, Html } from '../html.js';
import type { OperatorPort } from '../ports.js';
import type { ChatId } from '../settings.js';

/** What a command handler gets: the host, its arguments and the chat it came from. */
export interface CommandEnv {
  readonly operator: OperatorPort;
  readonly args: readonly string[];
  readonly chatId: ChatId;
  readonly confirmations: Confirmations;
  readonly confirmTimeoutMs: number;
  readonly logger: Logger;
}

/** A command's answer: the audit outcome, the reply (HTML), and buttons when it asks for something. */
export interface CommandResult {
  readonly outcome: AuditOutcome;
  readonly reply: Html;
  readonly keyboard?: InlineKeyboardMarkup;
  /** Set when the reply carries Confirm/Cancel buttons, so the message id can be attached once sent. */
  readonly confirmation?: PendingConfirmation;
}

/** One controller command. */
export interface CommandSpec {
  readonly name: string;
  /** Shown in Telegram's command menu (setMyCommands) and in /help. */
  readonly description: string;
  /** Completes "Could not … right now" when the host throws. */
  readonly failure: string;
  run(env: CommandEnv): Promise<CommandResult>;
}

/** A successful answer. */
export function ok(reply: Html, keyboard?: InlineKeyboardMarkup): CommandResult {
  return keyboard ? { outcome: 'ok', reply, keyboard } : { outcome: 'ok', reply };
}

/** A plain sentence with an outcome: usage mistakes and refusals from the host. */
export function say(outcome: AuditOutcome, text: string): CommandResult {
  return { outcome, reply: new Html(escapeHtml(text)) };
}

/** The one sentence a user sees when the host failed; the details go to the log. */
export function failureSentence(spec: Pick<CommandSpec, 'failure'>): string {
  return `Could not ${spec.failure} right now; the details are in the bot log.`;
}
