import { TelegramConfigSchema } from '@zepix/telegram';
import { TradingConfigSchema } from '@zepix/trading';
import { z } from 'zod';

/** TradingView's webhook sender addresses (https://www.tradingview.com/support/solutions/43000529348). */
export const TRADINGVIEW_IPS = ['52.89.214.238', '34.212.75.30', '54.218.53.128', '52.32.178.7'] as const;

const pluginSectionSchema = z
  .object({
    enabled: z.boolean().optional(),
    required: z.boolean().default(false),
    /** "shadow": the plugin trades on its own paper broker beside the live plugins, never on the live account. */
    mode: z.enum(['live', 'shadow']).optional(),
  })
  .catchall(z.unknown());

/** `plugin_system`: how plugins are found and contained. */
const pluginSystemSchema = z
  .object({
    enabled: z.boolean().default(true),
    auto_discover: z.boolean().default(true),
    fallback_plugin: z.string().nullable().default(null),
    call_timeout_ms: z.number().int().min(10).max(300_000).default(5000),
    init_timeout_ms: z.number().int().min(10).max(300_000).default(10_000),
    max_consecutive_failures: z.number().int().min(0).default(5),
  })
  .strict();

/** `server`: the webhook and API listener. */
const serverSchema = z
  .object({
    host: z.string().min(1).default('0.0.0.0'),
    port: z.number().int().min(0).max(65_535).default(8000),
    public_url: z.string().url().nullable().default(null),
    trust_proxy: z.union([z.boolean(), z.string().min(1), z.array(z.string().min(1))]).default(false),
    body_limit_bytes: z.number().int().min(1024).max(1_048_576).default(65_536),
    ip_allowlist: z
      .union([z.literal('tradingview'), z.array(z.string().min(1))])
      .nullable()
      .default(null),
    auth_failure_limit_per_minute: z.number().int().min(1).default(10),
  })
  .strict();

/** `intake`: what the webhook accepts. */
const intakeSchema = z
  .object({
    max_alert_age_seconds: z.number().int().min(1).nullable().default(120),
    dedup_window_hours: z.number().min(0).default(24),
    symbol_map: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/** `journal`: durability of the alert journal. */
const journalSchema = z
  .object({
    synchronous: z.enum(['FULL', 'NORMAL']).default('FULL'),
  })
  .strict();

const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]);

/** One routing rule: every condition given must match; the alert then goes to `plugins`. */
const routingRuleSchema = z
  .object({
    plugins: z.array(z.string().min(1)).min(1),
    family: oneOrMany(z.enum(['legacy', 'v3', 'v6'])).optional(),
    kind: oneOrMany(z.enum(['entry', 'exit', 'reversal', 'trend', 'bias', 'squeeze', 'trend_pulse'])).optional(),
    strategy: oneOrMany(z.string().min(1)).optional(),
    symbol: oneOrMany(z.string().min(1)).optional(),
    timeframe: oneOrMany(z.number().int().positive()).optional(),
  })
  .strict();

/** `routing`: with no rules every plugin sees every alert (and filters with validateAlert). */
const routingSchema = z.object({ rules: z.array(routingRuleSchema).default([]) }).strict();

/** `broker`: the paper broker, the embedded default. */
const brokerSchema = z
  .object({
    type: z.literal('paper').default('paper'),
    starting_balance: z.number().positive().default(10_000),
    spread_pips: z.record(z.string(), z.number().min(0)).default({}),
  })
  .strict();

/** `symbols.<SYMBOL>`: overrides of (or additions to) the symbol table. */
const symbolSchema = z
  .object({
    pipSize: z.number().positive(),
    pipValuePerLot: z.number().positive(),
    contractSize: z.number().positive(),
    minStopPips: z.number().min(0),
    quoteCurrency: z.string().length(3),
    minLot: z.number().positive(),
    lotStep: z.number().positive(),
  })
  .partial()
  .strict();

/** The whole `zepix.config.json`. Secrets are never read from here; they come from environment variables. */
export const BotConfigSchema = z
  .object({
    $schema: z.string().optional(),
    server: serverSchema.prefault({}),
    intake: intakeSchema.prefault({}),
    journal: journalSchema.prefault({}),
    routing: routingSchema.prefault({}),
    broker: brokerSchema.prefault({}),
    symbols: z.record(z.string(), symbolSchema).default({}),
    trading: TradingConfigSchema.prefault({}),
    telegram: TelegramConfigSchema.prefault({}),
    plugin_system: pluginSystemSchema.prefault({}),
    plugins: z.record(z.string(), pluginSectionSchema).default({}),
  })
  .strict();

/** A validated bot config with defaults applied. */
export type BotConfig = z.infer<typeof BotConfigSchema>;

/** One plugin's section: host keys plus the plugin's own settings. */
export type PluginSection = z.infer<typeof pluginSectionSchema>;

/** One routing rule. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;
