import { V6Plugin } from '@zepix/v6-rules';
import { V6_1H_RISK_BUDGET, v61hConfigSchema } from './config.js';

/** The V6 1h swing logic: the shared V6 rules with this logic's defaults and risk budget. */
export class V61hPlugin extends V6Plugin {
  static override configSchema = v61hConfigSchema;
  static override riskBudget = V6_1H_RISK_BUDGET;
  static override defaultEnabled = true;
}
