import { OandaConnectError, OandaCode } from './errors.js';
import type { HttpOutcome, OandaHttp } from './OandaHttp.js';
import type { Json } from './translate.js';

/** What connecting learned: the account summary and its instruments. */
export interface AccountFacts {
  readonly summary: Json;
  readonly instruments: readonly Json[];
}

/**
 * Checks the token and the account before anything trades, and turns each failure into one line naming OANDA,
 * what failed and the fix. The token itself never appears.
 */
export async function checkAccount(http: OandaHttp, accountId: string, host: string): Promise<AccountFacts> {
  const accounts = expectAnswer(await http.get('/v3/accounts'), accountId, host);
  const list = Array.isArray(accounts.accounts) ? (accounts.accounts as Json[]) : [];
  const entry = list.find((account) => account.id === accountId);
  if (entry === undefined) {
    const known = list.map((account) => String(account.id)).join(', ') || 'none';
    throw new OandaConnectError(
      OandaCode.badAccount,
      `OANDA account ${accountId} is not reachable with this token (its accounts: ${known}); set broker.oanda.account_id or ZEPIX_OANDA_ACCOUNT_ID to one of them`,
    );
  }
  if (entry.mt4AccountID !== undefined) {
    throw new OandaConnectError(
      OandaCode.mt4Account,
      `OANDA account ${accountId} is linked to MetaTrader 4, which forbids the client extensions Zepix reconciles by; use a v20 account that is not linked to MT4`,
    );
  }
  const summary = expectAnswer(await http.get(`/v3/accounts/${accountId}/summary`), accountId, host);
  const instruments = expectAnswer(await http.get(`/v3/accounts/${accountId}/instruments`), accountId, host);
  return {
    summary: (summary.account ?? {}) as Json,
    instruments: Array.isArray(instruments.instruments) ? (instruments.instruments as Json[]) : [],
  };
}

function expectAnswer(outcome: HttpOutcome, accountId: string, host: string): Json {
  if (outcome.kind !== 'answer') {
    throw new OandaConnectError(
      OandaCode.unreachable,
      `cannot reach OANDA at ${host} (${outcome.reason}); check the network, or ZEPIX_OANDA_API_URL if you set it`,
    );
  }
  const { status, body } = outcome;
  if (status === 200) return body;
  const said = typeof body.errorMessage === 'string' ? `: ${body.errorMessage}` : '';
  if (status === 401) {
    throw new OandaConnectError(
      OandaCode.badToken,
      `OANDA refused the token (HTTP 401${said}); set ZEPIX_OANDA_TOKEN to a valid personal access token for this environment (practice and live tokens differ)`,
    );
  }
  if (status === 403 || status === 404 || status === 400) {
    throw new OandaConnectError(
      OandaCode.badAccount,
      `OANDA refused account ${accountId} (HTTP ${status}${said}); check broker.oanda.account_id or ZEPIX_OANDA_ACCOUNT_ID`,
    );
  }
  throw new OandaConnectError(
    OandaCode.unreachable,
    `OANDA at ${host} answered HTTP ${status}${said}; try again later (https://developer.oanda.com/rest-live-v20/troubleshooting-errors/)`,
  );
}
