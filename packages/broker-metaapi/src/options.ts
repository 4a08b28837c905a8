/** How to reach one MetaApi account. */
export interface MetaApiBrokerOptions {
  /** MetaApi API token (ZEPIX_METAAPI_TOKEN); sent as `auth-token`, never logged or stored. */
  readonly token: string;
  readonly accountId: string;
  /** MetaApi region of the account, e.g. `new-york`, `london`, `singapore` (default `new-york`). */
  readonly region?: string;
  /** Overrides the regional host, e.g. an emulator's URL (ZEPIX_METAAPI_API_URL). */
  readonly apiUrl?: string;
  /** SQLite file for the clientId map and the deal cursor. */
  readonly dataPath: string;
  readonly timeoutMs?: number;
  readonly maxRateLimitWaitMs?: number;
  /**
   * How often history deals (SL/TP and terminal closes) and watched prices are polled; 0 leaves polling to
   * `pollDeals()` / `pollPrices()`.
   */
  readonly pollIntervalMs?: number;
  /** How far back a lookup by client order id searches the deals when the adapter has no record of it. */
  readonly lookbackMs?: number;
  /**
   * How long an account summary is reused (default 1000 ms; 0: never). Our own opens are counted into it and any
   * close drops it, so within that time only equity can lag the market.
   */
  readonly summaryMaxAgeMs?: number;
  /** How long a price read is reused by `getPrice` (default 250 ms; 0: never). Polls always read afresh. */
  readonly priceMaxAgeMs?: number;
  readonly now?: () => Date;
  readonly onListenerError?: (error: unknown) => void;
  /** Called when a background deal poll fails (the next one retries from the same cursor). */
  readonly onPollError?: (reason: string) => void;
}

/** The REST host of a MetaApi region (https://metaapi.cloud/docs/client/restApi/ "API access"). */
export function regionUrl(region: string): string {
  return `https://mt-client-api-v1.${region}.agiliumtrade.ai`;
}
