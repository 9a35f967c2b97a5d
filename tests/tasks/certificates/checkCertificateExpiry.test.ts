import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CompanyCertificate } from '../../../contracts/certificate';
import type { Company } from '../../../contracts/company';
import { DEMO_COMPANY } from '../../../local/app/demoInvoice';
import { checkCertificateExpiry, type ExpiryDeps } from '../../../tasks/certificates/checkCertificateExpiry';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

const T0 = new Date('2026-12-06T09:00:00.000Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(T0.getTime() + days * DAY);

/** Companies and when their certificates end, in days from T0. */
const LATER = '11222333000181';
const SOON = '11222334000126';
const GONE = '11222335000170';
const NONE = '11222336000115';

function certificateFor(cnpj: string, notAfterDays: number): CompanyCertificate {
  return {
    metadata: { subject: `CN=EMPRESA:${cnpj}`, issuer: 'CN=AC TESTE', serialNumber: `0${cnpj}`, notBefore: at(-300).toISOString(), notAfter: at(notAfterDays).toISOString(), cnpj, fingerprintSha256: cnpj.padEnd(64, '0') },
    secretArn: `arn:aws:secretsmanager:us-east-1:000000000000:secret:test/companies/${cnpj}/certificate-AbCdEf`,
    versionId: 'a'.repeat(64),
    uploadedAt: at(-300).toISOString(),
    uploadedBy: 'admin-1',
    status: notAfterDays <= 0 ? 'expired' : notAfterDays <= 30 ? 'expiring' : 'valid',
    notices: { expiring: [], expired: false },
  };
}

describe('checkCertificateExpiry, on the local cloud', () => {
  const config = testClientConfig();
  const raw = new DynamoDBClient(config);
  const ddb = DynamoDBDocumentClient.from(raw);
  const events = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  const table = uniqueName('expiry-companies');
  const bus = uniqueName('expiry-bus');
  let queueUrl = '';

  const deps = (now: Date, eventBusName = bus): ExpiryDeps => ({ ddb, events, companiesTable: table, eventBusName, now: () => now });
  const record = async (cnpj: string): Promise<Company> => (await ddb.send(new GetCommand({ TableName: table, Key: { cnpj }, ConsistentRead: true }))).Item as Company;

  /** Every event the bus delivered to the rule's queue since the last call: [detail-type, company, threshold, days left]. */
  async function delivered(expected: number): Promise<Array<[string, string, number | undefined, number | undefined]>> {
    const seen: Array<{ 'detail-type': string; source: string; detail: { companyCnpj: string; thresholdDays?: number; daysLeft?: number } }> = [];
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      if (Messages.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
      seen.push(...Messages.map((m) => JSON.parse(m.Body ?? '{}') as (typeof seen)[number]));
      if (Messages.length === 0 && seen.length >= expected) break;
    }
    expect(seen.every((event) => event.source === 'nfse-flow.certificates')).toBe(true);
    return seen.map((event) => [event['detail-type'], event.detail.companyCnpj, event.detail.thresholdDays, event.detail.daysLeft] as [string, string, number | undefined, number | undefined]).sort((a, b) => a[1].localeCompare(b[1]));
  }

  beforeAll(async () => {
    await raw.send(new CreateTableCommand({ TableName: table, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'cnpj', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'cnpj', KeyType: 'HASH' }] }));
    await events.send(new CreateEventBusCommand({ Name: bus }));
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('expiry-events') }))).QueueUrl ?? '';
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    await events.send(new PutRuleCommand({ Name: 'certificates', EventBusName: bus, EventPattern: JSON.stringify({ source: ['nfse-flow.certificates'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'certificates', EventBusName: bus, Targets: [{ Id: 'queue', Arn: queueArn }] }));
    const companies: Array<[string, number | undefined]> = [[LATER, 40], [SOON, 10], [GONE, -2], [NONE, undefined]];
    for (const [cnpj, notAfterDays] of companies) {
      const company: Company = { ...DEMO_COMPANY, cnpj, version: 3, createdAt: at(-300).toISOString(), updatedAt: at(-300).toISOString(), updatedBy: 'admin-1', ...(notAfterDays !== undefined ? { certificate: certificateFor(cnpj, notAfterDays) } : {}) };
      await ddb.send(new PutCommand({ TableName: table, Item: company }));
    }
  });

  afterAll(() => {
    for (const client of [raw, events, sqs]) client.destroy();
  });

  it('announces the smallest threshold crossed and an expiry, once each, and records them with the status', async () => {
    const report = await checkCertificateExpiry(deps(T0));

    expect(report).toEqual({
      examined: 3,
      updated: expect.arrayContaining([SOON, GONE]),
      published: expect.arrayContaining([
        { companyCnpj: SOON, detailType: 'CertificateExpiring', thresholdDays: 15 },
        { companyCnpj: GONE, detailType: 'CertificateExpired' },
      ]),
      // 40, 10 and -2 days left: two within the first warning's 30.
      fewestDaysLeft: -2,
      expiring: 2,
    });
    expect([report.updated.length, report.published.length]).toEqual([2, 2]);
    expect(await delivered(2)).toEqual([
      ['CertificateExpiring', SOON, 15, 10],
      ['CertificateExpired', GONE, undefined, undefined],
    ]);
    expect((await record(SOON)).certificate?.notices).toEqual({ expiring: [30, 15], expired: false });
    expect(await record(GONE)).toMatchObject({ version: 4, updatedBy: 'nfse-certificate-expiry', certificate: { status: 'expired', notices: { expiring: [], expired: true } } });
    // Nothing was due for the later one: its record (and ETag) did not move.
    expect(await record(LATER)).toMatchObject({ version: 3, certificate: { status: 'valid' } });
  });

  it('publishes nothing more the same day, even from two checks at once', async () => {
    const reports = await Promise.all([checkCertificateExpiry(deps(at(0.5))), checkCertificateExpiry(deps(at(0.5)))]);

    expect(reports.map((report) => report.published)).toEqual([[], []]);
    expect(await delivered(0)).toEqual([]);
  });

  it('goes on day by day: 30 left and 1 left (7 crossed with it), an expiry, then 7 left (15 with it), each published by one of two overlapping checks', async () => {
    const days: Array<{ day: number; events: Array<[string, string, number | undefined, number | undefined]> }> = [
      { day: 9.5, events: [['CertificateExpiring', LATER, 30, 30], ['CertificateExpiring', SOON, 1, 0]] },
      { day: 10, events: [['CertificateExpired', SOON, undefined, undefined]] },
      { day: 33, events: [['CertificateExpiring', LATER, 7, 7]] },
      { day: 40.1, events: [['CertificateExpired', LATER, undefined, undefined]] },
    ];
    const seen: unknown[] = [];
    for (const { day, events: expected } of days) {
      await Promise.all([checkCertificateExpiry(deps(at(day))), checkCertificateExpiry(deps(at(day)))]);
      seen.push(await delivered(expected.length));
    }

    expect(seen).toEqual(days.map((entry) => entry.events));
    expect((await record(LATER)).certificate).toMatchObject({ status: 'expired', notices: { expiring: [30, 15, 7], expired: true } });
    expect((await record(SOON)).certificate).toMatchObject({ status: 'expired', notices: { expiring: [30, 15, 7, 1], expired: true } });
  });

  it('gives a claimed notice back when the bus refuses it, so the next check publishes it', async () => {
    const cnpj = '11222337000160';
    await ddb.send(new PutCommand({ TableName: table, Item: { ...DEMO_COMPANY, cnpj, version: 1, createdAt: T0.toISOString(), updatedAt: T0.toISOString(), updatedBy: 'admin-1', certificate: certificateFor(cnpj, 100) } }));

    await expect(checkCertificateExpiry(deps(at(71), 'no-such-bus'))).rejects.toThrow(`EventBridge refused CertificateExpiring for ${cnpj}: InvalidArgument Event bus no-such-bus does not exist.`);
    const afterRefusal = (await record(cnpj)).certificate?.notices;
    const retried = await checkCertificateExpiry(deps(at(71)));

    expect(afterRefusal).toEqual({ expiring: [], expired: false });
    expect(retried.published).toEqual([{ companyCnpj: cnpj, detailType: 'CertificateExpiring', thresholdDays: 30 }]);
    expect(await delivered(1)).toEqual([['CertificateExpiring', cnpj, 30, 29]]);
  });
});
