/**
 * Independent check of our XML signatures and layouts with implementations other than ours:
 * Debian's `xmlsec1` verifies what XmlDsigSigner signs (RSA-SHA256 and RSA-SHA1) against the local
 * test CA — the RPS, and as the adapter sends them the lot (the RPS's signature inside the lot's)
 * the cancellation request and the substitution request (SubstituirNfse) — and `xmllint` validates the signed documents against the vendored
 * XSDs. The other way round, our verifyXmlSignature verifies what xmlsec1 signs (its own layout: line
 * breaks inside the Signature and its base64, the Signature beside or inside the signed element).
 * A tampered copy must fail. Not part of `npm test` (it needs `apt-get install xmlsec1 libxml2-utils`).
 *
 *   npm run check:xmlsec
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cancelarNfseEnvioXml, enviarLoteRpsEnvioXml, gerarNfseEnvioXml, substituirNfseEnvioXml } from '../adapter-container/xml/abrasfMessages';
import { loadLibxml2 } from '../adapter-container/xml/loadLibxml2';
import { signElements } from '../adapter-container/xml/signElements';
import { verifyXmlSignature } from '../adapter-container/xml/verifyXmlSignature';
import { schemasDir } from '../adapter-container/xml/schemasDir';
import { C14N, ENVELOPED_SIGNATURE, SIGNATURE_ALGORITHMS, type SignatureAlgorithm } from '../adapter-container/xml/dsigAlgorithms';
import { XmlDsigSigner } from '../adapter-container/xml/XmlDsigSigner';
import { createTestCa, issueA1Certificate } from '../local/certificates/testPki';
import { buildRpsXml, rpsElementId } from '../tasks/emit/rps/buildRpsXml';

const SAMPLE = {
  invoiceId: '01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6',
  companyCnpj: '11222333000181',
  municipalityCode: '3550308',
  total: '1500.50',
  competence: '2026-11-20',
  createdAt: '2026-11-23T02:30:00.000Z',
  rps: { serie: '1', numero: 42 },
  service: { code: '01.07', description: 'Suporte técnico', issRate: '2.5', issWithheld: false },
  tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com' },
} as const;

function has(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
  // xmlsec1 says OK or FAIL on a line of its own, amid its reference counts.
  return { ok: result.status === 0, output: lines.find((line) => /^(OK|FAIL)$/.test(line)) ?? lines.at(-1) ?? '' };
}

/** An XML-DSig template for xmlsec1 --sign over `#id`, laid out as xmlsec's own examples are. */
function signatureTemplate(id: string, algorithm: SignatureAlgorithm): string {
  const uris = SIGNATURE_ALGORITHMS[algorithm];
  return `
<Signature xmlns="http://www.w3.org/2000/09/xmldsig#">
  <SignedInfo>
    <CanonicalizationMethod Algorithm="${C14N}"/>
    <SignatureMethod Algorithm="${uris.signature}"/>
    <Reference URI="#${id}">
      <Transforms>
        <Transform Algorithm="${ENVELOPED_SIGNATURE}"/>
        <Transform Algorithm="${C14N}"/>
      </Transforms>
      <DigestMethod Algorithm="${uris.digest}"/>
      <DigestValue/>
    </Reference>
  </SignedInfo>
  <SignatureValue/>
  <KeyInfo><X509Data/></KeyInfo>
</Signature>
`;
}

