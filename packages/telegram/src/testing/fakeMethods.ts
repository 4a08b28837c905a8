import type { FakeBotApi, FakeMessage, FakeReply } from './FakeBotApi.js';
import { errorReply, okReply } from './FakeBotApi.js';
import { renderHtml } from './fakeHtml.js';

type Params = Readonly<Record<string, unknown>>;

/** Form bodies carry objects as JSON strings; JSON bodies carry them as objects. */
function objectParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function chatIdParam(value: unknown): number | string | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (typeof value === 'string' && value.startsWith('@')) return value;
  return null;
}

function isGroup(chatId: number | string): boolean {
  return typeof chatId === 'string' || chatId < 0;
}

/** The Chat object Telegram puts in a message. */
export function chatObject(chatId: number | string): Record<string, unknown> {
  if (typeof chatId === 'string')
    return { id: -1_000_000_000_000, type: 'channel', title: chatId, username: chatId.slice(1) };
  return chatId < 0
    ? { id: chatId, type: 'supergroup', title: `Group ${chatId}` }
    : { id: chatId, type: 'private', first_name: `User ${chatId}` };
}

/** The Message object for a stored bot message. */
export function messageObject(api: FakeBotApi, message: FakeMessage): Record<string, unknown> {
  return {
    message_id: message.messageId,
    date: message.date,
    chat: chatObject(message.chatId),
    from: api.bot(message.token).user,
    text: message.text,
    ...(message.edited ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
    ...(message.replyMarkup === undefined ? {} : { reply_markup: message.replyMarkup }),
  };
}

function checkMarkup(markup: unknown): string | null {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (markup === undefined) return null;
  if (!Array.isArray(rows)) return 'Bad Request: reply markup is not an inline keyboard';
  for (const button of rows.flat() as { callback_data?: unknown }[]) {
    if (typeof button.callback_data === 'string' && Buffer.byteLength(button.callback_data) > 64) {
      return 'Bad Request: BUTTON_DATA_INVALID';
    }
  }
  return null;
}

/** Validates and renders a text the way Telegram would; returns the visible text or an error reply. */
function renderText(params: Params): { text: string } | FakeReply {
  const raw = params.text;
  if (typeof raw !== 'string' || raw.trim() === '') return errorReply(400, 'Bad Request: message text is empty');
  let text = raw;
  if (params.parse_mode === 'HTML') {
    const rendered = renderHtml(raw);
    if (!rendered.ok) return errorReply(400, rendered.description);
    text = rendered.text;
  } else if (params.parse_mode !== undefined) {
    return errorReply(400, `Bad Request: unsupported parse_mode ${JSON.stringify(params.parse_mode)} in the fake`);
  }
  if (text.length > 4096) return errorReply(400, 'Bad Request: message is too long');
  if (text.trim() === '') return errorReply(400, 'Bad Request: message text is empty');
  return { text };
}

function flood(api: FakeBotApi, token: string, chatId: number | string): FakeReply | null {
  const retryAfter = api.limiter?.take(token, chatId, isGroup(chatId)) ?? null;
  if (retryAfter === null) return null;
  return errorReply(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}

/** sendMessage: validates like Telegram, enforces the flood limits, stores the message. */
export function sendMessage(api: FakeBotApi, token: string, params: Params): FakeReply {
  const chatId = chatIdParam(params.chat_id);
  if (chatId === null) return errorReply(400, 'Bad Request: chat not found');
  const rendered = renderText(params);
  if ('status' in rendered) return rendered;
  const markup = objectParam(params.reply_markup);
  const markupError = checkMarkup(markup);
  if (markupError) return errorReply(400, markupError);
  const limited = flood(api, token, chatId);
  if (limited) return limited;
  const message: FakeMessage = {
    token,
    chatId,
    messageId: api.nextMessageId(chatId),
    text: rendered.text,
    raw: params.text as string,
    parseMode: params.parse_mode as string | undefined,
    replyMarkup: markup,
    date: Math.floor(Date.now() / 1000),
    edited: false,
  };
  api.sent.push(message);
  return okReply(messageObject(api, message));
}

/** editMessageText: only the bot's own messages; refuses a no-op edit like Telegram does. */
export function editMessageText(api: FakeBotApi, token: string, params: Params): FakeReply {
  const chatId = chatIdParam(params.chat_id);
  const messageId = Number(params.message_id);
  const message = api.sent.find((m) => m.chatId === chatId && m.messageId === messageId);
  if (!message) return errorReply(400, 'Bad Request: message to edit not found');
  if (message.token !== token) return errorReply(400, "Bad Request: message can't be edited");
  const rendered = renderText(params);
  if ('status' in rendered) return rendered;
  const markup = objectParam(params.reply_markup);
  const markupError = checkMarkup(markup);
  if (markupError) return errorReply(400, markupError);
  if (message.text === rendered.text && JSON.stringify(message.replyMarkup) === JSON.stringify(markup)) {
    return errorReply(
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  const limited = flood(api, token, message.chatId);
  if (limited) return limited;
  Object.assign(message, {
    text: rendered.text,
    raw: params.text,
    parseMode: params.parse_mode,
    replyMarkup: markup,
    edited: true,
  });
  return okReply(messageObject(api, message));
}

/** answerCallbackQuery: the id must come from a pressed button. */
export function answerCallbackQuery(api: FakeBotApi, _token: string, params: Params): FakeReply {
  const id =
    typeof params.callback_query_id === 'string'
      ? params.callback_query_id
      : JSON.stringify(params.callback_query_id ?? '');
  if (!api.callbackIds.has(id) || api.answered.has(id)) {
    return errorReply(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
  }
  api.answered.set(id, params);
  return okReply(true);
}

/** setMyCommands: Telegram's rules for command names and descriptions. */
export function setMyCommands(api: FakeBotApi, token: string, params: Params): FakeReply {
  const commands = objectParam(params.commands);
  if (!Array.isArray(commands)) return errorReply(400, 'Bad Request: commands must be an array');
  for (const entry of commands as { command?: unknown; description?: unknown }[]) {
    const name = typeof entry.command === 'string' ? entry.command : '';
    const description = typeof entry.description === 'string' ? entry.description : '';
    if (!/^[a-z0-9_]{1,32}$/.test(name)) return errorReply(400, 'Bad Request: BOT_COMMAND_INVALID');
    if (description.length < 1 || description.length > 256)
      return errorReply(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
  }
  api.commands.set(token, commands);
  return okReply(true);
}
