import { ExecuteStatementCommand, RDSDataClient, type SqlParameter as RdsParameter } from '@aws-sdk/client-rds-data';
import { billingSchemaSql } from '../../../contracts/billingSchemaSql';
import { splitSqlStatements } from '../../../contracts/invoicesSchemaSql';
import { ENV } from '../../../contracts/wiring';
import { appResourceNames, type AppResourceNames } from '../../../local/bootstrap/appResourceNames';
import { substitutePlaceholders } from '../../../workflows/asl/placeholders';
import { LOAD_RECORDED_SQL, RECORD_CONSOLIDATION_SQL } from '../../../workflows/steps/billingSql';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

describe('the billing tables of each app on a shared Postgres', () => {
  const rds = new RDSDataClient(testClientConfig());
  const [first, second] = [uniqueName('bill-a'), uniqueName('bill-b')].map((prefix) => appResourceNames({ prefix, endpoint: testClientConfig().endpoint })) as [AppResourceNames, AppResourceNames];

  afterAll(() => rds.destroy());

  const execute = async (names: AppResourceNames, sql: string, parameters: RdsParameter[] = []): Promise<unknown[]> => {
    const answer = await rds.send(new ExecuteStatementCommand({ resourceArn: names.dbClusterArn, secretArn: names.dbSecretArn, database: names.dbName, sql, parameters, formatRecordsAs: 'JSON' }));
    return JSON.parse(answer.formattedRecords ?? '[]') as unknown[];
  };
  /** A workflow's statement as that app's state machine runs it (its `${BillingSchema}` filled in). */
  const statement = (names: AppResourceNames, sql: string): string => substitutePlaceholders(sql, { BillingSchema: names.env[ENV.BillingSchema] });
  const text = (name: string, value: string): RdsParameter => ({ name, value: { stringValue: value } });

  it('names `billing` for npm start and a schema of its own for any other prefix', () => {
    expect(appResourceNames({ endpoint: 'http://x' }).billingSchema).toBe('billing');
    expect(appResourceNames({ prefix: 'e2e-1234-Ab9', endpoint: 'http://x' }).env[ENV.BillingSchema]).toBe('billing_e2e_1234_ab9');
    expect(first.billingSchema).not.toBe(second.billingSchema);
  });

  it('keeps the month one app recorded out of another app billing the same month', async () => {
    for (const names of [first, second]) for (const sql of splitSqlStatements(billingSchemaSql(names.billingSchema))) await execute(names, sql);
    const record = [
      text('competencia', '2026-01'), text('empresa_id', '7'), text('cnpj', '10000007000107'), text('razao_social', 'Cliente 7 Ltda'),
      { name: 'total_centavos', value: { longValue: 1234 } }, text('status', 'invoiced'), { name: 'contract_id', value: { isNull: true } },
      text('invoice_id', 'inv-7'), text('nfse_number', '77'), { name: 'error_code', value: { isNull: true } }, { name: 'error_message', value: { isNull: true } }, text('execution_arn', 'arn:run-1'),
    ];

    await execute(first, statement(first, RECORD_CONSOLIDATION_SQL), record);
    const seenByFirst = await execute(first, statement(first, LOAD_RECORDED_SQL), [text('competencia', '2026-01')]);
    const seenBySecond = await execute(second, statement(second, LOAD_RECORDED_SQL), [text('competencia', '2026-01')]);

    expect(seenByFirst).toEqual([{ empresa_id: '7', status: 'invoiced', total_centavos: 1234, contract_id: null, invoice_id: 'inv-7', nfse_number: '77', error_code: null, error_message: null }]);
    expect(seenBySecond).toEqual([]);
  });

  it('refuses a schema name it would have to quote', () => {
    expect(() => billingSchemaSql('billing; DROP SCHEMA nfse')).toThrow('not a billing schema name: billing; DROP SCHEMA nfse');
  });
});
