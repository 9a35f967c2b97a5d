import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppClientKind } from '../../contracts/apiScopes';

/** The console's app client: the one people's tokens are issued for (`aud` of ID tokens, `client_id` of access tokens). */
export const LOCAL_CONSOLE_CLIENT_ID = 'nfse-local-console';

/**
 * The app clients of the local user pool, as Cognito keeps them: the console client, and one
 * client-credentials client per machine principal (a machine's `client_id` is its principal, as
 * Cognito's are). Machine clients are kept in a file beside the signing key, so every process of
 * the app and a restarted one know the same clients.
 */
export class LocalAppClients {
  private machines = new Set<string>();

  private constructor(private readonly file: string) {}

  /** The clients recorded in `file` (created on the first machine client). */
  public static async load(file: string): Promise<LocalAppClients> {
    const clients = new LocalAppClients(file);
    await clients.reload();
    return clients;
  }

  /** What kind of client `clientId` is, or undefined when the pool has no such client. */
  public async kindOf(clientId: string): Promise<AppClientKind | undefined> {
    if (clientId === LOCAL_CONSOLE_CLIENT_ID) return 'console';
    // Another process (the API's) may have added it since this one read the file.
    if (!this.machines.has(clientId)) await this.reload();
    return this.machines.has(clientId) ? 'machine' : undefined;
  }

  /** Adds a machine client (idempotent). */
  public async addMachine(clientId: string): Promise<void> {
    await this.reload();
    if (this.machines.has(clientId)) return;
    this.machines.add(clientId);
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.writeFile(this.file, JSON.stringify({ machine: [...this.machines].sort() }), { mode: 0o600 });
  }

  private async reload(): Promise<void> {
    try {
      const stored = JSON.parse(await fs.readFile(this.file, 'utf8')) as { machine?: unknown };
      if (Array.isArray(stored.machine)) this.machines = new Set([...this.machines, ...stored.machine.filter((id): id is string => typeof id === 'string')]);
    } catch {
      // no machine client yet
    }
  }
}
