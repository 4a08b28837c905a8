import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartupReport } from '../discovery/startupReport.js';
import { checkUpdates, formatUpdates, registryUrl } from './checkUpdates.js';

const server = createServer((req, res) => {
  if (req.url === '/@zepix%2fplugin-a') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ versions: { '1.0.0': {}, '1.1.0': {}, '2.0.0': {} } }));
  } else {
    res.writeHead(404).end('{}');
  }
});
let registry: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const result = (name: string, version: string) => ({
  package: name,
  version,
  outcome: 'loaded' as const,
  stage: 'started',
  required: false,
  durationMs: 1,
});
const report = {
  results: [result('@zepix/plugin-a', '1.0.0'), result('@zepix/plugin-gone', '1.0.0')],
} as unknown as StartupReport;

describe('checkUpdates', () => {
  it('finds the newest version the range takes, and says when the registry cannot answer', async () => {
    const deps = { '@zepix/plugin-a': '^1.0.0', '@zepix/plugin-gone': '^1.0.0' };
    const updates = await checkUpdates(report, deps, registry);
    expect(updates[0]).toMatchObject({ package: '@zepix/plugin-a', installed: '1.0.0', newest: '1.1.0' });
    expect(updates[1]?.error).toContain('answered 404');
    const text = formatUpdates(updates, registry);
    expect(text).toContain('↑ @zepix/plugin-a@1.0.0: 1.1.0 is published and satisfies ^1.0.0; run pnpm update');
    expect(text).toContain('? @zepix/plugin-gone@1.0.0: could not ask the registry');
  });

  it('says a plugin is up to date', async () => {
    const updates = await checkUpdates(report, { '@zepix/plugin-a': '~1.1.0' }, registry);
    expect(formatUpdates([{ ...updates[0]!, installed: '1.1.0' }], registry)).toContain('✔ @zepix/plugin-a@1.1.0');
  });

  it('asks the registry pnpm uses', () => {
    expect(registryUrl({ npm_config_registry: 'http://127.0.0.1:4873' })).toBe('http://127.0.0.1:4873/');
    expect(registryUrl({})).toBe('https://registry.npmjs.org/');
  });
});
