import { Journal } from '@zepix/journal';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BotConfigSchema, TRADINGVIEW_IPS } from '../config/configSchema.js';
import { dedupWindowMs, idempotencyKey } from './idempotencyKey.js';
import { Intake, senderAllowlist } from './Intake.js';
import type { IntakeRequest } from './Intake.js';
import { PriceGuard } from './PriceGuard.js';

const SECRET = 'hunter2-secret';
const TV = TRADINGVIEW_IPS[0];
const NOW = new Date('2026-03-02T10:00:00.000Z');

let journal: Journal | undefined;
/** Every log line the intake wrote in this test, parsed. */
let logs: Record<string, unknown>[] = [];
afterEach(async () => {
  logs = [];
  await journal?.close();
  journal = undefined;
});

const stored = () => {
  if (journal === undefined) throw new Error('no journal open');
  return journal;
};

function intake(
  config: Record<string, unknown> = {},
  plugins: { known?: string[]; isKnown?: (id: string) => boolean } = {},
  clock: { now?: () => Date; afterAnswer?: (work: () => void) => void } = { now: () => NOW },
) {
  const parsed = BotConfigSchema.parse(config);
  const opened = Journal.open({ path: ':memory:' });
  journal = opened;
  const known = plugins.known ?? [];
  return new Intake({
    journal: opened,
    secret: SECRET,
    config: parsed,
    logger: pino(
      { level: 'info' },
      { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
    ),
    isKnownPlugin: plugins.isKnown ?? ((id) => known.includes(id)),
    knownPlugins: () => known,
    prices: new PriceGuard(parsed),
    ...clock,
  });
}

/** A legacy entry alert body with the secret (fields may be overridden or removed with undefined). */
function body(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    secret: SECRET,
    type: 'entry',
    symbol: 'XAUUSD',
    signal: 'buy',
    tf: '5m',
    price: 2651.35,
    strategy: 'ZepixPremium',
    ...fields,
  });
}

const request = (text: string, extra: Partial<IntakeRequest> = {}): IntakeRequest => ({
  text,
  contentType: 'application/json',
  sender: TV,
  ...extra,
});

describe('the sender allowlist', () => {
  it('lets anyone in with no list, only TradingView with "tradingview", only the listed with a custom list', () => {
    const allowlist = (ip_allowlist: unknown) => senderAllowlist(BotConfigSchema.parse({ server: { ip_allowlist } }));
    expect(allowlist(null)).toBeUndefined();
    expect([...(allowlist('tradingview') ?? [])]).toEqual([...TRADINGVIEW_IPS]);
    expect([...(allowlist(['10.0.0.7']) ?? [])]).toEqual(['10.0.0.7']);
  });

  it('refuses TradingView under a custom list and accepts the listed sender', async () => {
    const gate = intake({ server: { ip_allowlist: ['10.0.0.7'] } });
    const refused = await gate.receive(request(body(), { sender: TV }));
    expect(refused.httpStatus).toBe(403);
    expect(refused.body).toMatchObject({ status: 'unauthorized', error: { code: 'ZEPIX_WEBHOOK_SENDER_NOT_ALLOWED' } });
    expect(JSON.stringify(refused.body)).toContain(`sender ${TV} is not in server.ip_allowlist`);
    expect((await gate.receive(request(body(), { sender: '10.0.0.7' }))).httpStatus).toBe(200);
  });

  it('accepts TradingView under "tradingview" and refuses anyone else', async () => {
    const gate = intake({ server: { ip_allowlist: 'tradingview' } });
    expect((await gate.receive(request(body(), { sender: TV }))).httpStatus).toBe(200);
    expect((await gate.receive(request(body({ price: 2651.4 }), { sender: '10.0.0.7' }))).httpStatus).toBe(403);
  });
});

