import type { BrokerIdentity } from './brokers/createBroker.js';
import type { Secrets } from './secrets.js';

/** One line naming the broker, account and environment in use. */
export function brokerLine(broker: BrokerIdentity): string {
  if (broker.kind === 'paper') return 'Broker: paper (the embedded paper account; no real orders).';
  const live = broker.environment === 'live' ? ' — LIVE: real money' : '';
  return `Broker: ${broker.kind}, account ${broker.account}, environment ${broker.environment}${live}.`;
}

/** What the banner needs to know about the running bot. */
export interface BannerOptions {
  readonly url: string;
  /** `server.public_url` from the config; null when the bot only knows its local address. */
  readonly publicUrl: string | null;
  readonly secrets: Secrets;
  readonly dataDir: string;
  readonly broker?: BrokerIdentity;
  /** Ids of the plugins that receive alerts. */
  readonly enabledPlugins: readonly string[];
}

// A V3 entry that combined-v3 trades as it ships: consensus 8 (≥ 7 even for a Launchpad buy), a stop below the
// price, all trend pillars up. In TradingView the bar's low and high stand in for the script's stop and targets.
const V3_PLACEHOLDERS = {
  type: 'entry_v3',
  signal_type: 'Institutional_Launchpad',
  symbol: '{{ticker}}',
  direction: 'buy',
  tf: '{{interval}}',
  price: '{{close}}',
  consensus_score: 8,
  sl_price: '{{low}}',
  tp1_price: '{{high}}',
  tp2_price: '{{high}}',
  mtf_trends: '1,1,1,1,1',
};
const V3_TRY = {
  ...V3_PLACEHOLDERS,
  symbol: 'XAUUSD',
  tf: '15',
  price: 2650.5,
  sl_price: 2648.5,
  tp1_price: 2652.5,
  tp2_price: 2655.5,
};
const LEGACY_PLACEHOLDERS = {
  type: 'entry',
  symbol: '{{ticker}}',
  signal: 'buy',
  tf: '5m',
  price: '{{close}}',
  strategy: 'ZepixPremium',
};

function exposureLines(options: BannerOptions): string[] {
  if (options.publicUrl) return [];
  const port = new URL(options.url).port;
  return [
    `TradingView cannot reach ${options.url}: it posts only to public https:// (port 443) or http:// (port 80) addresses.`,
    `  Put a reverse proxy (Caddy, nginx) or a tunnel (cloudflared, ngrok) in front of port ${port}, then set`,
    '  server.public_url in zepix.config.json to its address so this banner prints the URL to paste.',
  ];
}

function alertLines(options: BannerOptions): string[] {
  const { secrets, dataDir, url } = options;
  const shown = secrets.generated.includes('webhookSecret');
  const secret = shown ? secrets.webhookSecret : `$(cat ${dataDir}/webhook-secret)`;
  if (options.enabledPlugins.length === 0) {
    return [
      'No plugin is enabled: alerts are journaled but nothing trades. Enable one under "plugins" in zepix.config.json.',
    ];
  }
  const v3 = options.enabledPlugins.includes('combined-v3');
  const message = v3 ? V3_PLACEHOLDERS : LEGACY_PLACEHOLDERS;
  const lines = [
    `Paste this as the TradingView alert message (the alert dialog fills in the {{…}} placeholders)${v3 ? '; combined-v3 trades it' : ''}:`,
    `  ${JSON.stringify({ secret: shown ? secret : '<your webhook secret>', id: '{{ticker}}-{{interval}}-{{timenow}}', ...message })}`,
  ];
  if (v3) {
    const body = JSON.stringify({ secret: '__SECRET__', ...V3_TRY }).replace('__SECRET__', secret);
    lines.push(
      'Try it now (a paper trade on XAUUSD):',
      `  curl -s ${url}/webhook -H 'content-type: application/json' -d "${body.replaceAll('"', '\\"')}"`,
    );
  }
  return lines;
}

/** What to tell the operator once the port is open: where to point TradingView and what to paste. */
export function startupBanner(options: BannerOptions): string {
  const { url, secrets, dataDir } = options;
  const lines = [`Zepix is listening. Webhook URL: ${url}/webhook`, ...exposureLines(options)];
  if (secrets.generated.includes('webhookSecret')) {
    lines.push(
      `A webhook secret was generated and stored in ${dataDir}/webhook-secret (shown once; set ZEPIX_WEBHOOK_SECRET to choose your own).`,
      `For pipe-text (V6) alerts use the URL ${url}/webhook/${secrets.webhookSecret}`,
    );
  } else {
    lines.push(`Webhook secret: from ZEPIX_WEBHOOK_SECRET or ${dataDir}/webhook-secret.`);
  }
  lines.push(...alertLines(options));
  if (secrets.generated.includes('apiToken')) {
    lines.push(
      `An API token was generated and stored in ${dataDir}/api-token (use it as "Authorization: Bearer <token>" on /api).`,
    );
  }
  return lines.join('\n');
}
