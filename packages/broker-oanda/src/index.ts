export { OandaBroker } from './OandaBroker.js';
export { OANDA_HOSTS } from './options.js';
export type { OandaBrokerOptions } from './options.js';
export { OandaCode, OandaConnectError } from './errors.js';
