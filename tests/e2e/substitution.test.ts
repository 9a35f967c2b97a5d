import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { nacionalValidator } from '../../adapter-container/providers/nacional/nacionalSchemas';
import { loadAbrasfValidator } from '../../adapter-container/xml/abrasfValidator';
import { substituirNfseEnvioXml } from '../../adapter-container/xml/abrasfMessages';
import { initXmlReader } from '../../adapter-container/xml/XmlReader';
import { verifyXmlSignature } from '../../adapter-container/xml/verifyXmlSignature';
import type { EmitInvoiceRequest } from '../../contracts/emitInvoiceRequest';
import { DEMO_CNPJ, DEMO_INVOICE, NACIONAL_DEMO_CNPJ, NACIONAL_DEMO_INVOICE } from '../../local/app/demoInvoice';
import { eventually } from '../harness/eventually';
import { startE2eApp, taskFailures, type E2eApp } from './e2eApp';
import { runNfse } from './runNfse';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

const { companyCnpj: _company, municipalityCode: _city, ...content } = NACIONAL_DEMO_INVOICE;

/** A city whose invoices the suite substitutes, and how its system shows what it did. */
interface SubstitutingCity {
  readonly name: string;
  readonly system: 'nacional' | 'abrasf-2.04';
  readonly invoice: EmitInvoiceRequest;
  /** A reason the city takes, with a text the national `subst` carries (ABRASF keeps it with us only). */
  readonly reason: { readonly reasonCode: number; readonly reason: string };
  /** The city's call that sends the substitution, as its mock counts it. */
  readonly sendCall: string;
}

const CITIES: readonly SubstitutingCity[] = [
  { name: 'Porto Alegre (4314902, national system)', system: 'nacional', invoice: NACIONAL_DEMO_INVOICE, reason: { reasonCode: 99, reason: 'Valor do serviço corrigido' }, sendCall: 'emit' },
  { name: 'São Paulo (3550308, ABRASF 2.04)', system: 'abrasf-2.04', invoice: DEMO_INVOICE, reason: { reasonCode: 1, reason: 'Valor do serviço corrigido' }, sendCall: 'SubstituirNfse' },
];

