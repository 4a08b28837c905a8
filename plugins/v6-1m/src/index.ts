export { V61mPlugin } from './V61mPlugin.js';
export { V6_1M_DEFAULTS, V6_1M_RISK_BUDGET, v61mConfigSchema } from './config.js';
