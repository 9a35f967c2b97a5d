import { REDACTED, redactEntry, redactJsonLine, redactText, redactValue } from '../../../lib/logging/redaction';
import { fullRequest, KEPT, leakedSecrets, SECRETS } from './fullRequest';

describe('redactValue', () => {
  it('starts from a request whose every secret the grep finds', () => {
    expect(leakedSecrets(JSON.stringify(fullRequest))).toEqual(Object.keys(SECRETS));
  });

  it('replaces the tomador, headers, tokens and key material of a full request, keeping its identifiers', () => {
    const redacted = redactValue(fullRequest);
    const text = JSON.stringify(redacted);

    expect(leakedSecrets(text)).toEqual([]);
    for (const kept of Object.values(KEPT)) expect(text).toContain(kept);
  });

  it('redacts whole values under secret keys, at any depth and in any case', () => {
    expect(
      redactValue({
        tomador: { document: SECRETS.cpf },
        deep: { deeper: [{ TaskToken: 't', Authorization: 'Basic x', 'X-Api-Key': 'k', client_secret: 's', rpsXml: '<Rps/>', outputXML: '<x/>', credentials: { accessKeyId: 'AKIA' } }] },
        keep: { invoiceId: KEPT.invoiceId, xmlKey: 'xml/1.xml', name: 'TypeError', nfseXmlKey: 'nfse/1.xml' },
      }),
    ).toEqual({
      tomador: REDACTED,
      deep: { deeper: [{ TaskToken: REDACTED, Authorization: REDACTED, 'X-Api-Key': REDACTED, client_secret: REDACTED, rpsXml: REDACTED, outputXML: REDACTED, credentials: REDACTED }] },
      keep: { invoiceId: KEPT.invoiceId, xmlKey: 'xml/1.xml', name: 'TypeError', nfseXmlKey: 'nfse/1.xml' },
    });
  });
});

describe('redactText', () => {
  it('replaces JWTs, bearer credentials and PEM blocks inside free text', () => {
    expect(redactText(`token ${SECRETS.jwt}; header Bearer abc.def; key ${SECRETS.privateKey} end`)).toBe(`token ${REDACTED}; header Bearer ${REDACTED}; key ${REDACTED} end`);
  });

  it('redacts text holding JSON as the value it holds', () => {
    expect(JSON.parse(redactText(JSON.stringify({ invoiceId: KEPT.invoiceId, tomador: { name: SECRETS.name } })))).toEqual({ invoiceId: KEPT.invoiceId, tomador: REDACTED });
  });

  it('leaves other text as it is', () => {
    expect(redactText('{not json: the city answered HTTP 503')).toBe('{not json: the city answered HTTP 503');
  });
});

describe('redactEntry', () => {
  it('works as a JSON.stringify replacer over a full request', () => {
    const text = JSON.stringify(fullRequest, redactEntry);

    expect(leakedSecrets(text)).toEqual([]);
    expect(JSON.parse(text)).toMatchObject({ providerRequest: { taskToken: REDACTED, invoiceId: KEPT.invoiceId }, event: { headers: { Authorization: REDACTED, 'content-type': 'application/json' } } });
  });
});

describe('redactJsonLine', () => {
  it('redacts one JSON log line and keeps its end', () => {
    const line = `${JSON.stringify({ level: 30, msg: 'emit', taskToken: SECRETS.taskToken, invoiceId: KEPT.invoiceId })}\n`;

    expect(redactJsonLine(line)).toBe(`{"level":30,"msg":"emit","taskToken":"${REDACTED}","invoiceId":"${KEPT.invoiceId}"}\n`);
  });

  it('replaces secret text in a line that is not JSON', () => {
    expect(redactJsonLine(`plain ${SECRETS.jwt}\n`)).toBe(`plain ${REDACTED}\n`);
  });
});
