export { MetaApiBroker } from './MetaApiBroker.js';
export { regionUrl } from './options.js';
export type { MetaApiBrokerOptions } from './options.js';
export { MetaApiCode } from './answers.js';
export { MetaApiConfigError } from './errors.js';
export { COMMENT_AND_CLIENT_ID_MAX, ORDER_COMMENT, clientIdPrefix, metaApiClientId } from './clientIds.js';
export { TradeCode, isTradeSuccess, rejectionCode } from './tradeCodes.js';
export { priceFor, volumeFor } from './sizing.js';
export type {
  MetatraderAccountInformation,
  MetatraderDeal,
  MetatraderPosition,
  MetatraderSymbolPrice,
  MetatraderSymbolSpecification,
  MetatraderTrade,
  MetatraderTradeResponse,
  MetaApiErrorBody,
} from './wire.js';
