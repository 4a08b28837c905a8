import { V6Plugin } from '@zepix/v6-rules';
import { V6_15M_RISK_BUDGET, v615mConfigSchema } from './config.js';

/** The V6 15m intraday logic: the shared V6 rules with this logic's defaults and risk budget. */
export class V615mPlugin extends V6Plugin {
  static override configSchema = v615mConfigSchema;
  static override riskBudget = V6_15M_RISK_BUDGET;
  static override defaultEnabled = true;
}
