import pino from 'pino';
import { Writable } from 'node:stream';
import { AdapterMetrics } from '../../../adapter-container/metrics/AdapterMetrics';
import { AmbiguousProviderError, RejectedProviderError, TransientProviderError } from '../../../adapter-container/providers/errors';
import type { EmfDocument } from '../../../lib/metrics/MetricsEmitter';

/** Real time: Powertools warns about a timestamp more than 2 hours ahead or 14 days behind (CloudWatch skips it). */
const NOW = Math.floor(Date.now() / 1000) * 1000;

function capture(): { metrics: AdapterMetrics; documents: EmfDocument[] } {
  const documents: EmfDocument[] = [];
  const metrics = AdapterMetrics.create({ logger: pino({ level: 'silent' }), now: () => NOW, disabled: false, sink: (document) => documents.push(document) });
  return { metrics, documents };
}

/** What every adapter document declares: namespace, dimension set [service, municipalityCode]. */
function emf(metrics: Array<{ Name: string; Unit: string }>): Record<string, unknown> {
  return { Timestamp: NOW, CloudWatchMetrics: [{ Namespace: 'NfseFlow', Dimensions: [['service', 'municipalityCode']], Metrics: metrics }] };
}

const CITY_CALL_METRICS = [
  { Name: 'CityCalls', Unit: 'Count' },
  { Name: 'CityCallErrors', Unit: 'Count' },
  { Name: 'CityCallRejections', Unit: 'Count' },
  { Name: 'CityCallLatency', Unit: 'Milliseconds' },
];

describe('AdapterMetrics', () => {
  it('emits one EMF document per city call, by municipality, with errors and rejections as 0 or 1', () => {
    const { metrics, documents } = capture();

    metrics.cityCall('3550308', 420);
    metrics.cityCall('3550308', 30_000, new AmbiguousProviderError('TIMEOUT', 'timed out'));
    metrics.cityCall('3304557', 95, new RejectedProviderError('E160', 'bad'));
    metrics.cityCall('3304557', 12, new TransientProviderError('HTTP_503', 'busy'));

    expect(documents).toEqual([
      { _aws: emf(CITY_CALL_METRICS), service: 'adapter', municipalityCode: '3550308', CityCalls: 1, CityCallErrors: 0, CityCallRejections: 0, CityCallLatency: 420 },
      { _aws: emf(CITY_CALL_METRICS), service: 'adapter', municipalityCode: '3550308', CityCalls: 1, CityCallErrors: 1, CityCallRejections: 0, CityCallLatency: 30_000 },
      { _aws: emf(CITY_CALL_METRICS), service: 'adapter', municipalityCode: '3304557', CityCalls: 1, CityCallErrors: 0, CityCallRejections: 1, CityCallLatency: 95 },
      { _aws: emf(CITY_CALL_METRICS), service: 'adapter', municipalityCode: '3304557', CityCalls: 1, CityCallErrors: 1, CityCallRejections: 0, CityCallLatency: 12 },
    ]);
  });

  it('does not count an error that is not the city\'s (a bug, an abort)', () => {
    const { metrics, documents } = capture();

    metrics.cityCall('3550308', 10, new Error('aborted'));

    expect(documents).toEqual([]);
  });

  it('emits the queue wait in milliseconds and the backlog with its age in whole seconds', () => {
    const { metrics, documents } = capture();

    metrics.queueWait('3106200', 1_250);
    metrics.backlog('3106200', 7, 42_600);

    expect(documents).toEqual([
      { _aws: emf([{ Name: 'QueueWait', Unit: 'Milliseconds' }]), service: 'adapter', municipalityCode: '3106200', QueueWait: 1_250 },
      {
        _aws: emf([
          { Name: 'CityBacklog', Unit: 'Count' },
          { Name: 'CityBacklogAge', Unit: 'Seconds' },
        ]),
        service: 'adapter',
        municipalityCode: '3106200',
        CityBacklog: 7,
        CityBacklogAge: 43,
      },
    ]);
  });

  it('logs the documents at debug, and writes nothing to stdout, when metrics are disabled', () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString()); done(); } }));
    const stdout = jest.spyOn(process.stdout, 'write');
    try {
      AdapterMetrics.create({ logger, now: () => NOW, disabled: true }).queueWait('3106200', 80);
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
    }

    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>).map(({ level, msg, emf: document }) => ({ level, msg, document }))).toEqual([
      { level: 20, msg: 'metrics', document: { _aws: emf([{ Name: 'QueueWait', Unit: 'Milliseconds' }]), service: 'adapter', municipalityCode: '3106200', QueueWait: 80 } },
    ]);
  });

  it('writes one EMF line on stdout when enabled and given no sink (what the awslogs driver ships)', () => {
    const written: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      AdapterMetrics.create({ logger: pino({ level: 'silent' }), now: () => NOW, disabled: false }).queueWait('3106200', 80);
    } finally {
      stdout.mockRestore();
    }

    expect(written).toEqual([`${JSON.stringify({ _aws: emf([{ Name: 'QueueWait', Unit: 'Milliseconds' }]), service: 'adapter', municipalityCode: '3106200', QueueWait: 80 })}\n`]);
  });
});