describe('the secret', () => {
  it('accepts the secret in the body or the URL; the URL token wins over the body', async () => {
    const gate = intake();
    const inBody = await gate.receive(request(body()));
    expect(inBody).toMatchObject({ httpStatus: 200, body: { status: 'accepted' } });
    const inUrl = await gate.receive(request(body({ secret: undefined, price: 2651.4 }), { urlToken: SECRET }));
    expect(inUrl.httpStatus).toBe(200);
    const wrongUrl = await gate.receive(request(body({ price: 2651.5 }), { urlToken: 'guess' }));
    expect(wrongUrl).toMatchObject({ httpStatus: 401, body: { error: { code: 'ZEPIX_WEBHOOK_UNAUTHORIZED' } } });
    const missing = await gate.receive(request(body({ secret: undefined, price: 2651.6 })));
    expect(missing).toMatchObject({ httpStatus: 401, body: { status: 'unauthorized' } });
    expect((missing.body.error as { message: string }).message).toContain(
      'put "secret":"<your secret>" in the alert message',
    );
  });

  it('never echoes or stores the secret, whatever path answers', async () => {
    const gate = intake({ server: { ip_allowlist: ['10.0.0.7'] } }, { known: ['alpha'] });
    const texts = [
      body({ sender_note: `key ${SECRET}` }), // accepted, secret inside another field
      body({ symbol: `${SECRET}!!` }), // a parse error that quotes the field
      `{"secret":"${SECRET}","type":"entry","symbol":"XAUUSD",`, // broken JSON
      `${SECRET}|BUY|XAUUSD`, // pipe text
      body({ plugin: `p-${SECRET}` }), // a plugin name the parser refuses, quoted in the answer
      body({ price: 0.000001 }), // implausible price
    ];
    const answers = [];
    for (const text of texts) answers.push(await gate.receive(request(text, { sender: '10.0.0.7' })));
    answers.push(await gate.receive(request(body(), { sender: TV })));
    expect(answers.map((a) => a.httpStatus)).toEqual([200, 400, 400, 401, 400, 422, 403]);
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    const rows = stored().list({ limit: 50 });
    expect(rows).toHaveLength(answers.length);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(SECRET);
  });
});

describe('parsing', () => {
  it('applies intake.symbol_map to the alert it dispatches', async () => {
    const gate = intake({ intake: { symbol_map: { GOLDSPOT: 'XAUUSD' } } });
    const answer = await gate.receive(request(body({ symbol: 'GOLDSPOT' })));
    expect(answer.dispatch?.alert.symbol).toBe('XAUUSD');
    expect(stored().get(answer.dispatch?.id ?? -1)?.symbol).toBe('XAUUSD');
  });

  it('keeps an unmapped symbol as sent', async () => {
    const gate = intake({ intake: { symbol_map: { GOLDSPOT: 'XAUUSD' } } });
    expect((await gate.receive(request(body({ symbol: 'EURUSD', price: 1.1 })))).dispatch?.alert.symbol).toBe('EURUSD');
  });

  it('answers 400 with every issue for an alert that does not parse, and journals it', async () => {
    const gate = intake();
    const answer = await gate.receive(request(body({ signal: 'sideways' })));
    expect(answer.httpStatus).toBe(400);
    expect(answer.body).toMatchObject({ status: 'rejected', error: { issues: [expect.objectContaining({})] } });
    const error = (answer.body as { error: { code: string; message: string; issues: { field: string }[] } }).error;
    expect(error.code).toMatch(/^ZEPIX_ALERT_/);
    expect(error.message).toContain(`${error.issues[0]?.field}: `);
    expect(stored().get(answer.body.id as number)).toMatchObject({ status: 'rejected', httpStatus: 400 });
  });

  it('refuses a body nested deeper than the limit', async () => {
    const gate = intake();
    const deep = `{"secret":"${SECRET}","a":${'['.repeat(70)}${']'.repeat(70)}}`;
    const answer = await gate.receive(request(deep));
    expect(answer).toMatchObject({ httpStatus: 400, body: { error: { code: 'ZEPIX_ALERT_TOO_DEEP' } } });
  });

  it('refuses a stale alert with 422 and takes a fresh one', async () => {
    const gate = intake({ intake: { max_alert_age_seconds: 60 } });
    const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
    const stale = await gate.receive(request(body({ timestamp: ago(61_000) })));
    expect(stale).toMatchObject({ httpStatus: 422, body: { error: { code: 'ZEPIX_ALERT_STALE' } } });
    expect((await gate.receive(request(body({ timestamp: ago(59_000) })))).httpStatus).toBe(200);
  });
});

