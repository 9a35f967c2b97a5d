import { loadavg } from 'node:os';
import type { DanfseContent } from '../../adapter-container/danfse/DanfseContent';
import { renderDanfse } from '../../adapter-container/danfse/renderDanfse';

/**
 * CPU per `renderDanfse` call (issue 22: under 1 ms a document), user + system time from
 * `process.cpuUsage`, after a warm-up, so the figure holds whatever the shared machine's load did to
 * the wall clock. `BENCH_DANFSE_RENDERS` sets the measured calls (default 400).
 */
const RENDERS = Number(process.env.BENCH_DANFSE_RENDERS ?? 400);
const WARM_UP = 100;
const GOAL_MS = 1;

/** An ordinary invoice: the São Paulo one the tests render, with its QR code. */
const CONTENT: DanfseContent = {
  nfseNumber: '4321',
  verificationCode: 'AB12CD34',
  issuedAt: '2026-11-23T12:30:05.000Z',
  municipality: { code: '3550308', name: 'São Paulo', uf: 'SP' },
  rps: { numero: '77', serie: 'A1' },
  competence: '2026-11-20',
  prestador: {
    name: 'Ação & Serviços Ltda',
    document: '11222333000181',
    inscricaoMunicipal: '12345678',
    address: 'Avenida Paulista, 1000, Sala 5 - Bela Vista - São Paulo/SP - CEP 01310-100',
    email: 'fiscal@acao.example',
  },
  tomador: { name: 'João da Silva', document: '52998224725', address: 'Rua das Flores, 12 - Centro - Rio de Janeiro/RJ - CEP 20010-000', email: 'joao@example.com' },
  service: { item: '01.07', municipalTaxCode: '010701', description: 'Suporte técnico em informática, mês de novembro' },
  values: { services: 123456n, deductions: 0n, calculationBase: 123456n, issRate: '5.00', iss: 6173n, issWithheld: false, withholdings: 0n, net: 123456n },
  verificationUrl: 'https://nfe.prefeitura.sp.gov.br/contribuinte/notaprint.aspx?ccm=12345678&nf=4321&cod=AB12CD34',
};

async function cpuPerRender(content: DanfseContent, renders: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < renders; i++) await renderDanfse(content);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / renders;
}

async function main(): Promise<void> {
  await cpuPerRender(CONTENT, WARM_UP);
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  const withQr = await cpuPerRender(CONTENT, RENDERS);
  const withoutQr = await cpuPerRender({ ...CONTENT, verificationUrl: undefined }, RENDERS);
  const bytes = (await renderDanfse(CONTENT)).length;
  console.log(`renderDanfse, CPU per call over ${RENDERS} calls (load average ${load}):`);
  console.log(`  with the QR code:    ${withQr.toFixed(2)} ms  goal < ${GOAL_MS} ms: ${withQr < GOAL_MS ? 'yes' : 'NO'}`);
  console.log(`  without a QR code:   ${withoutQr.toFixed(2)} ms`);
  console.log(`  PDF size: ${bytes} bytes`);
}

void main();
