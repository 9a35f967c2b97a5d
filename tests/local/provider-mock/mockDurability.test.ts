import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { AbrasfSoapTransport } from '../../../adapter-container/providers/abrasf-2.04/AbrasfSoapTransport';
import { cabecalhoXml, cancelarNfseEnvioXml, consultarLoteRpsEnvioXml, consultarNfseRpsEnvioXml, enviarLoteRpsEnvioXml, gerarNfseEnvioXml, substituirNfseEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { startProviderMock, type ProviderMock } from '../../../local/provider-mock/startProviderMock';
import { JOURNAL_FILE } from '../../../local/provider-mock/MockJournal';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice, SAO_PAULO } from '../../adapter-container/xml/rpsFixtures';

const BELO_HORIZONTE = '3106200';
const REPO = path.resolve(__dirname, '..', '..', '..');
const rpsXml = (numero: number, municipalityCode = SAO_PAULO): string => buildRpsXml(rpsInvoice({ municipalityCode, rps: { serie: '1', numero } }));
const codeOf = (xml: string): string | undefined => /<Codigo>([^<]+)<\/Codigo>/.exec(xml)?.[1];
const numeroOf = (xml: string): string | undefined => /<InfNfse Id="Nfse\d+"><Numero>(\d+)<\/Numero>/.exec(xml)?.[1];

