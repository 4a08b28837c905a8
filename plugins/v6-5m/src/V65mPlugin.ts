import { V6Plugin } from '@zepix/v6-rules';
import { V6_5M_RISK_BUDGET, v65mConfigSchema } from './config.js';

/** The V6 5m momentum logic: the shared V6 rules with this logic's defaults and risk budget. */
export class V65mPlugin extends V6Plugin {
  static override configSchema = v65mConfigSchema;
  static override riskBudget = V6_5M_RISK_BUDGET;
  static override defaultEnabled = true;
}
