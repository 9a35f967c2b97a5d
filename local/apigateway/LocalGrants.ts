import fs from 'node:fs/promises';
import path from 'node:path';
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TenantGrantSchema, type TenantGrant } from '../../contracts/tenantGrant';
import { Mutex } from '../../lib/concurrency/Mutex';

/**
 * The grants the dev token endpoint wrote, kept in a file beside the JWT signing key: the key
 * survives a restart, so the tokens it signed do, and so must what they are granted, even when
 * the tables live in memory. Written by the API's process (one writer), read when the app starts.
 */
export class LocalGrants {
  private readonly lock = new Mutex();

  public constructor(private readonly file: string) {}

  /** The file in `authDir`. */
  public static in(authDir: string): LocalGrants {
    return new LocalGrants(path.join(authDir, 'grants.json'));
  }

  /** Every grant kept, by principal (none before the first token). */
  public async all(): Promise<TenantGrant[]> {
    let stored: unknown;
    try {
      stored = JSON.parse(await fs.readFile(this.file, 'utf8'));
    } catch {
      return [];
    }
    if (typeof stored !== 'object' || stored === null) return [];
    return Object.values(stored).flatMap((grant) => {
      const parsed = TenantGrantSchema.safeParse(grant);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Keeps `grant`, replacing the principal's previous one (written to a temporary file, then renamed, so a crash never leaves half a file). */
  public async keep(grant: TenantGrant): Promise<void> {
    const release = await this.lock.lock();
    try {
      const byPrincipal = Object.fromEntries((await this.all()).map((kept) => [kept.principal, kept]));
      byPrincipal[grant.principal] = grant;
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, JSON.stringify(byPrincipal, null, 2), { mode: 0o600 });
      await fs.rename(temporary, this.file);
    } finally {
      release();
    }
  }

  /**
   * Writes every kept grant the tenants table lacks (a table in memory starts empty after a
   * restart; one kept with `--data` already has them, and a grant changed there since wins).
   * Returns how many it wrote.
   */
  public async restore(client: DynamoDBClient, tenantsTable: string): Promise<number> {
    const ddb = DynamoDBDocumentClient.from(client);
    let restored = 0;
    for (const grant of await this.all()) {
      try {
        await ddb.send(new PutCommand({ TableName: tenantsTable, Item: grant, ConditionExpression: 'attribute_not_exists(principal)' }));
        restored++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return restored;
  }
}