describe('the mock city with a data directory', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mock-city-'));
  });

  afterEach(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<{ mock: ProviderMock; sp: AbrasfSoapTransport; bh: AbrasfSoapTransport }> {
    const mock = await startProviderMock({ port: 0, logger: pino({ level: 'silent' }), dataDir, knobs: { cityModes: { [BELO_HORIZONTE]: 'async' }, pendingConsults: 1 } });
    const sp = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(SAO_PAULO), timeoutMs: 5000 });
    const bh = await AbrasfSoapTransport.create({ endpoint: mock.cityUrl(BELO_HORIZONTE), timeoutMs: 5000 });
    return { mock, sp, bh };
  }

  it('remembers across a restart what it issued, numbered, batched, cancelled and counted', async () => {
    const first = await start();
    const issued = await first.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);
    await first.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(2)), false);
    await first.sp.call('CancelarNfse', cabecalhoXml(), cancelarNfseEnvioXml({ nfseNumber: '2', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 }), false);
    const received = await first.bh.call('RecepcionarLoteRps', cabecalhoXml(), enviarLoteRpsEnvioXml(rpsXml(7, BELO_HORIZONTE), { numeroLote: 7, cnpj: CNPJ }), false);
    const protocolo = /<Protocolo>([^<]+)<\/Protocolo>/.exec(received)?.[1] ?? '';
    const pending = await first.bh.call('ConsultarLoteRps', cabecalhoXml(), consultarLoteRpsEnvioXml(CNPJ, protocolo), false);
    const statsBefore = first.mock.stats();
    await first.mock.stop();

    const second = await start();
    try {
      const found = await second.sp.call('ConsultarNfsePorRps', cabecalhoXml(), consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ), false);
      const cancelled = await second.sp.call('ConsultarNfsePorRps', cabecalhoXml(), consultarNfseRpsEnvioXml({ serie: '1', numero: 2 }, CNPJ), false);
      const resent = await second.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);
      const next = await second.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(3)), false);
      const processed = await second.bh.call('ConsultarLoteRps', cabecalhoXml(), consultarLoteRpsEnvioXml(CNPJ, protocolo), false);

      expect(codeOf(pending)).toBe('E92');
      expect(numeroOf(found)).toBe(numeroOf(issued));
      expect(found).toBe(`<ConsultarNfseRpsResposta xmlns="http://www.abrasf.org.br/nfse.xsd">${/<CompNfse[\s\S]*<\/CompNfse>/.exec(issued)?.[0] ?? 'missing'}</ConsultarNfseRpsResposta>`);
      expect(cancelled).toContain('<NfseCancelamento versao="2.04">');
      expect(codeOf(resent)).toBe('E10');
      expect(numeroOf(next)).toBe('3');
      expect(processed).toContain('<Situacao>4</Situacao>');
      expect(numeroOf(processed)).toBe('1');
      expect(second.mock.stats()).toEqual({
        ...statsBefore,
        calls: { ...statsBefore.calls, ConsultarNfsePorRps: 2, GerarNfse: 4, ConsultarLoteRps: 2 },
        issued: 4,
        rejected: 1,
        byRps: expect.objectContaining({ [`${SAO_PAULO}/${CNPJ}/1/1`]: { calls: { GerarNfse: 2, ConsultarNfsePorRps: 1 }, nfseIssued: 1 } }),
      });
    } finally {
      await second.mock.stop();
    }
  });

  it('remembers a substitution across restarts, from its journal line and from the snapshot', async () => {
    const substituicao = substituirNfseEnvioXml(rpsXml(2), { nfseNumber: '1', cnpj: CNPJ, municipalityCode: SAO_PAULO, reasonCode: 1 });
    const first = await start();
    await first.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);
    await first.sp.call('SubstituirNfse', cabecalhoXml(), substituicao, false);
    const lines = (await fs.readFile(path.join(dataDir, JOURNAL_FILE), 'utf8')).trim().split('\n');
    await first.mock.stop();

    const seen: string[][] = [];
    for (let restart = 0; restart < 2; restart++) {
      const again = await start();
      try {
        const old = await again.sp.call('ConsultarNfsePorRps', cabecalhoXml(), consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ), false);
        const replacing = await again.sp.call('ConsultarNfsePorRps', cabecalhoXml(), consultarNfseRpsEnvioXml({ serie: '1', numero: 2 }, CNPJ), false);
        const resent = await again.sp.call('SubstituirNfse', cabecalhoXml(), substituicao, false);
        seen.push([/<NfseSubstituidora>(\d+)<\/NfseSubstituidora>/.exec(old)?.[1] ?? 'none', /<NfseSubstituida>(\d+)<\/NfseSubstituida>/.exec(replacing)?.[1] ?? 'none', codeOf(resent) ?? 'none', String(again.mock.stats().substituted)]);
      } finally {
        await again.mock.stop();
      }
    }

    expect(lines.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['snapshot', 'call', 'issued', 'counted', 'call', 'substituted', 'counted', 'counted']);
    expect(seen).toEqual([
      ['2', '1', 'E79', '1'],
      ['2', '1', 'E79', '1'],
    ]);
  });

  it('compacts its journal to one snapshot line on start, and forgets everything on reset', async () => {
    const first = await start();
    for (const numero of [1, 2, 3]) await first.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(numero)), false);
    const grown = (await fs.readFile(path.join(dataDir, JOURNAL_FILE), 'utf8')).trim().split('\n');
    await first.mock.stop();

    const second = await start();
    const compacted = (await fs.readFile(path.join(dataDir, JOURNAL_FILE), 'utf8')).trim().split('\n');
    second.mock.reset();
    await second.mock.stop();
    const third = await start();
    const afterReset = await third.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);
    await third.mock.stop();

    // Per NFS-e: the call, the NFS-e and its count.
    expect(grown.map((line) => (JSON.parse(line) as { kind: string }).kind)).toEqual(['snapshot', ...['call', 'issued', 'counted', 'call', 'issued', 'counted', 'call', 'issued', 'counted']]);
    expect(compacted).toHaveLength(1);
    expect(JSON.parse(compacted[0] ?? '{}')).toMatchObject({ kind: 'snapshot', city: { numbering: { [SAO_PAULO]: 3 } }, stats: { issued: 3 } });
    expect(numeroOf(afterReset)).toBe('1');
  });

  it('drops a line torn by a crash in the middle of a write', async () => {
    const first = await start();
    await first.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);
    await first.mock.stop();
    await fs.appendFile(path.join(dataDir, JOURNAL_FILE), '{"kind":"issued","indexKey":"3550308/1122');

    const second = await start();
    const next = await second.sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(2)), false);
    await second.mock.stop();

    expect(numeroOf(next)).toBe('2');
  });

  it('keeps an NFS-e whose answer went out just before a SIGKILL', async () => {
    const child = await startMockProcess(dataDir);
    const exited = new Promise((resolve) => child.process.once('exit', resolve));
    let issued = '';
    try {
      const sp = await AbrasfSoapTransport.create({ endpoint: `${child.url}/${SAO_PAULO}`, timeoutMs: 5000 });
      issued = await sp.call('GerarNfse', cabecalhoXml(), gerarNfseEnvioXml(rpsXml(1)), false);
    } finally {
      child.process.kill('SIGKILL');
      await exited;
    }

    const second = await start();
    try {
      const found = await second.sp.call('ConsultarNfsePorRps', cabecalhoXml(), consultarNfseRpsEnvioXml({ serie: '1', numero: 1 }, CNPJ), false);

      expect(numeroOf(issued)).toBe('1');
      expect(numeroOf(found)).toBe('1');
      expect(/<CodigoVerificacao>(\w+)</.exec(found)?.[1]).toBe(/<CodigoVerificacao>(\w+)</.exec(issued)?.[1]);
    } finally {
      await second.mock.stop();
    }
  }, 60_000);
});

/** The mock alone in a process of its own (`main.ts`), as `npm start`'s would be when killed. */
async function startMockProcess(dataDir: string): Promise<{ process: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('local', 'provider-mock', 'main.ts'), '--port', '0', '--data', dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the mock did not say where it listens within 30 s: ${output}`));
    }, 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /provider mock at (\S+)/.exec(output);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mock exited with ${String(code)} before it listened`));
    });
  });
  return { process: child, url };
}