async function main(): Promise<number> {
  await loadLibxml2();
  const missing = ['xmlsec1', 'xmllint'].filter((command) => !has(command));
  if (missing.length > 0) {
    process.stderr.write(`check:xmlsec needs ${missing.join(' and ')}: apt-get install xmlsec1 libxml2-utils\n`);
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-xmlsec-'));
  const ca = createTestCa();
  const a1 = issueA1Certificate(ca, { cnpj: SAMPLE.companyCnpj, razaoSocial: 'EMPRESA TESTE LTDA' });
  fs.writeFileSync(path.join(dir, 'ca.pem'), ca.certificatePem);
  const xsd = path.join(schemasDir(), 'abrasf-2.04', 'nfse_v204.xsd');
  const id = rpsElementId(SAMPLE.invoiceId);
  const checks: Array<{ what: string; expected: boolean; ok: boolean; output: string }> = [];
  for (const algorithm of ['rsa-sha256', 'rsa-sha1'] as const satisfies readonly SignatureAlgorithm[]) {
    const signed = gerarNfseEnvioXml(new XmlDsigSigner({ ...a1, algorithm }).signNow(buildRpsXml(SAMPLE), id));
    const file = path.join(dir, `GerarNfseEnvio-${algorithm}.xml`);
    const tampered = path.join(dir, `GerarNfseEnvio-${algorithm}-tampered.xml`);
    fs.writeFileSync(file, signed);
    fs.writeFileSync(tampered, signed.replace('<ValorServicos>1500.50</ValorServicos>', '<ValorServicos>1.50</ValorServicos>'));
    const verify = (target: string): { ok: boolean; output: string } => run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), '--id-attr:Id', 'InfDeclaracaoPrestacaoServico', target]);
    checks.push({ what: `xmlsec1 verifies the ABRASF RPS signed with ${algorithm}`, expected: true, ...verify(file) });
    checks.push({ what: `xmlsec1 refuses it once ValorServicos is changed`, expected: false, ...verify(tampered) });
    checks.push({ what: `xmllint validates it against ABRASF 2.04`, expected: true, ...run('xmllint', ['--noout', '--schema', xsd, file]) });
  }
  // As the adapter sends them to a city that signs all three: the lot wraps the signed RPS and is signed after it.
  const signer = new XmlDsigSigner(a1);
  const all = ['InfDeclaracaoPrestacaoServico', 'LoteRps', 'InfPedidoCancelamento'] as const;
  const lot = signElements(enviarLoteRpsEnvioXml(buildRpsXml(SAMPLE), { numeroLote: 42, cnpj: SAMPLE.companyCnpj }), all, signer);
  const cancellation = signElements(cancelarNfseEnvioXml({ nfseNumber: '7', cnpj: SAMPLE.companyCnpj, municipalityCode: SAMPLE.municipalityCode, reasonCode: 1 }), all, signer);
  const lotFile = path.join(dir, 'EnviarLoteRpsEnvio.xml');
  const cancellationFile = path.join(dir, 'CancelarNfseEnvio.xml');
  fs.writeFileSync(lotFile, lot);
  fs.writeFileSync(cancellationFile, cancellation);
  const ids = ['--id-attr:Id', 'InfDeclaracaoPrestacaoServico', '--id-attr:Id', 'LoteRps', '--id-attr:Id', 'InfPedidoCancelamento'];
  const signatureOver = (reference: string): string[] => ['--node-xpath', `//*[local-name()='Signature'][.//*[local-name()='Reference'][@URI='#${reference}']]`];
  checks.push({ what: 'xmlsec1 verifies the RPS signature inside a signed lot', expected: true, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...ids, ...signatureOver(id), lotFile]) });
  checks.push({ what: 'xmlsec1 verifies the lot signature over it', expected: true, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...ids, ...signatureOver('Lote42'), lotFile]) });
  checks.push({ what: 'xmllint validates the signed lot against ABRASF 2.04', expected: true, ...run('xmllint', ['--noout', '--schema', xsd, lotFile]) });
  // A change outside the RPS breaks the lot's signature only: each check reads its own signature.
  const tamperedLot = path.join(dir, 'EnviarLoteRpsEnvio-tampered.xml');
  fs.writeFileSync(tamperedLot, lot.replace('<QuantidadeRps>1</QuantidadeRps>', '<QuantidadeRps>2</QuantidadeRps>'));
  checks.push({ what: 'once QuantidadeRps is changed, xmlsec1 still verifies the RPS inside', expected: true, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...ids, ...signatureOver(id), tamperedLot]) });
  checks.push({ what: 'and refuses the lot', expected: false, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...ids, ...signatureOver('Lote42'), tamperedLot]) });
  checks.push({ what: 'xmlsec1 verifies the signed cancellation request', expected: true, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...ids, cancellationFile]) });
  checks.push({ what: 'xmllint validates it against ABRASF 2.04', expected: true, ...run('xmllint', ['--noout', '--schema', xsd, cancellationFile]) });
  // SubstituirNfse as the adapter sends it: the RPS signed first (by the worker), then the Pedido, then SubstituicaoNfse over both.
  const withSubstitution = [...all, 'SubstituicaoNfse'] as const;
  const signedRps = signElements(buildRpsXml(SAMPLE), withSubstitution, signer);
  const substitution = signElements(substituirNfseEnvioXml(signedRps, { nfseNumber: '7', cnpj: SAMPLE.companyCnpj, municipalityCode: SAMPLE.municipalityCode, reasonCode: 1 }), withSubstitution, signer);
  const substitutionFile = path.join(dir, 'SubstituirNfseEnvio.xml');
  const tamperedSubstitution = path.join(dir, 'SubstituirNfseEnvio-tampered.xml');
  fs.writeFileSync(substitutionFile, substitution);
  fs.writeFileSync(tamperedSubstitution, substitution.replace('<CodigoCancelamento>1</CodigoCancelamento>', '<CodigoCancelamento>2</CodigoCancelamento>'));
  const substitutionIds = [...ids, '--id-attr:Id', 'SubstituicaoNfse'];
  for (const [reference, what] of [[id, 'the RPS'], ['Cancel7', 'the cancellation Pedido'], ['Subst7', 'SubstituicaoNfse']] as const) {
    checks.push({ what: `xmlsec1 verifies the signature of ${what} inside a signed SubstituirNfseEnvio`, expected: true, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...substitutionIds, ...signatureOver(reference), substitutionFile]) });
  }
  checks.push({ what: 'once CodigoCancelamento is changed, xmlsec1 refuses SubstituicaoNfse', expected: false, ...run('xmlsec1', ['--verify', '--trusted-pem', path.join(dir, 'ca.pem'), ...substitutionIds, ...signatureOver('Subst7'), tamperedSubstitution]) });
  checks.push({ what: 'xmllint validates the signed SubstituirNfseEnvio against ABRASF 2.04', expected: true, ...run('xmllint', ['--noout', '--schema', xsd, substitutionFile]) });
  // xmlsec1 signs, we verify: the RPS with its Signature beside InfDeclaracaoPrestacaoServico (as
  // NFS-e places it) and a lot with the Signature inside LoteRps (the enveloped transform at work).
  fs.writeFileSync(path.join(dir, 'a1.pem'), a1.privateKeyPem);
  fs.writeFileSync(path.join(dir, 'a1-cert.pem'), a1.certificatePem);
  // xmlsec1 fills in the first Signature unless told which (the lot holds the RPS's, signed already).
  const xmlsecSign = (name: string, template: string, element: string): string => {
    const input = path.join(dir, `${name}-template.xml`);
    const output = path.join(dir, `${name}-xmlsec.xml`);
    fs.writeFileSync(input, template);
    const emptySignature = "//*[local-name()='Signature'][*[local-name()='SignatureValue'][not(text())]]";
    const result = run('xmlsec1', ['--sign', '--privkey-pem', `${path.join(dir, 'a1.pem')},${path.join(dir, 'a1-cert.pem')}`, '--id-attr:Id', element, '--node-xpath', emptySignature, '--output', output, input]);
    if (!result.ok) throw new Error(`xmlsec1 --sign ${name}: ${result.output}`);
    return fs.readFileSync(output, 'utf8');
  };
  const ours = (xml: string, reference: string): { ok: boolean; output: string } => {
    const verdict = verifyXmlSignature(xml, { signedElementId: reference, trustedCaPems: [ca.certificatePem] });
    return { ok: verdict.valid, output: verdict.valid ? 'valid' : `${verdict.problem}: ${verdict.message}` };
  };
  for (const algorithm of ['rsa-sha256', 'rsa-sha1'] as const satisfies readonly SignatureAlgorithm[]) {
    const rps = xmlsecSign(`rps-${algorithm}`, `<?xml version="1.0" encoding="UTF-8"?>\n${buildRpsXml(SAMPLE).replace('</Rps>', `${signatureTemplate(id, algorithm)}</Rps>`)}`, 'InfDeclaracaoPrestacaoServico');
    checks.push({ what: `verifyXmlSignature verifies the RPS xmlsec1 signed with ${algorithm}`, expected: true, ...ours(rps, id) });
    checks.push({ what: 'and refuses it once ValorServicos is changed', expected: false, ...ours(rps.replace('<ValorServicos>1500.50</ValorServicos>', '<ValorServicos>1.50</ValorServicos>'), id) });
  }
  const lotTemplate = enviarLoteRpsEnvioXml(signElements(buildRpsXml(SAMPLE), ['InfDeclaracaoPrestacaoServico'], signer), { numeroLote: 42, cnpj: SAMPLE.companyCnpj }).replace('</LoteRps>', `${signatureTemplate('Lote42', 'rsa-sha256')}</LoteRps>`);
  const xmlsecLot = xmlsecSign('lot', lotTemplate, 'LoteRps');
  checks.push({ what: 'verifyXmlSignature verifies a lot xmlsec1 signed with its Signature inside LoteRps, over our signed RPS', expected: true, ...ours(xmlsecLot, 'Lote42') });
  checks.push({ what: 'and the RPS signature inside it', expected: true, ...ours(xmlsecLot, id) });
  checks.push({ what: 'and refuses the lot once QuantidadeRps is changed', expected: false, ...ours(xmlsecLot.replace('<QuantidadeRps>1</QuantidadeRps>', '<QuantidadeRps>2</QuantidadeRps>'), 'Lote42') });
  for (const check of checks) process.stdout.write(`${check.ok === check.expected ? 'PASS' : 'FAIL'}  ${check.what}   (${check.output})\n`);
  execFileSync('rm', ['-rf', dir]);
  const failed = checks.filter((check) => check.ok !== check.expected).length;
  process.stdout.write(`check:xmlsec: ${checks.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
