import { V6Plugin } from '@zepix/v6-rules';
import { V6_1M_RISK_BUDGET, v61mConfigSchema } from './config.js';

/** The V6 1m scalping logic: the shared V6 rules with this logic's defaults and risk budget. */
export class V61mPlugin extends V6Plugin {
  static override configSchema = v61mConfigSchema;
  static override riskBudget = V6_1M_RISK_BUDGET;
  static override defaultEnabled = true;
}
