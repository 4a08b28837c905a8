import { afterEach, describe, expect, it } from 'vitest';
import { startFakeTelegram } from './FakeTelegram.js';
import type { FakeTelegram } from './FakeTelegram.js';

let fake: FakeTelegram;
afterEach(async () => fake.stop());

async function call(
  method: string,
  body: Record<string, unknown> = {},
  token = '7:T',
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('fake Bot API', () => {
  it('answers with Telegram envelopes, a bot per token, and 404 for unknown methods', async () => {
    fake = await startFakeTelegram();
    const me = await call('getMe');
    expect(me).toMatchObject({ status: 200, json: { ok: true, result: { id: 7, is_bot: true } } });
    expect((await call('getMe', {}, '8:U')).json).toMatchObject({ result: { id: 8 } });
    expect(await call('sendPhoto')).toEqual({
      status: 404,
      json: { ok: false, error_code: 404, description: 'Not Found: method not found' },
    });
  });

  it('accepts form bodies and query strings', async () => {
    fake = await startFakeTelegram({ limits: false });
    const form = await fetch(`${fake.apiRoot}/bot7:T/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        chat_id: '5',
        text: 'hi',
        reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
      }),
    });
    expect(form.status).toBe(200);
    expect((await fetch(`${fake.apiRoot}/bot7:T/sendMessage?chat_id=5&text=again`)).status).toBe(200);
    expect(fake.messages(5).map((m) => [m.text, m.replyMarkup])).toEqual([
      ['hi', { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }],
      ['again', undefined],
    ]);
  });

  it('long-polls getUpdates, answers early on a new update and forgets confirmed ones', async () => {
    fake = await startFakeTelegram();
    await call('deleteWebhook');
    const started = Date.now();
    const poll = call('getUpdates', { offset: 0, timeout: 10 });
    setTimeout(() => fake.sendCommand('/status', { userId: 1, chatId: 1 }), 50);
    const first = (await poll).json.result as { update_id: number; message: { entities: unknown[] } }[];
    expect(Date.now() - started).toBeLessThan(2000);
    expect(first).toHaveLength(1);
    expect(first[0]?.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: 7 }]);
    const next = await call('getUpdates', { offset: (first[0]?.update_id ?? 0) + 1, timeout: 0 });
    expect(next.json.result).toEqual([]);
  });

  it('answers 429 with retry_after when a chat is flooded', async () => {
    fake = await startFakeTelegram({ limits: { perChatPerSecond: 2 } });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await call('sendMessage', { chat_id: 5, text: `m${i}` }));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(replies[2]?.json).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect((await call('sendMessage', { chat_id: 6, text: 'other chat' })).status).toBe(200);
  });

  it('refuses malformed HTML, empty and oversized texts, and no-op edits', async () => {
    fake = await startFakeTelegram({ limits: false });
    expect((await call('sendMessage', { chat_id: 5, text: 'a < b', parse_mode: 'HTML' })).json.description).toMatch(
      /can't parse entities/,
    );
    expect((await call('sendMessage', { chat_id: 5, text: '<b>open', parse_mode: 'HTML' })).status).toBe(400);
    expect((await call('sendMessage', { chat_id: 5, text: ' ' })).json.description).toBe(
      'Bad Request: message text is empty',
    );
    expect((await call('sendMessage', { chat_id: 5, text: 'x'.repeat(4097) })).json.description).toBe(
      'Bad Request: message is too long',
    );
    await call('sendMessage', { chat_id: 5, text: '<b>a &amp; b</b>', parse_mode: 'HTML' });
    expect(fake.messages(5).map((m) => m.text)).toEqual(['a & b']);
    const edit = { chat_id: 5, message_id: 1, text: 'a & b' };
    expect((await call('editMessageText', edit)).json.description).toMatch(/message is not modified/);
    expect((await call('editMessageText', { ...edit, text: 'changed' })).status).toBe(200);
    expect(fake.messages(5)[0]).toMatchObject({ text: 'changed', edited: true });
  });

  it('fails every request while down and recovers', async () => {
    fake = await startFakeTelegram();
    fake.setDown(true);
    expect(await call('getMe')).toEqual({
      status: 502,
      json: { ok: false, error_code: 502, description: 'Bad Gateway' },
    });
    fake.setDown(true, 'reset');
    await expect(call('getMe')).rejects.toThrow();
    fake.setDown(false);
    expect((await call('getMe')).status).toBe(200);
  });

  it('checks callback query ids and records the answers', async () => {
    fake = await startFakeTelegram();
    await call('deleteWebhook');
    const id = fake.pressButton('m:status', { userId: 1, chatId: 1, messageId: 99 });
    expect((await call('answerCallbackQuery', { callback_query_id: id, text: 'ok' })).status).toBe(200);
    expect((await call('answerCallbackQuery', { callback_query_id: id })).status).toBe(400);
    expect(fake.answers().get(id)).toMatchObject({ text: 'ok' });
  });
});
