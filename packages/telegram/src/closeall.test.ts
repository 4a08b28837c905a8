import { afterEach, expect, it } from 'vitest';
import type { Harness } from './testSupport.js';
import { buttonsOf, OWNER, startHarness, STRANGER } from './testSupport.js';
import type { FakeMessage } from './testing/FakeBotApi.js';

let h: Harness;
afterEach(async () => h.stop());

async function askCloseAll(): Promise<{ message: FakeMessage; confirm: string; cancel: string }> {
  const message = await h.ask('/closeall');
  expect(message.text).toBe('Close all 2 open positions (open P&L $8.30)? Confirm within 60 s.');
  const [confirm, cancel] = buttonsOf(message);
  expect(confirm).toMatch(/^ca:y:[0-9a-f]{12}$/);
  expect(cancel).toMatch(/^ca:n:[0-9a-f]{12}$/);
  return { message, confirm: confirm as string, cancel: cancel as string };
}

function press(data: string, message: FakeMessage, userId = OWNER): string {
  return h.fake.pressButton(data, { userId, chatId: OWNER, messageId: message.messageId });
}

function edited(message: FakeMessage): Promise<void> {
  return h.fake.waitFor((f) => f.messages(OWNER).some((m) => m.messageId === message.messageId && m.edited));
}

function current(message: FakeMessage): FakeMessage | undefined {
  return h.fake.messages(OWNER).find((m) => m.messageId === message.messageId);
}

it('closes everything when an allowed user confirms', async () => {
  h = await startHarness();
  const { message, confirm } = await askCloseAll();
  const query = press(confirm, message);
  await edited(message);
  expect(current(message)?.text).toBe('Closed 2 positions.');
  expect(current(message)?.replyMarkup).toBeUndefined();
  expect(h.operator.callsOf('closeAll')).toHaveLength(1);
  expect(h.fake.answers().get(query)).toMatchObject({ text: 'Closing all positions…' });
  expect(h.audit().map((row) => `${row.command} ${row.args} ${row.outcome}`)).toEqual([
    '/closeall  asked',
    '/closeall confirm confirmed',
  ]);
  // The same button again is spent: nothing happens twice.
  press(confirm, message);
  await h.fake.waitFor((f) => f.answers().size === 2);
  expect(h.operator.callsOf('closeAll')).toHaveLength(1);
});

it('closes nothing when cancelled', async () => {
  h = await startHarness();
  const { message, cancel } = await askCloseAll();
  const query = press(cancel, message);
  await edited(message);
  expect(current(message)?.text).toBe('Close all cancelled; nothing was closed.');
  expect(h.fake.answers().get(query)).toMatchObject({ text: 'Cancelled.' });
  expect(h.operator.callsOf('closeAll')).toEqual([]);
  expect(h.audit().at(-1)).toMatchObject({ args: 'cancel', outcome: 'cancelled' });
});

it('expires: the message says so and a late Confirm does nothing', async () => {
  h = await startHarness({ config: { confirm_timeout_seconds: 0.3 } });
  const message = await h.ask('/closeall');
  const [confirm] = buttonsOf(message);
  await edited(message);
  expect(current(message)?.text).toBe('Close all expired after 1 s; nothing was closed.');
  const query = press(confirm as string, message);
  await h.fake.waitFor((f) => f.answers().has(query));
  expect(h.fake.answers().get(query)).toMatchObject({ text: 'This confirmation has expired; nothing was done.' });
  expect(h.operator.callsOf('closeAll')).toEqual([]);
  expect(h.audit().at(-1)).toMatchObject({ args: 'confirm', outcome: 'expired' });
});

it('ignores a Confirm from a stranger and still accepts the owner’s', async () => {
  h = await startHarness();
  const { message, confirm } = await askCloseAll();
  const refused = press(confirm, message, STRANGER);
  await h.fake.waitFor((f) => f.answers().has(refused));
  expect(h.operator.callsOf('closeAll')).toEqual([]);
  press(confirm, message);
  await edited(message);
  expect(h.operator.callsOf('closeAll')).toHaveLength(1);
  expect(h.audit().map((row) => row.outcome)).toEqual(['asked', 'refused', 'confirmed']);
});

it('reports a failed close-all in one sentence', async () => {
  h = await startHarness();
  h.operator.failing.set('closeAll', new Error('broker timeout after 30000 ms'));
  const { message, confirm } = await askCloseAll();
  press(confirm, message);
  await edited(message);
  expect(current(message)?.text).toBe('Could not close all positions right now; the details are in the bot log.');
  expect(h.audit().at(-1)).toMatchObject({ outcome: 'failed' });
});

it('says so when there is nothing to close, without asking', async () => {
  h = await startHarness();
  h.operator.data.positions = [];
  const reply = await h.ask('/closeall');
  expect(reply.text).toBe('No open positions; nothing to close.');
  expect(reply.replyMarkup).toBeUndefined();
});
