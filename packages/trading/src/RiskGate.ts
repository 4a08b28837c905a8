import type { Direction } from '@zepix/plugin-core';
import type { RiskTier } from './config.js';
import type { EngineContext } from './context.js';
import { levelsRefusal } from './entryLevels.js';
import type { RewardRiskFloor } from './entryLevels.js';
import { TradingErrorCode } from './errors.js';
import { systemMessage } from './messages.js';
import { openMarks, openWorstLoss } from './openMarks.js';
import type { PluginBudgets } from './PluginBudgets.js';
import { lastDailyReset, tierFor } from './riskTiers.js';
import type { TradeOrigin } from './types.js';

/** Why the gate said no: a stable code and a reason that says what and how to fix. */
export interface Refusal {
  readonly code: string;
  readonly reason: string;
}

/** Loss figures at one moment, all read from the database plus open losses at the latest prices. */
export interface LossFigures {
  readonly balance: number;
  readonly tier: RiskTier;
  readonly resetAt: Date;
  readonly dailyRealized: number;
  readonly lifetimeRealized: number;
  readonly openLoss: number;
  readonly dailyLoss: number;
  readonly lifetimeLoss: number;
}

/** An entry as the gate checks it. */
export interface EntryCheck {
  readonly plugin: string;
  readonly origin: TradeOrigin;
  readonly symbol: string;
  readonly direction: Direction;
  /** Lots after sizing; with the entry and SL they give the order's own worst case. */
  readonly lots?: number;
  readonly entry?: number;
  readonly stopLoss?: number | null;
  readonly takeProfit?: number | null;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
// Stryker disable next-line StringLiteral: the state key's spelling is internal; any name behaves the same
const LIFETIME_SINCE = 'risk.lifetime_since';

/** The risk gate: pause, loss caps, open-trade and order-rate limits, reward:risk. Exits never pass through it. */
export class RiskGate {
  readonly #ctx: EngineContext;
  readonly #budgets: PluginBudgets | undefined;

  constructor(ctx: EngineContext, budgets?: PluginBudgets) {
    this.#ctx = ctx;
    this.#budgets = budgets;
  }

  /** The account balance from the broker (persisted), else the last one it reported. */
  async balance(): Promise<number | undefined> {
    try {
      const result = await this.#ctx.broker.accountSummary();
      if (result.ok) {
        // Persisted so risk state survives a restart; written only on change to spare a commit per order.
        // A fallback copy of what the broker reports: it need not wait for an fsync on every order.
        if (this.lastBalance() !== result.value.balance)
          this.#ctx.txReconcilable(() => this.#ctx.state.set('account.balance', String(result.value.balance)));
        return result.value.balance;
      }
    } catch (error) {
      // Stryker disable next-line ObjectLiteral,StringLiteral: log wording
      this.#ctx.logger.warn({ err: error }, 'accountSummary threw; using the last known balance');
    }
    return this.lastBalance();
  }

  /** The last balance the broker reported, persisted across restarts. */
  lastBalance(): number | undefined {
    const stored = this.#ctx.state.get('account.balance');
    return stored === undefined ? undefined : Number(stored);
  }

