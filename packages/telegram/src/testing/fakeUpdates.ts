import type { Update } from 'grammy/types';
import type { FakeBotApi } from './FakeBotApi.js';
import { chatObject, messageObject } from './fakeMethods.js';

/** Who sends a fake update, and to which bot. */
export interface FakeSenderOptions {
  readonly userId: number;
  readonly chatId: number;
  readonly username?: string;
  /** The bot token to deliver to; default: the bot that is polling. */
  readonly token?: string;
  /** Unix seconds; default now. Set it in the past to simulate a command sent while the bot was offline. */
  readonly date?: number;
}

function user(options: FakeSenderOptions): Record<string, unknown> {
  return {
    id: options.userId,
    is_bot: false,
    first_name: `User ${options.userId}`,
    ...(options.username ? { username: options.username } : {}),
  };
}

/** A text message update; a leading `/word` gets a bot_command entity like Telegram adds. */
export function commandUpdate(api: FakeBotApi, text: string, options: FakeSenderOptions): Omit<Update, 'update_id'> {
  const command = /^\/\S+/.exec(text)?.[0];
  return {
    message: {
      message_id: api.nextMessageId(options.chatId),
      date: options.date ?? Math.floor(Date.now() / 1000),
      chat: chatObject(options.chatId),
      from: user(options),
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command.length }] } : {}),
    },
  } as unknown as Omit<Update, 'update_id'>;
}

/** A callback_query update for a button on one of the bot's messages. */
export function buttonUpdate(
  api: FakeBotApi,
  data: string,
  options: FakeSenderOptions & { readonly messageId: number },
  queryId: string,
): Omit<Update, 'update_id'> {
  const message = api.sent.find((m) => m.chatId === options.chatId && m.messageId === options.messageId);
  const messageJson = message
    ? messageObject(api, message)
    : { message_id: options.messageId, date: 0, chat: chatObject(options.chatId) };
  return {
    callback_query: {
      id: queryId,
      from: user(options),
      chat_instance: `ci${options.chatId}`,
      data,
      message: messageJson,
    },
  } as unknown as Omit<Update, 'update_id'>;
}
