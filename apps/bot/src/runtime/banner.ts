import type { BrokerIdentity } from './brokers/createBroker.js';
import type { Secrets } from './secrets.js';

/** One line naming the broker, account and environment in use. */
export function brokerLine(broker: BrokerIdentity): string {
  if (broker.kind === 'paper') return 'Broker: paper (the embedded paper account; no real orders).';
  const live = broker.environment === 'live' ? ' — LIVE: real money' : '';
  return `Broker: ${broker.kind}, account ${broker.account}, environment ${broker.environment}${live}.`;
}

/** What to tell the operator once the port is open: where to point TradingView and what to paste. */
export function startupBanner(options: {
  readonly url: string;
  readonly secrets: Secrets;
  readonly dataDir: string;
  readonly broker?: BrokerIdentity;
}): string {
  const { url, secrets, dataDir } = options;
  const lines = [`Zepix is listening. Webhook URL: ${url}/webhook`];
  if (options.broker !== undefined) lines.push(brokerLine(options.broker));
  if (secrets.generated.includes('webhookSecret')) {
    const message = {
      secret: secrets.webhookSecret,
      id: '{{ticker}}-{{interval}}-{{timenow}}',
      timestamp: '{{timenow}}',
      type: 'entry',
      symbol: '{{ticker}}',
      signal: 'buy',
      tf: '5m',
      price: '{{close}}',
      strategy: 'ZepixPremium',
    };
    lines.push(
      `A webhook secret was generated and stored in ${dataDir}/webhook-secret (shown once; set ZEPIX_WEBHOOK_SECRET to choose your own).`,
      'Paste this as the TradingView alert message (the alert dialog fills in the {{…}} placeholders):',
      `  ${JSON.stringify(message)}`,
      `For pipe-text (V6) alerts use the URL ${url}/webhook/${secrets.webhookSecret}`,
    );
  } else {
    lines.push(`Webhook secret: from ZEPIX_WEBHOOK_SECRET or ${dataDir}/webhook-secret.`);
  }
  if (secrets.generated.includes('apiToken')) {
    lines.push(
      `An API token was generated and stored in ${dataDir}/api-token (use it as "Authorization: Bearer <token>" on /api).`,
    );
  }
  return lines.join('\n');
}
