import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Company, CompanyInput } from '../../contracts/company';

/**
 * Writes a company record unless one exists (an onboarding done for the developer): what
 * `PUT /companies/{cnpj}` would store as version 1, so invoices of that CNPJ can be emitted.
 */
export async function seedCompany(endpoint: string, companiesTable: string, cnpj: string, input: CompanyInput): Promise<void> {
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
  const now = new Date().toISOString();
  const company: Company = { ...input, cnpj, version: 1, createdAt: now, updatedAt: now, updatedBy: 'local-seed' };
  try {
    await ddb.send(new PutCommand({ TableName: companiesTable, Item: company, ConditionExpression: 'attribute_not_exists(cnpj)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  } finally {
    ddb.destroy();
  }
}
