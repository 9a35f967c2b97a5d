import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { MunicipalityListSchema } from '../../contracts/municipality';
import { LocalPki } from '../certificates/LocalPki';
import { startProviderMock } from './startProviderMock';

/**
 * `tsx local/provider-mock/main.ts --port 4580 [--host 127.0.0.1] [--async 3550308,...] [--data DIR]
 * [--municipalities FILE --pki DIR [--tls-port 4581]]`: the mock alone. With a registry file (as
 * `MUNICIPALITIES_FILE`) and a local PKI directory (`LocalPki`), it checks the signatures the
 * registry's cities require against the PKI's CA and serves the cities with mutual TLS on HTTPS.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PROVIDER_MOCK_PORT ?? '4580' },
      host: { type: 'string', default: '127.0.0.1' },
      async: { type: 'string' },
      data: { type: 'string' },
      municipalities: { type: 'string' },
      pki: { type: 'string' },
      'tls-port': { type: 'string', default: '4581' },
    },
  });
  const cityModes = Object.fromEntries((values.async ?? '').split(',').filter((code) => code !== '').map((code) => [code.trim(), 'async' as const]));
  const municipalities = values.municipalities === undefined ? undefined : MunicipalityListSchema.parse(JSON.parse(fs.readFileSync(values.municipalities, 'utf8')));
  const pki = values.pki === undefined ? undefined : await LocalPki.open(values.pki);
  const mock = await startProviderMock({
    port: Number(values.port),
    host: values.host,
    knobs: { cityModes },
    dataDir: values.data,
    ...(municipalities === undefined ? {} : { municipalities }),
    ...(pki === undefined
      ? {}
      : { trustedCaPems: [pki.ca.certificatePem], tls: { port: Number(values['tls-port']), certificatePem: pki.server.certificatePem, privateKeyPem: pki.server.privateKeyPem, caPem: pki.ca.certificatePem } }),
  });
  process.stdout.write(`provider mock at ${mock.url}${mock.tlsUrl === undefined ? '' : ` and ${mock.tlsUrl} (mutual TLS)`}\n`);
  const shutdown = (): void => {
    mock.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// An entry point: a rejection ends the process with its stack (Node's unhandled-rejection default).
void main();
