import pino from 'pino';
import { AbrasfProvider } from '../../adapter-container/providers/abrasf-2.04/AbrasfProvider';
import { buildRpsXml } from '../../tasks/emit/rps/buildRpsXml';
import { startProviderMock } from './startProviderMock';

/**
 * `tsx local/provider-mock/benchProviderMock.ts [calls] [concurrency] [endpoint]`: GerarNfse calls/s
 * through the provider client against the mock (zero latency, XSD validation on): in-process, or
 * the one at `endpoint` (e.g. `main.ts` in another process, as the adapters are child processes).
 * The RPS XML is built beforehand, as the API does at emission.
 */
async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 2000);
  const concurrency = Number(process.argv[3] ?? 20);
  const external = process.argv[4];
  const mock = external === undefined ? await startProviderMock({ port: 0, logger: pino({ level: 'warn' }) }) : undefined;
  const provider = await AbrasfProvider.create({ endpoint: external ?? mock?.url ?? '' });
  const serie = String(Date.now() % 100000); // a fresh series per run, so an external mock never sees a duplicate
  const rps = Array.from({ length: calls }, (_, i) => ({ serie, numero: i + 1 }));
  const xml = rps.map((entry, i) =>
    buildRpsXml({
      invoiceId: `01JDZ8Y7Q5R3T2V1W0X${String(i).padStart(7, '0')}`,
      companyCnpj: '11222333000181',
      municipalityCode: '3550308',
      total: '100.00',
      competence: '2026-11-23',
      createdAt: new Date().toISOString(),
      rps: entry,
      service: { code: '01.07', description: 'Suporte técnico', issRate: '2.00', issWithheld: false },
      tomador: { document: '12345678909', name: 'Maria da Silva', email: 'maria@example.com' },
    }),
  );
  let next = 0;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const i = next++;
        await provider.emit({ companyCnpj: '11222333000181', rps: rps[i] ?? { serie, numero: i + 1 }, rpsXml: xml[i] ?? '', nfseXmlKey: `nfse/${i}.xml` });
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU per call is the load-independent figure: wall-clock rates swing with what else runs.
  const cpuMsPerCall = (cpu.user + cpu.system) / 1000 / calls;
  const issued = mock?.stats().issued;
  await mock?.stop();
  process.stdout.write(`${JSON.stringify({ calls, concurrency, seconds: Number(seconds.toFixed(2)), callsPerSecond: Math.round(calls / seconds), cpuMsPerCall: Number(cpuMsPerCall.toFixed(2)), callsPerCpuSecond: Math.round(1000 / cpuMsPerCall), mock: external ?? 'in-process', issued })}\n`);
}

// An entry point: a rejection ends the process with its stack (Node's unhandled-rejection default).
void main();
