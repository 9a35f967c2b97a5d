import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { InvalidToken, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { DeleteMessageBatchCommand } from '@aws-sdk/client-sqs';
import { BUCKET, cancelRequest, consultRequest, emitRequest, INVOICE_ID, issuedOutcome, NFSE_XML, QUEUE_URL, SAO_PAULO, sqsMessage, testRegistry } from '../support/fixtures';
import { ISSUED_OUTPUT, processorSetup } from '../support/processorSetup';
import { objectBody } from '../support/workerMocks';
import pino from 'pino';
import { DanfseRenderer } from '../../../adapter-container/danfse/DanfseRenderer';
import { initXmlReader } from '../../../adapter-container/xml/XmlReader';
import { readPdf } from '../../harness/readPdf';
import { cityNfseXml, company, ISSUED_AT, NFSE_NUMBER, VERIFICATION_CODE } from '../danfse/danfseFixtures';

describe('MessageProcessor', () => {
  describe('an emit that the city issues', () => {
    it('heartbeats, reads the RPS, stores the NFS-e XML, then answers SendTaskSuccess and deletes the message', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => issuedOutcome();

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('succeeded');
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit', 'PutObject', 'SendTaskSuccess', 'DeleteMessageBatch']);
      expect(t.provider.calls[0]?.rpsXml).toBe('<Rps>tomador</Rps>');
      expect(t.s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: BUCKET, Key: `xml/${INVOICE_ID}.xml` });
      expect(t.s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({ Bucket: BUCKET, Key: `nfse/${INVOICE_ID}.xml`, Body: NFSE_XML, ContentType: 'application/xml; charset=utf-8' });
      expect(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({ taskToken: 'token-emit', output: JSON.stringify(ISSUED_OUTPUT) });
      expect(t.sqsMock.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input).toEqual({ QueueUrl: QUEUE_URL, Entries: [{ Id: '0', ReceiptHandle: 'rh-m-1' }] });
    });

    it('stores the DANFSe a national NFS-e comes with beside its XML, and answers with the key and where the PDF is', async () => {
      const t = processorSetup();
      const chaveAcesso = '43149022211444777000161000000000000126121234567890';
      const pdf = Buffer.from('%PDF-1.4 mock');
      t.provider.emitWith = async () => issuedOutcome({ chaveAcesso, danfsePdf: pdf });

      await t.process(sqsMessage(emitRequest()));

      const puts = t.s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
      expect(puts.map((put) => [put.Key, put.ContentType])).toEqual([
        [`nfse/${INVOICE_ID}.xml`, 'application/xml; charset=utf-8'],
        [`nfse/${INVOICE_ID}.pdf`, 'application/pdf'],
      ]);
      expect(puts[1]?.Body).toEqual(pdf);
      expect(JSON.parse(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output ?? '')).toEqual({ ...ISSUED_OUTPUT, chaveAcesso, danfseKey: `nfse/${INVOICE_ID}.pdf` });
    });

    it('reads the RPS of a first attempt before taking one of the city\'s slots', async () => {
      const t = processorSetup();
      const slotsInUse: number[] = [];
      t.s3Mock.on(GetObjectCommand).callsFake(() => {
        slotsInUse.push(t.limiter.inUse(SAO_PAULO));
        return { Body: objectBody('<Rps>tomador</Rps>') };
      });
      t.provider.emitWith = async () => {
        slotsInUse.push(t.limiter.inUse(SAO_PAULO));
        return issuedOutcome();
      };

      await t.process(sqsMessage(emitRequest()));

      expect(slotsInUse).toEqual([0, 1]);
    });

    it('answers an asynchronous city\'s protocol without storing anything', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => ({ outcome: 'accepted', protocol: 'P-9', receivedAt: '2026-01-01T00:00:01.000Z' });

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('succeeded');
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit', 'SendTaskSuccess', 'DeleteMessageBatch']);
      expect(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output).toBe('{"outcome":"accepted","protocol":"P-9","receivedAt":"2026-01-01T00:00:01.000Z"}');
    });
  });

  describe('our DANFSe, for a city that serves none (ABRASF)', () => {
    const nfse = { nfseNumber: String(NFSE_NUMBER), verificationCode: VERIFICATION_CODE, issuedAt: ISSUED_AT, nfseXml: cityNfseXml() };
    const DANFSE_KEY = `nfse/${INVOICE_ID}.pdf`;

    beforeAll(async () => {
      await initXmlReader();
    });

    it('builds it once the city\'s slot is free, stores it at the invoice\'s danfseKey beside the XML, and answers with the key', async () => {
      const slotsInUse: number[] = [];
      const t = processorSetup({
        danfse: new DanfseRenderer({
          companyOf: async (cnpj) => {
            slotsInUse.push(t.limiter.inUse(SAO_PAULO));
            t.order.push(`companyOf ${cnpj}`);
            return company({ cnpj });
          },
          registry: testRegistry(),
        }),
      });
      t.provider.emitWith = async () => issuedOutcome(nfse);

      await t.process(sqsMessage(emitRequest()));

      expect(slotsInUse).toEqual([0]);
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.emit', `companyOf ${emitRequest().companyCnpj}`, 'PutObject', 'PutObject', 'SendTaskSuccess', 'DeleteMessageBatch']);
      const puts = t.s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
      expect(puts.map((put) => [put.Key, put.ContentType])).toEqual([
        [`nfse/${INVOICE_ID}.xml`, 'application/xml; charset=utf-8'],
        [DANFSE_KEY, 'application/pdf'],
      ]);
      const lines = readPdf(Buffer.from(puts[1]?.Body as Uint8Array)).lines;
      expect(lines.slice(2, 6)).toEqual(['NFS-e nº 4321', 'Código de verificação: AB12CD34', 'Data e hora de emissão: 23/11/2026 09:30:05 (horário de Brasília)', 'Município: São Paulo (IBGE 3550308)']);
      expect(JSON.parse(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output ?? '')).toEqual({ ...ISSUED_OUTPUT, nfseNumber: '4321', verificationCode: VERIFICATION_CODE, issuedAt: ISSUED_AT, danfseKey: DANFSE_KEY });
    });

    it('answers ISSUED without a PDF when ours cannot be built (a company without a record), and says why', async () => {
      const lines: string[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
      const t = processorSetup({ logger, danfse: new DanfseRenderer({ companyOf: async () => undefined, registry: testRegistry() }) });
      t.provider.emitWith = async () => issuedOutcome(nfse);

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('succeeded');
      expect(t.s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual([`nfse/${INVOICE_ID}.xml`]);
      expect(JSON.parse(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output ?? '')).toEqual({ ...ISSUED_OUTPUT, nfseNumber: '4321', verificationCode: VERIFICATION_CODE, issuedAt: ISSUED_AT });
      expect(lines.map((line) => JSON.parse(line) as { msg: string; invoiceId: string; nfseNumber: string; err: { message: string } }).map(({ msg, invoiceId, nfseNumber, err }) => ({ msg, invoiceId, nfseNumber, error: err.message }))).toEqual([
        { msg: 'NFS-e issued without its DANFSe: our PDF could not be built', invoiceId: INVOICE_ID, nfseNumber: '4321', error: `company ${emitRequest().companyCnpj} has no record to name the prestador` },
      ]);
    });

    it('keeps the PDF the city\'s system served, and builds none of its own', async () => {
      const citys = Buffer.from('%PDF-1.4 the city\'s');
      const asked: string[] = [];
      const t = processorSetup({ danfse: new DanfseRenderer({ companyOf: async (cnpj) => (asked.push(cnpj), company({ cnpj })), registry: testRegistry() }) });
      t.provider.emitWith = async () => issuedOutcome({ ...nfse, danfsePdf: citys });

      await t.process(sqsMessage(emitRequest()));

      expect(asked).toEqual([]);
      expect(t.s3Mock.commandCalls(PutObjectCommand)[1]?.args[0].input).toEqual({ Bucket: BUCKET, Key: DANFSE_KEY, Body: citys, ContentType: 'application/pdf' });
    });

    it('builds none for a city on the national system (its DANFSe is the national one)', async () => {
      const asked: string[] = [];
      const registry = testRegistry({ provider: 'nacional' });
      const t = processorSetup({ registry, danfse: new DanfseRenderer({ companyOf: async (cnpj) => (asked.push(cnpj), company({ cnpj })), registry }) });
      t.provider.emitWith = async () => issuedOutcome(nfse);

      await t.process(sqsMessage(emitRequest()));

      expect(asked).toEqual([]);
      expect(t.s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input.Key)).toEqual([`nfse/${INVOICE_ID}.xml`]);
    });
  });

  describe('a stale redelivery', () => {
    it.each([
      ['TaskTimedOut', new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} })],
      ['TaskDoesNotExist', new TaskDoesNotExist({ message: 'Task does not exist anymore', $metadata: {} })],
      ['InvalidToken', new InvalidToken({ message: "Invalid Token: 'Invalid token'", $metadata: {} })],
    ])('deletes the message and skips the city when the first heartbeat answers %s', async (_name, error) => {
      const t = processorSetup();
      t.sfnMock.on(SendTaskHeartbeatCommand).rejects(error);

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('stale');
      expect(t.order).toEqual(['DeleteMessageBatch']);
      expect(t.provider.calls).toEqual([]);
    });

    it('leaves the message when the first heartbeat fails for another reason', async () => {
      const t = processorSetup();
      t.sfnMock.on(SendTaskHeartbeatCommand).rejects(new Error('socket hang up'));

      const outcome = await t.process(sqsMessage(emitRequest()));

      expect(outcome).toBe('crashed');
      expect(t.order).toEqual([]);
    });
  });

  describe('a retried emit (exactly once at the city)', () => {
    it('consults by RPS first when attempt > 0 (with the RPS the NFS-e must answer) and answers with the NFS-e the city already issued', async () => {
      const t = processorSetup();
      t.provider.consultByRpsWith = async () => issuedOutcome();

      const outcome = await t.process(sqsMessage(emitRequest({ attempt: 1 })));

      expect(outcome).toBe('succeeded');
      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.consultByRps', 'PutObject', 'SendTaskSuccess', 'DeleteMessageBatch']);
      expect(t.provider.calls[0]?.rpsXml).toBe('<Rps>tomador</Rps>');
      expect(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output).toBe(JSON.stringify(ISSUED_OUTPUT));
    });

    it('sends the RPS when the consultation finds nothing', async () => {
      const t = processorSetup();
      t.provider.consultByRpsWith = async () => undefined;
      t.provider.emitWith = async () => issuedOutcome();

      await t.process(sqsMessage(emitRequest({ attempt: 2 })));

      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.consultByRps', 'provider.emit', 'PutObject', 'SendTaskSuccess', 'DeleteMessageBatch']);
    });

    it('consults by RPS first on an SQS redelivery of the first attempt', async () => {
      const t = processorSetup();
      t.provider.consultByRpsWith = async () => issuedOutcome();

      await t.process(sqsMessage(emitRequest({ attempt: 0 }), 'm-1', 2));

      expect(t.provider.methods()).toEqual(['consultByRps']);
    });

    it('does not consult on a first delivery of the first attempt', async () => {
      const t = processorSetup();
      t.provider.emitWith = async () => issuedOutcome();

      await t.process(sqsMessage(emitRequest({ attempt: 0 }), 'm-1', 1));

      expect(t.provider.methods()).toEqual(['emit']);
    });
  });

  describe('the other kinds', () => {
    it('stores the NFS-e of a consulted batch at the message\'s nfseXmlKey', async () => {
      const t = processorSetup();
      t.provider.consultWith = async () => issuedOutcome();

      await t.process(sqsMessage(consultRequest({ invoice: { total: '100.00', xmlKey: `xml/${INVOICE_ID}.xml`, nfseXmlKey: 'nfse/other.xml' } })));

      expect(t.order).toEqual(['SendTaskHeartbeat', 'GetObject', 'provider.consult', 'PutObject', 'SendTaskSuccess', 'DeleteMessageBatch']);
      expect(t.s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.Key).toBe('nfse/other.xml');
      expect(JSON.parse(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output ?? '')).toEqual({ ...ISSUED_OUTPUT, nfseXmlKey: 'nfse/other.xml' });
    });

    it('answers a cancellation with the cancelled result', async () => {
      const t = processorSetup();
      t.provider.cancelWith = async () => ({ outcome: 'cancelled', cancelledAt: '2026-01-02T00:00:00.000Z' });

      const outcome = await t.process(sqsMessage(cancelRequest()));

      expect(outcome).toBe('succeeded');
      expect(t.sfnMock.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({ taskToken: 'token-cancel', output: '{"outcome":"cancelled","cancelledAt":"2026-01-02T00:00:00.000Z"}' });
    });
  });

  describe('a message that is not a ProviderRequest', () => {
    it('fails its task with Provider.DeadLettered, naming the fields but not their values, and deletes it', async () => {
      const t = processorSetup();
      const body = JSON.stringify({ ...emitRequest(), companyCnpj: 'SECRET-VALUE', extra: 'x' });

      const outcome = await t.process(sqsMessage(body));

      expect(outcome).toBe('invalid');
      expect(t.order).toEqual(['SendTaskFailure', 'DeleteMessageBatch']);
      expect(t.sfnMock.commandCalls(SendTaskFailureCommand)[0]?.args[0].input).toEqual({
        taskToken: 'token-emit',
        error: 'Provider.DeadLettered',
        cause: JSON.stringify({ code: 'InvalidRequest', message: 'the body does not match ProviderRequest (fields: companyCnpj, (root))' }),
      });
    });

    it('leaves a body without a readable task token for the DLQ', async () => {
      const t = processorSetup();

      const outcome = await t.process(sqsMessage('not json at all'));

      expect(outcome).toBe('invalid');
      expect(t.order).toEqual([]);
    });
  });

  it('sends every SDK call without per-call options, which would drop the clients\' cached middleware', async () => {
    const t = processorSetup();
    t.provider.emitWith = async () => issuedOutcome();

    await t.process(sqsMessage(emitRequest()));

    const argumentCounts = [...t.sfnMock.calls(), ...t.s3Mock.calls(), ...t.sqsMock.calls()].map((call) => call.args.length);
    expect(argumentCounts).toEqual([1, 1, 1, 1, 1]);
  });

  it('reads the RPS body the SDK returns', async () => {
    const t = processorSetup();
    t.s3Mock.on(GetObjectCommand).resolves({ Body: objectBody('<Rps>2</Rps>') });
    t.provider.emitWith = async () => issuedOutcome();

    await t.process(sqsMessage(emitRequest()));

    expect(t.provider.calls[0]?.rpsXml).toBe('<Rps>2</Rps>');
  });
});
