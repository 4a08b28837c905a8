import { describe, expect, it } from 'vitest';
import { checkCompatibility, resolveWorkspaceRange } from './compatibility.js';

const manifest = { kind: 'logic-plugin' as const, id: 'x', entry: 'X', apiVersion: 1 };

describe('checkCompatibility', () => {
  it('accepts a matching apiVersion and peer range', () => {
    expect(
      checkCompatibility({ manifest, peerDependencies: { '@zepix/plugin-core': '^1.0.0' }, coreVersion: '1.4.2' }),
    ).toEqual({ ok: true, value: undefined });
  });

  it('treats workspace ranges as they will be published', () => {
    expect(resolveWorkspaceRange('workspace:^', '1.2.0')).toBe('^1.2.0');
    expect(resolveWorkspaceRange('workspace:*', '1.2.0')).toBe('*');
    expect(resolveWorkspaceRange('workspace:~1.1.0', '1.2.0')).toBe('~1.1.0');
    expect(
      checkCompatibility({ manifest, peerDependencies: { '@zepix/plugin-core': 'workspace:^' }, coreVersion: '1.0.0' }),
    ).toEqual({ ok: true, value: undefined });
  });

  it('refuses another apiVersion with a fix', () => {
    const result = checkCompatibility({
      manifest: { ...manifest, apiVersion: 2 },
      peerDependencies: { '@zepix/plugin-core': '^2.0.0' },
      coreVersion: '1.0.0',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ZEPIX_PLUGIN_INCOMPATIBLE',
        message: 'needs plugin API 2, this bot provides 1',
        hint: expect.stringContaining('upgrade @zepix/bot'),
      },
    });
  });

  it('refuses a core outside the peer range, and a missing peer', () => {
    expect(
      checkCompatibility({ manifest, peerDependencies: { '@zepix/plugin-core': '^1.3.0' }, coreVersion: '1.2.0' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_PLUGIN_INCOMPATIBLE', message: 'needs @zepix/plugin-core ^1.3.0, the bot has 1.2.0' },
    });
    expect(checkCompatibility({ manifest, peerDependencies: undefined, coreVersion: '1.2.0' })).toMatchObject({
      ok: false,
      error: { message: 'does not declare @zepix/plugin-core as a peer dependency' },
    });
    expect(
      checkCompatibility({ manifest, peerDependencies: { '@zepix/plugin-core': 'latest-ish' }, coreVersion: '1.0.0' }),
    ).toMatchObject({ ok: false, error: { message: expect.stringContaining('unreadable') } });
  });
});
