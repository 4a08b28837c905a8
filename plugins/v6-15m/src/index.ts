export { V615mPlugin } from './V615mPlugin.js';
export { V6_15M_DEFAULTS, V6_15M_RISK_BUDGET, v615mConfigSchema } from './config.js';
