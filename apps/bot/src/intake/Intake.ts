import { parseAlert } from '@zepix/alert-parser';
import type { Alert } from '@zepix/plugin-core';
import type { Journal, RejectedEntry } from '@zepix/journal';
import type { Logger } from 'pino';
import type { BotConfig } from '../config/configSchema.js';
import { TRADINGVIEW_IPS } from '../config/configSchema.js';
import { checkAlertAge } from './checkAlertAge.js';
import { constantTimeEqual } from './constantTimeEqual.js';
import { extractSecret } from './extractSecret.js';
import type { DecodedBody } from './extractSecret.js';
import { dedupWindowMs, idempotencyKey } from './idempotencyKey.js';
import { MAX_NESTING_DEPTH } from './nestingDepth.js';
import type { PriceGuard } from './PriceGuard.js';

/** The sender recorded when the address was lost with the socket (it is normally captured when it opened). */
export const UNKNOWN_SENDER = 'unknown';

/** The status journaled for a request whose sender went away: no answer could be sent (nginx's 499). */
export const NO_ANSWER_STATUS = 499;

/** One webhook request as the intake sees it. */
export interface IntakeRequest {
  readonly text: string;
  readonly contentType: string;
  readonly sender: string;
  /** The secret from `/webhook/<secret>`, when the sender used that form. */
  readonly urlToken?: string;
  /** The body already split by `extractSecret`, when the caller needed it earlier (rate limiting). */
  readonly decoded?: DecodedBody;
}

/** The HTTP answer, and the alert to dispatch once it has been sent. */
export interface IntakeAnswer {
  readonly httpStatus: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly dispatch?: { readonly id: number; readonly alert: Alert };
}

/** What the intake needs. */
export interface IntakeOptions {
  readonly journal: Journal;
  readonly secret: string;
  readonly config: BotConfig;
  readonly logger: Logger;
  /** A promise while the engine is still starting and has not said which plugins it loaded. */
  readonly isKnownPlugin: (id: string) => boolean | Promise<boolean>;
  readonly knownPlugins: () => readonly string[];
  /** Refuses implausible prices before they are stored and reach the market. */
  readonly prices: PriceGuard;
  readonly now?: () => Date;
  /**
   * Runs work that need not delay the answer (the per-alert info line). The server passes `setImmediate`, so the
   * line is written after the answer has gone; by default it runs at once.
   */
  readonly afterAnswer?: (work: () => void) => void;
}

const UNAUTHORIZED_HINT =
  'the webhook secret is missing or wrong: put "secret":"<your secret>" in the alert message, or POST to /webhook/<secret>';

/** The addresses allowed to send alerts, or undefined when every address may. */
export function senderAllowlist(config: BotConfig): ReadonlySet<string> | undefined {
  const list = config.server.ip_allowlist;
  if (list === null) return undefined;
  return new Set(list === 'tradingview' ? TRADINGVIEW_IPS : list);
}

/** True when the request carries the right secret in its URL or body (compared in constant time). */
export function isAuthorized(
  request: { readonly decoded: DecodedBody; readonly urlToken?: string },
  secret: string,
): boolean {
  return constantTimeEqual(request.urlToken ?? request.decoded.secret, secret);
}

/**
 * The webhook's logic, free of HTTP: authenticate, parse, check age, deduplicate, journal, answer. Every request
 * leaves a journal row before it is answered; only a failed journal write answers 5xx.
 */
export class Intake {
  readonly #o: IntakeOptions;
  readonly #now: () => Date;
  readonly #afterAnswer: (work: () => void) => void;
  readonly #allowed: ReadonlySet<string> | undefined;

  constructor(options: IntakeOptions) {
    this.#o = options;
    this.#now = options.now ?? (() => new Date());
    this.#afterAnswer = options.afterAnswer ?? ((work) => work());
    this.#allowed = senderAllowlist(options.config);
  }

