import type { BreakEvenOptions } from '@zepix/plugin-core';
import type { Closer } from './Closer.js';
import type { EngineContext } from './context.js';
import type { EngineParts } from './parts.js';
import { modifyPosition } from './orderExecution.js';
import { exitPrice } from './Quotes.js';
import { lifecycleOf } from './rows.js';
import type { PositionRow } from './rows.js';
import { sql } from './schema.js';
import type { Tick } from './types.js';

const MINUTE_MS = 60_000;
const round = (value: number) => Math.round(value * 1e8) / 1e8;

// Only rows that asked for a rule are read; both rules live in the stored lifecycle, so they survive restarts.
const WITH_RULES =
  "SELECT * FROM positions WHERE state = 'open' AND (lifecycle_json LIKE '%\"breakEven\"%' OR lifecycle_json LIKE '%\"maxHoldMinutes\"%')";

/** The other leg of a dual order: same alert and plugin, A ↔ B (see clientOrderId). */
export function siblingClientOrderId(clientOrderId: string): string | undefined {
  const match = /^(.*)-([AB])$/.exec(clientOrderId);
  if (!match) return undefined;
  return `${match[1]}-${match[2] === 'A' ? 'B' : 'A'}`;
}

/** The break-even stop: entry ± offset pips, in the position's favour. */
export function breakEvenLevel(row: PositionRow, offsetPips: number, pipSize: number): number | undefined {
  if (row.entry_price === null) return undefined;
  const sign = row.direction === 'buy' ? 1 : -1;
  return round(row.entry_price + sign * offsetPips * pipSize);
}

/**
 * Position rules the engine keeps for plugins, read from each position's stored lifecycle: break-even after a
 * target (`breakEven`) and the maximum holding time (`maxHoldMinutes`). Nothing is kept in memory but the
 * positions being worked on, so a restart picks up where the last run stopped: a position held past its time
 * while the bot was down is closed on the first sweep.
 */
export class PositionRules {
  readonly #ctx: EngineContext;
  readonly #closer: Closer;
  readonly #busy = new Set<number>();

  constructor(ctx: EngineContext, closer: Closer) {
    this.#ctx = ctx;
    this.#closer = closer;
  }

  /** Applies every rule to open positions that have one (all symbols, or the tick's). */
  async sweep(parts: EngineParts, tick?: Tick): Promise<void> {
    const rows = (
      tick === undefined
        ? sql(this.#ctx.db, WITH_RULES).all()
        : sql(this.#ctx.db, `${WITH_RULES} AND symbol = ?`).all(tick.symbol)
    ) as PositionRow[];
    for (const row of rows) {
      if (this.#busy.has(row.id)) continue;
      this.#busy.add(row.id);
      try {
        if (await this.#holdExpired(row)) continue;
        await this.#breakEven(parts, row);
      } catch (error) {
        this.#ctx.logger.error({ err: error, positionId: row.id }, 'position rule failed; retried on the next sweep');
      } finally {
        this.#busy.delete(row.id);
      }
    }
  }

  /** Closes the position when it has been open `maxHoldMinutes`; true when it was closed. */
  async #holdExpired(row: PositionRow): Promise<boolean> {
    const minutes = lifecycleOf(row).maxHoldMinutes;
    const opened = Date.parse(row.opened_at ?? row.created_at);
    if (minutes === undefined || this.#ctx.now().getTime() < opened + minutes * MINUTE_MS) return false;
    const outcome = await this.#closer.close(row, {
      by: row.plugin,
      note: `maximum holding time: open ${minutes} min`,
      pluginExit: false,
    });
    if (!outcome.ok)
      this.#ctx.logger.warn({ positionId: row.id, reason: outcome.error.message }, 'holding-time close failed');
    return outcome.ok;
  }

  async #breakEven(parts: EngineParts, row: PositionRow): Promise<void> {
    const rule = lifecycleOf(row).breakEven;
    const spec = this.#ctx.symbols.get(row.symbol);
    if (rule === undefined || spec === undefined) return;
    const level = breakEvenLevel(row, rule.offsetPips, spec.pipSize);
    const tick = this.#ctx.quotes.latest(row.symbol);
    if (level === undefined || tick === undefined) return;
    const sign = row.direction === 'buy' ? 1 : -1;
    // Already at (or beyond) break-even: done, also after a restart.
    if (row.stop_loss !== null && (row.stop_loss - level) * sign >= -1e-9) return;
    if (!this.#triggered(row, rule, tick)) return;
    // A stop on the wrong side of the price would be refused; wait for a tick that allows it.
    if ((exitPrice(row.direction, tick) - level) * sign <= 0) return;
    const result = await modifyPosition(parts, row.plugin, { positionId: String(row.id), stopLoss: level });
    const why = rule.afterSiblingTp ? 'the other leg reached its target' : `price reached ${rule.atPrice}`;
    if (!result.ok) {
      this.#ctx.logger.warn({ positionId: row.id, reason: result.reason }, 'break-even move failed');
      return;
    }
    this.#ctx.outbox.write({
      plugin: row.plugin,
      kind: 'break_even',
      text: `[${row.plugin}] BREAK-EVEN ${row.direction.toUpperCase()} ${row.symbol} #${row.id}: SL moved to ${level} (entry ${row.entry_price} ${sign > 0 ? '+' : '−'} ${rule.offsetPips} pips) because ${why}`,
      payload: { positionId: row.id, stopLoss: level, offsetPips: rule.offsetPips, trigger: why },
    });
  }

  #triggered(row: PositionRow, rule: BreakEvenOptions, tick: Tick): boolean {
    if (
      rule.atPrice !== undefined &&
      (exitPrice(row.direction, tick) - rule.atPrice) * (row.direction === 'buy' ? 1 : -1) >= 0
    )
      return true;
    if (rule.afterSiblingTp !== true) return false;
    const sibling = siblingClientOrderId(row.client_order_id);
    const other = sibling === undefined ? undefined : this.#ctx.positions.byClientOrderId(sibling);
    return other?.state === 'closed' && other.close_reason === 'tp';
  }
}
