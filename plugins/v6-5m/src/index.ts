export { V65mPlugin } from './V65mPlugin.js';
export { V6_5M_DEFAULTS, V6_5M_RISK_BUDGET, v65mConfigSchema } from './config.js';
