import { money, percent, sentence, table } from '../format.js';
import { bold, lines, pre } from '../html.js';
import type { CommandSpec } from './types.js';
import { ok, say } from './types.js';

/** `/pause`: no new entries; exits and stop-losses keep working. */
export const pauseCommand: CommandSpec = {
  name: 'pause',
  description: 'Pause new entries (exits still run)',
  failure: 'pause trading',
  async run({ operator }) {
    await operator.pause();
    return say('ok', 'Trading paused: no new entries; exits and stop-losses still run.');
  },
};

/** `/resume`: entries allowed again. */
export const resumeCommand: CommandSpec = {
  name: 'resume',
  description: 'Resume trading',
  failure: 'resume trading',
  async run({ operator }) {
    await operator.resume();
    return say('ok', 'Trading resumed: new entries are allowed again.');
  },
};

function used(loss: number, cap: number): string {
  return cap > 0 ? `${money(loss)} of ${money(cap)} (${percent(loss / cap)})` : `${money(loss)} (no cap)`;
}

/** `/risk`: pause state, balance and how much of each loss cap is used. */
export const riskCommand: CommandSpec = {
  name: 'risk',
  description: 'Risk state and loss caps',
  failure: 'get the risk state',
  async run({ operator }) {
    const r = await operator.risk();
    const rows = [
      ['trading', r.paused ? 'PAUSED (exits only)' : 'running'],
      ['balance', r.balance === null ? 'unknown' : money(r.balance)],
      ['daily loss', used(r.dailyLoss, r.dailyLossCap)],
      ['lifetime loss', used(r.lifetimeLoss, r.lifetimeLossCap)],
      ...(r.blockedReason ? [['blocked', sentence(r.blockedReason, 120)]] : []),
    ];
    return ok(lines(bold('Risk'), pre(table(rows))));
  },
};
