export { PaperBroker } from './PaperBroker.js';
export type { PaperBrokerOptions } from './PaperBroker.js';
export type { FaultMethod, FaultOutcome, FaultSpec } from './faults.js';
export { DEFAULT_SPREAD_PIPS } from './priceRules.js';
export type { PriceUpdate, SpreadPips } from './priceRules.js';
export { PaperBrokerError, PaperCode } from './results.js';
