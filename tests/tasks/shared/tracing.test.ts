import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import path from 'node:path';
import { promisify } from 'node:util';
import { traceKeysOf } from '../../../tasks/shared/routeHandler';
import { tracingWanted } from '../../../tasks/shared/tracing';

const ROOT = path.resolve(__dirname, '../../..');
const TRACE = { root: '1-5759e988-bd862e3fe1be46a994272793', parent: '53995c3f42cd8ad8' };

/** Runs the fixture in a process of its own with `env`, collecting what it sends to an X-Ray daemon address. */
async function runInvocation(env: Record<string, string>): Promise<{ output: { loaded: boolean; answer: unknown }; documents: Array<Record<string, unknown>> }> {
  const socket = dgram.createSocket('udp4');
  const datagrams: string[] = [];
  socket.on('message', (message) => datagrams.push(message.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    const { port } = socket.address();
    const childEnv = { ...process.env, AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`, POWERTOOLS_SERVICE_NAME: 'nfse-flow', AWS_EXECUTION_ENV: '', ...env };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join('tests', 'tasks', 'shared', 'fixtures', 'tracedInvocation.ts')], { cwd: ROOT, env: childEnv });
    // Each datagram is the daemon protocol's header line, then one segment document.
    const documents = datagrams.map((datagram) => JSON.parse(datagram.split('\n')[1] ?? '{}') as Record<string, unknown>);
    return { output: JSON.parse(stdout.trim()) as { loaded: boolean; answer: unknown }, documents };
  } finally {
    socket.close();
  }
}

describe('tracingWanted', () => {
  it('traces only inside Lambda, unless POWERTOOLS_TRACE_ENABLED is false or SAM runs it', () => {
    expect(tracingWanted({})).toBe(false);
    expect(tracingWanted({ AWS_EXECUTION_ENV: '' })).toBe(false);
    expect(tracingWanted({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' })).toBe(true);
    expect(tracingWanted({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACE_ENABLED: 'FALSE' })).toBe(false);
    expect(tracingWanted({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', AWS_SAM_LOCAL: 'true' })).toBe(false);
  });
});

describe('traceKeysOf', () => {
  it('reads the invoice and company a request or an answer names', () => {
    expect(traceKeysOf({ companyCnpj: '11222333000181', total: '10.00' })).toEqual({ companyCnpj: '11222333000181' });
    expect(traceKeysOf({ invoiceId: '01JTRACED0000000000000000A', status: 'EMITTED' })).toEqual({ invoiceId: '01JTRACED0000000000000000A' });
    expect(traceKeysOf({ cnpj: '11444777000161' })).toEqual({ companyCnpj: '11444777000161' });
    expect(traceKeysOf({ arn: 'arn:aws:states:us-east-1:000000000000:execution:nfse-EmissionWorkflow:01JTRACED0000000000000000A-r1' })).toEqual({
      invoiceId: '01JTRACED0000000000000000A',
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:nfse-EmissionWorkflow:01JTRACED0000000000000000A-r1',
    });
  });

  it('takes a path `id` for the invoice only on the invoice routes (a webhook’s or a key’s id is not one)', () => {
    expect(traceKeysOf({ id: '01JTRACED0000000000000000A' }, { idIsInvoice: true })).toEqual({ invoiceId: '01JTRACED0000000000000000A' });
    expect(traceKeysOf({ id: 'wh_123' })).toEqual({});
    expect(traceKeysOf(undefined)).toEqual({});
  });
});

describe('tracedHandler', () => {
  it('annotates the invocation’s subsegment with the invoice and the company, cold start first, and traces its SDK calls', async () => {
    const { output, documents } = await runInvocation({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      LAMBDA_TASK_ROOT: '/var/task',
      AWS_LAMBDA_FUNCTION_NAME: 'nfse-dev-emit',
      _X_AMZN_TRACE_ID: `Root=${TRACE.root};Parent=${TRACE.parent};Sampled=1`,
    });

    expect(output).toEqual({ loaded: true, answer: { invoiceId: '01JTRACED0000000000000000A', status: 'EMITTED' } });
    const invocations = documents.filter((document) => document.name === '## emit');
    expect(invocations.map((document) => [document.trace_id, document.parent_id, document.annotations])).toEqual([
      [TRACE.root, TRACE.parent, { ColdStart: true, Service: 'nfse-flow', companyCnpj: '11222333000181', invoiceId: '01JTRACED0000000000000000A' }],
      [TRACE.root, TRACE.parent, { ColdStart: false, Service: 'nfse-flow', companyCnpj: '11222333000181', invoiceId: '01JTRACED0000000000000000A' }],
    ]);
    const sqsCalls = documents.filter((document) => document.name === 'SQS');
    expect(sqsCalls.map((document) => [document.parent_id, (document.aws as { operation: string }).operation, document.fault])).toEqual(invocations.map((invocation) => [invocation.id, 'GetQueueUrl', true]));
  }, 60_000);

  it('outside Lambda never loads the X-Ray SDK nor sends anything, and answers the same', async () => {
    const { output, documents } = await runInvocation({});

    expect(output).toEqual({ loaded: false, answer: { invoiceId: '01JTRACED0000000000000000A', status: 'EMITTED' } });
    expect(documents).toEqual([]);
  }, 60_000);
});
