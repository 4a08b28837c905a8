import { describe, expect, it } from 'vitest';
import { BotMetrics } from './BotMetrics.js';

const noEngine = () => Promise.resolve('');

describe('BotMetrics', () => {
  it('registers the process and event-loop metrics once, when the intake asks or on the first scrape', async () => {
    const asked = new BotMetrics();
    asked.collectDefaults();
    asked.collectDefaults();
    expect(asked.registry.getSingleMetric('zepix_process_cpu_seconds_total')).toBeDefined();
    expect((await asked.render(noEngine)).match(/^# TYPE zepix_process_cpu_seconds_total /gm)).toHaveLength(1);

    const metrics = new BotMetrics();
    expect(metrics.registry.getSingleMetric('zepix_process_cpu_seconds_total')).toBeUndefined();
    const first = await metrics.render(noEngine);
    expect(first).toContain('zepix_process_cpu_seconds_total');
    expect(first).toContain('zepix_nodejs_eventloop_lag_seconds');
    const second = await metrics.render(noEngine);
    expect(second.match(/^# TYPE zepix_process_cpu_seconds_total /gm)).toHaveLength(1);
  });

  it('leaves them out when asked to', async () => {
    const text = await new BotMetrics({ defaultMetrics: false }).render(noEngine);
    expect(text).not.toContain('zepix_process_cpu_seconds_total');
    expect(text).toContain('zepix_webhook_ack_seconds');
  });
});
