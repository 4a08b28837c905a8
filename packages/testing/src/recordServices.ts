import type { PluginServices } from '@zepix/plugin-core';

/** One service call a plugin made, with the options it passed. */
export interface ServiceCall {
  readonly service: string;
  readonly method: string;
  readonly options: unknown;
}

// The clock and the logger are handed over as they are: only the trading services are recorded.
const NOT_RECORDED = new Set<string>(['clock', 'logger']);

function recordService<S extends object>(name: string, service: S, calls: ServiceCall[]): S {
  // A proxy rather than a copy: some services are class instances whose methods live on the prototype.
  return new Proxy(service, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (options?: unknown) => {
        calls.push({ service: name, method: key, options });
        return (value as (o?: unknown) => unknown).call(target, options);
      };
    },
  });
}

/**
 * Wraps the engine's services so every call the plugin makes is recorded (`calls`), while the answers stay the
 * engine's own: tests can check what a plugin asked for without a fake that could answer differently.
 */
export function recordServices(services: PluginServices): { services: PluginServices; calls: ServiceCall[] } {
  const calls: ServiceCall[] = [];
  const recorded: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(services)) {
    recorded[name] = NOT_RECORDED.has(name) ? service : recordService(name, service as object, calls);
  }
  return { services: recorded as unknown as PluginServices, calls };
}
