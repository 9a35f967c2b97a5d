import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Rps } from '../../contracts/invoiceRecord';

/** The counter item's key in INVOICES_TABLE: one per (cnpj, municipality, serie). */
export function rpsCounterKey(cnpj: string, municipalityCode: string, serie: string): string {
  return `RPS#${cnpj}#${municipalityCode}#${serie}`;
}

/**
 * Allocates the next RPS number atomically (`ADD` on the counter item). Allocated once, at
 * emission, and sent on every attempt: the city dedupes by it. Through a plain client: one with
 * `cacheMiddleware` costs about half the CPU of a DocumentClient's call (which cannot cache it).
 */
export async function allocateRps(dynamodb: DynamoDBClient, table: string, cnpj: string, municipalityCode: string, serie: string): Promise<Rps> {
  const result = await dynamodb.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { invoiceId: { S: rpsCounterKey(cnpj, municipalityCode, serie) } },
      UpdateExpression: 'ADD lastNumber :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const numero = Number(result.Attributes?.lastNumber?.N);
  if (!Number.isSafeInteger(numero)) throw new Error('RPS counter update returned no number');
  return { serie, numero };
}
