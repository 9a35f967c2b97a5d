import { createHash } from 'node:crypto';

/**
 * At most this many statements are kept prepared per session; past it, new texts run unnamed as
 * before. A local cloud runs a few dozen distinct statements over and over (the saga's, the
 * relay's, the reports'); a console or a test issuing ad-hoc SQL does not grow the session's
 * memory without bound.
 */
const MAX_PREPARED_PER_SESSION = 256;

/**
 * The named prepared statements of one session: Postgres parses and plans a statement once per
 * name, where the unnamed statement of the extended protocol is parsed and planned again on every
 * call (PGlite: ~1.0 ms of CPU of the saga's ReserveStock out of ~1.4). A name stands for its text
 * and parameter types; one the server refused to reuse (its result type changed after DDL) is
 * retired, and the next use of the text prepares it under a new name.
 */
export class PreparedStatements {
  private readonly names = new Map<string, string>();
  private created = 0;

  /** The name to run `text` under, or undefined when the session already holds MAX_PREPARED_PER_SESSION statements. */
  public nameFor(text: string, paramTypes: readonly number[]): string | undefined {
    const key = keyOf(text, paramTypes);
    const known = this.names.get(key);
    if (known !== undefined) return known;
    if (this.created >= MAX_PREPARED_PER_SESSION) return undefined;
    this.created += 1;
    const name = `rdsdata_${createHash('sha1').update(key).digest('hex').slice(0, 16)}_${this.created}`;
    this.names.set(key, name);
    return name;
  }

  /** Retires the name of `text` (the server still holds it, and it still counts towards the limit). */
  public retire(text: string, paramTypes: readonly number[]): void {
    this.names.delete(keyOf(text, paramTypes));
  }
}

function keyOf(text: string, paramTypes: readonly number[]): string {
  return `${paramTypes.join(',')}\n${text}`;
}
