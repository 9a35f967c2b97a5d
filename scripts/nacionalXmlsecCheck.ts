/**
 * Independent check of what the national provider sends and what the national mock answers, with
 * implementations other than ours: `xmllint` validates the signed DPS, the signed cancellation
 * request (pedRegEvento) and the mock's NFS-e against the vendored NFS-e Nacional 1.01 XSDs, and
 * `xmlsec1` verifies their signatures against the local test CA (RSA-SHA256 and RSA-SHA1); a
 * tampered copy must fail. Not part of `npm test` (it needs `apt-get install xmlsec1 libxml2-utils`).
 * Give it files (a national invoice's `xml/{id}.xml` from the docs bucket) to check those as well.
 *
 *   npm run check:xmlsec:nacional [-- FILE.xml ... --ca ca.pem]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadLibxml2 } from '../adapter-container/xml/loadLibxml2';
import { signElements } from '../adapter-container/xml/signElements';
import type { SignatureAlgorithm, SignedElement } from '../contracts/municipality';
import { cancellationRequestXml } from '../adapter-container/providers/nacional/pedRegEvento';
import { nacionalXsdPath } from '../adapter-container/providers/nacional/nacionalSchemas';
import { XmlDsigSigner } from '../adapter-container/xml/XmlDsigSigner';
import { chaveAcessoOf } from '../local/provider-mock/nacional/chaveAcesso';
import { nfseXml } from '../local/provider-mock/nacional/nationalDocuments';
import { createTestCa, issueA1Certificate, issueServerCertificate } from '../local/certificates/testPki';
import { buildDpsXml } from '../tasks/emit/dps/buildDpsXml';

const CNPJ = '11444777000161';
const CITY = '4314902';

interface Check {
  readonly what: string;
  readonly expected: boolean;
  readonly ok: boolean;
  readonly output: string;
}

function has(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const lines = `${result.stdout}${result.stderr}`.trim().split('\n');
  return { ok: result.status === 0, output: lines.find((line) => /^(OK|FAIL)$/.test(line)) ?? lines.at(-1) ?? '' };
}

async function main(): Promise<number> {
  await loadLibxml2(); // the signer canonicalizes with libxml2-wasm
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { ca: { type: 'string' } } });
  const missing = ['xmlsec1', 'xmllint'].filter((command) => !has(command));
  if (missing.length > 0) {
    process.stderr.write(`check:xmlsec:nacional needs ${missing.join(' and ')}: apt-get install xmlsec1 libxml2-utils\n`);
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-xmlsec-nacional-'));
  const ca = createTestCa();
  const caFile = path.join(dir, 'ca.pem');
  fs.writeFileSync(caFile, ca.certificatePem);
  const a1 = issueA1Certificate(ca, { cnpj: CNPJ, razaoSocial: 'EMPRESA NACIONAL LTDA' });
  // As the adapter signs: signElements with the company's XmlDsigSigner for the city's algorithm.
  const credentials = { sign: (xml: string, element: SignedElement, algorithm: SignatureAlgorithm): string => signElements(xml, [element], new XmlDsigSigner({ ...a1, algorithm })) };
  const checks: Check[] = [];
  // xmlsec1 verifies the first Signature in document order unless told which: the NFS-e's own is
  // the one beside infNFSe, after the DPS's signature that infNFSe carries inside.
  const verify = (file: string, element: string, trusted = caFile, signatureXPath?: string): { ok: boolean; output: string } =>
    run('xmlsec1', ['--verify', '--trusted-pem', trusted, '--id-attr:Id', element, ...(signatureXPath === undefined ? [] : ['--node-xpath', signatureXPath]), file]);
  const validate = (file: string, document: 'dps' | 'pedRegEvento' | 'nfse'): { ok: boolean; output: string } => run('xmllint', ['--noout', '--schema', nacionalXsdPath(document), file]);
  const write = (name: string, xml: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, xml);
    return file;
  };

  const dps = buildDpsXml(
    {
      invoiceId: '01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6',
      companyCnpj: CNPJ,
      municipalityCode: CITY,
      total: '1500.50',
      competence: '2026-11-20',
      createdAt: '2026-11-23T02:30:00.000Z',
      rps: { serie: '1', numero: 42 },
      service: { code: '01.07', description: 'Suporte técnico & manutenção', issRate: '2.5', issWithheld: false },
      tomador: { document: '52998224725', name: 'Maria da Silva', email: 'maria@example.com', address: { street: 'Rua das Flores', number: '100', district: 'Centro', municipalityCode: CITY, state: 'RS', postalCode: '90010000' } },
    },
    { cnpj: CNPJ, inscricaoMunicipal: '7654321', municipalityCode: CITY, taxRegime: { simplesNacional: 'meEpp', regimeEspecial: 'nenhum', incentivoFiscal: false } },
    { environment: 'homologacao' },
  );
  for (const algorithm of ['rsa-sha256', 'rsa-sha1'] as const) {
    const signed = credentials.sign(dps, 'infDPS', algorithm);
    const file = write(`DPS-${algorithm}.xml`, signed);
    const tampered = write(`DPS-${algorithm}-tampered.xml`, signed.replace('<vServ>1500.50</vServ>', '<vServ>1.50</vServ>'));
    checks.push({ what: `xmlsec1 verifies the DPS signed (infDPS) with ${algorithm}`, expected: true, ...verify(file, 'infDPS') });
    checks.push({ what: 'xmlsec1 refuses it once vServ is changed', expected: false, ...verify(tampered, 'infDPS') });
    checks.push({ what: 'xmllint validates it against DPS_v1.01.xsd', expected: true, ...validate(file, 'dps') });
  }
  const chave = chaveAcessoOf({ municipalityCode: CITY, generator: '2', document: CNPJ, nfseNumber: 1, issuedAt: new Date('2026-11-23T12:00:00Z'), code: 123456789 });
  const event = write('pedRegEvento.xml', credentials.sign(cancellationRequestXml({ chaveAcesso: chave, author: CNPJ, reasonCode: 2, reason: 'Serviço não prestado', at: '2026-11-24T09:00:00-03:00', environment: 'homologacao' }), 'infPedReg', 'rsa-sha256'));
  checks.push({ what: 'xmlsec1 verifies the cancellation request (infPedReg, e101101)', expected: true, ...verify(event, 'infPedReg') });
  checks.push({ what: 'xmllint validates it against pedRegEvento_v1.01.xsd', expected: true, ...validate(event, 'pedRegEvento') });
  const server = issueServerCertificate(ca);
  const nfse = write(
    'NFSe.xml',
    nfseXml(
      {
        chaveAcesso: chave,
        nfseNumber: 1,
        documentNumber: 1,
        processedAt: new Date('2026-11-23T12:00:00Z'),
        municipalityCode: CITY,
        servicePlace: CITY,
        municipalityName: () => 'Porto Alegre',
        prestador: { document: CNPJ, im: '7654321', name: 'EMPRESA NACIONAL LTDA' },
        value: '1500.50',
        dpsXml: credentials.sign(dps, 'infDPS', 'rsa-sha256'),
      },
      new XmlDsigSigner(server),
    ),
  );
  checks.push({ what: "xmlsec1 verifies the national mock's NFS-e (infNFSe, its own key)", expected: true, ...verify(nfse, 'infNFSe', caFile, "/*[local-name()='NFSe']/*[local-name()='Signature']") });
  checks.push({ what: 'xmllint validates it against NFSe_v1.01.xsd', expected: true, ...validate(nfse, 'nfse') });
  for (const file of positionals) {
    const trusted = values.ca ?? caFile;
    checks.push({ what: `xmlsec1 verifies ${file} (infDPS) against ${trusted}`, expected: true, ...verify(file, 'infDPS', trusted) });
    checks.push({ what: `xmllint validates ${file} against DPS_v1.01.xsd`, expected: true, ...validate(file, 'dps') });
  }
  for (const check of checks) process.stdout.write(`${check.ok === check.expected ? 'PASS' : 'FAIL'}  ${check.what}   (${check.output})\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  const failed = checks.filter((check) => check.ok !== check.expected).length;
  process.stdout.write(`check:xmlsec:nacional: ${checks.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
