import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardAssets, dashboardRoutes } from './dashboardRoutes.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function builtDashboard(): string {
  dir = mkdtempSync(join(tmpdir(), 'zepix-dashboard-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Zepix</title>');
  return dir;
}

function recordingLogger() {
  const lines: string[] = [];
  return { logger: pino({}, { write: (line: string) => lines.push(line) }), lines };
}

describe('the dashboard files', () => {
  it('are read on the first request, not at start (start-up does not wait for the compression)', async () => {
    const folder = builtDashboard();
    const files = dashboardAssets(recordingLogger().logger, folder);
    expect(files).toBeDefined();
    // Written after the bot started: served all the same, since nothing was read yet.
    writeFileSync(join(folder, 'app.js'), 'console.log("late");');
    const app = Fastify();
    dashboardRoutes(app, files!);
    const script = await app.inject({ url: '/dashboard/app.js', headers: { 'accept-encoding': 'identity' } });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('console.log("late");');
    expect((await app.inject({ url: '/dashboard' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/dashboard/index.html' })).statusCode).toBe(404);
    const missing = await app.inject({ url: '/dashboard/nope.js' });
    expect(missing.json()).toEqual({
      error: { code: 'ZEPIX_HTTP_NOT_FOUND', message: 'no dashboard file "nope.js"; open /dashboard' },
    });
    await app.close();
  });

  it('are off, with one warning, when the dashboard was not built', () => {
    dir = mkdtempSync(join(tmpdir(), 'zepix-dashboard-'));
    const { logger, lines } = recordingLogger();
    expect(dashboardAssets(logger, dir)).toBeUndefined();
    expect(lines.join('')).toContain('the dashboard is not built');
  });
});