describe('plugins and prices', () => {
  it('refuses a plugin that is not loaded, naming the loaded ones, and routes a known one', async () => {
    const gate = intake({}, { known: ['alpha', 'beta'] });
    const unknown = await gate.receive(request(body({ plugin: 'gamma' })));
    expect(unknown).toMatchObject({ httpStatus: 422, body: { error: { code: 'ZEPIX_ALERT_UNKNOWN_PLUGIN' } } });
    expect(JSON.stringify(unknown.body)).toContain('no plugin \\"gamma\\" is loaded; use one of: alpha, beta');
    expect((await gate.receive(request(body({ plugin: 'alpha' })))).httpStatus).toBe(200);
  });

  it('says none is loaded when there is no plugin', async () => {
    const gate = intake();
    const answer = await gate.receive(request(body({ plugin: 'gamma' })));
    expect(JSON.stringify(answer.body)).toContain('use one of: none loaded');
  });

  it('refuses a price far from the last accepted one, and only remembers accepted prices', async () => {
    const gate = intake({ intake: { max_price_jump_percent: 10 } });
    expect((await gate.receive(request(body({ price: 2650 })))).httpStatus).toBe(200);
    const jump = await gate.receive(request(body({ price: 3000 })));
    expect(jump).toMatchObject({ httpStatus: 422, body: { error: { code: 'ZEPIX_ALERT_PRICE_IMPLAUSIBLE' } } });
    expect((await gate.receive(request(body({ price: 2700 })))).httpStatus).toBe(200);
    expect((await gate.receive(request(body({ price: 2950 })))).httpStatus).toBe(200); // within 10 % of 2700
  });

  it('answers 400, not 5xx, when handling throws', async () => {
    const gate = intake(
      {},
      {
        isKnown: () => {
          throw new Error('registry exploded');
        },
      },
    );
    const answer = await gate.receive(request(body({ plugin: 'alpha' })));
    expect(answer).toMatchObject({ httpStatus: 400, body: { error: { code: 'ZEPIX_ALERT_UNPROCESSABLE' } } });
    expect(JSON.stringify(answer.body)).toContain('(registry exploded)');
  });
});

