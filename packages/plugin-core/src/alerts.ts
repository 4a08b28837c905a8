/** The three alert generations TradingView sends to Zepix. */
export type AlertFamily = 'legacy' | 'v3' | 'v6';

/** What an alert asks for, independent of its wire format. */
export type AlertKind = 'entry' | 'exit' | 'reversal' | 'trend' | 'bias' | 'squeeze' | 'trend_pulse';

/** The side of a position. */
export type Direction = 'buy' | 'sell';

/** A trend reading: 1 bullish, -1 bearish, 0 neutral. */
export type TrendValue = -1 | 0 | 1;

/**
 * Trends by timeframe in minutes (1, 5, 15, 60, 240, 1440). Alerts send them in two orders; the parser maps both
 * onto this one shape so no plugin has to know the wire order.
 */
export type MtfTrends = Readonly<Partial<Record<number, TrendValue>>>;

/** Price levels an alert may carry. */
export interface AlertLevels {
  readonly sl?: number;
  readonly tp1?: number;
  readonly tp2?: number;
  readonly tp3?: number;
}

/** Fields every normalised alert has. */
export interface AlertBase {
  readonly family: AlertFamily;
  readonly kind: AlertKind;
  /** Broker symbol after stripping an exchange prefix and applying the symbol map, e.g. `XAUUSD`. */
  readonly symbol: string;
  /** The symbol as TradingView sent it, e.g. `OANDA:XAUUSD`. */
  readonly rawSymbol: string;
  /** Chart timeframe in minutes. */
  readonly timeframe: number;
  readonly price?: number;
  /** Legacy `strategy`, V3 `signal_type` or the V6 signal name. */
  readonly signalType?: string;
  readonly strategy?: string;
  /** The sender's idempotency id (`"id":"{{ticker}}-{{interval}}-{{timenow}}"`), when present. */
  readonly alertId?: string;
  /** Explicit target plugin id, when the alert names one. */
  readonly plugin?: string;
  /** The sender's timestamp (ISO 8601 or epoch ms), when present. */
  readonly sentAt?: string;
  readonly consensusScore?: number;
  readonly marketTrend?: TrendValue;
  /** Every field as received, minus the secret. */
  readonly raw: Readonly<Record<string, unknown>>;
  /**
   * The bot's journal row id, set when the alert came through the webhook. It stays the same when the bot
   * re-delivers an alert after a crash, so use it to make a plugin's own effects idempotent.
   */
  readonly journalId?: number;
}

/** Open a position. */
export interface EntryAlert extends AlertBase {
  readonly kind: 'entry';
  readonly direction: Direction;
  readonly levels: AlertLevels;
  readonly mtfTrends?: MtfTrends;
  readonly positionMultiplier?: number;
  /** V6 confidence label such as HIGH or MODERATE. */
  readonly confidence?: string;
}

/** Close positions of one side on the symbol. */
export interface ExitAlert extends AlertBase {
  readonly kind: 'exit';
  /** The side of the positions to close: a bullish exit closes sells, a bearish exit closes buys. */
  readonly closeSide: Direction;
}

/** Close the other side, then open `direction`. */
export interface ReversalAlert extends AlertBase {
  readonly kind: 'reversal';
  readonly direction: Direction;
  readonly levels: AlertLevels;
}

/** A trend or bias reading for one symbol and timeframe. */
export interface TrendAlert extends AlertBase {
  readonly kind: 'trend' | 'bias';
  readonly trend: TrendValue;
}

/** A volatility squeeze: information only, no direction. */
export interface SqueezeAlert extends AlertBase {
  readonly kind: 'squeeze';
  readonly message?: string;
}

/** Multi-timeframe trend change. */
export interface TrendPulseAlert extends AlertBase {
  readonly kind: 'trend_pulse';
  readonly currentTrends: MtfTrends;
  readonly previousTrends?: MtfTrends;
  /** Timeframes, in minutes, whose trend changed. */
  readonly changedTimeframes: readonly number[];
  readonly message?: string;
}

/** Every normalised alert; switch on `kind`. */
export type Alert = EntryAlert | ExitAlert | ReversalAlert | TrendAlert | SqueezeAlert | TrendPulseAlert;

/** Alerts that carry information for the trend store rather than a trade. */
export type InfoAlert = TrendAlert | SqueezeAlert | TrendPulseAlert;

/** True for trend, bias, squeeze and trend-pulse alerts. */
export function isInfoAlert(alert: Alert): alert is InfoAlert {
  return alert.kind !== 'entry' && alert.kind !== 'exit' && alert.kind !== 'reversal';
}
