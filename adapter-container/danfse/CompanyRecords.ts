import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CompanySchema, type Company } from '../../contracts/company';

/** What {@link CompanyRecords} needs. */
export interface CompanyRecordsOptions {
  readonly dynamodb: DynamoDBDocumentClient;
  /** `COMPANIES_TABLE` (PK `cnpj`). */
  readonly table: string;
}

/**
 * The companies' records, read-only: the prestador our DANFSe-like PDF names (razão social,
 * address), which the city's NFS-e gives only by CNPJ. Read at issuance, consistently, so the
 * PDF shows the record as it is when the NFS-e is issued.
 */
export class CompanyRecords {
  constructor(private readonly options: CompanyRecordsOptions) {}

  /** The company of `cnpj`; undefined when it has no record. Throws when the record does not match the contract. */
  async companyOf(cnpj: string): Promise<Company | undefined> {
    const { Item } = await this.options.dynamodb.send(new GetCommand({ TableName: this.options.table, Key: { cnpj }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const parsed = CompanySchema.safeParse(Item);
    if (!parsed.success) throw new Error(`company ${cnpj} does not match the Company contract: ${parsed.error.message}`);
    return parsed.data;
  }
}