describe('duplicates', () => {
  it('keys an alert by its own id, and alerts with different ids are not duplicates', async () => {
    const gate = intake();
    const first = await gate.receive(request(body({ id: 'a-1' })));
    const again = await gate.receive(request(body({ id: 'a-1', price: 2651.4 })));
    const other = await gate.receive(request(body({ id: 'a-2' })));
    expect(first.body).toMatchObject({ status: 'accepted' });
    expect(again).toMatchObject({ httpStatus: 200, body: { status: 'duplicate', id: first.body.id } });
    expect(again.body.firstReceivedAt).toBe(NOW.toISOString());
    expect(again.dispatch).toBeUndefined();
    expect(other.body).toMatchObject({ status: 'accepted' });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('keys an id-less alert by its content: the same body is a duplicate, another body is not', async () => {
    const gate = intake();
    const first = await gate.receive(request(body()));
    expect((await gate.receive(request(body()))).body).toMatchObject({ status: 'duplicate', id: first.body.id });
    expect((await gate.receive(request(body({ price: 2651.4 })))).body).toMatchObject({ status: 'accepted' });
  });

  it('gives ids their own key and a long window, content a hash and the short resend window', () => {
    const windows = { dedup_window_hours: 2, resend_window_seconds: 30 };
    const base = { kind: 'entry', symbol: 'XAUUSD', family: 'legacy', journalId: 1 } as const;
    const withId = { ...base, alertId: 'x-1' } as unknown as Parameters<typeof idempotencyKey>[0];
    const without = base as unknown as Parameters<typeof idempotencyKey>[0];
    expect(idempotencyKey(withId)).toBe('id:x-1');
    expect(dedupWindowMs(withId, windows)).toBe(7_200_000);
    expect(dedupWindowMs(without, windows)).toBe(30_000);
    const hash = idempotencyKey(without);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Key order and the journal id do not change the hash; any value does, at any depth.
    const reordered = { journalId: 2, symbol: 'XAUUSD', family: 'legacy', kind: 'entry' };
    expect(idempotencyKey(reordered as unknown as typeof without)).toBe(hash);
    const nested = (v: number) => ({ ...base, extra: [{ b: v, a: 1 }] }) as unknown as typeof without;
    expect(idempotencyKey(nested(1))).not.toBe(idempotencyKey(nested(2)));
    expect(idempotencyKey(nested(1))).toBe(
      idempotencyKey({ ...base, extra: [{ a: 1, b: 1 }] } as unknown as typeof without),
    );
  });
});

describe('the journal behind the answer', () => {
  it('records a lost sender as "unknown"', async () => {
    const gate = intake();
    const answer = await gate.receive(request(body(), { sender: '' }));
    expect(stored().get(answer.body.id as number)?.sender).toBe('unknown');
  });

  it('answers 503 when the journal cannot store an accepted or a refused request', async () => {
    const gate = intake();
    await stored().close();
    const accepted = await gate.receive(request(body()));
    expect(accepted).toEqual({
      httpStatus: 503,
      body: {
        status: 'error',
        error: {
          code: 'ZEPIX_JOURNAL_WRITE_FAILED',
          message: 'the alert could not be stored; nothing was acted on. TradingView retries on this answer',
        },
      },
    });
    expect((await gate.receive(request(body({ secret: 'wrong' })))).httpStatus).toBe(503);
  });

  it('journals a request refused before its body was read, as rejected unless told otherwise', async () => {
    const gate = intake();
    const tooBig = await gate.refuseUnread({
      sender: undefined,
      contentType: 'text/plain',
      httpStatus: 413,
      code: 'ZEPIX_WEBHOOK_TOO_LARGE',
      reason: 'too large',
    });
    expect(tooBig).toEqual({
      httpStatus: 413,
      body: {
        id: tooBig.body.id,
        status: 'rejected',
        error: { code: 'ZEPIX_WEBHOOK_TOO_LARGE', message: 'too large' },
      },
    });
    expect(stored().get(tooBig.body.id as number)).toMatchObject({
      raw: '(body not read)',
      sender: 'unknown',
      receivedAt: NOW.toISOString(),
    });
    const gone = await gate.refuseUnread({
      sender: '10.0.0.9',
      contentType: 'application/json',
      httpStatus: 499,
      status: 'aborted',
      code: 'ZEPIX_WEBHOOK_ABORTED',
      reason: 'sender went away',
    });
    expect(stored().get(gone.body.id as number)).toMatchObject({ status: 'aborted', sender: '10.0.0.9' });
  });
});

describe('what the intake logs and checks besides', () => {
  const line = (msg: string) => logs.find((l) => l.msg === msg);

  it('logs each accepted alert, each duplicate and each refusal with its journal id', async () => {
    const gate = intake();
    const first = await gate.receive(request(body({ id: 'a-1' })));
    expect(line('alert accepted')).toMatchObject({
      level: 30,
      journalId: first.body.id,
      kind: 'entry',
      symbol: 'XAUUSD',
      family: 'legacy',
    });
    await gate.receive(request(body({ id: 'a-1' }), { sender: '10.0.0.5' }));
    expect(line('duplicate alert: already journaled, not dispatched again')).toMatchObject({
      level: 30,
      journalId: first.body.id,
      sender: '10.0.0.5',
    });
    const refused = await gate.receive(request(body({ secret: 'wrong' })));
    expect(logs.at(-1)).toMatchObject({
      level: 40,
      journalId: refused.body.id,
      code: 'ZEPIX_WEBHOOK_UNAUTHORIZED',
      sender: TV,
      httpStatus: 401,
      msg: (refused.body.error as { message: string }).message,
    });
  });

  it('writes the accepted line through afterAnswer, so the server can write it after the answer', async () => {
    const later: (() => void)[] = [];
    const gate = intake({}, {}, { now: () => NOW, afterAnswer: (work) => later.push(work) });
    const answer = await gate.receive(request(body({ id: 'a-later' })));
    expect(answer.httpStatus).toBe(200);
    expect(line('alert accepted')).toBeUndefined();
    expect(later).toHaveLength(1);
    later[0]?.();
    expect(line('alert accepted')).toMatchObject({ journalId: answer.body.id });
  });

  it('logs a journal failure and a handling failure as errors with their cause', async () => {
    const gate = intake(
      {},
      {
        isKnown: () => {
          throw new Error('registry exploded');
        },
      },
    );
    await gate.receive(request(body({ plugin: 'alpha' })));
    expect(line('intake failed on a request; journaled as rejected')).toMatchObject({
      level: 50,
      err: { message: 'registry exploded' },
    });
    await stored().close();
    await gate.receive(request(body()));
    expect(line('journal write failed: answering 503 so the sender retries')).toMatchObject({
      level: 50,
      err: { code: 'ZEPIX_JOURNAL_CLOSED' },
    });
  });

  it('stamps requests with the real time when no clock is given', async () => {
    const before = Date.now();
    const gate = intake({}, {}, {});
    const answer = await gate.receive(request(body()));
    const at = Date.parse(stored().get(answer.body.id as number)?.receivedAt ?? '');
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('says how deep a body may nest, and lists every parse issue', async () => {
    const gate = intake();
    const deep = await gate.receive(request(`{"secret":"${SECRET}","a":${'['.repeat(70)}${']'.repeat(70)}}`));
    expect((deep.body.error as { message: string }).message).toBe(
      'the body nests deeper than 64 levels; alerts are flat objects, send the fields at the top level',
    );
    const two = await gate.receive(request(body({ signal: 'up', tf: '7m' })));
    const { message, issues } = two.body.error as { message: string; issues: { field: string; message: string }[] };
    expect(issues.map((i) => i.field)).toEqual(['tf', 'signal']);
    expect(message).toBe(`tf: ${issues[0]?.message}; signal: ${issues[1]?.message}`);
  });

  it('checks prices against the last accepted one, which an alert without a price does not reset', async () => {
    const gate = intake({ intake: { max_price_jump_percent: 10 } });
    expect((await gate.receive(request(body({ price: 2650 })))).httpStatus).toBe(200);
    expect((await gate.receive(request(body({ type: 'trend', signal: 'bull', price: undefined })))).httpStatus).toBe(
      200,
    );
    const jump = await gate.receive(request(body({ price: 3000 })));
    expect((jump.body.error as { message: string }).message).toBe(
      "price: 3000 is 13 % away from the last known price 2650 (the limit is 10 %); check the alert's price ({{close}}) and symbol, or raise intake.max_price_jump_percent",
    );
  });

  it('takes any jump with no limit, uses configured pip sizes, and checks unknown symbols at the finest pip', async () => {
    const free = intake({ intake: { max_price_jump_percent: null } });
    expect((await free.receive(request(body({ price: 2650 })))).httpStatus).toBe(200);
    expect((await free.receive(request(body({ price: 9000 })))).httpStatus).toBe(200);
    await stored().close();
    const custom = intake({ symbols: { XAUUSD: { pipSize: 1 } } });
    const belowPip = await custom.receive(request(body({ price: 0.5 })));
    expect((belowPip.body.error as { message: string }).message).toContain('0.5 is less than one pip (1)');
    await stored().close();
    const unknown = intake();
    expect((await unknown.receive(request(body({ symbol: 'ZZZUSD', price: 0.00002 })))).httpStatus).toBe(200);
    const tiny = await unknown.receive(request(body({ symbol: 'QQQUSD', price: 0.000001 })));
    expect((tiny.body.error as { message: string }).message).toContain('less than one pip (0.00001)');
  });
});
