import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { listInvoices } from '../../../tasks/list/listInvoices';
import type { Caller } from '../../../tasks/shared/caller';
import { PageTokens } from '../../../tasks/shared/PageTokens';
import { CNPJ, OTHER_CNPJ, clientCaller } from '../fixtures';
import { invoiceRecord } from '../invoiceRecordFixture';

describe('listInvoices', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const pageTokens = new PageTokens('k'.repeat(32));
  const deps = { ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), invoicesTable: 'invoices', pageTokens };
  const listing = (status: string | null, from: string | null, to: string | null): string => `invoices ${JSON.stringify([CNPJ, status, null, from, to])}`;

  beforeEach(() => ddb.reset());

  it('queries the company index newest first, between the days asked, filtered by status', async () => {
    ddb.on(QueryCommand).resolves({ Items: [invoiceRecord({ status: 'FAILED', error: { code: 'E160', message: 'bad' } })], LastEvaluatedKey: { invoiceId: 'x', companyCnpj: CNPJ } });

    const page = await listInvoices(deps, clientCaller, { status: 'FAILED', from: '2026-11-01', to: '2026-11-30', limit: 10 });

    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'byCompany',
      ScanIndexForward: false,
      Limit: 10,
      FilterExpression: '#status = :status',
      ExpressionAttributeValues: { ':company': CNPJ, ':from': '2026-11-01', ':to': '2026-11-30T23:59:59.999Z#~', ':status': 'FAILED' },
    });
    expect(page.items).toEqual([{ invoiceId: '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ', companyCnpj: CNPJ, municipalityCode: '3550308', total: '100.00', status: 'FAILED', createdAt: '2026-11-23T12:00:00.000Z', processedAt: '2026-11-23T12:00:05.000Z', nfseNumber: '2026000000123', errorCode: 'E160', errorMessage: 'bad' }]);
    expect(pageTokens.open(listing('FAILED', '2026-11-01', '2026-11-30'), page.nextToken ?? '')).toEqual({ invoiceId: 'x', companyCnpj: CNPJ });
  });

  it('starts a page where its sealed token says', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const nextToken = pageTokens.seal(listing(null, null, null), { invoiceId: 'x', companyCnpj: CNPJ, companyCreatedAt: '2026-11-23T12:00:00.000Z#x' });

    await listInvoices(deps, clientCaller, { limit: 10, nextToken });

    expect(ddb.commandCalls(QueryCommand)[0]?.args[0].input.ExclusiveStartKey).toEqual({ invoiceId: 'x', companyCnpj: CNPJ, companyCreatedAt: '2026-11-23T12:00:00.000Z#x' });
  });

  it('asks which company when the caller has several', async () => {
    const caller: Caller = { principal: 'p', grant: { ...clientCaller.grant, cnpjs: [CNPJ, OTHER_CNPJ] } };

    await expect(listInvoices(deps, caller, { limit: 10 })).rejects.toMatchObject({ statusCode: 400, errors: [{ field: 'companyCnpj', message: 'required when the caller has more than one company' }] });
  });

  it('refuses a company not granted', async () => {
    await expect(listInvoices(deps, clientCaller, { companyCnpj: OTHER_CNPJ, limit: 10 })).rejects.toMatchObject({ statusCode: 403 });
  });

  it('refuses, without querying, an unsigned key, a token of another listing and one sealed with another key', async () => {
    const unsigned = Buffer.from(JSON.stringify({ invoiceId: 'x', companyCnpj: CNPJ })).toString('base64url');
    const otherListing = pageTokens.seal(listing('ISSUED', null, null), { invoiceId: 'x' });
    const otherKey = new PageTokens('o'.repeat(32)).seal(listing(null, null, null), { invoiceId: 'x' });

    for (const nextToken of [unsigned, otherListing, otherKey, '%%%']) {
      await expect(listInvoices(deps, clientCaller, { limit: 10, nextToken })).rejects.toMatchObject({
        statusCode: 400,
        message: 'nextToken is not a token this API gave out for this listing',
        errors: [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }],
      });
    }
    expect(ddb.commandCalls(QueryCommand)).toHaveLength(0);
  });
});
