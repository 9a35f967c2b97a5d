import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvoiceSummary, ListInvoicesQuery, ListInvoicesResponse } from '../../contracts/listInvoices';
import { INVOICE_INDEXES } from '../../contracts/invoiceRecord';
import type { Caller } from '../shared/caller';
import { companyOf } from '../shared/companyOf';
import { ValidationError } from '../shared/errors';
import type { PageTokens } from '../shared/PageTokens';

/** What listing talks to. */
export interface ListDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly invoicesTable: string;
  /** Seals the `nextToken`s (the GSI keys where pages start). */
  readonly pageTokens: PageTokens;
}

/** The GSI that lists a company's invoices by creation time. */

/** Lists a company's invoices newest first from the `byCompany` GSI, filtered by status and dates. */
export async function listInvoices(deps: ListDeps, caller: Caller, query: ListInvoicesQuery): Promise<ListInvoicesResponse> {
  const company = companyOf(caller, query.companyCnpj);
  if (company === undefined) throw new ValidationError('companyCnpj is required', [{ field: 'companyCnpj', message: 'required' }]);
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
    throw new ValidationError('from must not be after to', [{ field: 'from', message: 'must not be after to' }]);
  }
  // A page's token holds for the listing it came from: the same company and filters.
  const listing = `invoices ${JSON.stringify([company, query.status ?? null, query.municipalityCode ?? null, query.from ?? null, query.to ?? null])}`;
  const page = await deps.ddb.send(
    new QueryCommand({
      TableName: deps.invoicesTable,
      IndexName: INVOICE_INDEXES.byCompany,
      KeyConditionExpression: 'companyCnpj = :company AND companyCreatedAt BETWEEN :from AND :to',
      ...filterOf(query),
      ExpressionAttributeValues: {
        ':company': company,
        ':from': query.from ?? '0000',
        // `~` sorts after every character of an ISO timestamp and `#ulid`.
        ':to': `${query.to ?? '9999-12-31'}T23:59:59.999Z#~`,
        ...(query.status !== undefined ? { ':status': query.status } : {}),
        ...(query.municipalityCode !== undefined ? { ':municipality': query.municipalityCode } : {}),
      },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: query.nextToken !== undefined ? startKeyOf(deps.pageTokens.open(listing, query.nextToken)) : undefined,
    }),
  );
  return {
    items: (page.Items ?? []).map(summaryOf),
    ...(page.LastEvaluatedKey !== undefined ? { nextToken: deps.pageTokens.seal(listing, page.LastEvaluatedKey) } : {}),
  };
}

/** Status and municipality are filters on the company's page, not keys of the index. */
function filterOf(query: ListInvoicesQuery): { FilterExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  if (query.status !== undefined) {
    conditions.push('#status = :status');
    names['#status'] = 'status';
  }
  if (query.municipalityCode !== undefined) conditions.push('municipalityCode = :municipality');
  if (conditions.length === 0) return {};
  return { FilterExpression: conditions.join(' AND '), ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}) };
}

function summaryOf(item: Record<string, unknown>): InvoiceSummary {
  const error = item.error as { code?: string; message?: string } | null | undefined;
  return {
    invoiceId: String(item.invoiceId),
    companyCnpj: String(item.companyCnpj),
    municipalityCode: String(item.municipalityCode),
    total: String(item.total),
    status: item.status as InvoiceSummary['status'],
    createdAt: String(item.createdAt),
    ...(typeof item.processedAt === 'string' ? { processedAt: item.processedAt } : {}),
    ...(typeof item.nfseNumber === 'string' ? { nfseNumber: item.nfseNumber } : {}),
    ...(typeof error?.code === 'string' ? { errorCode: error.code } : {}),
    ...(typeof error?.message === 'string' ? { errorMessage: error.message } : {}),
    ...(item.provider === 'nacional' || item.provider === 'abrasf-2.04' ? { provider: item.provider } : {}),
  };
}

/** The GSI key a sealed token carries (only this API could have put it there). */
function startKeyOf(position: unknown): Record<string, unknown> {
  if (position !== null && typeof position === 'object' && !Array.isArray(position)) return position as Record<string, unknown>;
  throw new ValidationError('nextToken is not a token this API gave out for this listing', [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }]);
}
