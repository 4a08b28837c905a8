import type { Api, Context } from 'grammy';
import type { Logger } from 'pino';
import type { ChatId } from './settings.js';

/** Who sent an update, for access checks and the audit log. */
export interface Origin {
  readonly userId: number | undefined;
  readonly username: string | null;
  readonly chatId: ChatId | null;
}

/** The user and chat behind an update. */
export function originOf(ctx: Context): Origin {
  return { userId: ctx.from?.id, username: ctx.from?.username ?? null, chatId: ctx.chat?.id ?? null };
}

/** Answers a button press; Telegram shows a spinner until this arrives, so it is sent even when all else fails. */
export async function answer(ctx: Context, logger: Logger, text?: string): Promise<void> {
  try {
    await ctx.answerCallbackQuery(text === undefined ? undefined : { text });
  } catch (error) {
    logger.warn({ err: error }, 'answerCallbackQuery failed');
  }
}

/** Replaces a message's text and removes its buttons; failures are logged (the message may be gone). */
export async function editText(
  api: Api,
  logger: Logger,
  chatId: ChatId,
  messageId: number,
  text: string,
): Promise<void> {
  try {
    await api.editMessageText(chatId, messageId, text);
  } catch (error) {
    logger.warn({ err: error, chat: chatId, messageId }, 'editMessageText failed');
  }
}
