import { TelegramConfigSchema } from '@zepix/telegram/config';
import { TradingConfigSchema } from '@zepix/trading/config';
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
    /** Nice steps the engine thread (plugins, trading) runs below the intake on Linux; 0 keeps them equal. */
    engine_nice: z.number().int().min(0).max(19).default(10),
    /** Transient dispatch failures (locked database, broker unknown, timeout): calls in all and the backoff. */
    retry: z
      .object({
        attempts: z.number().int().min(1).max(20).default(8),
        base_delay_ms: z.number().int().min(1).max(60_000).default(500),
        max_delay_ms: z.number().int().min(1).max(300_000).default(30_000),
      })
      .strict()
      .prefault({}),
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
    /**
     * A read-only scrape token for `GET /metrics` only (it opens nothing else), so a scrape config can be written
     * beside the bot's; ZEPIX_METRICS_TOKEN overrides it. The only token the config file may hold.
     */
    metrics_token: z
      .string()
      .trim()
      .min(12, 'metrics_token must be at least 12 characters: use a long random value, e.g. openssl rand -hex 24')
      .nullable()
      .default(null),
  })
  .strict()
  .refine((server) => !(server.trust_proxy === true && server.ip_allowlist !== null), {
    path: ['trust_proxy'],
    message:
      'true trusts X-Forwarded-For from anyone, so a spoofed header would pass server.ip_allowlist; set it to your proxy\'s address instead (e.g. "127.0.0.1")',
  });

/** `intake`: what the webhook accepts. */
const intakeSchema = z
  .object({
    max_alert_age_seconds: z.number().int().min(1).nullable().default(120),
    /** How long an alert with its own `id` stays a duplicate of an earlier one with that id. */
    dedup_window_hours: z.number().min(0).default(24),
    /**
     * How long an id-less alert (a content hash) stays a duplicate: TradingView resends a failed alert within
     * seconds, while the same content later is a genuine repeat (a trend flipping back, a second exit).
     */
    resend_window_seconds: z.number().min(0).default(30),
    symbol_map: z.record(z.string(), z.string()).default({}),
    /** An alert or API price further than this from the symbol's last price is refused (422); null: no limit. */
    max_price_jump_percent: z.number().positive().nullable().default(50),
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

/** `broker.oanda`: which OANDA v20 account (the token comes only from ZEPIX_OANDA_TOKEN). */
const oandaSchema = z
  .object({
    environment: z.enum(['practice', 'live']).default('practice'),
    account_id: z.string().min(1).optional(),
    confirm_live: z.boolean().optional(),
  })
  .strict();

/** `broker.metaapi`: which MetaApi account (the token comes only from ZEPIX_METAAPI_TOKEN). */
const metaapiSchema = z
  .object({
    account_id: z.string().min(1).optional(),
    region: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a MetaApi region such as "new-york", "london" or "singapore"')
      .default('new-york'),
  })
  .strict();

/**
 * `broker`: which broker the order path uses. `kind` "paper" (the default, embedded; `starting_balance` and
 * `spread_pips` apply to it), "oanda" (`oanda.environment`, `oanda.account_id`) or "metaapi" (`metaapi.account_id`,
 * `metaapi.region`). A live account also needs `confirm_live: true` (here, or in `oanda` for OANDA).
 */
const brokerSchema = z
  .object({
    kind: z.enum(['paper', 'oanda', 'metaapi']).default('paper'),
    starting_balance: z.number().positive().default(10_000),
    spread_pips: z.record(z.string(), z.number().min(0)).default({}),
    oanda: oandaSchema.prefault({}),
    metaapi: metaapiSchema.prefault({}),
    confirm_live: z.boolean().default(false),
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

/** The `broker` section with defaults applied. */
export type BrokerConfig = z.infer<typeof brokerSchema>;

/** A validated bot config with defaults applied. */
export type BotConfig = z.infer<typeof BotConfigSchema>;

/** One plugin's section: host keys plus the plugin's own settings. */
export type PluginSection = z.infer<typeof pluginSectionSchema>;

/** One routing rule. */
export type RoutingRule = z.infer<typeof routingRuleSchema>;
