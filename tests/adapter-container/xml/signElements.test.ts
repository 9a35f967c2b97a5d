import { cancelarNfseEnvioXml, enviarLoteRpsEnvioXml, gerarNfseEnvioXml, substituirNfseEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { loadAbrasfValidator } from '../../../adapter-container/xml/abrasfValidator';
import { elementId, signElements } from '../../../adapter-container/xml/signElements';
import { loadLibxml2 } from '../../../adapter-container/xml/loadLibxml2';
import { verifyXmlSignature } from '../../../adapter-container/xml/verifyXmlSignature';
import { XmlDsigSigner } from '../../../adapter-container/xml/XmlDsigSigner';
import { createTestCa, issueA1Certificate, newRsaKeyPem, type TestCa } from '../../../local/certificates/testPki';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice } from './rpsFixtures';

describe('signElements', () => {
  let ca: TestCa;
  let signer: XmlDsigSigner;
  let renewed: XmlDsigSigner;
  const rpsXml = buildRpsXml(rpsInvoice());
  const rpsId = elementId(rpsXml, 'InfDeclaracaoPrestacaoServico') ?? '';
  const verify = (xml: string, id: string): string => {
    const verdict = verifyXmlSignature(xml, { signedElementId: id, trustedCaPems: [ca.certificatePem] });
    return verdict.valid ? 'valid' : verdict.problem;
  };

  beforeAll(async () => {
    await loadLibxml2();
    ca = createTestCa();
    const key = newRsaKeyPem();
    signer = new XmlDsigSigner(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: key }));
    // The company's next certificate (a renewal): same CNPJ, another certificate.
    renewed = new XmlDsigSigner(issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA TESTE LTDA', privateKeyPem: key }));
  });

  it('signs the elements a city lists that the document holds, the RPS before the lot that wraps it', () => {
    const lot = enviarLoteRpsEnvioXml(rpsXml, { numeroLote: 42, cnpj: CNPJ });

    const signed = signElements(lot, ['LoteRps', 'InfDeclaracaoPrestacaoServico'], signer);

    // The lot's signature covers the RPS's: the RPS was signed first, or its signature would break the lot's.
    expect([verify(signed, rpsId), verify(signed, 'Lote42')]).toEqual(['valid', 'valid']);
    expect(signed.indexOf(`<Reference URI="#${rpsId}">`)).toBeLessThan(signed.indexOf('<Reference URI="#Lote42">'));
    expect(signed).toMatch(/<\/LoteRps><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">.*<\/Signature><\/EnviarLoteRpsEnvio>$/);
  });

  it('keeps every signed document valid against the ABRASF 2.04 XSD (the Signature elements are in it)', async () => {
    const validator = await loadAbrasfValidator({});
    const all = ['InfDeclaracaoPrestacaoServico', 'LoteRps', 'InfPedidoCancelamento'] as const;
    const signedRps = signElements(rpsXml, all, signer);

    const documents = [
      gerarNfseEnvioXml(signedRps),
      signElements(enviarLoteRpsEnvioXml(signedRps, { numeroLote: 42, cnpj: CNPJ }), all, signer),
      signElements(cancelarNfseEnvioXml({ nfseNumber: '7', cnpj: CNPJ, municipalityCode: '3550308', reasonCode: 1 }), all, signer),
    ];

    expect(documents.map((document) => validator?.validate(document))).toEqual([{ valid: true, errors: [] }, { valid: true, errors: [] }, { valid: true, errors: [] }]);
    expect(documents.map((document) => document.match(/<Signature /g)?.length)).toEqual([1, 2, 1]);
  });

  it('signs a SubstituirNfseEnvio built from the RPS the worker signed: the Pedido, then SubstituicaoNfse over both, valid against the XSD', async () => {
    const validator = await loadAbrasfValidator({});
    const elements = ['InfDeclaracaoPrestacaoServico', 'InfPedidoCancelamento', 'SubstituicaoNfse'] as const;
    const signedRps = signElements(rpsXml, elements, signer);

    const signed = signElements(substituirNfseEnvioXml(signedRps, { nfseNumber: '7', cnpj: CNPJ, municipalityCode: '3550308', reasonCode: 2 }), elements, signer);

    // Each signature verifies: SubstituicaoNfse's was made last, over the other two.
    expect([verify(signed, rpsId), verify(signed, 'Cancel7'), verify(signed, 'Subst7')]).toEqual(['valid', 'valid', 'valid']);
    expect(validator?.validate(signed)).toEqual({ valid: true, errors: [] });
    expect(signed.match(/<Signature /g)).toHaveLength(3);
    expect(signed.startsWith('<SubstituirNfseEnvio xmlns="http://www.abrasf.org.br/nfse.xsd"><SubstituicaoNfse Id="Subst7"><Pedido><InfPedidoCancelamento Id="Cancel7"><IdentificacaoNfse><Numero>7</Numero><CpfCnpj><Cnpj>11222333000181</Cnpj></CpfCnpj><CodigoMunicipio>3550308</CodigoMunicipio></IdentificacaoNfse><CodigoCancelamento>2</CodigoCancelamento></InfPedidoCancelamento><Signature ')).toBe(true);
    expect(signed).toContain(`</Pedido>${signedRps}</SubstituicaoNfse><Signature `);
    expect(signed).toMatch(/<\/SubstituicaoNfse><Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">.*<Reference URI="#Subst7">.*<\/Signature><\/SubstituirNfseEnvio>$/);
  });

  it('leaves an element the city does not list, and a document without the listed ones, as they are', () => {
    expect(signElements(rpsXml, ['LoteRps', 'InfPedidoCancelamento'], signer)).toBe(rpsXml);
    expect(signElements(rpsXml, [], signer)).toBe(rpsXml);
  });

  it('keeps a signature of the same certificate (a retry sends the same bytes) and replaces another certificate’s', () => {
    const signed = signElements(rpsXml, ['InfDeclaracaoPrestacaoServico'], signer);

    const again = signElements(signed, ['InfDeclaracaoPrestacaoServico'], signer);
    const resigned = signElements(signed, ['InfDeclaracaoPrestacaoServico'], renewed);

    expect(again).toBe(signed);
    expect(resigned).not.toBe(signed);
    expect(resigned.match(/<Signature /g)).toHaveLength(1);
    expect(resigned).toContain(`<X509Certificate>${renewed.certificateBase64}</X509Certificate>`);
    expect(verify(resigned, rpsId)).toBe('valid');
  });
});
