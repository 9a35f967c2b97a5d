import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { ADAPTER_CLUSTER, ADAPTER_SERVICE } from '../../local/app/startLocalApp';
import { MockStats } from '../../local/provider-mock/MockStats';
import { timeScale } from '../harness/localCloudEnv';
import { startE2eApp, statesEntered, taskFailures, type E2eApp, type E2eEcs } from './e2eApp';
import { eventually } from '../harness/eventually';
import { runNfse } from './runNfse';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '31.00', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };
const ISSUED_PATH = ['MarkProcessing', 'RequestIssuance', 'CheckOutcome', 'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued'];

/**
 * One message per adapter at a time, so two invoices in flight means one in each task. The city
 * takes 60 s (6 s real at the test time scale); the call timeout and the shutdown grace period
 * are longer, so a drained adapter finishes the call rather than cutting it off.
 */
const ADAPTER_ENV = { ADAPTER_MAX_IN_FLIGHT: '1', PROVIDER_TIMEOUT_SECONDS: '100', ADAPTER_SHUTDOWN_GRACE_SECONDS: '100' };
const CITY_LATENCY_MS = 60_000;

describe('scaling the adapter service with `nfse adapters`, end to end (ECS tasks as child processes)', () => {
  let e2e: E2eApp;
  let ecs: E2eEcs;
  let token: string;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapterMode: 'ecs', adapters: 2, adapterEnv: ADAPTER_ENV });
    if (e2e.ecs === undefined) throw new Error('the e2e app did not start an ECS');
    ecs = e2e.ecs;
    token = await e2e.token('scaling-client', [CNPJ]);
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  /** Runs the real `nfse` command against this suite's ECS; returns its parsed `--json` output. */
  async function nfse(...args: string[]): Promise<unknown> {
    const run = await runNfse([...args, '--json'], { ...process.env, AWS_ENDPOINT_URL: ecs.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', NFSE_ADAPTER_AUTOSCALING: 'off' });
    if (run.code !== 0) throw new Error(`nfse ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout);
  }

  async function serviceCounts(): Promise<{ desired?: number; running?: number }> {
    const { services } = await ecs.client.send(new DescribeServicesCommand({ cluster: ADAPTER_CLUSTER, services: [ADAPTER_SERVICE] }));
    return { desired: services?.[0]?.desiredCount, running: services?.[0]?.runningCount };
  }

  async function emit(): Promise<{ invoiceId: string; rpsKey: string; rpsNumero: number }> {
    const created = await e2e.call('POST', '/invoices', token, body);
    expect(created.status).toBe(201);
    const invoiceId = String(created.body.invoiceId);
    const rps = (await e2e.record(invoiceId))?.rps as { serie: string; numero: number };
    return { invoiceId, rpsKey: MockStats.rpsKey(body.municipalityCode, { cnpj: CNPJ, ...rps }), rpsNumero: rps.numero };
  }

  it('reads the local cloud with no AWS settings at all, as `npm start` leaves a new shell', async () => {
    const bare = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'NFSE_API_URL'));

    const run = await runNfse(['adapters', 'status', '--json'], { ...bare, LOCAL_EDGE_PORT: new URL(ecs.endpoint).port });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`no AWS_ENDPOINT_URL or AWS credentials: using the local cloud at http://127.0.0.1:${new URL(ecs.endpoint).port} (NFSE_ADAPTER_AUTOSCALING=off)\n`);
    expect(JSON.parse(run.stdout)).toMatchObject({ cluster: ADAPTER_CLUSTER, service: ADAPTER_SERVICE, desired: 2, autoscaling: { status: 'off' } });
  });

  it('scales 2 → 0 while each task has a call in flight: both finish, exit 0, and each invoice is issued once', async () => {
    await eventually('two running adapters', serviceCounts, (s) => s.running === 2);
    e2e.app.mock.knobs.set({ latencyMs: CITY_LATENCY_MS });
    const first = await emit();
    await eventually('first GerarNfse in flight', () => e2e.app.mock.stats().byRps[first.rpsKey]?.calls.GerarNfse, (n) => n === 1, { timeoutMs: 30_000 });
    const second = await emit();
    await eventually('second GerarNfse in flight, in the other task', () => e2e.app.mock.stats(), (s) => s.byRps[second.rpsKey]?.calls.GerarNfse === 1 && s.issued === 0, { timeoutMs: 30_000 });

    // --wait returns once both tasks have drained: their calls were answered before they exited.
    const scaled = await nfse('adapters', 'scale', '0', '--wait', '--timeout', '60s');

    expect(scaled).toEqual({ cluster: 'nfse', service: 'adapters', desired: 0, autoscaling: { status: 'off' }, running: 0, pending: 0, draining: 0 });
    expect(e2e.app.mock.stats().issued).toBe(2);
    for (const invoice of [first, second]) {
      const record = await e2e.waitForStatus(invoice.invoiceId, ['ISSUED'], 30_000);
      // Read once ended: the Aurora row is written after the status lands.
      const history = await e2e.finishedHistory(String(record.executionArn));
      expect(await e2e.reportRow(invoice.invoiceId)).toEqual({ status: 'ISSUED', total: '31.00', nfse_number: record.nfseNumber, error: null, rps_numero: String(invoice.rpsNumero) });
      expect(statesEntered(history)).toEqual(ISSUED_PATH);
      expect(taskFailures(history)).toEqual([]);
      // Finished by the draining task: no redelivery, so no consultation by RPS.
      expect(e2e.app.mock.stats().byRps[invoice.rpsKey]).toEqual({ calls: { GerarNfse: 1 }, nfseIssued: 1 });
    }
    await eventually('no running adapter', serviceCounts, (s) => s.running === 0);
    expect(await nfse('adapters', 'status')).toEqual({ cluster: 'nfse', service: 'adapters', desired: 0, running: 0, pending: 0, draining: 0, autoscaling: { status: 'off' } });
    const stopped = await ecs.client.send(new ListTasksCommand({ cluster: ADAPTER_CLUSTER, serviceName: ADAPTER_SERVICE, desiredStatus: 'STOPPED' }));
    const { tasks } = await ecs.client.send(new DescribeTasksCommand({ cluster: ADAPTER_CLUSTER, tasks: stopped.taskArns ?? [] }));
    expect(tasks?.map((t) => [t.lastStatus, t.containers?.[0]?.exitCode, t.stoppedReason])).toEqual([
      ['STOPPED', 0, 'Scaling activity initiated by (deployment local)'],
      ['STOPPED', 0, 'Scaling activity initiated by (deployment local)'],
    ]);
  }, 120_000);

  it('scales 0 → 1 and the new task issues what waited on the queue longer than a heartbeat timeout would allow', async () => {
    await ecs.client.send(new UpdateServiceCommand({ cluster: ADAPTER_CLUSTER, service: ADAPTER_SERVICE, desiredCount: 0 }));
    await eventually('no adapter task left', async () => (await ecs.client.send(new ListTasksCommand({ cluster: ADAPTER_CLUSTER, serviceName: ADAPTER_SERVICE }))).taskArns ?? [], (arns) => arns.length === 0);
    e2e.app.mock.knobs.set({ latencyMs: 0 });
    const waiting = await emit();
    // No adapter for 90 s of AWS time: past the 60 s HeartbeatSeconds the city calls once had,
    // which timed out tasks that no adapter had ever held (regression).
    await new Promise((resolve) => setTimeout(resolve, 90_000 * timeScale()));

    const scaled = await nfse('adapters', 'scale', '1');

    expect(scaled).toEqual({ cluster: 'nfse', service: 'adapters', desired: 1, autoscaling: { status: 'off' } });
    const record = await e2e.waitForStatus(waiting.invoiceId, ['ISSUED'], 30_000);
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(statesEntered(history)).toEqual(ISSUED_PATH);
    expect(taskFailures(history)).toEqual([]);
    expect((await e2e.reportRow(waiting.invoiceId))?.status).toBe('ISSUED');
    // The first delivery of the first attempt: no consultation, one GerarNfse.
    expect(e2e.app.mock.stats().byRps[waiting.rpsKey]).toEqual({ calls: { GerarNfse: 1 }, nfseIssued: 1 });
    expect(await nfse('adapters', 'status')).toEqual({ cluster: 'nfse', service: 'adapters', desired: 1, running: 1, pending: 0, draining: 0, autoscaling: { status: 'off' } });
  }, 60_000);
});
