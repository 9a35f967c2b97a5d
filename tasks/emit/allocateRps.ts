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
      UpdateExpression: 'ADD lastNumber :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const numero = result.Attributes?.lastNumber;
  if (typeof numero !== 'number') throw new Error('RPS counter update returned no number');
  return { serie, numero };
}
