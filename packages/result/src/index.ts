export { err, ok } from './result.js';
export type { CodedError, Err, Ok, Result } from './result.js';
