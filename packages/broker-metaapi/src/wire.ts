/**
 * The parts of MetaApi's REST models that Zepix reads or writes, as documented at
 * https://metaapi.cloud/docs/client/models/ (one page per model, named in each comment). Fields Zepix does not use
 * are left out; the emulator sends them anyway where the docs mark them required.
 */

/** https://metaapi.cloud/docs/client/models/metatraderAccountInformation/ */
export interface MetatraderAccountInformation {
  readonly platform: 'mt4' | 'mt5';
  readonly broker: string;
  readonly currency: string;
  readonly server: string;
  readonly balance: number;
  readonly equity: number;
  readonly margin: number;
  readonly freeMargin: number;
  readonly leverage: number;
  readonly marginLevel?: number;
  readonly tradeAllowed: boolean;
  readonly marginMode: string;
  readonly name: string;
  readonly login: number;
  readonly credit: number;
  /** ACCOUNT_TRADE_MODE_DEMO, ACCOUNT_TRADE_MODE_CONTEST or ACCOUNT_TRADE_MODE_REAL. */
  readonly type: string;
}

/** https://metaapi.cloud/docs/client/models/metatraderPosition/ */
export interface MetatraderPosition {
  readonly id: string;
  readonly type: 'POSITION_TYPE_BUY' | 'POSITION_TYPE_SELL';
  readonly symbol: string;
  readonly magic: number;
  /** UTC, ISO format; `brokerTime` is the broker's wall clock and is not used. */
  readonly time: string;
  readonly brokerTime: string;
  readonly updateTime: string;
  readonly openPrice: number;
  readonly currentPrice: number;
  readonly currentTickValue: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly volume: number;
  readonly profit: number;
  readonly realizedProfit: number;
  readonly unrealizedProfit: number;
  readonly swap: number;
  readonly commission: number;
  readonly comment?: string;
  readonly clientId?: string;
}

/** https://metaapi.cloud/docs/client/models/metatraderDeal/ */
export interface MetatraderDeal {
  readonly id: string;
  readonly type: string;
  readonly entryType?: 'DEAL_ENTRY_IN' | 'DEAL_ENTRY_OUT' | 'DEAL_ENTRY_INOUT' | 'DEAL_ENTRY_OUT_BY';
  readonly symbol?: string;
  readonly magic?: number;
  readonly time: string;
  readonly brokerTime: string;
  readonly volume?: number;
  readonly price?: number;
  readonly commission?: number;
  readonly swap?: number;
  readonly profit: number;
  readonly positionId?: string;
  readonly orderId?: string;
  readonly comment?: string;
  readonly clientId?: string;
  readonly platform: 'mt4' | 'mt5';
  /** DEAL_REASON_CLIENT, DEAL_REASON_EXPERT, DEAL_REASON_SL, DEAL_REASON_TP, DEAL_REASON_SO, … */
  readonly reason?: string;
}

/** https://metaapi.cloud/docs/client/models/metatraderSymbolSpecification/ */
export interface MetatraderSymbolSpecification {
  readonly symbol: string;
  readonly tickSize: number;
  readonly minVolume: number;
  readonly maxVolume: number;
  readonly volumeStep: number;
  readonly contractSize: number;
  readonly digits: number;
  readonly tradeMode?: string;
  readonly executionMode: string;
  readonly fillingModes: readonly string[];
}

/** https://metaapi.cloud/docs/client/models/metatraderSymbolPrice/ */
export interface MetatraderSymbolPrice {
  readonly symbol: string;
  readonly bid: number;
  readonly ask: number;
  readonly profitTickValue: number;
  readonly lossTickValue: number;
  readonly time: string;
  readonly brokerTime: string;
}

/** The trade action types Zepix sends (https://metaapi.cloud/docs/client/restApi/api/trade/). */
export type TradeActionType =
  'ORDER_TYPE_BUY' | 'ORDER_TYPE_SELL' | 'POSITION_MODIFY' | 'POSITION_PARTIAL' | 'POSITION_CLOSE_ID';

/** https://metaapi.cloud/docs/client/models/metatraderTrade/ (the fields of the action types above). */
export interface MetatraderTrade {
  readonly actionType: TradeActionType;
  readonly symbol?: string;
  readonly volume?: number;
  readonly stopLoss?: number;
  readonly takeProfit?: number;
  readonly positionId?: string;
  readonly comment?: string;
  readonly clientId?: string;
}

/** https://metaapi.cloud/docs/client/models/metatraderTradeResponse/ */
export interface MetatraderTradeResponse {
  readonly numericCode: number;
  readonly stringCode: string;
  readonly message: string;
  /** The docs type orderId as a string and positionId as a number, and their example sends both as numbers. */
  readonly orderId?: string | number;
  readonly positionId?: string | number;
}

/**
 * https://metaapi.cloud/docs/client/models/error/ and .../tooManyRequestsError/: every non-2xx REST answer.
 * A 429 carries `metadata.recommendedRetryTime` (and a Retry-After header).
 */
export interface MetaApiErrorBody {
  readonly id: number;
  readonly error: string;
  readonly message: string;
  readonly numericCode?: number;
  readonly stringCode?: string;
  readonly details?: unknown;
  readonly metadata?: { readonly recommendedRetryTime?: string } & Record<string, unknown>;
}
