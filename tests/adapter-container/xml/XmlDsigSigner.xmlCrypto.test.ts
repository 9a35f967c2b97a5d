import { SignedXml } from 'xml-crypto';
import { loadLibxml2 } from '../../../adapter-container/xml/loadLibxml2';
import { C14N, ENVELOPED_SIGNATURE, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../../../adapter-container/xml/dsigAlgorithms';
import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { createTestCa, issueA1Certificate, type IssuedCertificate, type TestCa } from '../../../local/certificates/testPki';
import { dsigDocuments, type DsigDocument } from './dsigDocuments';
import { CNPJ } from './rpsFixtures';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';

/** How xml-crypto is asked to sign: by default, with the options our signer used it with before it signed through libxml2. */
interface XmlCryptoSigning {
  readonly algorithm?: SignatureAlgorithm;
  readonly canonicalization?: string;
  readonly transforms?: readonly string[];
  /** 'beside': the Signature appended to the element's parent (NFS-e); 'inside': appended to the element itself. */
  readonly location?: 'beside' | 'inside';
}

function xmlCryptoSign(xml: string, id: string, a1: IssuedCertificate, signing: XmlCryptoSigning = {}): string {
  const algorithm = SIGNATURE_ALGORITHMS[signing.algorithm ?? 'rsa-sha256'];
  const signed = new SignedXml({ privateKey: a1.privateKeyPem, publicCert: a1.certificatePem, signatureAlgorithm: algorithm.signature, canonicalizationAlgorithm: signing.canonicalization ?? C14N });
  signed.addReference({ xpath: `//*[@Id='${id}']`, uri: `#${id}`, transforms: [...(signing.transforms ?? [ENVELOPED_SIGNATURE, C14N])], digestAlgorithm: algorithm.digest });
  signed.computeSignature(xml, { location: { reference: signing.location === 'inside' ? `//*[@Id='${id}']` : `//*[@Id='${id}']/..`, action: 'append' } });
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

    const pairs = documents.map((document) => ({ name: document.name, ours: signer.signNow(document.xml, document.id), theirs: xmlCryptoSign(document.xml, document.id, a1, { algorithm }) }));

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

    const verdicts = documents.map((document) => verifyXmlSignature(xmlCryptoSign(document.xml, document.id, a1), { signedElementId: document.id, trustedCaPems: [ca.certificatePem] }).valid);
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

  it('verifies a Signature inside the element it signs (the enveloped transform removes it, and only it: the RPS signatures inside a lot stay covered)', () => {
    const lot = documents.find((document) => document.name.startsWith('lot')) as DsigDocument;
    const signed = xmlCryptoSign(lot.xml, lot.id, a1, { location: 'inside' });
    const verify = (xml: string, id: string): string => {
      const verdict = verifyXmlSignature(xml, { signedElementId: id, trustedCaPems: [ca.certificatePem] });
      return verdict.valid ? 'valid' : verdict.message;
    };
    const rpsId = /<InfDeclaracaoPrestacaoServico Id="([^"]+)"/.exec(lot.xml)?.[1] ?? '';

    expect(signed).toMatch(/<\/ListaRps><Signature /);
    expect([verify(signed, lot.id), verify(signed, rpsId)]).toEqual(['valid', 'valid']);
    // An RPS signature inside the lot is content the lot's signature covers.
    // Its first character changed to another (an 'A' for anything else, else a 'B'): the same character would change nothing.
    const tampered = signed.replace(/<SignatureValue>([A-Za-z0-9])/, (_, first: string) => `<SignatureValue>${first === 'A' ? 'B' : 'A'}`);
    expect(tampered).not.toBe(signed);
    expect(verify(tampered, lot.id)).toBe(`the signature does not match the signed content (the digest of #${lot.id} differs)`);
  });

  it('verifies exclusive C14N and C14N with comments, as xml-crypto signs them', () => {
    const rps = documents[0] as DsigDocument;
    const withComment = rps.xml.replace('<Competencia>', '<!-- a comment --><Competencia>');
    const signings: XmlCryptoSigning[] = [
      { canonicalization: EXC_C14N, transforms: [ENVELOPED_SIGNATURE, EXC_C14N] },
      { canonicalization: `${C14N}#WithComments`, transforms: [ENVELOPED_SIGNATURE, `${C14N}#WithComments`] },
      { canonicalization: `${EXC_C14N}WithComments`, transforms: [ENVELOPED_SIGNATURE, `${EXC_C14N}WithComments`] },
      { transforms: [ENVELOPED_SIGNATURE] },
      { algorithm: 'rsa-sha1', location: 'inside' },
    ];

    const verdicts = signings.map((signing) => verifyXmlSignature(xmlCryptoSign(withComment, rps.id, a1, signing), { signedElementId: rps.id, trustedCaPems: [ca.certificatePem] }));

    expect(verdicts.map((verdict) => (verdict.valid ? 'valid' : verdict.message))).toEqual(signings.map(() => 'valid'));
  });

  it('refuses, naming it, an algorithm or transform NFS-e signatures do not use', () => {
    const rps = documents[0] as DsigDocument;
    const signed = new XmlDsigSigner(a1).signNow(rps.xml, rps.id);
    const verify = (xml: string): string => {
      const verdict = verifyXmlSignature(xml, { signedElementId: rps.id, trustedCaPems: [ca.certificatePem] });
      return verdict.valid ? 'valid' : `${verdict.problem}: ${verdict.message}`;
    };

    expect([
      verify(signed.replace(`<CanonicalizationMethod Algorithm="${C14N}"/>`, '<CanonicalizationMethod Algorithm="http://www.w3.org/2006/12/xml-c14n11"/>')),
      verify(signed.replace(SIGNATURE_ALGORITHMS['rsa-sha256'].signature, 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512')),
      verify(signed.replace(SIGNATURE_ALGORITHMS['rsa-sha256'].digest, 'http://www.w3.org/2001/04/xmlenc#sha512')),
      verify(signed.replace(`<Transform Algorithm="${ENVELOPED_SIGNATURE}"/>`, '<Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"/>')),
      verify(signed.replace('</Reference>', `</Reference><Reference URI=""><DigestMethod Algorithm="${SIGNATURE_ALGORITHMS['rsa-sha256'].digest}"/><DigestValue>AA==</DigestValue></Reference>`)),
    ]).toEqual([
      'invalid: the signature’s CanonicalizationMethod http://www.w3.org/2006/12/xml-c14n11 is not one NFS-e signatures use',
      'invalid: the signature’s SignatureMethod http://www.w3.org/2001/04/xmldsig-more#rsa-sha512 is not one NFS-e signatures use',
      'invalid: the signature’s DigestMethod http://www.w3.org/2001/04/xmlenc#sha512 is not one NFS-e signatures use',
      'invalid: the signature’s transform http://www.w3.org/TR/1999/REC-xpath-19991116 is not one NFS-e signatures use',
      'invalid: the signature’s Reference URI (none) is not one NFS-e signatures use',
    ]);
  });

  it('signs in context: the SignedInfo it signs inherits the prefixed namespaces and xml:* attributes in scope, as libxml2 canonicalizes it in place', () => {
    const xml = '<e:Envio xmlns:e="urn:envio" xmlns:z="urn:z" xml:lang="pt-BR"><e:Rps xml:space="preserve" xmlns="urn:rps"><Inf Id="R1"><z:V>1</z:V></Inf></e:Rps></e:Envio>';
    const signer = new XmlDsigSigner(a1);

    const signed = signer.signNow(xml, 'R1');

    expect(verifyXmlSignature(signed, { signedElementId: 'R1', trustedCaPems: [ca.certificatePem] })).toMatchObject({ valid: true });
  });
});
