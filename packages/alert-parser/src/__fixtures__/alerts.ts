import { readFileSync } from 'node:fs';
import type { AlertKind } from '@zepix/plugin-core';

/** One real-world alert body from alerts.jsonl (copied from the project's shared fixtures). */
export interface AlertFixture {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
  readonly expect: 'accepted' | 'rejected';
  readonly kind?: AlertKind;
}

/** Every case in alerts.jsonl, in file order. */
export const ALERT_FIXTURES: readonly AlertFixture[] = readFileSync(new URL('./alerts.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as AlertFixture);

/** The fixture with this name; throws so a renamed case fails loudly. */
export function fixture(name: string): AlertFixture {
  const found = ALERT_FIXTURES.find((item) => item.name === name);
  if (!found) throw new Error(`no alert fixture named ${name}`);
  return found;
}
