import { LocalPki } from '../../local/certificates/LocalPki';
import { TEST_PKI_DIR_ENV } from './sharedFunctions';

/** The run's test PKI (the global setup created it): its CA, the mock's server certificate, A1 certificates by CNPJ. */
export function testPki(): Promise<LocalPki> {
  const dir = process.env[TEST_PKI_DIR_ENV];
  if (dir === undefined) throw new Error(`${TEST_PKI_DIR_ENV} is not set: run the suite through jest (its global setup creates the test PKI)`);
  return LocalPki.open(dir);
}
