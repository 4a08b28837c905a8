import type { SymbolBook } from '@zepix/symbols';
import type { TradingConfig } from './config.js';
import type { LossFigures } from './RiskGate.js';

/** What lot sizing needs to know about one entry. */
export interface LotRequest {
  readonly symbol: string;
  /** Distance from entry to SL in price units, when the entry has an SL. */
  readonly slDistance?: number;
  readonly multiplier?: number;
}

/** Lots and a sentence saying how they were reached. */
export interface LotDecision {
  readonly lots: number;
  readonly basis: string;
}

/**
 * Lot sizing: a per-symbol override, else risk-based from the SL distance (mode 'risk'), else the balance tier's
 * fixed lot; times the caller's multiplier; shrunk by the share of the daily loss allowance left ("smart lot");
 * normalised by the SymbolBook, never below the symbol's minimum.
 */
export class LotSizer {
  readonly #config: TradingConfig;
  readonly #symbols: SymbolBook;

  constructor(config: TradingConfig, symbols: SymbolBook) {
    this.#config = config;
    this.#symbols = symbols;
  }

  /** Sizes an entry from the current loss figures. */
  size(request: LotRequest, figures: LossFigures): LotDecision {
    return this.#finish(request, this.#base(request, figures), figures);
  }

  /**
   * Lots the caller chose (a re-entry's or chain level's source lots), through the same multiplier, smart-lot
   * shrink and normalisation as sized lots, so no order escapes the shrink as the daily allowance is used up.
   */
  given(request: LotRequest & { readonly lots: number }, figures: LossFigures): LotDecision {
    return this.#finish(request, { lots: request.lots, basis: `${request.lots} lots given` }, figures);
  }

  #finish(request: LotRequest, base: LotDecision, figures: LossFigures): LotDecision {
    const multiplier = request.multiplier ?? 1;
    let lots = base.lots * multiplier;
    const basis = [base.basis];
    if (multiplier !== 1) basis.push(`× multiplier ${multiplier}`);
    if (this.#config.lot_sizing.smart_lot) {
      const cap = figures.tier.daily_loss_cap;
      // Realized losses only, as the original: the spread of the leg just opened must not shrink the next leg, and
      // open positions are bounded by the worst-case gate at their stop-losses.
      const used = figures.dailyRealized;
      const factor = Math.max(0, Math.min(1, (cap - used) / cap));
      if (factor < 1) {
        lots *= factor;
        basis.push(
          `× smart lot ${factor.toFixed(2)} ($${Math.max(0, cap - used).toFixed(2)} of $${cap} daily allowance left)`,
        );
      }
    }
    const normalized = this.#symbols.normalizeLots(request.symbol, lots);
    if (normalized > lots + 1e-9) basis.push(`raised to the minimum ${normalized}`);
    return { lots: normalized, basis: basis.join(' ') };
  }

  #base(request: LotRequest, figures: LossFigures): LotDecision {
    const override = this.#config.lot_sizing.symbol_lots[request.symbol];
    if (override !== undefined)
      return { lots: override, basis: `lot_sizing.symbol_lots.${request.symbol} = ${override}` };
    const { mode, risk_per_trade: riskShare } = this.#config.lot_sizing;
    if (mode === 'risk' && request.slDistance !== undefined && request.slDistance > 0) {
      const pips = this.#symbols.toPips(request.symbol, request.slDistance);
      const riskUsd = figures.balance * riskShare;
      const lots = riskUsd / (pips * this.#symbols.pipValuePerLot(request.symbol));
      return {
        lots,
        basis: `risk ${(riskShare * 100).toFixed(2)}% of $${figures.balance} ($${riskUsd.toFixed(2)}) over ${pips} pips`,
      };
    }
    const tier = figures.tier;
    const fallback = mode === 'risk' ? ' (risk mode needs an SL; fixed lot used)' : '';
    return { lots: tier.fixed_lot, basis: `fixed lot ${tier.fixed_lot} of the $${tier.balance} tier${fallback}` };
  }
}
