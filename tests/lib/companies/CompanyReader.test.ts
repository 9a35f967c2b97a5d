import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Company } from '../../../contracts/company';
import { DEMO_COMPANY } from '../../../local/app/demoInvoice';
import { CompanyReader } from '../../../lib/companies/CompanyReader';

const CNPJ = '11222333000181';
const company = (version: number): Company => ({ ...DEMO_COMPANY, cnpj: CNPJ, version, createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: 'admin-1' });

describe('CompanyReader', () => {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
  const ddbMock = mockClient(ddb);

  beforeEach(() => {
    ddbMock.reset();
  });

  it('serves a burst from one read, and a fresh read past the cache, which it keeps', async () => {
    ddbMock.on(GetCommand).resolvesOnce({ Item: company(1) }).resolves({ Item: company(2) });
    const reader = new CompanyReader(ddb, 'companies', 60_000);

    const versions = [await reader.read(CNPJ), await reader.read(CNPJ), await reader.read(CNPJ, { fresh: true }), await reader.read(CNPJ)].map((read) => read?.version);

    expect(versions).toEqual([1, 1, 2, 2]);
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(2);
  });
});
