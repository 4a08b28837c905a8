import { InlineKeyboard } from 'grammy';
import { capRows, endSentence, money, num, sentence, signedMoney, table } from '../format.js';
import { bold, lines, pre } from '../html.js';
import type { OperatorPosition } from '../ports.js';
import type { CommandSpec } from './types.js';
import { ok, say } from './types.js';

const MAX_ROWS = 25;

/** Callback data prefixes of the close-all confirmation buttons. */
export const CONFIRM_PREFIX = 'ca:y:';
export const CANCEL_PREFIX = 'ca:n:';

function positionLines(p: OperatorPosition): string[] {
  return [
    `#${p.id} ${p.symbol} ${p.direction.toUpperCase()} ${num(p.lots)} @ ${num(p.entryPrice)}  ${signedMoney(p.unrealizedPnl)}`,
    `   SL ${num(p.stopLoss)}  TP ${num(p.takeProfit)}  [${p.plugin}]`,
  ];
}

/** `/positions`: open positions with SL, TP and open P&L. */
export const positionsCommand: CommandSpec = {
  name: 'positions',
  description: 'Open positions',
  failure: 'list the open positions',
  async run({ operator }) {
    const positions = await operator.positions();
    if (positions.length === 0) return say('ok', 'No open positions.');
    const { shown, more } = capRows(positions, MAX_ROWS);
    const open = positions.reduce((sum, p) => sum + p.unrealizedPnl, 0);
    const body = [...shown.flatMap(positionLines), ...(more ? [more] : [])];
    return ok(lines(bold(`Open positions (${positions.length}), P&L ${signedMoney(open)}`), pre(body)));
  },
};

/** `/trades [n]`: the most recent trades, 10 unless asked otherwise (at most 50). */
export const tradesCommand: CommandSpec = {
  name: 'trades',
  description: 'Recent trades: /trades [count]',
  failure: 'list the trades',
  async run({ operator, args }) {
    const asked = args[0] === undefined ? 10 : Number(args[0]);
    if (!Number.isInteger(asked) || asked < 1 || asked > 50) {
      return say('usage', '/trades takes an optional count from 1 to 50, for example /trades 20.');
    }
    const trades = await operator.trades(asked);
    if (trades.length === 0) return say('ok', 'No trades yet.');
    const rows = trades.map((t) => [
      `#${t.id}`,
      t.symbol,
      t.direction.toUpperCase(),
      num(t.lots),
      t.closePrice === null ? 'open' : signedMoney(t.realizedPnl),
      t.state,
    ]);
    return ok(lines(bold(`Last ${trades.length} trades`), pre(table(rows))));
  },
};

/** `/close <trade>`: closes one trade now. */
export const closeCommand: CommandSpec = {
  name: 'close',
  description: 'Close one trade: /close <id>',
  failure: 'close the trade',
  async run({ operator, args }) {
    const id = args[0]?.replace(/^#/, '');
    if (!id) return say('usage', '/close needs a trade id, for example /close 12; send /positions to see them.');
    const result = await operator.closeTrade(id);
    if (!result.ok)
      return say(
        'failed',
        endSentence(`Could not close trade #${sentence(id, 40)}: ${sentence(result.error.message)}`),
      );
    return say('ok', `Closed trade #${id}, P&L ${signedMoney(result.value.pnl)}.`);
  },
};

/** `/closeall`: asks first; only a Confirm within the timeout closes anything. */
export const closeAllCommand: CommandSpec = {
  name: 'closeall',
  description: 'Close every open position (asks first)',
  failure: 'prepare closing all positions',
  async run({ operator, chatId, confirmations, confirmTimeoutMs }) {
    const positions = await operator.positions();
    if (positions.length === 0) return say('ok', 'No open positions; nothing to close.');
    const confirmation = confirmations.create('closeall', chatId);
    const open = positions.reduce((sum, p) => sum + p.unrealizedPnl, 0);
    const keyboard = new InlineKeyboard()
      .text('Confirm: close all', `${CONFIRM_PREFIX}${confirmation.nonce}`)
      .text('Cancel', `${CANCEL_PREFIX}${confirmation.nonce}`);
    const seconds = Math.max(1, Math.round(confirmTimeoutMs / 1000));
    const text = `Close all ${positions.length} open positions (open P&L ${money(open)})? Confirm within ${seconds} s.`;
    return { ...say('asked', text), keyboard, confirmation };
  },
};
