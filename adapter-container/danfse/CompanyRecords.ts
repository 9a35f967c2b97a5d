import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CompanySchema, type Company } from '../../contracts/company';
import { TtlCache } from '../../lib/cache/TtlCache';

/** How long a company's record is kept before it is read again, seconds: the API's `COMPANY_CACHE_SECONDS` too. */
export const DEFAULT_COMPANY_CACHE_SECONDS = 5;

/** What {@link CompanyRecords} needs. */
export interface CompanyRecordsOptions {
  readonly dynamodb: DynamoDBDocumentClient;
  /** `COMPANIES_TABLE` (PK `cnpj`). */
  readonly table: string;
  /** How long a record read is kept, seconds (0: read on every call). @default {@link DEFAULT_COMPANY_CACHE_SECONDS} */
  readonly cacheSeconds?: number;
  /** Epoch ms, for the cache's expiry. @default Date.now */
  readonly now?: () => number;
}

/**
 * The companies' records, read-only: the prestador our DANFSe-like PDF names (razão social,
 * address), which the city's NFS-e gives only by CNPJ. A record read is kept `cacheSeconds` (5),
 * as the API keeps the one it builds the RPS from: a burst of one company's invoices costs one
 * read, and a change to the record shows on the PDFs within that time, as it does on the RPS.
 */
export class CompanyRecords {
  private readonly cache: TtlCache<Company>;

  constructor(private readonly options: CompanyRecordsOptions) {
    this.cache = new TtlCache((options.cacheSeconds ?? DEFAULT_COMPANY_CACHE_SECONDS) * 1000, options.now);
  }

  /** The company of `cnpj`; undefined when it has no record (never kept). Throws when the record does not match the contract. */
  async companyOf(cnpj: string): Promise<Company | undefined> {
    const cached = this.cache.get(cnpj);
    if (cached !== undefined) return cached;
    const { Item } = await this.options.dynamodb.send(new GetCommand({ TableName: this.options.table, Key: { cnpj }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const parsed = CompanySchema.safeParse(Item);
    if (!parsed.success) throw new Error(`company ${cnpj} does not match the Company contract: ${parsed.error.message}`);
    this.cache.set(cnpj, parsed.data);
    return parsed.data;
  }
}
