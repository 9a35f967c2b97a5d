/**
 * CPU per XML-DSig signature and per verification on the documents the adapter signs and the
 * mock cities verify (an ABRASF RPS, a lot of 10 signed RPSs, a cancellation, a substitution, a
 * national DPS). CPU time (process.cpuUsage: user + system), not wall time, so a loaded machine
 * moves it less; the load average is printed beside it.
 *
 *   npx tsx bench/xmldsig/run.ts [calls]   (default 300 signatures and verifications a document)
 */
import { loadavg } from 'node:os';
import { loadLibxml2 } from '../../adapter-container/xml/loadLibxml2';
import { verifyXmlSignature } from '../../adapter-container/xml/verifyXmlSignature';
import { XmlDsigSigner } from '../../adapter-container/xml/XmlDsigSigner';
import { createTestCa, issueA1Certificate } from '../../local/certificates/testPki';
import { CNPJ } from '../../tests/adapter-container/xml/rpsFixtures';
import { dsigDocuments } from '../../tests/adapter-container/xml/dsigDocuments';

/** CPU milliseconds per call of `run`, over `calls` calls after a warm-up. */
function cpuPerCall(calls: number, run: () => unknown): number {
  for (let i = 0; i < Math.min(50, calls); i++) run();
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

const loadAverage = (): string => (loadavg()[0] ?? 0).toFixed(1);

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 300);
  await loadLibxml2();
  const ca = createTestCa('bench CA');
  const signer = new XmlDsigSigner(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA BENCH LTDA' }));
  const trustedCaPems = [ca.certificatePem];
  console.log(`XML-DSig CPU per call, ${calls} calls a document (load average ${loadAverage()})`);
  console.log('document                 |  bytes | signNow ms | verifyXmlSignature ms');
  for (const document of dsigDocuments(signer, 10)) {
    const signed = signer.signNow(document.xml, document.id);
    const verdict = verifyXmlSignature(signed, { signedElementId: document.id, trustedCaPems });
    if (!verdict.valid) throw new Error(`${document.name}: ${verdict.message}`);
    const sign = cpuPerCall(calls, () => signer.signNow(document.xml, document.id));
    const verify = cpuPerCall(calls, () => verifyXmlSignature(signed, { signedElementId: document.id, trustedCaPems }));
    console.log(`${document.name.padEnd(24)} | ${String(signed.length).padStart(6)} | ${sign.toFixed(3).padStart(10)} | ${verify.toFixed(3).padStart(21)}`);
  }
  console.log(`(load average ${loadAverage()} at the end)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
