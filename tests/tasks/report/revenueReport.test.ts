import { ExecuteStatementCommand, RDSDataClient } from '@aws-sdk/client-rds-data';
import { mockClient } from 'aws-sdk-client-mock';
import { revenueReport } from '../../../tasks/report/revenueReport';
import { CNPJ, clientCaller } from '../fixtures';

describe('revenueReport', () => {
  const rds = mockClient(RDSDataClient);

  beforeEach(() => rds.reset());

  it('sums ISSUED revenue by municipality for the month, in exact decimals', async () => {
    rds.on(ExecuteStatementCommand).resolves({
      records: [
        [{ stringValue: '3304557' }, { longValue: 2 }, { stringValue: '0.30' }],
        [{ stringValue: '3550308' }, { longValue: 3 }, { stringValue: '1000.10' }],
      ],
    });

    const report = await revenueReport({ rds: new RDSDataClient({ region: 'us-east-1' }), clusterArn: 'c', secretArn: 's', database: 'nfse' }, clientCaller, { month: '2026-11' });

    expect(report).toEqual({
      month: '2026-11',
      companyCnpj: CNPJ,
      rows: [
        { municipalityCode: '3304557', invoices: 2, revenue: '0.30' },
        { municipalityCode: '3550308', invoices: 3, revenue: '1000.10' },
      ],
      total: '1000.40',
    });
    expect(rds.commandCalls(ExecuteStatementCommand)[0]?.args[0].input.parameters).toEqual([
      { name: 'month', value: { stringValue: '2026-11-01' } },
      { name: 'company', value: { stringValue: CNPJ } },
    ]);
  });
});
