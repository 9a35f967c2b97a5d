import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { CompanyReader } from '../../../lib/companies/CompanyReader';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';
import { requireServices } from '../../harness/requireServices';
import { company, PRESTADOR_CNPJ } from '../../adapter-container/danfse/danfseFixtures';

describe('CompanyReader against the local DynamoDB', () => {
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

  it('keeps a record read for its TTL, then reads the change', async () => {
    let now = 1_000_000;
    const records = new CompanyReader(dynamodb, table, 5_000, () => now);
    await put('Antes Ltda');
    expect((await records.read(PRESTADOR_CNPJ))?.razaoSocial).toBe('Antes Ltda');

    await put('Depois Ltda');
    now += 4_999;
    expect((await records.read(PRESTADOR_CNPJ))?.razaoSocial).toBe('Antes Ltda');
    now += 1;
    expect((await records.read(PRESTADOR_CNPJ))?.razaoSocial).toBe('Depois Ltda');
  });

  it('reads on every call with a TTL of 0, and never keeps a missing record', async () => {
    const records = new CompanyReader(dynamodb, table, 0);
    await put('Antes Ltda');
    expect((await records.read(PRESTADOR_CNPJ))?.razaoSocial).toBe('Antes Ltda');
    await put('Depois Ltda');
    expect((await records.read(PRESTADOR_CNPJ))?.razaoSocial).toBe('Depois Ltda');

    const cached = new CompanyReader(dynamodb, table, 60_000);
    await dynamodb.send(new DeleteCommand({ TableName: table, Key: { cnpj: PRESTADOR_CNPJ } }));
    expect(await cached.read(PRESTADOR_CNPJ)).toBeUndefined();
    await put('Nova Ltda');
    expect((await cached.read(PRESTADOR_CNPJ))?.razaoSocial).toBe('Nova Ltda');
  });
});
