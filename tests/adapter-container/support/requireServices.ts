import { testClientConfig } from '../../harness/localCloudEnv';

/**
 * Fails (never skips) unless every named service of the shared cloud says `running` on
 * `GET /health`, naming the fix; waits while one says `starting`.
 */
export async function requireServices(names: readonly string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${testClientConfig().endpoint}/health`);
    const body = (await response.json()) as { services?: Record<string, { state?: string } | undefined> };
    const states = Object.fromEntries(names.map((name) => [name, body.services?.[name]?.state ?? 'absent']));
    const down = names.filter((name) => states[name] !== 'running');
    if (down.length === 0) return;
    if (down.some((name) => states[name] !== 'starting') || Date.now() > deadline) {
      throw new Error(`these tests need ${down.join(', ')} running in the shared cloud (${JSON.stringify(states)}); run with LOCAL_SERVICES=${names.join(',')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
