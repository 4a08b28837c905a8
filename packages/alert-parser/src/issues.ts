import type { z } from 'zod';

/** One problem with an alert: the field it concerns and a message that says what is wrong and how to fix it. */
export interface ParseIssue {
  readonly field: string;
  readonly message: string;
}

/** The field name used for problems with the body as a whole rather than one field. */
export const BODY_FIELD = '(body)';

/** Longest echo of a received value inside a message, so a 10 kB field never comes back in a 4xx body. */
const MAX_ECHO = 40;

/** Joins issues into one line, `field: message; field: message`, for HTTP bodies, logs and journal rows. */
export function formatParseIssues(issues: readonly ParseIssue[]): string {
  return issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
}

/** Cuts a text to a readable length and says how long the original was. */
export function truncate(text: string, max = MAX_ECHO): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** Describes a received value for a message: strings quoted and truncated, other values by their type. */
export function show(value: unknown): string {
  if (typeof value === 'string') return truncate(JSON.stringify(value));
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'boolean') return truncate(String(value));
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The outcome of checking one field: its normalised value, or a message for the issue. */
export type FieldCheck<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A passing field check. */
export function pass<T>(value: T): FieldCheck<T> {
  return { ok: true, value };
}

/** A failing field check. */
export function reject(message: string): { readonly ok: false; readonly message: string } {
  return { ok: false, message };
}

/** Maps zod issues to parse issues; messages were written by the field checks, so they are kept as they are. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): ParseIssue[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : BODY_FIELD,
    message: issue.message,
  }));
}
