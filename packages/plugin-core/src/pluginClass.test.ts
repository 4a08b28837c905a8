import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BaseLogicPlugin } from './BaseLogicPlugin.js';
import { checkPluginClass, validatePluginConfig } from './pluginClass.js';
import type { PluginResult } from './results.js';

const ok = (): Promise<PluginResult> => Promise.resolve({ status: 'ok', message: 'ok' });

class Configured extends BaseLogicPlugin {
  static override configSchema = z
    .object({
      lots: z.number().positive().default(0.01),
      symbols: z.array(z.string()).min(1).default(['XAUUSD']),
      style: z.enum(['a', 'b']).default('a'),
    })
    .strict();
  processEntrySignal = ok;
  processExitSignal = ok;
  processReversalSignal = ok;
}

describe('checkPluginClass', () => {
  it('accepts a subclass of BaseLogicPlugin', () => {
    expect(checkPluginClass(Configured)).toMatchObject({ ok: true });
  });

  it('recognises a class from another copy of plugin-core by its global brand', () => {
    const Foreign = Object.assign(class Foreign {}, {
      [Symbol.for('zepix.logicPlugin')]: 1,
      configSchema: z.object({}),
    });
    expect(checkPluginClass(Foreign)).toMatchObject({ ok: true });
  });

  it('names what is wrong with anything else', () => {
    expect(checkPluginClass(undefined)).toEqual({
      ok: false,
      error: { code: 'ZEPIX_PLUGIN_ENTRY_INVALID', message: 'is not exported' },
    });
    expect(checkPluginClass(42)).toEqual({
      ok: false,
      error: { code: 'ZEPIX_PLUGIN_ENTRY_INVALID', message: 'is a number, not a class' },
    });
    expect(checkPluginClass(class Plain {})).toEqual({
      ok: false,
      error: {
        code: 'ZEPIX_PLUGIN_ENTRY_INVALID',
        message: 'is a function or class that does not extend BaseLogicPlugin',
      },
    });
    const Future = Object.assign(class Future {}, { [Symbol.for('zepix.logicPlugin')]: 2 });
    expect(checkPluginClass(Future)).toEqual({
      ok: false,
      error: { code: 'ZEPIX_PLUGIN_ENTRY_INVALID', message: 'was built against plugin API 2, this bot provides 1' },
    });
  });
});

describe('validatePluginConfig', () => {
  it('fills defaults and ignores the host keys enabled, required and mode', () => {
    expect(
      validatePluginConfig(Configured, 'c', { enabled: false, required: true, mode: 'shadow', lots: 0.5 }),
    ).toEqual({
      ok: true,
      value: { config: { lots: 0.5, symbols: ['XAUUSD'], style: 'a' }, riskBudget: {} },
    });
  });

  it('lays plugins.<id>.risk over the class risk budget, and names a bad budget field', () => {
    class Budgeted extends Configured {
      static override riskBudget = { max_open: 3, max_lot: 0.1 };
    }
    expect(validatePluginConfig(Budgeted, 'v6-1m', { risk: { max_open: 2, daily_loss_usd: 150 } })).toMatchObject({
      ok: true,
      value: { riskBudget: { max_open: 2, max_lot: 0.1, daily_loss_usd: 150 } },
    });
    const bad = validatePluginConfig(Budgeted, 'v6-1m', { risk: { max_open: 0, max_lots: 1 } });

    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('ZEPIX_PLUGIN_CONFIG_INVALID');
    expect(bad.error.issues.join('\n')).toMatch(/plugins\.v6-1m\.risk\.max_open: /);
    expect(bad.error.issues.join('\n')).toMatch(/max_lots/);
  });

  it("takes a reward:risk floor only from the operator's config, never from the class's defaults", () => {
    class Relaxed extends Configured {
      static override riskBudget = { max_open: 3, min_rr_ratio: 0 };
    }
    expect(validatePluginConfig(Relaxed, 'lax', {})).toMatchObject({
      ok: true,
      value: { riskBudget: { max_open: 3 } },
    });
    const fromClass = validatePluginConfig(Relaxed, 'lax', {});
    expect(fromClass.ok && 'min_rr_ratio' in fromClass.value.riskBudget).toBe(false);
    expect(validatePluginConfig(Relaxed, 'lax', { risk: { min_rr_ratio: 0.5 } })).toMatchObject({
      ok: true,
      value: { riskBudget: { max_open: 3, min_rr_ratio: 0.5 } },
    });
  });

  it('reports every problem at once, naming plugin and path', () => {
    const result = validatePluginConfig(Configured, 'combined-v3', { lots: -1, symbols: [], style: 'c', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toHaveLength(4);
    expect(result.error.issues[0]).toMatch(/^plugins\.combined-v3\.lots: /);
    expect(result.error.issues.join('\n')).toMatch(/plugins\.combined-v3\.symbols: /);
    expect(result.error.issues.join('\n')).toMatch(/plugins\.combined-v3\.style: /);
    expect(result.error.issues.join('\n')).toMatch(/extra/);
  });
});