  /** Balance plus prices for every symbol with open positions, so open losses can be marked. */
  async prepare(): Promise<number | undefined> {
    const symbols = this.#ctx.positions.openSymbols();
    const [balance] = await Promise.all([this.balance(), this.#ctx.quotes.ensure(symbols)]);
    return balance;
  }

  /** Losses since `sinceIso`: gross (every losing close) or net (only a net loss), per risk.loss_basis. */
  realizedLoss(sinceIso: string): number {
    const sums = this.#ctx.closeTotals.since(sinceIso);
    return round2(this.#ctx.config.risk.loss_basis === 'gross' ? sums.grossLoss : Math.max(0, -sums.net));
  }

  /** Losses of open positions at the latest prices (same basis as realized losses), summed in SQL per symbol. */
  openLoss(): number {
    const marks = openMarks(this.#ctx);
    return round2(this.#ctx.config.risk.loss_basis === 'net' ? Math.max(0, -marks.net) : marks.losses);
  }

  /** Net realized P&L since `sinceIso` (wins minus losses). */
  realizedNet(sinceIso: string): number {
    return round2(this.#ctx.closeTotals.since(sinceIso).net);
  }

  /**
   * The tier for the trading day: pinned by risk.tier, else the tier of the balance at the last daily reset (the
   * balance now minus what was realized since), so a loss during the day does not drop the account a tier.
   */
  dayTier(balance: number, resetAt: Date): RiskTier {
    const { tier: pinned, tiers } = this.#ctx.config.risk;
    const dayStart = pinned ?? round2(balance - this.realizedNet(resetAt.toISOString()));
    return tierFor(tiers, dayStart);
  }

  /** Every loss figure for this balance. */
  figures(balance: number): LossFigures {
    const resetAt = lastDailyReset(this.#ctx.now(), this.#ctx.config.risk.daily_reset_utc);
    const dailyRealized = this.realizedLoss(resetAt.toISOString());
    const lifetimeRealized = this.realizedLoss(this.#ctx.state.get(LIFETIME_SINCE) ?? '');
    const openLoss = this.openLoss();
    return {
      balance,
      tier: this.dayTier(balance, resetAt),
      resetAt,
      dailyRealized,
      lifetimeRealized,
      openLoss,
      dailyLoss: round2(dailyRealized + openLoss),
      lifetimeLoss: round2(lifetimeRealized + openLoss),
    };
  }

  /** Whether trading is paused (exits only), and why. */
  pauseState(): { paused: boolean; reason: string | null } {
    const reason = this.#ctx.state.get('risk.paused');
    return { paused: reason !== undefined, reason: reason ?? null };
  }

  /** Pauses new entries (persisted); exits still work. */
  pause(actor: string, reason: string): void {
    this.#ctx.tx(() => {
      this.#ctx.state.set('risk.paused', reason);
      this.#ctx.state.audit(actor, 'pause', { reason });
      this.#ctx.outbox.write(systemMessage(actor, 'paused', `TRADING PAUSED (exits only): ${reason}`, { reason }));
    });
  }

  /** Lifts a pause. */
  resume(actor: string): void {
    this.#ctx.tx(() => {
      const was = this.#ctx.state.get('risk.paused');
      this.#ctx.state.delete('risk.paused');
      this.#ctx.state.audit(actor, 'resume', { was: was ?? null });
      if (was !== undefined) this.#ctx.outbox.write(systemMessage(actor, 'resumed', 'TRADING RESUMED', { was }));
    });
  }

  /** Starts counting lifetime losses afresh from now (operator action, audited). */
  resetLifetime(actor: string, reason: string): void {
    this.#ctx.tx(() => {
      this.#ctx.state.set(LIFETIME_SINCE, this.#ctx.now().toISOString());
      this.#ctx.state.audit(actor, 'reset_lifetime_loss', { reason });
    });
  }

  /** Pause and loss caps; writes the cap notification once per trip (unless `notify` is false). */
  capRefusal(figures: LossFigures, notify = true): Refusal | undefined {
    const pause = this.pauseState();
    if (pause.paused) {
      return {
        code: TradingErrorCode.Paused,
        reason: `trading is paused (${pause.reason}); only exits are allowed. Fix: resume from the operator API or CLI once the cause is dealt with`,
      };
    }
    const { tier } = figures;
    if (figures.lifetimeLoss >= tier.lifetime_loss_cap) {
      const reason = `lifetime loss $${figures.lifetimeLoss} (realized $${figures.lifetimeRealized} + open $${figures.openLoss}) has reached the $${tier.lifetime_loss_cap} cap of the $${tier.balance} tier (balance $${figures.balance}); new entries are blocked, exits still work. Fix: review the strategy, then reset the lifetime counter or raise risk.tiers`;
      if (notify)
        this.#notifyOnce(
          `risk.cap.lifetime.${this.#ctx.state.get(LIFETIME_SINCE) ?? 'start'}`,
          'lifetime',
          reason,
          figures,
        );
      return { code: TradingErrorCode.LifetimeCap, reason };
    }
    if (figures.dailyLoss >= tier.daily_loss_cap) {
      const reason = `daily loss $${figures.dailyLoss} (realized $${figures.dailyRealized} + open $${figures.openLoss}) has reached the $${tier.daily_loss_cap} cap of the $${tier.balance} tier (balance $${figures.balance}); new entries are blocked until the daily reset at ${this.#ctx.config.risk.daily_reset_utc} UTC, exits still work. Fix: wait for the reset or raise risk.tiers`;
      if (notify) this.#notifyOnce(`risk.cap.daily.${figures.resetAt.toISOString()}`, 'daily', reason, figures);
      return { code: TradingErrorCode.DailyCap, reason };
    }
    return undefined;
  }

  /** Every entry check; call inside the intent transaction so the counters cannot race. */
  checkEntry(check: EntryCheck, figures: LossFigures): Refusal | undefined {
    return (
      this.capRefusal(figures) ??
      levelsRefusal(check, this.#rewardRiskFloor(check.plugin)) ??
      this.worstCaseRefusal(check, figures) ??
      (check.origin === 'chain' ? undefined : this.#limitsRefusal(check.plugin)) ??
      // Stryker disable next-line OptionalChaining: the engine always builds the gate with plugin budgets
      this.#budgets?.refusal({ plugin: check.plugin, origin: check.origin, resetAt: figures.resetAt })
    );
  }

  /**
   * With risk.worst_case on: realized loss + every open position's loss at its SL + this order's loss at its SL
   * must stay within the daily and the lifetime cap; an order without an SL has no worst case and is refused.
   */
  worstCaseRefusal(check: EntryCheck, figures: LossFigures): Refusal | undefined {
    if (!this.#ctx.config.risk.worst_case || check.lots === undefined) return undefined;
    const { entry, lots, symbol, direction } = check;
    const sl = check.stopLoss ?? undefined;
    if (sl === undefined) {
      return {
        code: TradingErrorCode.NoStopLoss,
        reason: `the ${direction} ${symbol} order (${check.origin}) has no stop-loss, so its worst case is unbounded while loss caps are set. Fix: give the order a stop-loss, or set risk.worst_case to false`,
      };
    }
    if (entry === undefined) return undefined;
    const own = round2(Math.max(0, -this.#ctx.symbols.profit({ symbol, direction, entry, exit: sl, lots })));
    const open = round2(openWorstLoss(this.#ctx));
    const { tier } = figures;
    const what = `${lots} lots ${direction} ${symbol} at ${entry} with SL ${sl} (loses $${own} at its SL)`;
    const daily = round2(figures.dailyRealized + open + own);
    if (daily > tier.daily_loss_cap) {
      return {
        code: TradingErrorCode.DailyCap,
        reason: `${what} would put the daily worst case at $${daily} (realized $${figures.dailyRealized} + open positions at their SL $${open} + this order $${own}), over the $${tier.daily_loss_cap} daily cap of the $${tier.balance} tier. Fix: wait for positions to close or the daily reset at ${this.#ctx.config.risk.daily_reset_utc} UTC, use a tighter SL, or raise risk.tiers`,
      };
    }
    const lifetime = round2(figures.lifetimeRealized + open + own);
    if (lifetime > tier.lifetime_loss_cap) {
      return {
        code: TradingErrorCode.LifetimeCap,
        reason: `${what} would put the lifetime worst case at $${lifetime} (realized $${figures.lifetimeRealized} + open positions at their SL $${open} + this order $${own}), over the $${tier.lifetime_loss_cap} lifetime cap of the $${tier.balance} tier. Fix: review the strategy, then reset the lifetime counter or raise risk.tiers`,
      };
    }
    return undefined;
  }

  #limitsRefusal(plugin: string): Refusal | undefined {
    const { max_open_trades_per_plugin: maxOpen, max_orders_per_minute: maxRate } = this.#ctx.config.risk;
    const open = this.#ctx.positions.countLive(plugin);
    if (open >= maxOpen) {
      return {
        code: TradingErrorCode.MaxOpen,
        reason: `plugin "${plugin}" already has ${open} open trades (risk.max_open_trades_per_plugin = ${maxOpen}). Fix: close some first or raise the limit`,
      };
    }
    const since = new Date(this.#ctx.now().getTime() - 60_000).toISOString();
    const recent = this.#ctx.positions.countOrdersSince(since);
    if (recent >= maxRate) {
      return {
        code: TradingErrorCode.RateLimit,
        reason: `${recent} orders in the last minute (risk.max_orders_per_minute = ${maxRate}). Fix: wait a minute; if alerts really come this fast, raise the limit`,
      };
    }
    return undefined;
  }

  /** The plugin's own reward:risk floor (`plugins.<id>.risk.min_rr_ratio`) when it has one, else the account's. */
  #rewardRiskFloor(plugin: string): RewardRiskFloor {
    // Stryker disable next-line OptionalChaining: the engine always builds the gate with plugin budgets
    const own = this.#budgets?.get(plugin).min_rr_ratio;
    const key = `plugins.${plugin}.risk.min_rr_ratio`;
    if (own !== undefined) return { min: own, key, fix: `lower ${key}` };
    return {
      min: this.#ctx.config.risk.min_rr_ratio,
      key: 'risk.min_rr_ratio',
      fix: `lower risk.min_rr_ratio, or set ${key} for this plugin alone`,
    };
  }

  #notifyOnce(key: string, which: 'daily' | 'lifetime', reason: string, figures: LossFigures): void {
    if (!this.#ctx.state.setOnce(key, this.#ctx.now().toISOString())) return;
    const cap = which === 'daily' ? figures.tier.daily_loss_cap : figures.tier.lifetime_loss_cap;
    const loss = which === 'daily' ? figures.dailyLoss : figures.lifetimeLoss;
    this.#ctx.outbox.write(
      systemMessage('system', `${which}_loss_cap`, `${which.toUpperCase()} LOSS CAP REACHED: ${reason}`, {
        which,
        loss,
        cap,
        balance: figures.balance,
        tier: figures.tier.balance,
      }),
    );
  }
}
