import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CompanySchema, type Company } from '../../contracts/company';
import { TtlCache } from '../cache/TtlCache';

/** How long a company's record is kept before it is read again, seconds (`COMPANY_CACHE_SECONDS`). */
export const DEFAULT_COMPANY_CACHE_SECONDS = 5;

/**
 * Reads company records for what needs one (the API's emission, the adapter's PDF), kept
 * `COMPANY_CACHE_SECONDS` (default 5; 0 turns it off) so a burst of invoices of one company costs
 * one read; a change to the record applies within that time, to the RPS and the PDF alike. A
 * missing company is never kept.
 */
export class CompanyReader {
  private readonly cache: TtlCache<Company>;

  public constructor(
    private readonly ddb: DynamoDBDocumentClient,
    private readonly companiesTable: string,
    ttlMs: number = TtlCache.ttlFromEnv(process.env.COMPANY_CACHE_SECONDS, DEFAULT_COMPANY_CACHE_SECONDS),
    now?: () => number,
  ) {
    this.cache = new TtlCache(ttlMs, now);
  }

  /**
   * The company with this CNPJ, or undefined when it has no record. `fresh` reads past the cache
   * (and keeps what it read): for a refusal that a change made seconds ago may have lifted.
   */
  public async read(cnpj: string, options: { readonly fresh?: boolean } = {}): Promise<Company | undefined> {
    const cached = options.fresh === true ? undefined : this.cache.get(cnpj);
    if (cached !== undefined) return cached;
    const { Item } = await this.ddb.send(new GetCommand({ TableName: this.companiesTable, Key: { cnpj } }));
    if (Item === undefined) return undefined;
    const company = CompanySchema.parse(Item);
    this.cache.set(cnpj, company);
    return company;
  }
}
