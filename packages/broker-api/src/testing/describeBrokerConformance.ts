import { afterEach, beforeEach, describe } from 'vitest';
import { faultCases } from './faultCases.js';
import { START } from './kitSupport.js';
import { lifecycleCases } from './lifecycleCases.js';
import { orderCases } from './orderCases.js';
import type { ConformanceFactory, ConformanceSubject } from './subject.js';

/** The subject of the running test. */
export type SubjectRef = () => ConformanceSubject;

/**
 * The suite every broker adapter passes: what the order path relies on, from a filled market order to a stream
 * that drops and catches up. Each test gets a fresh subject from `factory`, priced at EURUSD 1.10000/1.10020.
 * Fault tests the subject cannot inject are skipped, and say so.
 */
export function describeBrokerConformance(name: string, factory: ConformanceFactory): void {
  describe(`broker conformance: ${name}`, { timeout: 30_000 }, () => {
    let subject: ConformanceSubject | undefined;
    const current: SubjectRef = () => {
      if (subject === undefined) throw new Error('the conformance subject is not ready (did the factory fail?)');
      return subject;
    };

    beforeEach(async () => {
      subject = await factory();
      await subject.setPrice(START);
    });

    afterEach(async () => {
      await subject?.dispose();
      subject = undefined;
    });

    describe('orders', () => orderCases(current));
    describe('open trades', () => lifecycleCases(current));
    describe('faults', () => faultCases(current));
  });
}
