import type { EnvName } from '../../contracts/wiring';

/** A required environment variable; a clear error naming it when it is missing. */
export function requireEnv(name: EnvName, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`environment variable ${name} is not set`);
  return value;
}
