import type { Update } from 'grammy/types';
import type { FakeBotApi, FakeReply } from './FakeBotApi.js';
import { errorReply, okReply } from './FakeBotApi.js';
import { answerCallbackQuery, editMessageText, sendMessage, setMyCommands } from './fakeMethods.js';

type Params = Readonly<Record<string, unknown>>;

/** Long polls never wait longer than this, whatever the bot asks for, so a stuck test fails fast. */
const MAX_POLL_SECONDS = 50;

function available(api: FakeBotApi, token: string, params: Params): Update[] {
  const bot = api.bot(token);
  const offset = Number(params.offset ?? 0);
  // Telegram forgets every update below the offset: that is how a bot confirms what it processed.
  if (offset > 0) while (bot.updates.length > 0 && (bot.updates[0]?.update_id ?? 0) < offset) bot.updates.shift();
  const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
  return bot.updates.slice(0, limit);
}

/** getUpdates with offset and long-poll `timeout`; answers early when an update arrives or the client leaves. */
export async function getUpdates(
  api: FakeBotApi,
  token: string,
  params: Params,
  closed: AbortSignal,
): Promise<FakeReply> {
  api.poller = token;
  const now = available(api, token, params);
  const timeout = Math.min(MAX_POLL_SECONDS, Number(params.timeout ?? 0));
  if (now.length > 0 || timeout <= 0) return okReply(now);
  const bot = api.bot(token);
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      bot.waiters.delete(done);
      closed.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, timeout * 1000);
    bot.waiters.add(done);
    closed.addEventListener('abort', done);
  });
  return okReply(available(api, token, params));
}

/** Routes one Bot API method; unknown methods get Telegram's 404. */
export async function callMethod(
  api: FakeBotApi,
  token: string,
  method: string,
  params: Params,
  closed: AbortSignal,
): Promise<FakeReply> {
  switch (method.toLowerCase()) {
    case 'getme':
      return okReply(api.bot(token).user);
    case 'getupdates':
      return getUpdates(api, token, params, closed);
    case 'deletewebhook':
      api.poller = token;
      return okReply(true);
    case 'sendmessage':
      return sendMessage(api, token, params);
    case 'editmessagetext':
      return editMessageText(api, token, params);
    case 'answercallbackquery':
      return answerCallbackQuery(api, token, params);
    case 'setmycommands':
      return setMyCommands(api, token, params);
    default:
      return errorReply(404, 'Not Found: method not found');
  }
}
