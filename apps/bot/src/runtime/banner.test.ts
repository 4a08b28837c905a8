import { describe, expect, it } from 'vitest';
import { startupBanner } from './banner.js';
import type { BannerOptions } from './banner.js';

const base: BannerOptions = {
  url: 'http://127.0.0.1:8000',
  publicUrl: null,
  secrets: { webhookSecret: 's3cret', apiToken: 't0ken', metricsToken: null, generated: ['webhookSecret', 'apiToken'] },
  dataDir: 'data',
  enabledPlugins: ['combined-v3', 'trend-logic'],
};

describe('startupBanner', () => {
  it('says how TradingView can reach a bot that only knows its local address', () => {
    const text = startupBanner(base);
    expect(text).toContain('TradingView cannot reach http://127.0.0.1:8000');
    expect(text).toContain('port 443');
    expect(text).toContain('reverse proxy');
    expect(text).toContain('server.public_url');
    expect(
      startupBanner({ ...base, url: 'https://bot.example.com', publicUrl: 'https://bot.example.com' }),
    ).not.toContain('cannot reach');
  });

  it('offers an alert the shipped combined-v3 trades, for TradingView and for curl', () => {
    const text = startupBanner(base);
    expect(text).toContain('combined-v3 trades it');
    const message = JSON.parse(/^ {2}(\{.*\})$/m.exec(text)?.[1] ?? '{}') as Record<string, unknown>;
    expect(message).toMatchObject({ secret: 's3cret', type: 'entry_v3', consensus_score: 8, sl_price: '{{low}}' });
    expect(text).toMatch(/curl -s http:\/\/127\.0\.0\.1:8000\/webhook .*\\"price\\":2650\.5/);
  });

  it('says when no plugin would act on an alert', () => {
    expect(startupBanner({ ...base, enabledPlugins: [] })).toContain('No plugin is enabled');
  });

  it('does not repeat a secret it did not generate', () => {
    const text = startupBanner({ ...base, secrets: { ...base.secrets, generated: [] } });
    expect(text).not.toContain('s3cret');
    expect(text).toContain('$(cat data/webhook-secret)');
  });
});
