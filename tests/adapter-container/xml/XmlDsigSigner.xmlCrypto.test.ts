import { SignedXml } from 'xml-crypto';
import { loadLibxml2 } from '../../../adapter-container/xml/loadLibxml2';
import { C14N, ENVELOPED_SIGNATURE, SIGNATURE_ALGORITHMS, XmlDsigSigner, type SignatureAlgorithm } from '../../../adapter-container/xml/XmlDsigSigner';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { createTestCa, issueA1Certificate, type IssuedCertificate, type TestCa } from '../../../local/certificates/testPki';
import { dsigDocuments, type DsigDocument } from './dsigDocuments';
import { CNPJ } from './rpsFixtures';

/** The signature xml-crypto makes with the options our signer used it with before it signed through libxml2. */
function xmlCryptoSign(xml: string, id: string, a1: IssuedCertificate, algorithm: SignatureAlgorithm): string {
  const signed = new SignedXml({ privateKey: a1.privateKeyPem, publicCert: a1.certificatePem, signatureAlgorithm: SIGNATURE_ALGORITHMS[algorithm].signature, canonicalizationAlgorithm: C14N });
  signed.addReference({ xpath: `//*[@Id='${id}']`, uri: `#${id}`, transforms: [ENVELOPED_SIGNATURE, C14N], digestAlgorithm: SIGNATURE_ALGORITHMS[algorithm].digest });
  signed.computeSignature(xml, { location: { reference: `//*[@Id='${id}']/..`, action: 'append' } });
  return signed.getSignedXml();
}

const valueOf = (xml: string, element: string): string[] => [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map((match) => match[1] ?? '');

describe('XmlDsigSigner beside xml-crypto', () => {
  let ca: TestCa;
  let a1: IssuedCertificate;
  let documents: DsigDocument[];

  beforeAll(async () => {
    await loadLibxml2();
    ca = createTestCa('xml-crypto CA');
    a1 = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA' });
    documents = dsigDocuments(new XmlDsigSigner(a1));
  });

  it.each(['rsa-sha256', 'rsa-sha1'] as const)('signs an RPS, a lot of signed RPSs, a cancellation, a substitution and a DPS to xml-crypto’s DigestValue and SignatureValue (%s)', (algorithm) => {
    const signer = new XmlDsigSigner({ ...a1, algorithm });

    const pairs = documents.map((document) => ({ name: document.name, ours: signer.signNow(document.xml, document.id), theirs: xmlCryptoSign(document.xml, document.id, a1, algorithm) }));

    const values = (xml: string): string[][] => [valueOf(xml, 'DigestValue'), valueOf(xml, 'SignatureValue')];
    expect(pairs.map(({ name, ours }) => [name, values(ours)])).toEqual(pairs.map(({ name, theirs }) => [name, values(theirs)]));
    // The whole document too: xmldom writes these documents back byte for byte as it read them.
    expect(pairs.filter(({ ours, theirs }) => ours !== theirs).map(({ name }) => name)).toEqual([]);
  });

  it('keeps the document’s own bytes: the Signature’s text is inserted and nothing else changes', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Envio xmlns="http://www.abrasf.org.br/nfse.xsd">\n  <Rps>\n    <Inf Id="R1" >a &gt; b &amp; 'c'<Vazio/></Inf>\n  </Rps>\n</Envio>\n`;

    const signed = new XmlDsigSigner(a1).signNow(xml, 'R1');

    const start = signed.indexOf('<Signature ');
    const end = signed.indexOf('</Signature>') + '</Signature>'.length;
    expect(signed.slice(0, start) + signed.slice(end)).toBe(xml);
    expect(signed.slice(end)).toBe('</Rps>\n</Envio>\n');
    expect(verifyXmlSignature(signed, { signedElementId: 'R1', trustedCaPems: [ca.certificatePem] }).valid).toBe(true);
  });

  it('verifies what xml-crypto signs, and xml-crypto verifies what it signs', () => {
    const signer = new XmlDsigSigner(a1);

    const verdicts = documents.map((document) => verifyXmlSignature(xmlCryptoSign(document.xml, document.id, a1, 'rsa-sha256'), { signedElementId: document.id, trustedCaPems: [ca.certificatePem] }).valid);
    const theirVerdicts = documents.map((document) => {
      const verifier = new SignedXml({ publicCert: a1.certificatePem, getCertFromKeyInfo: () => null });
      const signed = signer.signNow(document.xml, document.id);
      const signature = [...signed.matchAll(/<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/Signature>/g)].map((match) => match[0]).find((text) => text.includes(`URI="#${document.id}"`));
      verifier.loadSignature(signature ?? '');
      return verifier.checkSignature(signed);
    });

    expect(verdicts).toEqual(documents.map(() => true));
    expect(theirVerdicts).toEqual(documents.map(() => true));
  });
});
