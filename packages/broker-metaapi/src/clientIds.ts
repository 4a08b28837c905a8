import { createHash } from 'node:crypto';

/** The order comment Zepix sends with every trade; it shares MetaApi's 26 characters with the clientId. */
export const ORDER_COMMENT = 'zepix';

/** MetaApi's limit on comment + clientId (https://metaapi.cloud/docs/client/clientIdUsage/). */
export const COMMENT_AND_CLIENT_ID_MAX = 26;

const STRATEGY = 'ZX';
const KEY_LENGTH = 14;

/**
 * The MetaApi clientId for a Zepix client order id. Zepix ids hold up to 32 characters including `-`; MetaApi
 * allows 26 alphanumeric characters for comment and clientId together and asks for the
 * `${strategyId}_${positionId}_${orderId}` form. So the id is hashed (deterministically, so a lookup after a timeout
 * needs nothing stored) into `ZX_<14 hex>_1`: 19 characters, 24 with the comment. MetaApi may replace the last
 * part with the MetaTrader order id on SL/TP deals, so matching uses `clientIdPrefix`.
 */
export function metaApiClientId(clientOrderId: string): string {
  return `${clientIdPrefix(clientOrderId)}1`;
}

/** What every clientId of this order's objects starts with, whatever MetaApi did to the order part. */
export function clientIdPrefix(clientOrderId: string): string {
  const key = createHash('sha256').update(clientOrderId).digest('hex').slice(0, KEY_LENGTH);
  return `${STRATEGY}_${key}_`;
}

/** The prefix part of a clientId read back from MetaApi, or undefined when it is not one of Zepix's. */
export function prefixOf(clientId: string | undefined): string | undefined {
  if (clientId === undefined) return undefined;
  const match = /^ZX_[0-9a-f]{14}_/.exec(clientId);
  return match === null ? undefined : match[0];
}
