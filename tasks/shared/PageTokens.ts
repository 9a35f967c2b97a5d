import { createHmac, timingSafeEqual } from 'node:crypto';
import { ENV } from '../../contracts/wiring';
import { requireEnv } from './environment';
import { ValidationError } from './errors';

/**
 * The `nextToken`s the API gives out: where the next page starts (a DynamoDB key, a Step
 * Functions token) sealed with an HMAC over the listing it belongs to. A client hands it back as
 * is; one it forged, altered, or took from another listing is a 400 naming `nextToken`, never a
 * key passed on to DynamoDB. The key is `PAGE_TOKEN_KEY`: in AWS a Secrets Manager secret the
 * CDK app generates (ComputeStack `PageTokenKey`), locally a key kept in the auth directory.
 */
export class PageTokens {
  public constructor(private readonly key: string) {
    if (key.length < 32) throw new Error(`${ENV.PageTokenKey} must be at least 32 characters`);
  }

  /** The tokens of the key in `PAGE_TOKEN_KEY`. */
  public static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PageTokens {
    return new PageTokens(requireEnv(ENV.PageTokenKey, env));
  }

  /** A token for `position` in `listing` (what identifies the listing: its filters, not its page size). */
  public seal(listing: string, position: unknown): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${payload}.${this.mac(listing, payload).toString('base64url')}`;
  }

  /** The position a token of `listing` carries; 400 naming `nextToken` for any other string. */
  public open(listing: string, token: string): unknown {
    const [payload, mac, ...rest] = token.split('.');
    if (payload !== undefined && payload !== '' && mac !== undefined && rest.length === 0) {
      const given = Buffer.from(mac, 'base64url');
      const expected = this.mac(listing, payload);
      if (given.length === expected.length && timingSafeEqual(given, expected)) return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    }
    throw new ValidationError('nextToken is not a token this API gave out for this listing', [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }]);
  }

  private mac(listing: string, payload: string): Buffer {
    return createHmac('sha256', this.key).update(`${listing}\n${payload}`).digest();
  }
}
