import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from './testSupport.js';
import { buttonsOf, OWNER, startHarness, STRANGER } from './testSupport.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.stop());

/** Every command with its arguments and a phrase its reply must contain. */
const EXPECTED: readonly [string, string][] = [
  ['/start', 'Zepix controller'],
  ['/help', '/closeall'],
  ['/status', 'plugins    1 enabled of 2'],
  ['/plugins', 'price-action  0.3.1    OFF'],
  ['/enable price-action', 'Plugin price-action enabled.'],
  ['/disable combined-v3', 'Plugin combined-v3 disabled.'],
  ['/positions', '#12 XAUUSD BUY 0.1 @ 2650.1  +$12.30'],
  ['/trades', '#9  XAUUSD  BUY  0.1  +$70.00  closed'],
  ['/close 13', 'Closed trade #13, P&L -$4.00.'],
  ['/closeall', 'Close all 1 open positions'],
  ['/pause', 'Trading paused: no new entries'],
  ['/resume', 'Trading resumed'],
  ['/risk', 'daily loss     $25.00 of $200.00 (13%)'],
  ['/trends xauusd', 'XAUUSD  1h   BULL'],
  ['/chains', '#3  XAUUSD  BUY  L2  2 open  +$14.00  active'],
  ['/pnl', 'win rate      60%'],
  ['/daily', 'Daily summary 2025-01-02'],
];

describe('an allowed user', () => {
  it('gets an answer to every command, and every command is audited', async () => {
    for (const [command, phrase] of EXPECTED) {
      const reply = await h.ask(command);
      expect(reply.text, command).toContain(phrase);
    }
    expect(h.operator.data.plugins.map((p) => p.enabled)).toEqual([false, true]);
    expect(h.operator.callsOf('closeTrade')).toEqual([{ method: 'closeTrade', args: ['13'] }]);
    expect(h.operator.callsOf('closeAll')).toEqual([]);
    expect(h.operator.callsOf('trends')).toEqual([{ method: 'trends', args: ['XAUUSD'] }]);
    const audit = h.audit();
    expect(audit.map((row) => `${row.command} ${row.args}`.trim())).toEqual(EXPECTED.map(([command]) => command));
    expect(audit.every((row) => row.userId === OWNER && row.chatId === OWNER)).toBe(true);
    expect(audit.map((row) => row.outcome)).toEqual(EXPECTED.map(([c]) => (c === '/closeall' ? 'asked' : 'ok')));
  });

  it('gets the menu on /start, and a menu button runs its command', async () => {
    const menu = await h.ask('/start');
    expect(buttonsOf(menu)).toEqual(['m:status', 'm:positions', 'm:risk', 'm:pnl', 'm:pause', 'm:resume']);
    h.fake.pressButton('m:pause', { userId: OWNER, chatId: OWNER, messageId: menu.messageId });
    await h.fake.waitFor((f) => f.messages(OWNER).length === 2);
    expect(h.fake.messages(OWNER)[1]?.text).toContain('Trading paused');
    expect(h.operator.callsOf('pause')).toHaveLength(1);
    expect(h.fake.answers().size).toBe(1);
    expect(h.audit().at(-1)).toMatchObject({ command: 'menu:pause', outcome: 'ok' });
  });

  it('registers the command list with Telegram', () => {
    const commands = h.fake.commands() as { command: string }[];
    expect(commands.map((c) => c.command)).toEqual(EXPECTED.map(([c]) => c.slice(1).split(' ')[0]));
  });
});