describe('substituting an invoice, end to end through HTTP', () => {
  let e2e: E2eApp;
  let receiver: WebhookReceiver;
  let token: string;

  beforeAll(async () => {
    await initXmlReader();
    e2e = await startE2eApp();
    receiver = await startWebhookReceiver();
    token = await e2e.token('substitution-client', [NACIONAL_DEMO_CNPJ, DEMO_CNPJ]);
    for (const companyCnpj of [NACIONAL_DEMO_CNPJ, DEMO_CNPJ]) {
      const webhook = await e2e.call('POST', '/webhooks', token, { companyCnpj, url: receiver.url, events: ['invoice.substituted'] });
      expect(webhook.status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
    await receiver.stop();
  });

  async function issued(total: string, invoice: EmitInvoiceRequest = NACIONAL_DEMO_INVOICE): Promise<Record<string, unknown>> {
    const created = await e2e.call('POST', '/invoices', token, { ...invoice, total });
    expect(created.status).toBe(201);
    return e2e.waitForStatus(String(created.body.invoiceId), ['ISSUED']);
  }

  /** What the city's mock did with the new invoice's RPS or DPS. */
  async function sendStats(city: SubstitutingCity, invoiceId: string): Promise<{ readonly calls: Record<string, number>; readonly nfseIssued: number } | undefined> {
    const rps = (await e2e.record(invoiceId))?.rps as { serie: string; numero: number };
    const mock = city.system === 'nacional' ? e2e.app.nacionalMock : e2e.app.mock;
    return mock.stats().byRps[`${city.invoice.municipalityCode}/${city.invoice.companyCnpj}/${rps.serie}/${rps.numero}`];
  }

  /** Makes the city's mock fail the next call that sends a substitution. */
  function failNextSend(city: SubstitutingCity, kind: 'transient5xx' | 'acceptThenTimeout'): void {
    if (city.system === 'nacional') e2e.app.nacionalMock.knobs.failNext({ kind, count: 1, operations: ['emit'] });
    else e2e.app.mock.knobs.failNext({ kind, count: 1, operations: ['SubstituirNfse'] });
  }

  /** Asserts the document the city received for the new invoice (stored at its xmlKey): valid, signed by the company, naming the old NFS-e. */
  async function expectSentDocument(city: SubstitutingCity, old: Record<string, unknown>, newId: string): Promise<void> {
    const sent = await e2e.object(`xml/${newId}.xml`);
    const trustedCaPems = [e2e.app.pki.ca.certificatePem];
    if (city.system === 'nacional') {
      expect(sent).toContain(`<subst><chSubstda>${String(old.chaveAcesso)}</chSubstda><cMotivo>99</cMotivo><xMotivo>Valor do serviço corrigido</xMotivo></subst>`);
      expect((await nacionalValidator('dps')).validate(sent)).toEqual({ valid: true, errors: [] });
      const verdict = verifyXmlSignature(sent, { signedElementId: /<infDPS Id="([^"]+)"/.exec(sent)?.[1] ?? '', trustedCaPems });
      expect(verdict.valid ? 'valid' : verdict.message).toBe('valid');
      return;
    }
    // The RPS the city received inside SubstituirNfseEnvio, signed by the company; the request around it is the XSD's.
    const verdict = verifyXmlSignature(sent, { signedElementId: /<InfDeclaracaoPrestacaoServico Id="([^"]+)"/.exec(sent)?.[1] ?? '', trustedCaPems });
    expect(verdict.valid ? 'valid' : verdict.message).toBe('valid');
    const request = substituirNfseEnvioXml(sent, { nfseNumber: String(old.nfseNumber), cnpj: DEMO_CNPJ, municipalityCode: '3550308', reasonCode: 1 });
    expect((await loadAbrasfValidator())?.validate(request)).toEqual({ valid: true, errors: [] });
  }

  /** Asserts the city replaced the old NFS-e by the new one, as its system records it. */
  async function expectReplacedAtTheCity(city: SubstitutingCity, old: Record<string, unknown>, replacing: Record<string, unknown>): Promise<void> {
    if (city.system === 'nacional') {
      // The national system cancelled the old NFS-e by substitution (e105102) naming the new one.
      expect(e2e.app.nacionalMock.events(String(old.chaveAcesso), '105102').map((event) => /<chSubstituta>(\w+)<\/chSubstituta>/.exec(event.eventXml)?.[1])).toEqual([replacing.chaveAcesso]);
      return;
    }
    // The city's new NFS-e (stored at nfseXmlKey) names the one it replaced.
    const nfse = await e2e.object(`nfse/${String(replacing.invoiceId)}.xml`);
    expect(nfse).toContain(`<Numero>${String(replacing.nfseNumber)}</Numero>`);
    expect(nfse).toContain(`<NfseSubstituida>${String(old.nfseNumber)}</NfseSubstituida>`);
  }

  describe.each(CITIES)('in $name', (city) => {
    const { companyCnpj, municipalityCode: _municipality, ...body } = city.invoice;

    it('replaces the NFS-e: the old invoice SUBSTITUTED, the new one ISSUED with the city’s new number, linked both ways, the event delivered, the document sent valid and signed', async () => {
      const old = await issued('400.00', city.invoice);
      const oldId = String(old.invoiceId);

      const answer = await e2e.call('POST', `/invoices/${oldId}/substitute`, token, { ...body, total: '380.00', ...city.reason });

      expect(answer.status).toBe(202);
      const newId = String(answer.body.invoiceId);
      expect(answer.body).toEqual({ invoiceId: newId, status: 'EMITTED', substitutes: oldId, xmlKey: `xml/${newId}.xml`, executionArn: expect.stringMatching(new RegExp(`-SubstitutionWorkflow:${newId}-subst$`)) });
      const replacing = await e2e.waitForStatus(newId, ['ISSUED', 'FAILED'], 60_000);
      expect(replacing).toMatchObject({ status: 'ISSUED', substitutes: oldId, total: '380.00', substitution: city.reason });
      expect(replacing.nfseNumber).not.toBe(old.nfseNumber);
      const replaced = await e2e.waitForStatus(oldId, ['SUBSTITUTED'], 30_000);
      expect(replaced).toMatchObject({ substitutedBy: newId, substitution: { reasonCode: city.reason.reasonCode, substitutedAt: replacing.processedAt } });
      await expectSentDocument(city, old, newId);
      await expectReplacedAtTheCity(city, old, replacing);
      expect((await sendStats(city, newId))?.nfseIssued).toBe(1);
      expect(await e2e.reportRow(oldId)).toMatchObject({ status: 'SUBSTITUTED', nfse_number: old.nfseNumber });
      expect(await e2e.reportRow(newId)).toMatchObject({ status: 'ISSUED', total: '380.00', nfse_number: replacing.nfseNumber });
      const delivered = await eventually('the invoice.substituted delivery', async () => receiver.received.map((hook) => JSON.parse(hook.body) as { type: string; data: Record<string, unknown> }), (hooks) => hooks.some((hook) => hook.data.invoiceId === oldId), { timeoutMs: 20_000, intervalMs: 200 });
      expect(delivered.find((hook) => hook.data.invoiceId === oldId)).toMatchObject({
        type: 'invoice.substituted',
        data: { invoiceId: oldId, substitutedBy: newId, companyCnpj, total: '380.00', nfseNumber: replacing.nfseNumber, replacedNfseNumber: old.nfseNumber, reasonCode: city.reason.reasonCode, substitutedAt: replacing.processedAt },
      });
      // Both timelines show the substitution: the old one's SUBSTITUTING and SUBSTITUTED, the new one's PROCESSING and ISSUED.
      const oldHistory = await e2e.call('GET', `/invoices/${oldId}/history`, token);
      const newHistory = await e2e.call('GET', `/invoices/${newId}/history`, token);
      expect((oldHistory.body.statuses as Array<{ status: string }>).map((change) => change.status)).toEqual(['EMITTED', 'PROCESSING', 'ISSUED', 'SUBSTITUTING', 'SUBSTITUTED']);
      expect((newHistory.body.statuses as Array<{ status: string }>).map((change) => change.status)).toEqual(['EMITTED', 'PROCESSING', 'ISSUED']);
      expect((newHistory.body.executions as Array<{ workflow: string }>).map((execution) => execution.workflow)).toEqual(['substitution']);
    }, 120_000);

    it('issues exactly one new NFS-e through a transient failure and an accepted call that never answered', async () => {
      const old = await issued('420.00', city.invoice);
      failNextSend(city, 'transient5xx');
      failNextSend(city, 'acceptThenTimeout');

      const answer = await e2e.call('POST', `/invoices/${String(old.invoiceId)}/substitute`, token, { ...body, total: '415.00', reasonCode: 2 });

      const replacing = await e2e.waitForStatus(String(answer.body.invoiceId), ['ISSUED', 'FAILED'], 90_000);
      expect(replacing.status).toBe('ISSUED');
      expect(taskFailures(await e2e.finishedHistory(String(replacing.executionArn)))).toEqual(['Provider.Transient', 'Provider.Ambiguous']);
      const stats = await sendStats(city, String(replacing.invoiceId));
      expect([stats?.nfseIssued, stats?.calls[city.sendCall]]).toEqual([1, 2]);
      await expectReplacedAtTheCity(city, old, replacing);
      expect((await e2e.waitForStatus(String(old.invoiceId), ['SUBSTITUTED'])).substitutedBy).toBe(replacing.invoiceId);
    }, 120_000);

    it('substitutes with nfse substitute ID --file new.json --reason-code N --reason TEXT', async () => {
      const old = await issued('460.00', city.invoice);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-subst-')), 'new.json');
      fs.writeFileSync(file, JSON.stringify({ ...body, total: '455.00' }));

      const run = await runNfse(['substitute', String(old.invoiceId), '--file', file, '--reason-code', String(city.reason.reasonCode), '--reason', city.reason.reason, '--json'], {
        ...process.env,
        NFSE_API_URL: e2e.app.api.endpoint,
        NFSE_API_KEY: e2e.app.apiKey,
        NFSE_TOKEN: token,
      });

      expect(run.code).toBe(0);
      const answer = JSON.parse(run.stdout) as { invoiceId: string; status: string; substitutes: string };
      expect(answer).toMatchObject({ status: 'EMITTED', substitutes: old.invoiceId });
      expect(await e2e.waitForStatus(answer.invoiceId, ['ISSUED', 'FAILED'], 60_000)).toMatchObject({ status: 'ISSUED', total: '455.00', substitution: city.reason });
      expect((await e2e.waitForStatus(String(old.invoiceId), ['SUBSTITUTED'])).substitutedBy).toBe(answer.invoiceId);
      // `nfse get` shows both ends of the link.
      const shown = await runNfse(['get', String(old.invoiceId), '--json'], { ...process.env, NFSE_API_URL: e2e.app.api.endpoint, NFSE_API_KEY: e2e.app.apiKey, NFSE_TOKEN: token });
      expect(JSON.parse(shown.stdout)).toMatchObject({ invoiceId: old.invoiceId, status: 'SUBSTITUTED', substitutedBy: answer.invoiceId });
    }, 90_000);
  });

  it('answers the same content again with the same new invoice, and a second substitution of the old one with a 409 naming its status', async () => {
    const old = await issued('410.00');
    const oldId = String(old.invoiceId);
    const body = { ...content, total: '405.00', reasonCode: 1 };

    const first = await e2e.call('POST', `/invoices/${oldId}/substitute`, token, body);
    const again = await e2e.call('POST', `/invoices/${oldId}/substitute`, token, body);
    const other = await e2e.call('POST', `/invoices/${oldId}/substitute`, token, { ...body, total: '406.00' });

    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body.invoiceId).toBe(first.body.invoiceId);
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(new RegExp(`^Invoice ${oldId} is (ISSUED|SUBSTITUTING|SUBSTITUTED) and substituted by ${String(first.body.invoiceId)}: only an ISSUED invoice can be substituted$`));
    await e2e.waitForStatus(oldId, ['SUBSTITUTED'], 60_000);
    const late = await e2e.call('POST', `/invoices/${oldId}/substitute`, token, { ...body, total: '407.00' });
    expect(late.body).toMatchObject({ code: 'InvoiceNotIssued', message: `Invoice ${oldId} is SUBSTITUTED and substituted by ${String(first.body.invoiceId)}: only an ISSUED invoice can be substituted` });
    const cancel = await e2e.call('POST', `/invoices/${oldId}/cancel`, token, { reasonCode: 1, reason: 'Erro na emissão da nota' });
    expect(cancel.body.message).toBe(`Invoice ${oldId} is SUBSTITUTED: only an ISSUED invoice can be cancelled`);
  }, 120_000);

  it('refuses what the national subst group would not carry, naming the field', async () => {
    const old = await issued('430.00');
    const at = `/invoices/${String(old.invoiceId)}/substitute`;

    const badCode = await e2e.call('POST', at, token, { ...content, reasonCode: 9 });
    const shortReason = await e2e.call('POST', at, token, { ...content, reasonCode: 99, reason: 'curto' });
    const withCompany = await e2e.call('POST', at, token, { ...NACIONAL_DEMO_INVOICE, reasonCode: 1 });

    expect([badCode.status, badCode.body.message]).toEqual([400, 'Invalid request: reasonCode must be one of 1, 2, 3, 4, 5, 99 for Porto Alegre (4314902)']);
    expect([shortReason.status, shortReason.body.message]).toEqual([400, 'Invalid request: reason must be 15 to 255 characters for Porto Alegre (4314902), got 5']);
    expect(withCompany.status).toBe(400);
    expect(withCompany.body.errors).toEqual([{ field: 'companyCnpj', message: expect.any(String) }, { field: 'municipalityCode', message: expect.any(String) }]);
    expect((await e2e.record(String(old.invoiceId)))?.status).toBe('ISSUED');
  }, 60_000);

  it('refuses an invoice of a municipality that does not substitute with a 422 naming GET /municipalities/{code}', async () => {
    const old = await issued('435.00');
    // The same invoice as Belo Horizonte (an ABRASF city without substitution) would have it.
    const inBeloHorizonte = { ...(await e2e.record(String(old.invoiceId))), invoiceId: '01JQ8Z6T3XK4M9V2B7C5D1E0BH', municipalityCode: '3106200', provider: 'abrasf-2.04' };
    await e2e.ddb.send(new PutCommand({ TableName: e2e.app.names.invoicesTable, Item: inBeloHorizonte }));

    const answer = await e2e.call('POST', '/invoices/01JQ8Z6T3XK4M9V2B7C5D1E0BH/substitute', token, { ...content, rpsSeries: '1', reasonCode: 1 });

    expect([answer.status, answer.body]).toEqual([
      422,
      {
        message: 'Belo Horizonte (3106200) does not substitute NFS-e: cancel the invoice and emit a new one instead (GET /municipalities/3106200 says what the city supports)',
        code: 'SubstitutionNotSupported',
        errors: [{ field: 'municipalityCode', message: 'municipality 3106200 does not substitute NFS-e (GET /municipalities/3106200)' }],
        requestId: expect.any(String),
      },
    ]);
  }, 60_000);

  it('refuses a FAILED invoice with a 409 naming its status', async () => {
    e2e.app.nacionalMock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['emit'] });
    const created = await e2e.call('POST', '/invoices', token, { ...NACIONAL_DEMO_INVOICE, total: '440.00' });
    const failed = await e2e.waitForStatus(String(created.body.invoiceId), ['FAILED', 'ISSUED']);

    const answer = await e2e.call('POST', `/invoices/${String(failed.invoiceId)}/substitute`, token, { ...content, reasonCode: 1 });

    expect([answer.status, answer.body]).toEqual([409, { message: `Invoice ${String(failed.invoiceId)} is FAILED: only an ISSUED invoice can be substituted`, code: 'InvoiceNotIssued', requestId: expect.any(String) }]);
  }, 60_000);

  it('keeps the old invoice ISSUED with the city’s error when the national system refuses the new DPS', async () => {
    const old = await issued('450.00');
    e2e.app.nacionalMock.knobs.failNext({ kind: 'rejection', count: 1, operations: ['emit'] });

    const answer = await e2e.call('POST', `/invoices/${String(old.invoiceId)}/substitute`, token, { ...content, total: '445.00', reasonCode: 1 });

    const replacing = await e2e.waitForStatus(String(answer.body.invoiceId), ['FAILED', 'ISSUED']);
    expect(replacing).toMatchObject({ status: 'FAILED', substitutes: old.invoiceId, error: { code: 'E0312' } });
    const kept = await e2e.waitForStatus(String(old.invoiceId), ['ISSUED']);
    await eventually('the old invoice freed', async () => e2e.record(String(old.invoiceId)), (record) => record?.substitutedBy === undefined && record?.error !== undefined);
    expect((await e2e.record(String(old.invoiceId)))?.error).toEqual({ code: 'E0312', message: 'substitution refused: Rejeição simulada pela Sefin Nacional (mock).', kind: 'Provider.Rejected' });
    expect(kept.status).toBe('ISSUED');
  }, 60_000);
});
