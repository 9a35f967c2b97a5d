import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Which tables have Time to Live enabled and on which attribute. dynalite keeps no TTL settings,
 * so the local layer keeps them, in `ttl.json` of the data directory when there is one.
 */
export class TtlRegistry {
  private constructor(
    private readonly attributes: Map<string, string>,
    private readonly file: string | undefined,
  ) {}

  /** Loads the settings saved in `dataDir` (none when it is undefined or holds none yet). */
  public static async open(dataDir: string | undefined): Promise<TtlRegistry> {
    const file = dataDir !== undefined ? path.join(dataDir, 'ttl.json') : undefined;
    const attributes = new Map<string, string>();
    if (file !== undefined) {
      const saved = await fs.readFile(file, 'utf8').catch(() => undefined);
      const parsed: unknown = saved !== undefined ? JSON.parse(saved) : {};
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [table, attribute] of Object.entries(parsed)) {
          if (typeof attribute === 'string') attributes.set(table, attribute);
        }
      }
    }
    return new TtlRegistry(attributes, file);
  }

  /** The TTL attribute of `table`, or undefined when TTL is disabled. */
  public attributeOf(table: string): string | undefined {
    return this.attributes.get(table);
  }

  /** Every table with TTL enabled, with its attribute. */
  public enabled(): Array<readonly [string, string]> {
    return [...this.attributes];
  }

  /** Enables TTL on `attribute`, or disables it when `attribute` is undefined. */
  public async set(table: string, attribute: string | undefined): Promise<void> {
    if (attribute === undefined) {
      if (!this.attributes.delete(table)) return;
    } else {
      this.attributes.set(table, attribute);
    }
    await this.save();
  }

  private async save(): Promise<void> {
    if (this.file === undefined) return;
    // Write then rename, so a crash never leaves a half-written file behind.
    const temporary = `${this.file}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(Object.fromEntries(this.attributes), null, 2));
    await fs.rename(temporary, this.file);
  }
}