describe('a foreign user', () => {
  it('is refused once, whatever they send, and every attempt is audited', async () => {
    const refusal = await h.ask('/status', { userId: STRANGER, chatId: STRANGER });
    expect(refusal.text).toBe(
      'This bot only takes commands from its owner. Your Telegram user id is 2002; the owner can add it to ZEPIX_TELEGRAM_ALLOWED_USERS.',
    );
    for (const [command] of EXPECTED) h.fake.sendCommand(command, { userId: STRANGER, chatId: STRANGER });
    // Updates are handled in order: the owner's answer proves the stranger's commands were all processed.
    await h.ask('/status');
    expect(h.fake.messages(STRANGER)).toHaveLength(1);
    expect(h.operator.calls.map((c) => c.method)).toEqual(['status']);
    const refused = h.audit().filter((row) => row.userId === STRANGER);
    expect(refused).toHaveLength(EXPECTED.length + 1);
    expect(refused.every((row) => row.outcome === 'refused')).toBe(true);
  });

  it('is refused in a group too, and cannot press the owner’s buttons', async () => {
    const group = -100_500;
    const menu = await h.ask('/start', { chatId: group });
    h.fake.pressButton('m:pause', { userId: STRANGER, chatId: group, messageId: menu.messageId });
    await h.fake.waitFor((f) => f.answers().size === 1);
    expect([...h.fake.answers().values()][0]).toMatchObject({ text: 'You are not allowed to use this bot.' });
    expect(h.operator.callsOf('pause')).toEqual([]);
    expect(h.audit().at(-1)).toMatchObject({
      userId: STRANGER,
      command: 'button',
      args: 'm:pause',
      outcome: 'refused',
    });
  });
});

describe('mistakes and failures', () => {
  it('answers usage mistakes with one plain sentence', async () => {
    const cases: [string, string][] = [
      ['/enable', '/enable needs a plugin id, for example /enable combined-v3; send /plugins for the list.'],
      ['/enable nope', 'There is no plugin "nope"; send /plugins for the list.'],
      ['/close', '/close needs a trade id, for example /close 12; send /positions to see them.'],
      ['/close 99', 'Could not close trade #99: trade 99 is not open.'],
      ['/trades 0', '/trades takes an optional count from 1 to 50, for example /trades 20.'],
      ['/frobnicate', 'There is no command /frobnicate; send /help for the list.'],
    ];
    for (const [command, sentence] of cases) expect((await h.ask(command)).text).toBe(sentence);
    expect(h.audit().map((row) => row.outcome)).toEqual(['usage', 'usage', 'usage', 'failed', 'usage', 'unknown']);
  });

  it('turns a throwing operator into one sentence without the exception text', async () => {
    const error = new Error('SQLITE_BUSY: database is locked');
    for (const method of ['status', 'positions', 'pause', 'risk'] as const) h.operator.failing.set(method, error);
    expect((await h.ask('/status')).text).toBe('Could not get the status right now; the details are in the bot log.');
    expect((await h.ask('/positions')).text).toBe(
      'Could not list the open positions right now; the details are in the bot log.',
    );
    expect((await h.ask('/pause')).text).toBe('Could not pause trading right now; the details are in the bot log.');
    expect((await h.ask('/risk')).text).not.toMatch(/SQLITE|locked|Error|at /);
    expect(h.audit().map((row) => row.outcome)).toEqual(['failed', 'failed', 'failed', 'failed']);
  });

  it('escapes what the host returns, so a plugin id cannot inject markup', async () => {
    h.operator.data.plugins.push({ id: '<b>x</b>&y', version: '1.0.0', enabled: true, processed: 0, failed: 0 });
    expect((await h.ask('/plugins')).text).toContain('<b>x</b>&y');
  });

  it('ignores a command addressed to another bot in a group', async () => {
    const group = -100_600;
    h.fake.sendCommand('/pause@some_other_bot', { userId: OWNER, chatId: group });
    const reply = await h.ask('/status', { chatId: group });
    expect(reply.text).toContain('Zepix 0.1.0');
    expect(h.operator.callsOf('pause')).toEqual([]);
  });

  it('does not run a command that waited in Telegram while the bot was offline', async () => {
    h.fake.sendCommand('/resume', { userId: OWNER, chatId: OWNER, date: Math.floor(Date.now() / 1000) - 3600 });
    await h.fake.waitFor((f) => f.messages(OWNER).length === 1);
    expect(h.fake.messages(OWNER)[0]?.text).toMatch(
      /^Ignored \/resume: it was sent 1h 00m ago while the bot was offline/,
    );
    expect(h.operator.callsOf('resume')).toEqual([]);
    expect(h.audit()[0]).toMatchObject({ command: '/resume', outcome: 'stale' });
  });
});
