import { FakeClock } from '../../../../lib/clock/FakeClock';
import { createIntegrationClients } from '../../../../local/stepfunctions/integrations/IntegrationClients';
import type { IntegrationDeps, TaskInvocation } from '../../../../local/stepfunctions/integrations/invokeTask';

/** Clients pointed at an address nothing listens on: every unit test mocks the one it uses. */
export function unitDeps(clock = new FakeClock()): IntegrationDeps & { readonly clock: FakeClock } {
  return { clients: createIntegrationClients({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }), clock, syncPollIntervalMs: 1000 };
}

/** A Task invocation with the fields every test shares. */
export function invocation(resource: string, parameters: unknown, extra: Partial<TaskInvocation> = {}): TaskInvocation {
  return { resource, parameters, signal: new AbortController().signal, region: 'us-east-1', accountId: '000000000000', ...extra };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** A Lambda response payload as the SDK returns it (a Uint8Array that can read itself as text). */
export function payloadBlob(text: string): Uint8Array & { transformToString(encoding?: string): string } {
  return Object.assign(new Uint8Array(Buffer.from(text)), { transformToString: (): string => text });
}

/** The text of a request payload the code under test sent. */
export function sentText(payload: unknown): string {
  if (payload instanceof Uint8Array) return Buffer.from(payload).toString('utf-8');
  return typeof payload === 'string' ? payload : '';
}
