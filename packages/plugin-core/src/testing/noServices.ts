import { PluginError, PluginErrorCode } from '../errors.js';
import type { PluginServices } from '../services.js';
import { silentLogger } from './silentLogger.js';

const SERVICES = [
  'orderExecution',
  'riskManagement',
  'profitBooking',
  'reentry',
  'telegram',
  'analytics',
  'market',
  'trends',
] as const satisfies readonly (keyof PluginServices)[];

/** A service whose every method fails, naming the call and where the real services are. */
function unwired(plugin: string, service: string): object {
  return new Proxy(
    {},
    {
      get: (_target, method) => () =>
        Promise.reject(
          new PluginError(
            PluginErrorCode.Runtime,
            `createTestPlugin gives no trading services (called ${service}.${String(method)})`,
            {
              plugin,
              hint: 'run the plugin with createPluginHarness from @zepix/testing, which wires the real trading engine',
            },
          ),
        ),
    },
  );
}

/**
 * The services of a plugin built by `createTestPlugin` without any: a clock and a silent logger, and trading
 * services that refuse every call. A stand-in that answered would drift from the engine (as mockServices did).
 */
export function noServices(plugin: string): PluginServices {
  const services: Record<string, unknown> = {
    clock: { now: () => new Date() },
    logger: silentLogger,
  };
  for (const name of SERVICES) services[name] = unwired(plugin, name);
  return services as unknown as PluginServices;
}
