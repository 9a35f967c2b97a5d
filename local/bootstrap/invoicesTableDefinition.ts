import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { INVOICE_INDEXES } from '../../contracts/invoiceRecord';

/** The invoices table with its indexes, as the CDK app defines it (DataStack). */
export function invoicesTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'invoiceId', AttributeType: 'S' },
      { AttributeName: 'companyCnpj', AttributeType: 'S' },
      { AttributeName: 'companyCreatedAt', AttributeType: 'S' },
      { AttributeName: 'sweepShard', AttributeType: 'S' },
      { AttributeName: 'createdAt', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'invoiceId', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: INVOICE_INDEXES.byCompany,
        KeySchema: [
          { AttributeName: 'companyCnpj', KeyType: 'HASH' },
          { AttributeName: 'companyCreatedAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: INVOICE_INDEXES.awaitingStart,
        KeySchema: [
          { AttributeName: 'sweepShard', KeyType: 'HASH' },
          { AttributeName: 'createdAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}
