import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cityLimitsTableDefinition } from '../../../local/bootstrap/bootstrapApp';
import { testClientConfig, uniqueName } from '../../harness/localCloudEnv';

/** A city limits table of this suite's own on the shared cloud, as the bootstrap creates it, and a client for it. */
export async function createCityLimitsTable(): Promise<{ readonly table: string; readonly dynamodb: DynamoDBDocumentClient }> {
  const client = new DynamoDBClient(testClientConfig());
  const table = uniqueName('city-limits');
  await client.send(new CreateTableCommand(cityLimitsTableDefinition(table)));
  return { table, dynamodb: DynamoDBDocumentClient.from(client) };
}