  async receive(request: IntakeRequest): Promise<IntakeAnswer> {
    const receivedAt = this.#now();
    const decoded = request.decoded ?? extractSecret(request.text, this.#o.secret);
    const base = {
      receivedAt: receivedAt.toISOString(),
      sender: request.sender || UNKNOWN_SENDER,
      contentType: request.contentType,
      raw: decoded.storable,
    };
    try {
      return await this.#decide(request, decoded, base, receivedAt);
    } catch (error) {
      // A bug must not look like a storage failure: TradingView would resend the same body forever.
      this.#o.logger.error({ err: error }, 'intake failed on a request; journaled as rejected');
      const reason = `the alert could not be processed (${(error as Error).message}); check the message format`;
      return this.#reject(base, 400, 'rejected', 'ZEPIX_ALERT_UNPROCESSABLE', reason);
    }
  }

  async #decide(
    request: IntakeRequest,
    decoded: DecodedBody,
    base: Omit<RejectedEntry, 'status' | 'httpStatus' | 'errorCode' | 'reason'>,
    receivedAt: Date,
  ): Promise<IntakeAnswer> {
    if (this.#allowed && !this.#allowed.has(request.sender)) {
      const reason = `sender ${request.sender} is not in server.ip_allowlist; behind a reverse proxy set server.trust_proxy to the proxy's address so the real sender is seen`;
      return this.#reject(base, 403, 'unauthorized', 'ZEPIX_WEBHOOK_SENDER_NOT_ALLOWED', reason);
    }
    if (
      !isAuthorized(
        // Stryker disable next-line ConditionalExpression: an undefined urlToken falls back to the body's secret either way
        { decoded, ...(request.urlToken === undefined ? {} : { urlToken: request.urlToken }) },
        this.#o.secret,
      )
    ) {
      return this.#reject(base, 401, 'unauthorized', 'ZEPIX_WEBHOOK_UNAUTHORIZED', UNAUTHORIZED_HINT);
    }
    if (decoded.tooDeep) {
      const reason = `the body nests deeper than ${MAX_NESTING_DEPTH} levels; alerts are flat objects, send the fields at the top level`;
      return this.#reject(base, 400, 'rejected', 'ZEPIX_ALERT_TOO_DEEP', reason);
    }
    const parsed = parseAlert(decoded.payload, { symbolMap: this.#o.config.intake.symbol_map });
    if (!parsed.ok) {
      const { code, message, issues } = parsed.error;
      return this.#reject(base, 400, 'rejected', code, message, issues);
    }
    const alert = parsed.value;
    const age = checkAlertAge(alert.sentAt, receivedAt, this.#o.config.intake.max_alert_age_seconds);
    if (!age.ok) return this.#reject(base, 422, 'rejected', 'ZEPIX_ALERT_STALE', age.reason);
    if (alert.plugin && !(await this.#o.isKnownPlugin(alert.plugin))) {
      const known = this.#o.knownPlugins().join(', ') || 'none loaded';
      const reason = `plugin: no plugin "${alert.plugin}" is loaded; use one of: ${known}, or leave "plugin" out to use the routing rules`;
      return this.#reject(base, 422, 'rejected', 'ZEPIX_ALERT_UNKNOWN_PLUGIN', reason);
    }
    const price = alert.price === undefined ? undefined : this.#o.prices.problem(alert.symbol, alert.price);
    if (price !== undefined) {
      const reason = `price: ${price}; check the alert's price ({{close}}) and symbol, or raise intake.max_price_jump_percent`;
      return this.#reject(base, 422, 'rejected', 'ZEPIX_ALERT_PRICE_IMPLAUSIBLE', reason);
    }
    return this.#accept(base, alert);
  }

  /**
   * Journals a request the HTTP layer refused before its body was read (too large, malformed framing, sender not
   * allowed) or that its sender abandoned (status `aborted`).
   */
  async refuseUnread(request: {
    sender: string | undefined;
    contentType: string;
    httpStatus: number;
    status?: RejectedEntry['status'];
    code: string;
    reason: string;
  }): Promise<IntakeAnswer> {
    const base = {
      receivedAt: this.#now().toISOString(),
      sender: request.sender || UNKNOWN_SENDER,
      contentType: request.contentType,
      raw: '(body not read)',
    };
    return this.#reject(base, request.httpStatus, request.status ?? 'rejected', request.code, request.reason);
  }

  async #accept(
    base: Omit<RejectedEntry, 'status' | 'httpStatus' | 'errorCode' | 'reason'>,
    alert: Alert,
  ): Promise<IntakeAnswer> {
    // Computed outside the try: only a failed journal write may answer 5xx.
    const key = idempotencyKey(alert);
    try {
      const stored = await this.#o.journal.appendAccepted({
        ...base,
        idempotencyKey: key,
        dedupWindowMs: dedupWindowMs(alert, this.#o.config.intake),
        alert,
        family: alert.family,
        kind: alert.kind,
        symbol: alert.symbol,
      });
      if (stored.duplicate) {
        this.#o.logger.info(
          { journalId: stored.id, sender: base.sender },
          'duplicate alert: already journaled, not dispatched again',
        );
        return {
          httpStatus: 200,
          body: { id: stored.id, status: 'duplicate', firstReceivedAt: stored.firstReceivedAt },
        };
      }
      // Measured at 100 alerts/s, writing this line before answering cost the answer about 0.2 ms.
      this.#afterAnswer(() =>
        this.#o.logger.info(
          { journalId: stored.id, kind: alert.kind, symbol: alert.symbol, family: alert.family },
          'alert accepted',
        ),
      );
      if (alert.price !== undefined) this.#o.prices.remember(alert.symbol, alert.price);
      return { httpStatus: 200, body: { id: stored.id, status: 'accepted' }, dispatch: { id: stored.id, alert } };
    } catch (error) {
      return this.#storageFailed(error);
    }
  }

  async #reject(
    base: Omit<RejectedEntry, 'status' | 'httpStatus' | 'errorCode' | 'reason'>,
    httpStatus: number,
    status: RejectedEntry['status'],
    code: string,
    message: string,
    issues?: readonly { field: string; message: string }[],
  ): Promise<IntakeAnswer> {
    try {
      const { id } = await this.#o.journal.appendRejected({
        ...base,
        status,
        httpStatus,
        errorCode: code,
        reason: message,
      });
      this.#o.logger.warn({ journalId: id, code, sender: base.sender, httpStatus }, message);
      return { httpStatus, body: { id, status, error: { code, message, ...(issues ? { issues } : {}) } } };
    } catch (error) {
      return this.#storageFailed(error);
    }
  }

  #storageFailed(error: unknown): IntakeAnswer {
    this.#o.logger.error({ err: error }, 'journal write failed: answering 503 so the sender retries');
    const message = 'the alert could not be stored; nothing was acted on. TradingView retries on this answer';
    return { httpStatus: 503, body: { status: 'error', error: { code: 'ZEPIX_JOURNAL_WRITE_FAILED', message } } };
  }
}
