import pino, { type Logger } from 'pino';

/** The local cloud's structured logger (JSON lines on stderr). */
export function createLogger(level: string = process.env.LOCAL_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { component: 'local-cloud' } }, pino.destination(2));
}
