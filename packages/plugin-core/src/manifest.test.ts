import { describe, expect, it } from 'vitest';
import { authorName, hasZepixManifest, parseManifest } from './manifest.js';

describe('parseManifest', () => {
  it('accepts a complete manifest and defaults kind', () => {
    expect(parseManifest({ zepix: { id: 'combined-v3', entry: 'CombinedV3Plugin', apiVersion: 1 } })).toEqual({
      ok: true,
      value: { kind: 'logic-plugin', id: 'combined-v3', entry: 'CombinedV3Plugin', apiVersion: 1 },
    });
  });

  it('reports every problem with its path', () => {
    const result = parseManifest({ zepix: { id: 'My_Logic', entry: 'not a name', apiVersion: 1.5, extra: true } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ZEPIX_PLUGIN_MANIFEST_INVALID');
    expect(result.error.issues).toEqual([
      expect.stringMatching(/^zepix\.id: must be kebab-case/),
      expect.stringMatching(/^zepix\.entry: must be the name of an exported class/),
      expect.stringMatching(/^zepix\.apiVersion: must be a whole number/),
      expect.stringMatching(/^zepix: .*extra/),
    ]);
  });

  it('reports a manifest that is not an object', () => {
    const result = parseManifest({ zepix: 'combined-v3' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'ZEPIX_PLUGIN_MANIFEST_INVALID', issues: [expect.stringMatching(/^zepix: /)] },
    });
  });

  it('tells plugin packages from others by the zepix field', () => {
    expect(hasZepixManifest({ name: 'pino' })).toBe(false);
    expect(hasZepixManifest({ name: 'x', zepix: {} })).toBe(true);
  });

  it('reads author as a string or an object', () => {
    expect(authorName('Ada')).toBe('Ada');
    expect(authorName({ name: 'Ada', email: 'a@example.com' })).toBe('Ada');
    expect(authorName(undefined)).toBeUndefined();
  });
});
