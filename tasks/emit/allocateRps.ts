import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Rps } from '../../contracts/invoiceRecord';

/** The counter item's key in INVOICES_TABLE: one per (cnpj, municipality, serie). */
export function rpsCounterKey(cnpj: string, municipalityCode: string, serie: string): string {
  return `RPS#${cnpj}#${municipalityCode}#${serie}`;
}

/**
 * Allocates the next RPS number atomically (`ADD` on the counter item). Allocated once, at
 * emission, and sent on every attempt: the city dedupes by it.
 */
export async function allocateRps(ddb: DynamoDBDocumentClient, table: string, cnpj: string, municipalityCode: string, serie: string): Promise<Rps> {
  const result = await ddb.send(
    new UpdateCommand({
      TableName: table,
      Key: { invoiceId: rpsCounterKey(cnpj, municipalityCode, serie) },
      UpdateExpression: COUNTER_UPDATE,
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return rpsOf(serie, result.Attributes?.lastNumber);
}

/**
 * {@link allocateRps} through a plain client, for POST /invoices: a client with `cacheMiddleware`
 * costs about half the CPU of a DocumentClient's call.
 */
export async function allocateRpsWith(dynamodb: DynamoDBClient, table: string, cnpj: string, municipalityCode: string, serie: string): Promise<Rps> {
  const result = await dynamodb.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { invoiceId: { S: rpsCounterKey(cnpj, municipalityCode, serie) } },
      UpdateExpression: COUNTER_UPDATE,
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const numero = result.Attributes?.lastNumber?.N;
  return rpsOf(serie, numero === undefined ? undefined : Number(numero));
}

const COUNTER_UPDATE = 'ADD lastNumber :one';

function rpsOf(serie: string, numero: unknown): Rps {
  if (typeof numero !== 'number' || !Number.isSafeInteger(numero)) throw new Error('RPS counter update returned no number');
  return { serie, numero };
}
