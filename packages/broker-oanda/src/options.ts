/** The documented hosts (https://developer.oanda.com/rest-live-v20/development-guide/ "API URLs"). */
export const OANDA_HOSTS = {
  practice: { api: 'https://api-fxpractice.oanda.com', stream: 'https://stream-fxpractice.oanda.com' },
  live: { api: 'https://api-fxtrade.oanda.com', stream: 'https://stream-fxtrade.oanda.com' },
} as const;

/** How to connect the OANDA adapter. Only `token`, `accountId` and `environment` are required. */
export interface OandaBrokerOptions {
  /** Personal access token; sent only in the Authorization header, never logged. */
  readonly token: string;
  readonly accountId: string;
  readonly environment: 'practice' | 'live';
  /** Override of the REST host (a proxy, an emulator). */
  readonly apiUrl?: string;
  /** Override of the streaming host. */
  readonly streamUrl?: string;
  /** Zepix symbol → OANDA instrument, for names that are not the instrument without `_`. */
  readonly symbolMap?: Readonly<Record<string, string>>;
  /** Zepix symbols whose prices to stream (unknown ones are skipped); none, no pricing stream. */
  readonly priceSymbols?: readonly string[];
  /** The last transaction id handled before a restart: closes since then are reported on connect. */
  readonly lastTransactionId?: string;
  /** Told each transaction id handled, to persist for the next start. */
  readonly onTransactionCursor?: (id: string) => void;
  /** A listener threw; the adapter carries on. */
  readonly onListenerError?: (error: unknown) => void;
  /** A stream dropped, went silent or was refused; it reconnects by itself. */
  readonly onStreamProblem?: (reason: string) => void;
  /** How long an account summary is reused (default 1,000 ms; a close always asks again). */
  readonly summaryCacheMs?: number;
  readonly requestTimeoutMs?: number;
  readonly requestsPerSecond?: number;
  readonly maxAttempts?: number;
  readonly backoffMs?: number;
  readonly streamSilenceMs?: number;
  readonly reconnectDelayMs?: number;
}
