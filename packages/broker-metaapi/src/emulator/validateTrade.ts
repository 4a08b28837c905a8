import type { MetatraderTrade, TradeActionType } from '../wire.js';

const ACTIONS: readonly TradeActionType[] = [
  'ORDER_TYPE_BUY',
  'ORDER_TYPE_SELL',
  'POSITION_MODIFY',
  'POSITION_PARTIAL',
  'POSITION_CLOSE_ID',
];

/** https://metaapi.cloud/docs/client/clientIdUsage/: comment and clientId share 26 characters. */
export const COMMENT_AND_CLIENT_ID_MAX = 26;

const isPrice = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const isText = (v: unknown) => v === undefined || typeof v === 'string';

/**
 * The ValidationError checks of the trade endpoint (https://metaapi.cloud/docs/client/restApi/api/trade/): the
 * trade, or a message naming what is wrong.
 */
export function validateTrade(body: unknown): MetatraderTrade | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the request body must be a JSON object';
  const t = body as Record<string, unknown>;
  if (!ACTIONS.includes(t.actionType as TradeActionType)) {
    return `actionType must be one of ${ACTIONS.join(', ')}; got ${JSON.stringify(t.actionType)}`;
  }
  const action = t.actionType as TradeActionType;
  if (!isPrice(t.stopLoss) || !isPrice(t.takeProfit)) return 'stopLoss and takeProfit must be numbers ≥ 0';
  if (!isText(t.comment) || !isText(t.clientId)) return 'comment and clientId must be strings';
  const used = String(t.comment ?? '').length + String(t.clientId ?? '').length;
  if (used > COMMENT_AND_CLIENT_ID_MAX) {
    return `the total length of comment and clientId must not exceed ${COMMENT_AND_CLIENT_ID_MAX}; got ${used}`;
  }
  const market = action === 'ORDER_TYPE_BUY' || action === 'ORDER_TYPE_SELL';
  if (market && (typeof t.symbol !== 'string' || t.symbol === '')) return 'symbol is required';
  if ((market || action === 'POSITION_PARTIAL') && !(typeof t.volume === 'number' && t.volume > 0)) {
    return 'volume is required and must be a number > 0';
  }
  if (!market && (typeof t.positionId !== 'string' || t.positionId === '')) return 'positionId is required';
  return t as unknown as MetatraderTrade;
}
