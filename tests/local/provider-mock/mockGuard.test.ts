import pino from 'pino';
import { cabecalhoXml, consultarNfseRpsEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { startProviderMock, type ProviderMock } from '../../../local/provider-mock/startProviderMock';
import { CNPJ, SAO_PAULO } from '../../adapter-container/xml/rpsFixtures';
import { rawRequest } from '../guard/rawRequest';

/** A ConsultarNfsePorRps envelope as strong-soap writes it. */
function envelope(): string {
  const escape = (xml: string): string => xml.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ConsultarNfsePorRpsRequest xmlns="http://nfse.abrasf.org.br">' +
    `<nfseCabecMsg>${escape(cabecalhoXml())}</nfseCabecMsg><nfseDadosMsg>${escape(consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ))}</nfseDadosMsg>` +
    '</ConsultarNfsePorRpsRequest></soap:Body></soap:Envelope>'
  );
}

describe('the mock city port: who may call it', () => {
  let mock: ProviderMock;

  beforeAll(async () => {
    mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }) });
  });

  afterAll(() => mock.stop());

  it('refuses a rebound Host with a SOAP fault, and a browser origin on its admin API', async () => {
    const rebound = await rawRequest(mock.cityUrl(SAO_PAULO), { method: 'POST', headers: { host: `rebind.example:${mock.port}`, 'content-type': 'text/xml; charset=utf-8' }, body: envelope() });
    const page = await rawRequest(`http://127.0.0.1:${mock.port}/_mock/reset`, { method: 'POST', headers: { origin: 'http://127.0.0.1:3001', 'content-type': 'application/json' }, body: '{}' });

    expect(rebound.status).toBe(403);
    expect(rebound.text).toContain(`<faultcode>soap:Client</faultcode><faultstring>The mock city refuses Host &apos;rebind.example:${mock.port}&apos;`);
    expect(page.status).toBe(403);
    expect(JSON.parse(page.text)).toEqual({ error: "The mock city refuses requests from web pages: Origin 'http://127.0.0.1:3001' is not allowed (it accepts no browser origin)" });
  });

  it('refuses a SOAP call posted as text/plain (a web form) and answers the one strong-soap sends', async () => {
    const form = await rawRequest(mock.cityUrl(SAO_PAULO), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: envelope() });
    const soap = await rawRequest(mock.cityUrl(SAO_PAULO), { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: envelope() });

    expect(form.status).toBe(415);
    expect(form.text).toContain('<faultstring>a SOAP call is POSTed as text/xml or application/soap+xml; got text/plain</faultstring>');
    expect(soap.status).toBe(200);
    expect(soap.text).toContain('RPS não encontrado');
    expect(mock.stats().calls).toEqual({ ConsultarNfsePorRps: 1 });
  });

  it('refuses an admin POST that is not JSON, so no form can wipe the city', async () => {
    mock.knobs.set({ latencyMs: 7 });

    const form = await rawRequest(`http://127.0.0.1:${mock.port}/_mock/reset`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'keepKnobs=false' });

    expect(form.status).toBe(415);
    expect(JSON.parse(form.text)).toEqual({ error: 'POST /_mock/reset takes a JSON body (Content-Type application/json), even an empty one' });
    expect(mock.knobs.get().latencyMs).toBe(7);
  });
});
