import { emitCertificateMetrics } from '../../../tasks/certificates/certificateMetrics';
import { MetricsEmitter, type EmfDocument } from '../../../lib/metrics/MetricsEmitter';

/** Real time: Powertools warns about a timestamp more than 2 hours ahead or 14 days behind. */
const NOW = Math.floor(Date.now() / 1000) * 1000;

describe('emitCertificateMetrics', () => {
  function emitter(): { emitter: MetricsEmitter; documents: EmfDocument[] } {
    const documents: EmfDocument[] = [];
    return { emitter: new MetricsEmitter({ service: 'certificates', now: () => NOW, disabled: false, sink: (document) => documents.push(document) }), documents };
  }

  it('emits the fewest days left and the certificates within 30 days, under the service dimension only', () => {
    const { emitter: metrics, documents } = emitter();

    emitCertificateMetrics({ fewestDaysLeft: -2, expiring: 2 }, metrics);

    expect(documents).toEqual([
      {
        _aws: {
          Timestamp: NOW,
          CloudWatchMetrics: [{ Namespace: 'NfseFlow', Dimensions: [['service']], Metrics: [{ Name: 'CertificateDaysLeftMin', Unit: 'Count' }, { Name: 'CertificatesExpiring', Unit: 'Count' }] }],
        },
        service: 'certificates',
        CertificateDaysLeftMin: -2,
        CertificatesExpiring: 2,
      },
    ]);
  });

  it('emits nothing when no company has a certificate', () => {
    const { emitter: metrics, documents } = emitter();

    emitCertificateMetrics({ fewestDaysLeft: null, expiring: 0 }, metrics);

    expect(documents).toEqual([]);
  });
});
