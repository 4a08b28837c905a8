import { isBrokerRejection } from '@zepix/broker-api';
import { MetaApiCode, isFailure, readValue, rejected } from './answers.js';
import type { Failure } from './answers.js';
import type { MetaApiHttp } from './MetaApiHttp.js';
import type { MetatraderSymbolSpecification } from './wire.js';

/** @internal Symbol specifications (digits, volume steps, stop levels), read once per symbol: they do not change. */
export class SymbolSpecs {
  readonly #specs = new Map<string, MetatraderSymbolSpecification>();

  constructor(private readonly http: MetaApiHttp) {}

  /** The symbol's specification, or a rejection that says how to map an unknown symbol. */
  async of(symbol: string): Promise<MetatraderSymbolSpecification | Failure> {
    const cached = this.#specs.get(symbol);
    if (cached !== undefined) return cached;
    const spec = readValue(
      await this.http.get<MetatraderSymbolSpecification>(`/symbols/${encodeURIComponent(symbol)}/specification`),
      `specification of ${symbol}`,
    );
    if (isFailure(spec)) {
      if (isBrokerRejection(spec) && spec.error.brokerCode === MetaApiCode.notFound) {
        return rejected(
          MetaApiCode.symbolUnknown,
          `the broker has no symbol "${symbol}". Fix: map the alert's symbol to the broker's name (e.g. XAUUSD → XAUUSD.m or GOLD) with intake.symbol_map`,
        );
      }
      return spec;
    }
    this.#specs.set(symbol, spec);
    return spec;
  }
}
