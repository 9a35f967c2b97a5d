import fs from 'node:fs';
import path from 'node:path';
import { createTestCa, type TestCa } from './testPki';

/** The local test CA, kept in a folder so what it issued stays valid across restarts. */
export interface LocalCa {
  readonly ca: TestCa;
  /** Its certificate (PEM): a city's `caFile` locally, and what the mocks trust for client certificates. */
  readonly caFile: string;
}

const CERTIFICATE = 'ca.pem';
const KEY = 'ca-key.pem';

/**
 * The local stack's CA in `dir` (`.nfse-local/auth/pki`, or `--data`): created on first use, read
 * afterwards, so the A1 certificates a developer uploaded and the mock's server certificate still
 * chain to it after a restart. Its key is for local tests only (mode 0600).
 */
export function loadLocalCa(dir: string, name = 'nfse-flow local test CA'): LocalCa {
  const caFile = path.join(dir, CERTIFICATE);
  const keyFile = path.join(dir, KEY);
  if (fs.existsSync(caFile) && fs.existsSync(keyFile)) {
    return { caFile, ca: { name, certificatePem: fs.readFileSync(caFile, 'utf8'), privateKeyPem: fs.readFileSync(keyFile, 'utf8') } };
  }
  fs.mkdirSync(dir, { recursive: true });
  const ca = createTestCa(name);
  fs.writeFileSync(keyFile, ca.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(caFile, ca.certificatePem);
  return { caFile, ca };
}
