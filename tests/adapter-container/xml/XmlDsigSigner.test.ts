import { gerarNfseEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { loadAbrasfValidator } from '../../../adapter-container/xml/abrasfValidator';
import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { loadLibxml2 } from '../../../adapter-container/xml/loadLibxml2';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { createTestCa, issueA1Certificate, type IssuedCertificate, type TestCa } from '../../../local/certificates/testPki';
import { buildRpsXml, rpsElementId } from '../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice } from './rpsFixtures';

const NOW = new Date('2026-12-06T12:00:00.000Z');

describe('XmlDsigSigner and verifyXmlSignature', () => {
  let ca: TestCa;
  let a1: IssuedCertificate;
  let rpsXml: string;
  let id: string;

  beforeAll(async () => {
    await loadLibxml2();
    ca = createTestCa('test CA', NOW);
    a1 = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA' }, NOW);
    const invoice = rpsInvoice();
    rpsXml = buildRpsXml(invoice);
    id = rpsElementId(invoice.invoiceId);
  });

  const verify = (xml: string, trusted: readonly string[] = [ca.certificatePem], now = NOW): ReturnType<typeof verifyXmlSignature> =>
    verifyXmlSignature(xml, { signedElementId: id, trustedCaPems: trusted, now });

  it('signs the RPS as NFS-e systems want it: enveloped, C14N 1.0, RSA-SHA256, the end certificate, Signature last in Rps', () => {
    const signed = new XmlDsigSigner(a1).signNow(rpsXml, id);

    const certificateBody = a1.certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(signed).toMatch(/<\/InfDeclaracaoPrestacaoServico><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#"><SignedInfo>/);
    expect(signed).toMatch(/<\/Signature><\/Rps>$/);
    expect(signed).toContain('<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>');
    expect(signed).toContain('<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>');
    expect(signed).toContain(
      `<Reference URI="#${id}"><Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/></Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>`,
    );
    expect(signed).toContain(`<KeyInfo><X509Data><X509Certificate>${certificateBody}</X509Certificate></X509Data></KeyInfo>`);
    expect(signed.match(/<X509Certificate>/g)).toHaveLength(1);
    expect(signed).not.toMatch(/<\w+:Signature|<ds:/);
  });

  it('signs the same RPS to the same bytes (a resend is the same document)', () => {
    const signer = new XmlDsigSigner(a1);

    expect(signer.signNow(rpsXml, id)).toBe(signer.signNow(rpsXml, id));
  });

  it('keeps the signed RPS valid against the ABRASF 2.04 XSD', async () => {
    const validator = await loadAbrasfValidator({});

    expect(validator?.validate(gerarNfseEnvioXml(new XmlDsigSigner(a1).signNow(rpsXml, id)))).toEqual({ valid: true, errors: [] });
  });

  it('verifies what it signed, with SHA-256 and with SHA-1', () => {
    const sha256 = verify(new XmlDsigSigner(a1).signNow(rpsXml, id));
    const sha1 = new XmlDsigSigner({ ...a1, algorithm: 'rsa-sha1' }).signNow(rpsXml, id);

    expect(sha256.valid).toBe(true);
    expect(sha1).toContain('<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>');
    expect(verify(sha1).valid).toBe(true);
  });

  it('refuses a tampered value, a missing signature, another CA, an expired certificate and a wrapped duplicate', () => {
    const signed = new XmlDsigSigner(a1).signNow(rpsXml, id);
    const otherCa = createTestCa('another CA', NOW);
    const wrapped = signed.replace('</Rps>', `<InfDeclaracaoPrestacaoServico Id="${id}"/></Rps>`);

    expect([
      verify(signed.replace('<ValorServicos>1500.50</ValorServicos>', '<ValorServicos>1.00</ValorServicos>')),
      verify(rpsXml),
      verify(signed, [otherCa.certificatePem]),
      verify(signed, [ca.certificatePem], new Date('2030-01-01T00:00:00Z')),
      verify(wrapped),
    ].map((verdict) => (verdict.valid ? 'valid' : verdict.problem))).toEqual(['invalid', 'missing', 'untrusted', 'expired', 'invalid']);
  });

  it('counts an element with ID or id of the signed value as a wrapped duplicate', () => {
    const signed = new XmlDsigSigner(a1).signNow(rpsXml, id);

    expect(['ID', 'id'].map((name) => verify(signed.replace('</Rps>', `<Prestador ${name}="${id}"/></Rps>`)))).toEqual([
      { valid: false, problem: 'invalid', message: `the document has 2 elements with Id ${id}` },
      { valid: false, problem: 'invalid', message: `the document has 2 elements with Id ${id}` },
    ]);
  });

  it('checks the signature with the key of the certificate in its KeyInfo: another certificate of the same CA there is refused', () => {
    const signed = new XmlDsigSigner(a1).signNow(rpsXml, id);
    const other = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA' }, NOW);
    const swapped = signed.replace(/<X509Certificate>[^<]*<\/X509Certificate>/, `<X509Certificate>${new XmlDsigSigner(other).certificateBase64}</X509Certificate>`);

    expect(verify(signed).valid).toBe(true);
    expect(verify(swapped)).toEqual({ valid: false, problem: 'invalid', message: expect.stringMatching(/^the signature does not match the signed content/) as unknown as string });
  });

  it('refuses a KeyInfo certificate that is not one, naming it', () => {
    const signed = new XmlDsigSigner(a1).signNow(rpsXml, id);

    expect(verify(signed.replace(/<X509Certificate>[^<]*<\/X509Certificate>/, '<X509Certificate>bm90IGEgY2VydGlmaWNhdGU=</X509Certificate>'))).toEqual({
      valid: false,
      problem: 'invalid',
      message: 'the signature’s X509Certificate cannot be read',
    });
  });

  it('refuses an Id that would not be a safe XPath literal', () => {
    expect(() => new XmlDsigSigner(a1).signNow(rpsXml, "x' or '1'='1")).toThrow(/is not an XML Id/);
  });
});
