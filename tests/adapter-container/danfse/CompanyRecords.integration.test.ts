import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CompanyRecords } from '../../../adapter-container/danfse/CompanyRecords';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices } from '../../harness/requireServices';
import { company, PRESTADOR_CNPJ } from './danfseFixtures';

describe('CompanyRecords against the local DynamoDB', () => {
  let table = '';
  let dynamodb: DynamoDBDocumentClient;

  beforeAll(async () => {
    await requireServices(['dynamodb']);
    const client = new DynamoDBClient(testClientConfig());
    table = uniqueName('companies');
    await client.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'cnpj', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'cnpj', KeyType: 'HASH' }] }));
    dynamodb = DynamoDBDocumentClient.from(client);
  });

  const put = (razaoSocial: string): Promise<unknown> => dynamodb.send(new PutCommand({ TableName: table, Item: company({ razaoSocial }) }));

  it('keeps a record read for cacheSeconds, then reads the change', async () => {
    let now = 1_000_000;
    const records = new CompanyRecords({ dynamodb, table, cacheSeconds: 5, now: () => now });
    await put('Antes Ltda');
    expect((await records.companyOf(PRESTADOR_CNPJ))?.razaoSocial).toBe('Antes Ltda');

    await put('Depois Ltda');
    now += 4_999;
    expect((await records.companyOf(PRESTADOR_CNPJ))?.razaoSocial).toBe('Antes Ltda');
    now += 1;
    expect((await records.companyOf(PRESTADOR_CNPJ))?.razaoSocial).toBe('Depois Ltda');
  });

  it('reads on every call with cacheSeconds 0, and never keeps a missing record', async () => {
    const records = new CompanyRecords({ dynamodb, table, cacheSeconds: 0 });
    await put('Antes Ltda');
    expect((await records.companyOf(PRESTADOR_CNPJ))?.razaoSocial).toBe('Antes Ltda');
    await put('Depois Ltda');
    expect((await records.companyOf(PRESTADOR_CNPJ))?.razaoSocial).toBe('Depois Ltda');

    const cached = new CompanyRecords({ dynamodb, table, cacheSeconds: 60 });
    await dynamodb.send(new DeleteCommand({ TableName: table, Key: { cnpj: PRESTADOR_CNPJ } }));
    expect(await cached.companyOf(PRESTADOR_CNPJ)).toBeUndefined();
    await put('Nova Ltda');
    expect((await cached.companyOf(PRESTADOR_CNPJ))?.razaoSocial).toBe('Nova Ltda');
  });
});
