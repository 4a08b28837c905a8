export { V61hPlugin } from './V61hPlugin.js';
export { V6_1H_DEFAULTS, V6_1H_RISK_BUDGET, v61hConfigSchema } from './config.js';
