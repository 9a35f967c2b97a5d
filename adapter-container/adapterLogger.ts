import pino, { type DestinationStream, type Logger } from 'pino';
import { redactJsonLine } from '../lib/logging/redaction';

/**
 * The adapter's logger: JSON lines (on stdout unless `destination` is given). Every line is
 * redacted as it is written, at any depth and whatever put it there (bindings, an error's
 * message, a message body holding JSON): tomador data, XML documents, task tokens, JWTs,
 * Authorization headers, keys and certificates (see `lib/logging/redaction.ts`). pino's own
 * `redact` only knows fixed paths.
 */
export function createAdapterLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { component: 'adapter', pid: process.pid }, hooks: { streamWrite: redactJsonLine } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
