import { z } from '@zepix/plugin-core';

/** The template's settings; every field has a default, so an empty `plugins.template` section is valid. */
export const templateConfigSchema = z
  .object({
    trading_settings: z
      .object({
        max_concurrent_trades: z.number().int().min(1).default(3),
        risk_per_trade: z.number().gt(0).max(1).default(0.01),
        enabled_symbols: z.array(z.string().min(1)).default(['XAUUSD', 'EURUSD']),
      })
      .prefault({}),
    notification_settings: z
      .object({
        send_entry_alerts: z.boolean().default(true),
        send_exit_alerts: z.boolean().default(true),
        tag: z.string().default('[TEMPLATE]'),
      })
      .prefault({}),
  })
  .strict();

/** Parsed template settings. */
export type TemplateConfig = z.infer<typeof templateConfigSchema>;
