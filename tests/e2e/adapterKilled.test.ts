import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { ADAPTER_CLUSTER, ADAPTER_SERVICE } from '../../local/app/startLocalApp';
import { MockStats } from '../../local/provider-mock/MockStats';
import { startE2eApp, statesEntered, taskFailures, type E2eApp, type E2eEcs } from './e2eApp';
import { eventually } from '../harness/eventually';

const CNPJ = '11222333000181';
const body = { companyCnpj: CNPJ, municipalityCode: '3550308', total: '77.10', service: { code: '01.07', description: 'Suporte', issRate: '2.00' }, tomador: { document: '52998224725', name: 'Maria' } };
const ISSUED_PATH = ['MarkProcessing', 'RequestIssuance', 'CheckOutcome', 'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued'];

/**
 * Timing (AWS seconds, ×0.1 on the test cloud): the adapter heartbeats every 5 s and holds a
 * message 20 s past its last extension, so the killed task's message is visible again within 2 s
 * (real) instead of 6 s. The task has no heartbeat timeout, so however long the replacement
 * takes to start, the same task token waits for it: the redelivery, not a retry of the state.
 */
const ADAPTER_ENV = { ADAPTER_HEARTBEAT_SECONDS: '5', ADAPTER_VISIBILITY_TIMEOUT_SECONDS: '20' };
/** The city takes 10 s (1 s real) to answer: the call is in flight when the task dies, and the city issues anyway. */
const CITY_LATENCY_MS = 10_000;

describe('an adapter killed mid-call, end to end (ECS tasks as child processes)', () => {
  let e2e: E2eApp;
  let ecs: E2eEcs;

  beforeAll(async () => {
    e2e = await startE2eApp({ adapterMode: 'ecs', adapters: 1, adapterEnv: ADAPTER_ENV });
    if (e2e.ecs === undefined) throw new Error('the e2e app did not start an ECS');
    ecs = e2e.ecs;
  }, 60_000);

  afterAll(async () => {
    await e2e.stop();
  });

  async function liveTasks(): Promise<string[]> {
    return (await ecs.client.send(new ListTasksCommand({ cluster: ADAPTER_CLUSTER, serviceName: ADAPTER_SERVICE }))).taskArns ?? [];
  }

  it('ECS replaces the task, SQS redelivers its message, and the replacement consults by RPS and answers the same task: one NFS-e', async () => {
    const [victim] = await eventually('one adapter task', liveTasks, (arns) => arns.length === 1);
    if (victim === undefined) throw new Error('no adapter task');
    e2e.app.mock.knobs.set({ latencyMs: CITY_LATENCY_MS });
    const token = await e2e.token('killed-adapter-client', [CNPJ]);
    const created = await e2e.call('POST', '/invoices', token, body);
    expect(created.status).toBe(201);
    const invoiceId = String(created.body.invoiceId);
    const rps = (await e2e.record(invoiceId))?.rps as { serie: string; numero: number };
    const rpsKey = MockStats.rpsKey(body.municipalityCode, { cnpj: CNPJ, ...rps });
    // The adapter has sent GerarNfse; the city is still working on it.
    await eventually('GerarNfse in flight', () => e2e.app.mock.stats().byRps[rpsKey], (s) => s?.calls.GerarNfse === 1 && s.nfseIssued === 0, { timeoutMs: 30_000 });

    expect(await ecs.service.killTask(victim)).toBe(true);

    const record = await e2e.waitForStatus(invoiceId, ['ISSUED'], 30_000);
    expect(record).toMatchObject({ status: 'ISSUED', nfseXmlKey: `nfse/${invoiceId}.xml` });
    expect(record.nfseNumber).toEqual(expect.stringMatching(/^\d+$/));
    // One task, answered by the replacement: no timeout, no retry of the state. (Read once ended:
    // the Aurora row is written after the status lands.)
    const history = await e2e.finishedHistory(String(record.executionArn));
    expect(statesEntered(history)).toEqual(ISSUED_PATH);
    expect(taskFailures(history)).toEqual([]);
    expect(history.filter((e) => e.type === 'TaskScheduled' && e.taskScheduledEventDetails?.resource === 'sendMessage.waitForTaskToken')).toHaveLength(1);
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(await e2e.reportRow(invoiceId)).toEqual({ status: 'ISSUED', total: '77.10', nfse_number: record.nfseNumber, error: null, rps_numero: String(rps.numero) });
    expect(await e2e.object(`nfse/${invoiceId}.xml`)).toContain(`<Numero>${String(record.nfseNumber)}</Numero>`);
    // The city saw one GerarNfse and, from the redelivered message, one consultation by RPS.
    expect(e2e.app.mock.stats().byRps[rpsKey]).toEqual({ calls: { GerarNfse: 1, ConsultarNfsePorRps: 1 }, nfseIssued: 1 });
    // ECS replaced the task that crashed.
    const after = await liveTasks();
    expect(after).toHaveLength(1);
    expect(after).not.toContain(victim);
    const { tasks } = await ecs.client.send(new DescribeTasksCommand({ cluster: ADAPTER_CLUSTER, tasks: [victim] }));
    expect(tasks?.map((t) => [t.lastStatus, t.stoppedReason])).toEqual([['STOPPED', 'Task killed (local chaos)']]);
  }, 60_000);
});
