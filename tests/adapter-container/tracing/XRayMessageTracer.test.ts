import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');

type Document = Record<string, unknown> & { id: string; name: string; trace_id: string; parent_id?: string; annotations?: Record<string, unknown> };

/** Runs the fixture in a process of its own with `env`, collecting what it sends to the X-Ray daemon address. */
async function runMessages(env: Record<string, string>): Promise<{ output: Record<string, unknown>; documents: Document[] }> {
  const socket = dgram.createSocket('udp4');
  const datagrams: string[] = [];
  socket.on('message', (message) => datagrams.push(message.toString('utf8')));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  try {
    const daemon = `127.0.0.1:${socket.address().port}`;
    const childEnv = { ...process.env, AWS_XRAY_DAEMON_ADDRESS: daemon, ...env };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join('tests', 'adapter-container', 'tracing', 'fixtures', 'xrayMessages.ts')], { cwd: ROOT, env: childEnv });
    // Each datagram is the daemon protocol's header line, then one segment document.
    return { output: JSON.parse(stdout.trim()) as Record<string, unknown>, documents: datagrams.map((datagram) => JSON.parse(datagram.split('\n')[1] ?? '{}') as Document) };
  } finally {
    socket.close();
  }
}

describe('XRayMessageTracer (the Fargate adapter, through its daemon sidecar)', () => {
  it('continues the message’s sampled trace: a segment annotated with the invoice, the company and the city, its SDK calls and the city call inside; nothing for an unsampled one', async () => {
    const { output, documents } = await runMessages({});

    expect(output).toEqual({ loaded: true, answered: 'issued', refused: 'city down' });
    const segments = documents.filter((document) => document.name === 'nfse-adapter');
    expect(segments.map((segment) => [segment.trace_id, segment.parent_id, segment.annotations, segment.fault ?? false])).toEqual([
      ['1-5759e988-bd862e3fe1be46a994272793', '53995c3f42cd8ad8', { invoiceId: '01JTRACED0000000000000000A', companyCnpj: '11222333000181', municipalityCode: '3550308' }, false],
      ['1-5759e988-bd862e3fe1be46a994272793', '53995c3f42cd8ad8', { invoiceId: '01JTRACED0000000000000000B', companyCnpj: '11222333000181', municipalityCode: '3550308' }, true],
    ]);
    const [issued, refused] = segments as [Document, Document];
    const subsegments = (segment: Document): Array<Record<string, unknown>> => ((segment.subsegments ?? []) as Array<Record<string, unknown>>).map(({ name, namespace, annotations, fault, aws }) => ({ name, namespace, annotations, fault, operation: (aws as { operation?: string } | undefined)?.operation }));
    expect(subsegments(issued)).toEqual([
      { name: 'SFN', namespace: 'aws', annotations: undefined, fault: true, operation: 'SendTaskHeartbeat' },
      { name: 'city 3550308', namespace: 'remote', annotations: { municipalityCode: '3550308' }, fault: undefined, operation: undefined },
    ]);
    expect(subsegments(refused)).toEqual([{ name: 'city 3550308', namespace: 'remote', annotations: { municipalityCode: '3550308' }, fault: true, operation: undefined }]);
    expect(documents.filter((document) => document.trace_id === '1-5759e988-00000000e1be46a994272793')).toEqual([]);
  }, 60_000);

  it('stays off, the SDK never loaded, without a daemon address (the local cloud’s adapters)', async () => {
    const { output, documents } = await runMessages({ AWS_XRAY_DAEMON_ADDRESS: '' });

    expect(output).toEqual({ loaded: false, answered: 'issued', refused: 'city down' });
    expect(documents).toEqual([]);
  }, 60_000);
});
