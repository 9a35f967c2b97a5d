import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { listInvoices } from '../../../tasks/list/listInvoices';
import type { Caller } from '../../../tasks/shared/caller';
import { CNPJ, OTHER_CNPJ, clientCaller } from '../fixtures';
import { invoiceRecord } from '../invoiceRecordFixture';

describe('listInvoices', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const deps = { ddb: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })), invoicesTable: 'invoices' };

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
    expect(page.items).toEqual([{ invoiceId: '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ', companyCnpj: CNPJ, municipalityCode: '3550308', total: '100.00', status: 'FAILED', createdAt: '2026-11-23T12:00:00.000Z', processedAt: '2026-11-23T12:00:05.000Z', nfseNumber: '2026000000123', errorCode: 'E160' }]);
    expect(JSON.parse(Buffer.from(page.nextToken ?? '', 'base64url').toString())).toEqual({ invoiceId: 'x', companyCnpj: CNPJ });
  });

  it('asks which company when the caller has several', async () => {
    const caller: Caller = { principal: 'p', grant: { ...clientCaller.grant, cnpjs: [CNPJ, OTHER_CNPJ] } };

    await expect(listInvoices(deps, caller, { limit: 10 })).rejects.toMatchObject({ statusCode: 400, errors: [{ field: 'companyCnpj', message: 'required when the caller has more than one company' }] });
  });

  it('refuses a company not granted and a forged token', async () => {
    await expect(listInvoices(deps, clientCaller, { companyCnpj: OTHER_CNPJ, limit: 10 })).rejects.toMatchObject({ statusCode: 403 });
    await expect(listInvoices(deps, clientCaller, { limit: 10, nextToken: '%%%' })).rejects.toMatchObject({ statusCode: 400, message: 'nextToken is not a token this API gave out' });
  });
});
