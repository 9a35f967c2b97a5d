import { loadLibxml2, type Libxml2Module } from '../../../adapter-container/xml/loadLibxml2';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { createTestCa, issueA1Certificate } from '../../../local/certificates/testPki';
import { dsigDocuments } from './dsigDocuments';
import { CNPJ } from './rpsFixtures';

/** The memory outside V8's heap but Buffers: libxml2-wasm's linear memory, which only ever grows. */
const wasmAndOtherExternal = (): number => process.memoryUsage().external - process.memoryUsage().arrayBuffers;

describe('XmlDsigSigner and verifyXmlSignature in a long-running process', () => {
  let libxml2: Libxml2Module;

  beforeAll(async () => {
    libxml2 = await loadLibxml2();
  });

  afterAll(() => {
    libxml2.diag.configure({ enabled: false });
  });

  it('dispose of every libxml2 document they parse, on every path, and the WASM memory stays put over thousands of calls', () => {
    const ca = createTestCa('disposal CA');
    const signer = new XmlDsigSigner(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA' }));
    const [rps] = dsigDocuments(signer, 1);
    if (rps === undefined) throw new Error('no RPS');
    const signed = signer.signNow(rps.xml, rps.id);
    const verify = (xml: string): string => {
      const verdict = verifyXmlSignature(xml, { signedElementId: rps.id, trustedCaPems: [ca.certificatePem] });
      return verdict.valid ? 'valid' : verdict.problem;
    };
    // Every way out: valid, missing, not well-formed, a malformed Signature, a mismatch, an unknown algorithm, a signer that throws.
    const round = (): string[] => [
      verify(signer.signNow(rps.xml, rps.id)),
      verify(rps.xml),
      verify('<a>'),
      verify(signed.replace(/<SignatureValue>[^<]*<\/SignatureValue>/, '')),
      verify(signed.replace('<Competencia>', '<Competencia>1')),
      verify(signed.replace('xmldsig-more#rsa-sha256', 'xmldsig-more#rsa-sha512')),
      (() => {
        try {
          return signer.signNow(signed.replace('</Rps>', '<x'), rps.id);
        } catch {
          return 'thrown';
        }
      })(),
    ];
    for (let i = 0; i < 200; i++) round();
    const before = wasmAndOtherExternal();
    libxml2.diag.configure({ enabled: true });

    const outcomes = new Set<string>();
    for (let i = 0; i < 2000; i++) outcomes.add(round().join());

    expect([...outcomes]).toEqual(['valid,missing,invalid,invalid,invalid,invalid,thrown']);
    expect(Object.keys(libxml2.diag.report() as Record<string, unknown>)).toEqual([]);
    // An RPS document left undisposed holds tens of KB of WASM memory: 2,000 of them would be tens of MB.
    expect(wasmAndOtherExternal() - before).toBeLessThan(8 * 1024 * 1024);
  });
});
